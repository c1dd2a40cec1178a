import type { CertificateType } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { assertMappingFits, checkMappingAgainst } from './check-mapping-against.js';
import { parseImportMapping } from './import-mapping.js';

const ISSUER = '11330100MB0000019K';

/** 居民户口簿, reduced: a person's household record. */
const household: CertificateType = {
  code: '11100000000013127D002',
  name: '居民户口簿',
  definingDeptCode: '11100000000013127D',
  issuingDeptCodes: [ISSUER],
  holderKind: 'person',
  fields: {
    type: 'object',
    properties: {
      householdNumber: { type: 'string', title: '户号', pattern: '^[0-9]{9}$' },
      name: { type: 'string', title: '姓名' },
      address: { type: 'string', title: '住址' },
    },
    required: ['householdNumber', 'name'],
    additionalProperties: false,
  },
  sharing: 'unconditional',
  grade: 3,
  trust: 'A',
  validity: { kind: 'permanent' },
};

const mapping = (extra = '', issuer = `issuerCode: ${ISSUER}`) =>
  parseImportMapping(`
typeCode: 11100000000013127D002
${issuer}
holder: {column: 身份证号}
validFrom: {column: 登记日期}
status: {value: valid}
fields:
  householdNumber: {column: 户号}
  name: {column: 姓名}
${extra}`);
const HEADERS = ['户号', '姓名', '身份证号', '登记日期', '备注', ''];

describe('checkMappingAgainst', () => {
  it('accepts a mapping that fits the type and the header', () => {
    expect(checkMappingAgainst(mapping(), household, HEADERS)).toEqual([]);
    expect(() => assertMappingFits(mapping(), household, HEADERS)).not.toThrow();
  });

  it('reports every mismatch with the field and the column', () => {
    const m = parseImportMapping(`
typeCode: 11100000000013127D001
issuerCode: 11330100MB0000027E
holder: {kind: organisation, column: 证件号码}
validFrom: {column: 登记日期}
validUntil: {column: 有效期至}
status: {column: 状态}
fields:
  name: {column: 姓名}
  colour: {value: red}
`);
    expect(checkMappingAgainst(m, household, [...HEADERS, '姓名'])).toEqual([
      {
        code: 'FIELD_INVALID',
        field: 'typeCode',
        message: 'the mapping is for certificate type 11100000000013127D001, not 11100000000013127D002',
      },
      { code: 'HOLDER_KIND_MISMATCH', field: 'holder.kind', message: 'this type is held by a person' },
      {
        code: 'ISSUER_NOT_ALLOWED',
        field: 'issuerCode',
        message: 'this department does not issue this certificate type',
      },
      { code: 'FIELD_UNKNOWN', field: 'fields.colour', message: 'not a field of this certificate type' },
      {
        code: 'FIELD_REQUIRED',
        field: 'fields.householdNumber',
        message: '户号 is required by the type but the mapping does not fill it',
      },
      {
        code: 'COLUMN_MISSING',
        field: 'holder.id',
        column: '证件号码',
        message: 'the file has no such column',
      },
      {
        code: 'COLUMN_MISSING',
        field: 'validUntil',
        column: '有效期至',
        message: 'the file has no such column',
      },
      { code: 'COLUMN_MISSING', field: 'status', column: '状态', message: 'the file has no such column' },
      {
        code: 'COLUMN_AMBIGUOUS',
        field: 'fields.name',
        column: '姓名',
        message: 'the file has 2 columns of this name: rename all but one',
      },
    ]);
  });

  it('checks an issuer column like any other', () => {
    const m = mapping('', 'issuer: {column: 发证机关}');
    expect(checkMappingAgainst(m, household, HEADERS).map((p) => `${p.code} ${p.field}`)).toEqual([
      'COLUMN_MISSING issuerCode',
    ]);
  });

  it('refuses the file with IMPORT_REJECTED when the mapping does not fit', () => {
    expect(() => assertMappingFits(mapping(), household, ['户号', '姓名'])).toThrow(
      expect.objectContaining({
        code: 'IMPORT_REJECTED',
        message:
          'the mapping does not fit: holder.id (column 身份证号): the file has no such column (and 1 more)',
        details: { problems: expect.arrayContaining([expect.objectContaining({ column: '登记日期' })]) },
      }),
    );
  });
});
