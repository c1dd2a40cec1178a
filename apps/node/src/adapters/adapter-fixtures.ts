import { makeCreditCode, makeResidentId, type CertificateType } from '@tongban/domain';

/**
 * Fictional departments, certificate types and holders for the adapter tests: two vertically managed
 * departments of 示范市 (tax and maritime) and the organisations and people they register. Every code
 * has valid check characters and belongs to no real organisation or person.
 */
export const adapterDepts = {
  /** 国家税务总局 (defines the tax registration type). */
  nationalTax: makeCreditCode({
    registrationAuthority: '1',
    category: '1',
    regionCode: '100000',
    organisationBody: 'TB000101',
  }),
  /** 示范市税务局 (a vertically managed department: it issues, in its own system). */
  cityTax: makeCreditCode({
    registrationAuthority: '1',
    category: '1',
    regionCode: '330100',
    organisationBody: 'TB000201',
  }),
  /** 示范海事局. */
  maritime: makeCreditCode({
    registrationAuthority: '1',
    category: '1',
    regionCode: '330100',
    organisationBody: 'TB000301',
  }),
  /** 海关总署 (defines the customs registration type). */
  nationalCustoms: makeCreditCode({
    registrationAuthority: '1',
    category: '1',
    regionCode: '100000',
    organisationBody: 'TB000401',
  }),
  /** 示范海关. */
  cityCustoms: makeCreditCode({
    registrationAuthority: '1',
    category: '1',
    regionCode: '330100',
    organisationBody: 'TB000501',
  }),
} as const;

/** An organisation registered for tax: 示范市 company number `n`. */
export const company = (n: number): string =>
  makeCreditCode({
    registrationAuthority: '9',
    category: '1',
    regionCode: '330100',
    organisationBody: `MA2${String(n).padStart(5, '0')}`,
  });

/** A person: 示范市 resident number `n`. */
export const resident = (n: number): string =>
  makeResidentId({ regionCode: '330102', birthDate: '1985-03-04', sequence: n });

/** 税务登记证 (tax registration), held by organisations, issued by the city tax bureau. */
export const taxRegistrationType: CertificateType = {
  code: `${adapterDepts.nationalTax}001`,
  name: '税务登记证',
  definingDeptCode: adapterDepts.nationalTax,
  issuingDeptCodes: [adapterDepts.cityTax],
  holderKind: 'organisation',
  fields: {
    type: 'object',
    properties: {
      taxpayerName: { type: 'string', title: '纳税人名称' },
      registeredOn: { type: 'string', title: '登记日期', format: 'date' },
      taxAuthority: { type: 'string', title: '主管税务机关' },
      registeredCapital: { type: 'number', title: '注册资本（万元）', minimum: 0 },
    },
    required: ['taxpayerName', 'registeredOn'],
    additionalProperties: false,
  },
  sharing: 'unconditional',
  grade: 1,
  trust: 'A',
  validity: { kind: 'stated' },
};

/** 船员适任证书 (seafarer's certificate of competency), held by people, issued by the maritime bureau. */
export const seafarerType: CertificateType = {
  code: `${adapterDepts.maritime}001`,
  name: '船员适任证书',
  definingDeptCode: adapterDepts.maritime,
  issuingDeptCodes: [adapterDepts.maritime],
  holderKind: 'person',
  fields: {
    type: 'object',
    properties: {
      holderName: { type: 'string', title: '持证人' },
      rank: { type: 'string', title: '职务', enum: ['船长', '大副', '二副', '三副', '值班水手'] },
    },
    required: ['holderName', 'rank'],
    additionalProperties: false,
  },
  sharing: 'conditional',
  legalBasis: '《中华人民共和国船员条例》',
  grade: 2,
  trust: 'A',
  validity: { kind: 'term', years: 5 },
};

/** 报关单位备案 (customs registration of an importer/exporter), issued by 示范海关. */
export const customsRegistrationType: CertificateType = {
  code: `${adapterDepts.nationalCustoms}001`,
  name: '报关单位备案证明',
  definingDeptCode: adapterDepts.nationalCustoms,
  issuingDeptCodes: [adapterDepts.cityCustoms],
  holderKind: 'organisation',
  fields: {
    type: 'object',
    properties: {
      enterpriseName: { type: 'string', title: '企业名称' },
      customsCode: { type: 'string', title: '海关编码', pattern: '^[0-9A-Z]{10}$' },
      registeredOn: { type: 'string', title: '备案日期', format: 'date' },
    },
    required: ['enterpriseName', 'customsCode'],
    additionalProperties: false,
  },
  sharing: 'unconditional',
  grade: 1,
  trust: 'A',
  validity: { kind: 'permanent' },
};

/**
 * The adapter file of the tax bureau's registration view, as an operator would write it: generated
 * identifiers from the row key, a status code table, 9999-12-31 for "no end", a type filter.
 */
export function taxAdapterYaml(p: {
  readonly dialect: 'mariadb' | 'postgres';
  readonly url: string;
  readonly table: string;
  readonly timeoutMs?: number;
}): string {
  return `adapters:
  - name: tax-registration
    kind: sql
    dialect: ${p.dialect}
    url: ${JSON.stringify(p.url)}
    table: ${p.table}
    where: {sjlx: SWDJ}
    typeCode: "${taxRegistrationType.code}"
    issuerCode: "${adapterDepts.cityTax}"
    holder: {kind: organisation, column: nsrsbh}
    key: {column: id}
    version: {column: revision}
    status: {column: zt, map: {'1': valid, '2': cancelled, '3': suspended}}
    validFrom: {column: djrq}
    validUntil: {column: yxqz, map: {'9999-12-31': null}}
    fields:
      taxpayerName: nsrmc
      registeredOn: {column: djrq, transform: date}
      taxAuthority: zgswjg
      registeredCapital: {column: zczb, transform: number}
    timeoutMs: ${p.timeoutMs ?? 2000}
`;
}
