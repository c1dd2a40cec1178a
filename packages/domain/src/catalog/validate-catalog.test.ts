import { deptCodes, smallCatalog, typeCodes } from '@tongban/testing';
import { describe, expect, it } from 'vitest';
import type { Catalog, CertificateType, ServiceItem } from './types.js';
import { validateCatalog } from './validate-catalog.js';

const codes = (c: Catalog) => validateCatalog(c).map((i) => `${i.severity} ${i.code} ${i.pointer}`);
const withItem = (patch: Partial<ServiceItem>, index = 0): Catalog => ({
  ...smallCatalog,
  items: smallCatalog.items.map((it, i) => (i === index ? { ...it, ...patch } : it)),
});
const withType = (patch: Partial<CertificateType>, index = 0): Catalog => ({
  ...smallCatalog,
  certificateTypes: smallCatalog.certificateTypes.map((t, i) => (i === index ? { ...t, ...patch } : t)),
});

describe('validateCatalog', () => {
  it('accepts the small fixture catalog without a single issue', () => {
    expect(validateCatalog(smallCatalog)).toEqual([]);
  });

  it('reports duplicate keys at the second occurrence', () => {
    const c: Catalog = { ...smallCatalog, items: [...smallCatalog.items, smallCatalog.items[0]!] };
    expect(codes(c)).toEqual(['error DUPLICATE_CODE /items/3/itemCode']);
  });

  it('reports an unknown certificate type, an unknown field and an unknown prior item', () => {
    const item = smallCatalog.items[0]!;
    const c = withItem({
      materials: [
        {
          name: 'x',
          required: true,
          source: { kind: 'certificate', typeCode: '11100000000013127D999', fields: ['name'] },
        },
        {
          name: 'y',
          required: true,
          source: { kind: 'certificate', typeCode: typeCodes.idCard, fields: ['name', 'shoeSize'] },
        },
        { name: 'z', required: false, source: { kind: 'prior-case', itemCode: 'NO-SUCH-ITEM' } },
        ...item.materials,
      ],
    });
    expect(codes(c)).toEqual([
      'error UNKNOWN_CERTIFICATE_TYPE /items/0/materials/0/source/typeCode',
      'error UNKNOWN_FIELD /items/0/materials/1/source/fields/1',
      'error UNKNOWN_ITEM /items/0/materials/2/source/itemCode',
    ]);
  });

  it('reports unknown departments, outputs and follow-ups', () => {
    const c = withItem({
      deptCode: '91350100M000100Y43',
      outputs: ['11100000000013127D777'],
      followUps: ['nope'],
    });
    expect(codes(c)).toEqual([
      'error UNKNOWN_DEPARTMENT /items/0/deptCode',
      'error UNKNOWN_CERTIFICATE_TYPE /items/0/outputs/0',
      'error UNKNOWN_ITEM /items/0/followUps/0',
    ]);
  });

  it('requires a legal basis for conditional and non-shared types', () => {
    expect(codes(withType({ legalBasis: '  ' }, 2))).toEqual([
      'error LEGAL_BASIS_REQUIRED /certificateTypes/2/legalBasis',
    ]);
  });

  it('checks that a type code is its defining department’s credit code plus 3 digits', () => {
    expect(codes(withType({ code: '11100000MB0143028R001' }, 0))).toContain(
      'error TYPE_CODE_MISMATCH /certificateTypes/0/code',
    );
  });

  it('rejects a field schema that is not valid JSON Schema, or lacks Chinese labels', () => {
    const broken = withType({
      fields: {
        type: 'object',
        properties: { a: { type: 'strin' as 'string', title: 'A' } },
        required: ['b'],
      },
    });
    expect(codes(broken)).toEqual(
      expect.arrayContaining([
        'error INVALID_FIELDS_SCHEMA /certificateTypes/0/fields/required',
        'error INVALID_FIELDS_SCHEMA /certificateTypes/0/fields',
      ]),
    );
    const unlabelled = withType({
      fields: { type: 'object', properties: { a: { type: 'string', title: '' } } },
    });
    expect(codes(unlabelled)).toContain(
      'error INVALID_FIELDS_SCHEMA /certificateTypes/0/fields/properties/a/title',
    );
  });

  it('keeps a flagged department whose key is no credit code as a warning, and rejects an unflagged one', () => {
    const bad = { creditCode: 'ABC', name: '某部门', level: 'province' as const, vertical: false };
    expect(codes({ ...smallCatalog, departments: [...smallCatalog.departments, bad] })).toEqual([
      'error INVALID_CREDIT_CODE /departments/3/creditCode',
    ]);
    expect(
      codes({
        ...smallCatalog,
        departments: [...smallCatalog.departments, { ...bad, flags: ['CREDIT_CODE_INVALID'] }],
      }),
    ).toEqual(['warning INVALID_CREDIT_CODE /departments/3/creditCode']);
  });

  it('warns about a credit code whose check character is off (legal early codes exist)', () => {
    const off = {
      creditCode: `${deptCodes.police.slice(0, 17)}Y`,
      name: '早期代码部门',
      level: 'city' as const,
      vertical: false,
    };
    expect(codes({ ...smallCatalog, departments: [...smallCatalog.departments, off] })).toEqual([
      'warning CREDIT_CODE_CHECK_MISMATCH /departments/3/creditCode',
    ]);
  });

  it('rejects non-positive time limits and warns when the promise exceeds the statute', () => {
    expect(codes(withItem({ statutoryDays: { days: 0, unit: 'working' } }))).toContain(
      'error INVALID_TIME_LIMIT /items/0/statutoryDays/days',
    );
    expect(codes(withItem({ promisedDays: { days: 30, unit: 'working' } }))).toEqual([
      'warning INVALID_TIME_LIMIT /items/0/promisedDays/days',
    ]);
  });

  it('reports every problem, not just the first', () => {
    const c = withItem({
      deptCode: 'x',
      type: '随便' as ServiceItem['type'],
      outputs: ['y'],
      followUps: ['z'],
    });
    expect(validateCatalog(c)).toHaveLength(4);
  });
});
