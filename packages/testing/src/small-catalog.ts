import type { Catalog, CertificateType, Department, ServiceItem } from '@tongban/domain';

/**
 * A small, fictional, valid catalog for tests: three departments of 示范市, four certificate types
 * (one of each sharing class, plus the national ID card), three items. Credit codes have valid
 * GB 32100 check characters and belong to no real organisation.
 */
export const deptCodes = {
  police: '11330100T0000001XK',
  market: '11330100T00000028K',
  civil: '11330100T00000036E',
} as const;

export const typeCodes = {
  idCard: '11100000000013127D001',
  businessLicence: '11100000MB0143028R001',
  marriage: '11330100T00000036E001',
  adoption: '11330100T00000036E002',
} as const;

const departments: Department[] = [
  { creditCode: deptCodes.police, name: '示范市公安局', level: 'city', vertical: false },
  { creditCode: deptCodes.market, name: '示范市市场监督管理局', level: 'city', vertical: false },
  { creditCode: deptCodes.civil, name: '示范市民政局', level: 'city', vertical: false },
];

const certificateTypes: CertificateType[] = [
  {
    code: typeCodes.idCard,
    name: '居民身份证',
    definingDeptCode: '11100000000013127D',
    issuingDeptCodes: [deptCodes.police],
    holderKind: 'person',
    fields: {
      type: 'object',
      properties: {
        name: { type: 'string', title: '姓名' },
        idNumber: { type: 'string', title: '公民身份号码', pattern: '^[0-9]{17}[0-9X]$' },
        address: { type: 'string', title: '住址' },
      },
      required: ['name', 'idNumber'],
    },
    sharing: 'unconditional',
    grade: 3,
    trust: 'A',
    validity: { kind: 'stated' },
  },
  {
    code: typeCodes.businessLicence,
    name: '营业执照',
    definingDeptCode: '11100000MB0143028R',
    issuingDeptCodes: [deptCodes.market],
    holderKind: 'organisation',
    fields: {
      type: 'object',
      properties: {
        creditCode: { type: 'string', title: '统一社会信用代码' },
        name: { type: 'string', title: '名称' },
        legalRepresentative: { type: 'string', title: '法定代表人' },
        registeredCapital: { type: 'string', title: '注册资本' },
      },
      required: ['creditCode', 'name'],
    },
    sharing: 'unconditional',
    grade: 1,
    trust: 'A',
    validity: { kind: 'stated' },
  },
  {
    code: typeCodes.marriage,
    name: '结婚证',
    definingDeptCode: deptCodes.civil,
    issuingDeptCodes: [deptCodes.civil],
    holderKind: 'person',
    fields: {
      type: 'object',
      properties: {
        holderName: { type: 'string', title: '持证人' },
        spouseName: { type: 'string', title: '配偶姓名' },
        registeredOn: { type: 'string', title: '登记日期', format: 'date' },
      },
      required: ['holderName', 'registeredOn'],
    },
    sharing: 'conditional',
    legalBasis: '《婚姻登记条例》',
    grade: 3,
    trust: 'A',
    validity: { kind: 'permanent' },
  },
  {
    code: typeCodes.adoption,
    name: '收养登记证',
    definingDeptCode: deptCodes.civil,
    issuingDeptCodes: [deptCodes.civil],
    holderKind: 'person',
    fields: {
      type: 'object',
      properties: { holderName: { type: 'string', title: '收养人' } },
      required: ['holderName'],
    },
    sharing: 'none',
    legalBasis: '《中国公民收养子女登记办法》第十二条',
    grade: 4,
    trust: 'A',
    validity: { kind: 'permanent' },
  },
];

const items: ServiceItem[] = [
  {
    itemCode: '11330100T00000028K4000100001000',
    baseCode: '000100001000',
    name: '食品经营许可',
    deptCode: deptCodes.market,
    type: '行政许可',
    statutoryDays: { days: 20, unit: 'working' },
    promisedDays: { days: 10, unit: 'working' },
    materials: [
      {
        name: '营业执照',
        required: true,
        source: {
          kind: 'certificate',
          typeCode: typeCodes.businessLicence,
          fields: ['creditCode', 'name', 'legalRepresentative'],
        },
      },
      {
        name: '法定代表人身份证',
        required: true,
        source: { kind: 'certificate', typeCode: typeCodes.idCard, fields: ['name', 'idNumber'] },
      },
      { name: '食品安全管理制度', required: true, source: { kind: 'applicant' } },
    ],
    outputs: [],
    followUps: [],
    serviceObjects: ['企业法人'],
  },
  {
    itemCode: '11330100T00000036E4000200001000',
    baseCode: '000200001000',
    name: '内地居民婚姻登记',
    deptCode: deptCodes.civil,
    type: '行政确认',
    statutoryDays: null,
    promisedDays: { days: 1, unit: 'natural' },
    materials: [
      {
        name: '居民身份证',
        required: true,
        source: { kind: 'certificate', typeCode: typeCodes.idCard, fields: ['name', 'idNumber', 'address'] },
      },
      { name: '本人无配偶声明', required: true, source: { kind: 'applicant' } },
    ],
    outputs: [typeCodes.marriage],
    followUps: ['11330100T0000001XK4000300001000'],
    serviceObjects: ['自然人'],
  },
  {
    itemCode: '11330100T0000001XK4000300001000',
    baseCode: '000300001000',
    name: '户口迁移（婚迁）',
    deptCode: deptCodes.police,
    type: '公共服务',
    statutoryDays: { days: 15, unit: 'working' },
    promisedDays: { days: 5, unit: 'working' },
    materials: [
      {
        name: '结婚证',
        required: true,
        source: { kind: 'certificate', typeCode: typeCodes.marriage, fields: ['holderName', 'spouseName'] },
      },
      {
        name: '婚姻登记结果',
        required: false,
        source: { kind: 'prior-case', itemCode: '11330100T00000036E4000200001000' },
      },
    ],
    outputs: [],
    followUps: [],
    serviceObjects: ['自然人'],
  },
];

export const smallCatalog: Catalog = { departments, certificateTypes, items };
