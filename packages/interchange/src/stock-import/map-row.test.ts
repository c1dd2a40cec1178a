import { makeResidentId, type CertificateType, type FieldSchema } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { parseImportMapping } from './import-mapping.js';
import { mapRow, type MappedRow } from './map-row.js';
import type { SourceRow, SourceValues } from './row-source.js';

const POLICE = '11330100MB0000019K';
const OTHER_DEPT = '11330100MB0000027E';
const str = (title: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({
  type: 'string',
  title,
  ...extra,
});

/** 机动车驾驶证, held by a person, keyed by its 证号. */
const driverLicence: CertificateType = {
  code: '11100000000013127D101',
  name: '机动车驾驶证',
  definingDeptCode: '11100000000013127D',
  issuingDeptCodes: [POLICE],
  holderKind: 'person',
  fields: {
    type: 'object',
    properties: {
      licenceNumber: str('证号', { pattern: '^[0-9]{17}[0-9X]$' }),
      name: str('姓名'),
      sex: str('性别', { enum: ['男', '女'] }),
      vehicleClass: str('准驾车型', { enum: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'D'] }),
      points: { type: 'integer', title: '累积记分', minimum: 0 },
      firstIssuedOn: str('初次领证日期', { format: 'date' }),
      endorsements: { type: 'array', title: '签注', items: str('签注') },
      validTo: str('有效期限', { pattern: '^([0-9]{4}-[0-9]{2}-[0-9]{2}|长期)$' }),
      note: str('备注'),
    },
    required: ['licenceNumber', 'name', 'vehicleClass'],
    additionalProperties: false,
  },
  sharing: 'unconditional',
  grade: 2,
  trust: 'A',
  validity: { kind: 'stated' },
};

const mapping = parseImportMapping(`
typeCode: 11100000000013127D101
issuer: {column: 发证机关代码, transforms: [{default: ${POLICE}}]}
holder: {kind: person, column: 身份证号}
key: [licenceNumber]
validFrom: {column: 有效期起始日期, transforms: [date]}
validUntil: {column: 有效期至, transforms: [longTerm]}
status: {column: 状态, transforms: [{default: 有效}]}
fields:
  licenceNumber: {column: 身份证号, transforms: [idNumber]}
  name: {column: 姓名, transforms: [trim]}
  sex: {column: 性别, transforms: [{map: {男: 男, 女: 女, M: 男, F: 女}}]}
  vehicleClass: {column: 准驾车型, transforms: [halfwidth, upper]}
  points: {column: 记分}
  firstIssuedOn: {column: 初次领证日期}
  endorsements: {column: 签注, transforms: [{split: [';', '；']}]}
  validTo: {column: 有效期至, transforms: [longTerm]}
  note: {value: 存量导入}
`);

const ID = makeResidentId({ regionCode: '330106', birthDate: '1988-08-08', sequence: 123 });
const GOOD: SourceValues = {
  身份证号: ID,
  姓名: ' 林晓东 ',
  性别: 'M',
  准驾车型: 'ｃ１',
  记分: '3',
  初次领证日期: '2008/8/8',
  签注: '',
  有效期起始日期: '2018年8月8日',
  有效期至: '2028-08-08',
  状态: undefined,
  发证机关代码: undefined,
};
const row = (
  values: Partial<Record<string, string | number | Date | undefined>>,
  rowNumber = 7,
): SourceRow => ({
  rowNumber,
  values: { ...GOOD, ...values },
});
const map = (values: Partial<Record<string, string | number | Date | undefined>> = {}): MappedRow =>
  mapRow(row(values), mapping, driverLicence);
const problemsOf = (r: MappedRow) =>
  r.ok ? [] : r.problems.map((p) => `${p.code} ${p.field}${p.column ? ` [${p.column}]` : ''}`);

describe('mapRow', () => {
  it('maps a good row, coercing to the schema and normalising the holder', () => {
    const r = map({ 身份证号: `${ID.slice(0, 6)} ${ID.slice(6)}`.toLowerCase() });
    expect(r).toEqual({
      ok: true,
      rowNumber: 7,
      sourceKey: `11100000000013127D101|${ID}`,
      content: {
        typeCode: '11100000000013127D101',
        holder: { kind: 'person', id: ID },
        issuerCode: POLICE,
        status: 'valid',
        validFrom: '2018-08-08',
        validUntil: '2028-08-08',
        fields: {
          licenceNumber: ID,
          name: '林晓东',
          sex: '男',
          vehicleClass: 'C1',
          points: 3,
          firstIssuedOn: '2008-08-08',
          validTo: '2028-08-08',
          note: '存量导入',
        },
      },
    });
  });

  it('gives the same key to the same certificate however it is spelled', () => {
    const a = map();
    const b = map({ 身份证号: ID.replace(/^(\d{6})/, '$1 '), 姓名: '林晓东', 准驾车型: 'C1', 记分: 3 });
    expect(a.ok && b.ok && a.sourceKey === b.sourceKey).toBe(true);
  });

  it('reads long-term validity as null, and as 长期 in a text field', () => {
    const r = map({ 有效期至: '长期' });
    expect(r.ok && [r.content.validUntil, r.content.fields['validTo']]).toEqual([null, '长期']);
  });

  it('splits lists and wraps one value into a list', () => {
    const r = map({ 签注: '实习期；记满12分;' });
    expect(r.ok && r.content.fields['endorsements']).toEqual(['实习期', '记满12分']);
  });

  it('reports each transform failure with its field and column, and the check of the rest', () => {
    const r = map({
      性别: 'X',
      记分: '三分',
      有效期起始日期: '2018-02-30',
      状态: '正常',
      准驾车型: 'Z9',
      发证机关代码: OTHER_DEPT,
    });
    expect(problemsOf(r)).toEqual([
      'DATE_INVALID validFrom [有效期起始日期]',
      'STATUS_INVALID status [状态]',
      'VALUE_NOT_MAPPED fields.sex [性别]',
      'NUMBER_INVALID fields.points [记分]',
      'ISSUER_NOT_ALLOWED issuerCode [发证机关代码]',
      'FIELD_INVALID fields.vehicleClass [准驾车型]',
    ]);
  });

  it('reports an empty required part once, where it belongs', () => {
    expect(
      problemsOf(map({ 身份证号: '  ', 姓名: undefined, 有效期起始日期: '', 有效期至: '2028-08-08' })),
    ).toEqual([
      'FIELD_REQUIRED validFrom [有效期起始日期]',
      'HOLDER_ID_INVALID holder.id [身份证号]',
      'FIELD_REQUIRED fields.licenceNumber [身份证号]',
      'FIELD_REQUIRED fields.name [姓名]',
    ]);
  });

  it('refuses bad check characters, a holder of the wrong kind and an end before the start', () => {
    const bad = ID.slice(0, 17) + (ID.endsWith('0') ? '1' : '0');
    expect(problemsOf(map({ 身份证号: bad }))).toEqual([
      'HOLDER_ID_INVALID holder.id [身份证号]',
      'CHECK_CHARACTER fields.licenceNumber [身份证号]',
    ]);
    expect(problemsOf(map({ 有效期至: '2017-01-01' }))).toEqual(['VALIDITY_ORDER validUntil [有效期至]']);
    const asCompany = parseImportMapping(
      `typeCode: 11100000000013127D101\nissuerCode: ${POLICE}\nholder: {kind: organisation, column: 身份证号}\nvalidFrom: {value: 2020-01-01}\nstatus: {value: valid}\nfields: {licenceNumber: {column: 身份证号}, name: {column: 姓名}, vehicleClass: {value: C1}}\n`,
    );
    expect(problemsOf(mapRow(row({}), asCompany, driverLicence))).toEqual([
      'HOLDER_KIND_MISMATCH holder.kind',
      'HOLDER_ID_INVALID holder.id [身份证号]',
    ]);
  });

  it('needs longTerm to read an empty end date as no end', () => {
    const strict = parseImportMapping(
      `typeCode: 11100000000013127D101\nissuerCode: ${POLICE}\nholder: {column: 身份证号}\nvalidFrom: {column: 有效期起始日期}\nvalidUntil: {column: 有效期至}\nstatus: {value: 有效}\nfields: {licenceNumber: {column: 身份证号}, name: {column: 姓名}, vehicleClass: {value: C1}}\n`,
    );
    const r = mapRow(row({ 有效期至: '' }), strict, driverLicence);
    expect(problemsOf(r)).toEqual(['FIELD_REQUIRED validUntil [有效期至]']);
    expect(!r.ok && r.problems[0]?.message).toContain('add longTerm');
    const ok = mapRow(row({}), strict, driverLicence);
    expect(ok.ok && ok.content.status).toBe('valid');
  });

  it('refuses control characters in text, and a list where one value is needed', () => {
    expect(problemsOf(map({ 姓名: '林\u0007晓东' }))).toEqual(['FIELD_INVALID fields.name [姓名]']);
    const listy = parseImportMapping(
      `typeCode: 11100000000013127D101\nissuerCode: ${POLICE}\nholder: {column: 身份证号, transforms: [{split: ','}]}\nvalidFrom: {value: 2020-01-01}\nstatus: {value: valid}\nfields: {licenceNumber: {column: 身份证号}, name: {column: 姓名}, vehicleClass: {value: C1}}\n`,
    );
    expect(problemsOf(mapRow(row({}), listy, driverLicence))).toEqual(['FIELD_INVALID holder.id [身份证号]']);
  });

  it('refuses a field the type does not have, and an empty key part', () => {
    const odd = parseImportMapping(
      `typeCode: 11100000000013127D101\nissuerCode: ${POLICE}\nholder: {column: 身份证号}\nkey: [holder, note]\nvalidFrom: {value: 2020-01-01}\nstatus: {value: valid}\nfields: {licenceNumber: {column: 身份证号}, name: {column: 姓名}, vehicleClass: {value: C1}, colour: {value: red}, note: {column: 备注}}\n`,
    );
    expect(problemsOf(mapRow(row({}), odd, driverLicence))).toEqual(['FIELD_UNKNOWN fields.colour']);
    const keyed = parseImportMapping(
      `typeCode: 11100000000013127D101\nissuerCode: ${POLICE}\nholder: {column: 身份证号}\nkey: [holder, note]\nvalidFrom: {value: 2020-01-01}\nstatus: {value: valid}\nfields: {licenceNumber: {column: 身份证号}, name: {column: 姓名}, vehicleClass: {value: C1}, note: {column: 备注}}\n`,
    );
    expect(problemsOf(mapRow(row({}), keyed, driverLicence))).toEqual(['FIELD_REQUIRED fields.note [备注]']);
    const a = mapRow(row({ 备注: 'a|b' }), keyed, driverLicence);
    const b = mapRow(row({ 备注: 'a\\|b' }), keyed, driverLicence);
    expect(a.ok && a.sourceKey).toBe(`11100000000013127D101|${ID}|a\\|b`);
    expect(a.ok && b.ok && a.sourceKey !== b.sourceKey).toBe(true);
  });

  it('passes a malformed row through', () => {
    const problem = {
      code: 'ROW_MALFORMED',
      field: '',
      message: 'the line has 2 values where the header has 12',
    } as const;
    expect(mapRow({ rowNumber: 9, problem }, mapping, driverLicence)).toEqual({
      ok: false,
      rowNumber: 9,
      problems: [problem],
    });
  });

  it('reads hostile column names and values as data, and never echoes a value', () => {
    const hostile: SourceRow = {
      rowNumber: 1,
      values: Object.fromEntries([
        ['__proto__', 'x'],
        ['constructor', 'y'],
        ['身份证号', '110105194912310021'],
        ['姓名', 'NaN'],
        ['性别', 'constructor'],
        ['准驾车型', '\u0000'.repeat(10)],
        ['记分', '1e400'],
        ['有效期起始日期', 'Infinity'],
      ]),
    };
    const r = mapRow(hostile, mapping, driverLicence);
    expect(r.ok).toBe(false);
    for (const p of r.ok ? [] : r.problems) {
      expect(p.message).not.toContain('110105194912310021');
      expect(p.message).not.toContain('1e400');
    }
    expect(problemsOf(r)).toEqual([
      'DATE_INVALID validFrom [有效期起始日期]',
      'VALUE_NOT_MAPPED fields.sex [性别]',
      'FIELD_INVALID fields.vehicleClass [准驾车型]',
      'NUMBER_INVALID fields.points [记分]',
      'HOLDER_ID_INVALID holder.id [身份证号]',
      'CHECK_CHARACTER fields.licenceNumber [身份证号]',
    ]);
  });
});
