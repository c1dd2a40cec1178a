import { deptCodes, smallCatalog, typeCodes } from '@tongban/testing';
import { describe, expect, it } from 'vitest';
import type { CertificateType, FieldSchema } from '../catalog/types.js';
import { makeCreditCode } from '../identifiers/credit-code.js';
import { makeResidentId } from '../identifiers/resident-id.js';
import type { CertificateProblem } from './check-certificate.js';
import { certificateProblemCodes, checkCertificate, isIsoDate } from './check-certificate.js';
import type { CertificateContent, CertificateStatus } from './types.js';

const typeOf = (code: string): CertificateType => {
  const t = smallCatalog.certificateTypes.find((c) => c.code === code);
  if (!t) throw new Error(`fixture type ${code} missing`);
  return t;
};
const idCard = typeOf(typeCodes.idCard);
const licence = typeOf(typeCodes.businessLicence);
const marriage = typeOf(typeCodes.marriage);

const personId = makeResidentId({ regionCode: '330102', birthDate: '1990-03-07', sequence: 123 });
const otherPersonId = makeResidentId({ regionCode: '330106', birthDate: '1985-12-31', sequence: 44 });
const orgId = makeCreditCode({
  registrationAuthority: '9',
  category: '1',
  regionCode: '330100',
  organisationBody: 'MA2B3C4D',
});

/** The same identifier with a wrong last character (still the right shape). */
const breakCheck = (id: string, alphabet = '0123456789X'): string => {
  const last = id.charAt(id.length - 1);
  const replacement = [...alphabet].find((c) => c !== last) ?? '0';
  return id.slice(0, -1) + replacement;
};
const badPersonId = breakCheck(personId);
const badOrgId = breakCheck(orgId, '0123456789ABCDEFGHJKLMNPQRTUWXY');

const idCardContent = (patch: Partial<CertificateContent> = {}): CertificateContent => ({
  typeCode: typeCodes.idCard,
  holder: { kind: 'person', id: personId },
  issuerCode: deptCodes.police,
  fields: { name: '张三', idNumber: personId, address: '示范市上城区某路 1 号' },
  status: 'valid',
  validFrom: '2020-01-01',
  validUntil: '2040-01-01',
  ...patch,
});
const licenceContent = (patch: Partial<CertificateContent> = {}): CertificateContent => ({
  typeCode: typeCodes.businessLicence,
  holder: { kind: 'organisation', id: orgId },
  issuerCode: deptCodes.market,
  fields: { creditCode: orgId, name: '示范市某某餐饮有限公司', legalRepresentative: '李四' },
  status: 'valid',
  validFrom: '2019-05-20',
  validUntil: null,
  ...patch,
});
const marriageContent = (patch: Partial<CertificateContent> = {}): CertificateContent => ({
  typeCode: typeCodes.marriage,
  holder: { kind: 'person', id: personId },
  issuerCode: deptCodes.civil,
  fields: { holderName: '张三', spouseName: '王五', registeredOn: '2021-05-20' },
  status: 'valid',
  validFrom: '2021-05-20',
  validUntil: null,
  ...patch,
});

/** A type built for a test, sharing the ID card's department and holder kind. */
const customType = (
  properties: Record<string, FieldSchema>,
  extra: { required?: string[]; additionalProperties?: boolean } = {},
): CertificateType => ({
  ...idCard,
  code: '11330100T0000001XK901',
  fields: { type: 'object', properties, ...extra },
});
const customContent = (fields: Record<string, unknown>): CertificateContent =>
  idCardContent({ typeCode: '11330100T0000001XK901', fields });

const codes = (ps: readonly CertificateProblem[]) => ps.map((p) => `${p.code} ${p.field}`);

/** Every check also asserts that no message repeats an ID number. */
const secrets = [personId, otherPersonId, badPersonId, orgId, badOrgId];
const check = (content: CertificateContent, type: CertificateType): CertificateProblem[] => {
  const problems = checkCertificate(content, type);
  for (const p of problems) {
    expect(certificateProblemCodes).toContain(p.code);
    expect(typeof p.message).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
    for (const s of [...secrets, content.holder.id]) {
      if (s.length >= 8) expect(p.message).not.toContain(s);
    }
  }
  return problems;
};

describe('checkCertificate: valid records', () => {
  it('accepts a valid ID card', () => {
    expect(check(idCardContent(), idCard)).toEqual([]);
  });

  it('accepts a valid business licence held by an organisation', () => {
    expect(check(licenceContent(), licence)).toEqual([]);
  });

  it('accepts a valid marriage certificate with a date field', () => {
    expect(check(marriageContent(), marriage)).toEqual([]);
  });

  it('accepts the optional fields being absent', () => {
    expect(check(idCardContent({ fields: { name: '张三', idNumber: personId } }), idCard)).toEqual([]);
  });

  it('accepts validUntil null (长期)', () => {
    expect(check(idCardContent({ validUntil: null }), idCard)).toEqual([]);
  });

  it('accepts validUntil equal to validFrom (a one-day validity)', () => {
    expect(check(idCardContent({ validFrom: '2024-06-01', validUntil: '2024-06-01' }), idCard)).toEqual([]);
  });

  it.each(['valid', 'suspended', 'revoked', 'cancelled', 'expired', 'withdrawn'] as const)(
    'accepts status %s',
    (status) => {
      expect(check(idCardContent({ status }), idCard)).toEqual([]);
    },
  );

  it('accepts leap days in leap years', () => {
    expect(check(idCardContent({ validFrom: '2020-02-29', validUntil: '2000-02-29' }), idCard)).toEqual([
      expect.objectContaining({ code: 'VALIDITY_ORDER' }),
    ]);
    expect(check(idCardContent({ validFrom: '2000-02-29', validUntil: '2020-02-29' }), idCard)).toEqual([]);
    expect(
      check(marriageContent({ fields: { holderName: '张三', registeredOn: '2024-02-29' } }), marriage),
    ).toEqual([]);
  });

  it('accepts extra fields when the type does not set additionalProperties: false', () => {
    expect(
      check(idCardContent({ fields: { name: '张三', idNumber: personId, shoeSize: 42 } }), idCard),
    ).toEqual([]);
  });

  it('gives the same answer on repeated calls (compiled validator cache)', () => {
    const bad = idCardContent({ fields: { name: 42 } });
    const first = checkCertificate(bad, idCard);
    expect(checkCertificate(bad, idCard)).toEqual(first);
    expect(checkCertificate(idCardContent(), idCard)).toEqual([]);
    // A structurally equal copy of the type is compiled on its own and agrees.
    expect(checkCertificate(bad, structuredClone(idCard))).toEqual(first);
  });

  it('does not modify the content or the type', () => {
    const content = idCardContent({ fields: { name: 42, idNumber: badPersonId } });
    const contentCopy = structuredClone(content);
    const typeCopy = structuredClone(idCard);
    checkCertificate(content, idCard);
    expect(content).toEqual(contentCopy);
    expect(idCard).toEqual(typeCopy);
  });
});

describe('checkCertificate: holder', () => {
  it('reports an organisation holding a person type', () => {
    expect(codes(check(idCardContent({ holder: { kind: 'organisation', id: orgId } }), idCard))).toEqual([
      'HOLDER_KIND_MISMATCH holder.kind',
    ]);
  });

  it('reports a person holding an organisation type', () => {
    const problems = check(licenceContent({ holder: { kind: 'person', id: personId } }), licence);
    expect(codes(problems)).toEqual(['HOLDER_KIND_MISMATCH holder.kind']);
    expect(problems[0]?.message).toContain('organisation');
  });

  it('reports a bad check character in a resident ID number', () => {
    const problems = check(idCardContent({ holder: { kind: 'person', id: badPersonId } }), idCard);
    expect(codes(problems)).toEqual(['HOLDER_ID_INVALID holder.id']);
  });

  it('reports a bad check character in a credit code', () => {
    const problems = check(licenceContent({ holder: { kind: 'organisation', id: badOrgId } }), licence);
    expect(codes(problems)).toEqual(['HOLDER_ID_INVALID holder.id']);
  });

  it.each([
    ['empty', ''],
    ['too short', personId.slice(0, 17)],
    ['letters', 'ABCDEFGHIJKLMNOPQR'],
    ['impossible birth date', '330102199002300012'],
  ])('reports a %s resident ID number', (_why, id) => {
    expect(codes(check(idCardContent({ holder: { kind: 'person', id } }), idCard))).toEqual([
      'HOLDER_ID_INVALID holder.id',
    ]);
  });

  it('validates the holder id by its own kind and reports both problems on a mismatch', () => {
    // An organisation holder whose id is a resident ID number: wrong kind, and not a credit code.
    expect(codes(check(idCardContent({ holder: { kind: 'organisation', id: personId } }), idCard))).toEqual([
      'HOLDER_KIND_MISMATCH holder.kind',
      'HOLDER_ID_INVALID holder.id',
    ]);
  });
});

describe('checkCertificate: issuer', () => {
  it('reports a department that does not issue the type', () => {
    expect(codes(check(idCardContent({ issuerCode: deptCodes.market }), idCard))).toEqual([
      'ISSUER_NOT_ALLOWED issuerCode',
    ]);
  });

  it.each([
    ['empty', ''],
    ['not a code', 'not-a-credit-code'],
    ['too short', deptCodes.police.slice(0, 17)],
    ['forbidden letter O', `${deptCodes.police.slice(0, 17)}O`],
    ['bad organisation code', '11330100T0000002XK'],
  ])('reports a malformed issuer (%s) as ISSUER_INVALID, not ISSUER_NOT_ALLOWED', (_why, issuerCode) => {
    expect(codes(check(idCardContent({ issuerCode }), idCard))).toEqual(['ISSUER_INVALID issuerCode']);
  });

  it('accepts a wrong 18th check character leniently, then checks the department list', () => {
    const lenient = breakCheck(deptCodes.police, '0123456789ABCDEFGHJKLMNPQRTUWXY');
    expect(codes(check(idCardContent({ issuerCode: lenient }), idCard))).toEqual([
      'ISSUER_NOT_ALLOWED issuerCode',
    ]);
    const type = { ...idCard, issuingDeptCodes: [lenient] };
    expect(check(idCardContent({ issuerCode: lenient }), type)).toEqual([]);
  });
});

describe('checkCertificate: fields', () => {
  it('reports a missing required field as FIELD_REQUIRED on fields.<name>, with its title', () => {
    const problems = check(idCardContent({ fields: { name: '张三' } }), idCard);
    expect(codes(problems)).toEqual(['FIELD_REQUIRED fields.idNumber']);
    expect(problems[0]?.message).toContain('公民身份号码');
  });

  it('reports every missing required field', () => {
    expect(codes(check(idCardContent({ fields: {} }), idCard)).sort()).toEqual([
      'FIELD_REQUIRED fields.idNumber',
      'FIELD_REQUIRED fields.name',
    ]);
  });

  it('reports a required field missing from the properties by its name', () => {
    const type = customType({ a: { type: 'string', title: 'A' } }, { required: ['a', 'b'] });
    const problems = check(customContent({ a: 'x' }), type);
    expect(codes(problems)).toEqual(['FIELD_REQUIRED fields.b']);
    expect(problems[0]?.message).toContain('b');
  });

  it('reports an unknown field when the type sets additionalProperties: false', () => {
    const closed = { ...idCard, fields: { ...idCard.fields, additionalProperties: false } };
    const problems = check(
      idCardContent({ fields: { name: '张三', idNumber: personId, shoeSize: 42 } }),
      closed,
    );
    expect(codes(problems)).toEqual(['FIELD_UNKNOWN fields.shoeSize']);
  });

  it('reports each unknown field once', () => {
    const type = customType({ a: { type: 'string', title: 'A' } }, { additionalProperties: false });
    expect(codes(check(customContent({ a: 'x', b: 1, c: 2 }), type)).sort()).toEqual([
      'FIELD_UNKNOWN fields.b',
      'FIELD_UNKNOWN fields.c',
    ]);
  });

  it.each([
    ['a number for a string', 42],
    ['a boolean for a string', true],
    ['null for a string', null],
    ['an array for a string', ['张三']],
    ['an object for a string', { first: '张' }],
  ])('reports %s as FIELD_INVALID', (_why, value) => {
    const problems = check(idCardContent({ fields: { name: value, idNumber: personId } }), idCard);
    expect(codes(problems)).toEqual(['FIELD_INVALID fields.name']);
    expect(problems[0]?.message).toContain('姓名');
  });

  it('reports enum, maxLength, minimum and integer violations as FIELD_INVALID', () => {
    const type = customType({
      colour: { type: 'string', title: '颜色', enum: ['red', 'green'] },
      code: { type: 'string', title: '代码', maxLength: 3 },
      count: { type: 'integer', title: '数量', minimum: 1 },
    });
    expect(codes(check(customContent({ colour: 'blue', code: 'ABCD', count: 0 }), type)).sort()).toEqual([
      'FIELD_INVALID fields.code',
      'FIELD_INVALID fields.colour',
      'FIELD_INVALID fields.count',
    ]);
    expect(codes(check(customContent({ count: 1.5 }), type))).toEqual(['FIELD_INVALID fields.count']);
    expect(check(customContent({ colour: 'red', code: 'ABC', count: 7 }), type)).toEqual([]);
  });

  it('reports an invalid array item on the array field', () => {
    const type = customType({
      tags: { type: 'array', title: '标签', items: { type: 'string', title: '标签' } },
    });
    expect(codes(check(customContent({ tags: ['a', 2] }), type))).toEqual(['FIELD_INVALID fields.tags']);
  });

  it('reports a resident ID field (catalog pattern) with a bad check character as CHECK_CHARACTER', () => {
    const problems = check(idCardContent({ fields: { name: '张三', idNumber: badPersonId } }), idCard);
    expect(codes(problems)).toEqual(['CHECK_CHARACTER fields.idNumber']);
    expect(problems[0]?.message).toContain('公民身份号码');
  });

  it('reports a resident ID field of the wrong shape once, as FIELD_INVALID (not also CHECK_CHARACTER)', () => {
    const lowerX = makeResidentId({
      regionCode: '110105',
      birthDate: '1949-12-31',
      sequence: 2,
    }).toLowerCase();
    for (const idNumber of ['12345', lowerX, `${personId} `])
      expect(codes(check(idCardContent({ fields: { name: '张三', idNumber } }), idCard))).toEqual([
        'FIELD_INVALID fields.idNumber',
      ]);
  });

  it('checks resident-id and credit-code formats and the credit-code pattern', () => {
    const type = customType({
      person: { type: 'string', title: '身份号码', format: 'resident-id' },
      org: { type: 'string', title: '信用代码', format: 'credit-code' },
      org2: { type: 'string', title: '信用代码2', pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' },
      person2: { type: 'string', title: '身份号码2', pattern: '^[0-9]{17}[0-9Xx]$' },
    });
    expect(
      check(customContent({ person: personId, org: orgId, org2: orgId, person2: otherPersonId }), type),
    ).toEqual([]);
    expect(
      codes(
        check(
          customContent({ person: badPersonId, org: badOrgId, org2: badOrgId, person2: badPersonId }),
          type,
        ),
      ),
    ).toEqual([
      'CHECK_CHARACTER fields.person',
      'CHECK_CHARACTER fields.org',
      'CHECK_CHARACTER fields.org2',
      'CHECK_CHARACTER fields.person2',
    ]);
  });

  it('does not check identifiers in fields without an identifier pattern or format', () => {
    // The business licence's creditCode field has neither, so only the schema applies.
    expect(check(licenceContent({ fields: { creditCode: badOrgId, name: 'x' } }), licence)).toEqual([]);
  });

  it('skips the check-character test for an empty identifier field', () => {
    const type = customType({ person: { type: 'string', title: '身份号码', format: 'resident-id' } });
    expect(check(customContent({ person: '' }), type)).toEqual([]);
  });

  it.each(['2021-02-30', '2021-13-01', '2021-00-10', '2021-04-31', '2100-02-29', '2021-1-1', '20210501', ''])(
    'reports %j in a format: date field as DATE_INVALID',
    (registeredOn) => {
      const problems = check(marriageContent({ fields: { holderName: '张三', registeredOn } }), marriage);
      expect(codes(problems)).toEqual(['DATE_INVALID fields.registeredOn']);
      expect(problems[0]?.message).toContain('登记日期');
    },
  );

  it('reports a non-string in a format: date field as FIELD_INVALID', () => {
    expect(
      codes(check(marriageContent({ fields: { holderName: '张三', registeredOn: 20210520 } }), marriage)),
    ).toEqual(['FIELD_INVALID fields.registeredOn']);
  });
});

describe('checkCertificate: dates and status', () => {
  it.each([
    '2021-02-30',
    '2021-13-01',
    '2021-00-01',
    '2021-02-00',
    '1900-02-29',
    '2021-2-1',
    '2021/02/01',
    '',
    'x',
  ])('reports validFrom %j as DATE_INVALID', (validFrom) => {
    expect(codes(check(idCardContent({ validFrom, validUntil: null }), idCard))).toEqual([
      'DATE_INVALID validFrom',
    ]);
  });

  it.each(['2021-02-30', '2021-13-01', '2041-04-31', '2100-02-29', '2041-01-01T00:00:00Z', ''])(
    'reports validUntil %j as DATE_INVALID',
    (validUntil) => {
      expect(codes(check(idCardContent({ validFrom: '2020-01-01', validUntil }), idCard))).toEqual([
        'DATE_INVALID validUntil',
      ]);
    },
  );

  it('reports both dates when both are impossible, and no order problem', () => {
    expect(
      codes(check(idCardContent({ validFrom: '2021-02-30', validUntil: '2021-13-01' }), idCard)),
    ).toEqual(['DATE_INVALID validFrom', 'DATE_INVALID validUntil']);
  });

  it('does not compare the order when validFrom is not a date', () => {
    expect(
      codes(check(idCardContent({ validFrom: '2099-02-30', validUntil: '2000-01-01' }), idCard)),
    ).toEqual(['DATE_INVALID validFrom']);
  });

  it('reports validUntil before validFrom as VALIDITY_ORDER', () => {
    const problems = check(idCardContent({ validFrom: '2020-01-01', validUntil: '2019-12-31' }), idCard);
    expect(codes(problems)).toEqual(['VALIDITY_ORDER validUntil']);
  });

  it('compares dates across years and months correctly', () => {
    expect(
      codes(check(idCardContent({ validFrom: '2020-10-01', validUntil: '2020-09-30' }), idCard)),
    ).toEqual(['VALIDITY_ORDER validUntil']);
    expect(check(idCardContent({ validFrom: '2019-12-31', validUntil: '2020-01-01' }), idCard)).toEqual([]);
  });

  it.each(['active', '有效', 'VALID', '', ' valid'])('reports status %j as STATUS_INVALID', (status) => {
    expect(codes(check(idCardContent({ status: status as CertificateStatus }), idCard))).toEqual([
      'STATUS_INVALID status',
    ]);
  });
});

describe('checkCertificate: several problems at once', () => {
  it('returns every problem, not just the first', () => {
    const problems = check(
      idCardContent({
        holder: { kind: 'organisation', id: badOrgId },
        issuerCode: 'garbage',
        status: 'gone' as CertificateStatus,
        validFrom: '2021-02-30',
        validUntil: '2021-13-01',
        fields: { name: 1, idNumber: badPersonId },
      }),
      idCard,
    );
    expect(codes(problems).sort()).toEqual(
      [
        'HOLDER_KIND_MISMATCH holder.kind',
        'HOLDER_ID_INVALID holder.id',
        'ISSUER_INVALID issuerCode',
        'STATUS_INVALID status',
        'DATE_INVALID validFrom',
        'DATE_INVALID validUntil',
        'FIELD_INVALID fields.name',
        'CHECK_CHARACTER fields.idNumber',
      ].sort(),
    );
  });
});

describe('checkCertificate: hostile input', () => {
  const huge = 'A'.repeat(10 * 1024 * 1024);

  it('does not throw on 10 MB strings anywhere, and does not echo them', () => {
    const cases: CertificateContent[] = [
      idCardContent({ fields: { name: huge, idNumber: personId, address: huge } }),
      idCardContent({ fields: { name: '张三', idNumber: huge } }),
      idCardContent({ holder: { kind: 'person', id: huge } }),
      idCardContent({ holder: { kind: 'organisation', id: huge } }),
      idCardContent({ issuerCode: huge }),
      idCardContent({ validFrom: huge, validUntil: huge }),
      idCardContent({ status: huge as CertificateStatus }),
      marriageContent({ fields: { holderName: '张三', registeredOn: huge } }),
    ];
    for (const c of cases) {
      let problems: CertificateProblem[] = [];
      expect(
        () => (problems = checkCertificate(c, c.typeCode === typeCodes.marriage ? marriage : idCard)),
      ).not.toThrow();
      for (const p of problems) expect(p.message.length).toBeLessThan(500);
    }
  });

  it('reports a 10 MB value in an identifier field once', () => {
    expect(codes(check(idCardContent({ fields: { name: '张三', idNumber: huge } }), idCard))).toEqual([
      'FIELD_INVALID fields.idNumber',
    ]);
  });

  it('a 10 MB field with a format: resident-id is refused as CHECK_CHARACTER without throwing', () => {
    const type = customType({ person: { type: 'string', title: '身份号码', format: 'resident-id' } });
    expect(codes(check(customContent({ person: huge }), type))).toEqual(['CHECK_CHARACTER fields.person']);
  });

  it('does not throw or pollute prototypes with __proto__, constructor and prototype keys', () => {
    const fields = JSON.parse(
      '{"name":"张三","idNumber":"' +
        personId +
        '","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}',
    ) as Record<string, unknown>;
    expect(Object.keys(fields)).toContain('__proto__');
    expect(check(idCardContent({ fields }), idCard)).toEqual([]);
    const closed = { ...idCard, fields: { ...idCard.fields, additionalProperties: false } };
    expect(codes(check(idCardContent({ fields }), closed)).sort()).toEqual([
      'FIELD_UNKNOWN fields.__proto__',
      'FIELD_UNKNOWN fields.constructor',
      'FIELD_UNKNOWN fields.prototype',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('does not treat inherited names (toString, constructor, hasOwnProperty) as fields of the type', () => {
    const fields = { name: '张三', idNumber: personId, toString: 'x', constructor: 'y', hasOwnProperty: 1 };
    expect(check(idCardContent({ fields }), idCard)).toEqual([]);
  });

  it('does not throw on a hostile holder kind', () => {
    const content = idCardContent({ holder: { kind: '__proto__' as 'person', id: personId } });
    const problems = check(content, idCard);
    expect(codes(problems)).toEqual(['HOLDER_KIND_MISMATCH holder.kind', 'HOLDER_ID_INVALID holder.id']);
  });

  it('never repeats the holder ID number in any message', () => {
    const contents: [CertificateContent, CertificateType][] = [
      [idCardContent({ holder: { kind: 'person', id: badPersonId } }), idCard],
      [idCardContent({ holder: { kind: 'organisation', id: personId } }), idCard],
      [idCardContent({ fields: { name: personId, idNumber: badPersonId, address: 7 } }), idCard],
      [idCardContent({ fields: { idNumber: `${personId}0` } }), idCard],
      [idCardContent({ issuerCode: personId, validFrom: personId, validUntil: personId }), idCard],
      [idCardContent({ status: personId as CertificateStatus }), idCard],
      [licenceContent({ holder: { kind: 'person', id: personId } }), licence],
      [
        licenceContent({ holder: { kind: 'organisation', id: badOrgId }, fields: { creditCode: 1 } }),
        licence,
      ],
      [
        marriageContent({ holder: { kind: 'person', id: badPersonId }, fields: { registeredOn: personId } }),
        marriage,
      ],
      [
        idCardContent({ fields: { name: '张三', idNumber: personId, [personId]: personId } }),
        { ...idCard, fields: { ...idCard.fields, additionalProperties: false } },
      ],
    ];
    let total = 0;
    for (const [content, type] of contents) {
      const problems = check(content, type);
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) {
        total++;
        expect(p.message).not.toContain(content.holder.id);
        expect(p.message).not.toContain(personId);
        expect(p.message).not.toContain(badPersonId);
        expect(p.message).not.toContain(orgId);
        expect(p.message).not.toContain(badOrgId);
      }
    }
    expect(total).toBeGreaterThan(15);
  });
});

describe('checkCertificate: edge cases once wrong (regression)', () => {
  // Was a bug (check-certificate.ts, `new Ajv2020({ strict: false, allErrors: true })`): Ajv runs without
  // `ownProperties: true`, so a field named like an Object.prototype member (`constructor`,
  // `toString`, ...) that is absent is seen through the prototype chain. A missing required field is
  // then reported as FIELD_INVALID "must be string" (it validated the inherited function) instead of
  // FIELD_REQUIRED.
  it('reports a missing required field named constructor as FIELD_REQUIRED', () => {
    const field: FieldSchema = { type: 'string', title: '构造' };
    const type = customType(Object.fromEntries([['constructor', field]]), { required: ['constructor'] });
    expect(codes(check(customContent({}), type))).toEqual(['FIELD_REQUIRED fields.constructor']);
  });

  // BUG (same cause): an optional field named `toString` that is simply absent makes a valid record
  // fail with FIELD_INVALID fields.toString.
  it('accepts a record without an optional field named toString', () => {
    const field: FieldSchema = { type: 'string', title: '说明' };
    const type = customType(Object.fromEntries([['toString', field]]));
    expect(check(customContent({}), type)).toEqual([]);
  });

  // Was a bug (check-certificate.ts, the `e.instancePath.replace(/^\//, '').split('/')[0]` line): Ajv's
  // instancePath is a JSON Pointer, so `/` and `~` in a field name arrive escaped as `~1` and `~0`.
  // A field `a/b` is reported as `fields.a~1b`, and its title is not found (the message says
  // "a~1b: must be string" instead of "甲乙: must be string").
  it('names a field containing / by its real name and title', () => {
    const type = customType({ 'a/b': { type: 'string', title: '甲乙' } });
    const problems = check(customContent({ 'a/b': 1 }), type);
    expect(codes(problems)).toEqual(['FIELD_INVALID fields.a/b']);
    expect(problems[0]?.message).toContain('甲乙');
  });

  // Was a bug (check-certificate.ts, final loop `const value = fields[name]`): the doc promises "safe on
  // hostile input", but `fields: null` (e.g. `"fields": null` from an upstream adapter's JSON)
  // throws TypeError "Cannot read properties of null" instead of returning FIELD_INVALID. Outside
  // the static type, hence the cast.
  it('does not throw when fields is null', () => {
    const content = idCardContent({ fields: null as unknown as Record<string, unknown> });
    expect(() => checkCertificate(content, idCard)).not.toThrow();
  });

  it('does not throw when fields is an array or a string (reports FIELD_INVALID)', () => {
    for (const fields of [[], 'abc'] as unknown as Record<string, unknown>[]) {
      const problems = check(idCardContent({ fields }), idCard);
      expect(problems.map((p) => p.code)).toEqual(['FIELD_INVALID']);
    }
  });
});

describe('isIsoDate', () => {
  it.each(['2021-01-01', '2020-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });
  it.each([
    '2021-02-29',
    '1900-02-29',
    '2021-02-30',
    '2021-13-01',
    '0000-01-01',
    '2021-1-01',
    ' 2021-01-01',
    '２０２１-01-01',
  ])('rejects %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});
