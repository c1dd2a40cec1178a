import fc from 'fast-check';
import { deptCodes, smallCatalog, typeCodes } from '@tongban/testing';
import { describe, expect, it } from 'vitest';
import type { Catalog, CertificateType } from '../catalog/types.js';
import type { Holder } from '../certificate/types.js';
import { makeCreditCode } from '../identifiers/credit-code.js';
import { makeResidentId } from '../identifiers/resident-id.js';
import type { NodeScope } from './decide-lookup.js';
import { decideLookup } from './decide-lookup.js';
import type { LookupPurpose, LookupRequest } from './lookup.js';
import { lookupDenialReasons } from './lookup.js';

const person: Holder = {
  kind: 'person',
  id: makeResidentId({ regionCode: '330102', birthDate: '1990-03-07', sequence: 123 }),
};
const organisation: Holder = {
  kind: 'organisation',
  id: makeCreditCode({
    registrationAuthority: '9',
    category: '1',
    regionCode: '330100',
    organisationBody: 'MA2B3C4D',
  }),
};

const purpose: LookupPurpose = {
  itemCode: '11330100T0000001XK4000300001000',
  caseNo: 'CASE-2024-0001',
  deptCode: deptCodes.police,
  clerkId: 'clerk-7',
};

const scope = (deptCode: string, served: readonly string[] = []): NodeScope => ({
  deptCode,
  servedTypeCodes: new Set(served),
});
const police = scope(deptCodes.police);
const market = scope(deptCodes.market);
const civil = scope(deptCodes.civil);

const request = (patch: Partial<LookupRequest> = {}): LookupRequest => ({
  requestId: 'req-1',
  typeCode: typeCodes.idCard,
  holder: person,
  fields: ['name', 'idNumber'],
  purpose,
  ...patch,
});

const typeOf = (code: string): CertificateType => {
  const t = smallCatalog.certificateTypes.find((c) => c.code === code);
  if (!t) throw new Error(`fixture type ${code} missing`);
  return t;
};

const reasonOf = (req: LookupRequest, s: NodeScope, catalog: Catalog = smallCatalog) => {
  const d = decideLookup(req, catalog, s);
  return d.allow ? 'ALLOW' : d.reason;
};

describe('decideLookup: allowed lookups', () => {
  it('allows an unconditional type the node issues, by holder', () => {
    const d = decideLookup(request(), smallCatalog, police);
    expect(d).toEqual({ allow: true, type: typeOf(typeCodes.idCard), fields: ['name', 'idNumber'] });
    expect(d.allow && d.type).toBe(typeOf(typeCodes.idCard));
  });

  it('allows a lookup by certificate identifier alone', () => {
    expect(reasonOf(request({ holder: undefined, certificateId: 'CID-1' }), police)).toBe('ALLOW');
  });

  it('allows a lookup naming both an identifier and a holder of the right kind', () => {
    expect(reasonOf(request({ certificateId: 'CID-1' }), police)).toBe('ALLOW');
  });

  it('allows an organisation type for an organisation holder', () => {
    const req = request({
      typeCode: typeCodes.businessLicence,
      holder: organisation,
      fields: ['creditCode'],
    });
    expect(reasonOf(req, market)).toBe('ALLOW');
  });

  it('allows a type the node serves through an adapter although its department does not issue it', () => {
    expect(reasonOf(request(), scope(deptCodes.market, [typeCodes.idCard]))).toBe('ALLOW');
  });

  it('allows a conditional type under a named agreement', () => {
    const req = request({
      typeCode: typeCodes.marriage,
      fields: ['holderName', 'spouseName'],
      purpose: { ...purpose, agreementId: 'AGR-2024-3' },
    });
    expect(reasonOf(req, civil)).toBe('ALLOW');
  });

  it('ignores an agreement named for an unconditional type', () => {
    expect(reasonOf(request({ purpose: { ...purpose, agreementId: 'AGR-1' } }), police)).toBe('ALLOW');
  });

  it('releases each requested field once, in first-requested order', () => {
    const d = decideLookup(
      request({ fields: ['address', 'name', 'address', 'idNumber', 'name', 'name'] }),
      smallCatalog,
      police,
    );
    expect(d).toMatchObject({ allow: true, fields: ['address', 'name', 'idNumber'] });
  });

  it('does not share the request’s field array', () => {
    const fields = ['name'];
    const d = decideLookup(request({ fields }), smallCatalog, police);
    expect(d.allow && d.fields).not.toBe(fields);
    expect(fields).toEqual(['name']);
  });
});

describe('decideLookup: denials', () => {
  it.each([
    '',
    'NO-SUCH-TYPE',
    '11100000000013127D999',
    typeCodes.idCard.toLowerCase(),
    ` ${typeCodes.idCard}`,
  ])('TYPE_UNKNOWN for type code %j', (typeCode) => {
    expect(reasonOf(request({ typeCode }), police)).toBe('TYPE_UNKNOWN');
  });

  it('TYPE_UNKNOWN for a type missing from an empty catalog', () => {
    expect(reasonOf(request(), police, { departments: [], certificateTypes: [], items: [] })).toBe(
      'TYPE_UNKNOWN',
    );
  });

  it('TYPE_NOT_HELD when the node neither issues nor serves the type', () => {
    expect(reasonOf(request(), market)).toBe('TYPE_NOT_HELD');
    expect(reasonOf(request(), scope(deptCodes.market, [typeCodes.businessLicence]))).toBe('TYPE_NOT_HELD');
    expect(reasonOf(request(), scope('91330100MA2B3C4D5E'))).toBe('TYPE_NOT_HELD');
  });

  it('NOT_SHARED for a type shared with no one, even for its issuer with everything else in order', () => {
    const req = request({
      typeCode: typeCodes.adoption,
      fields: ['holderName'],
      certificateId: 'CID-1',
      purpose: { ...purpose, agreementId: 'AGR-1' },
    });
    expect(reasonOf(req, civil)).toBe('NOT_SHARED');
    expect(reasonOf(req, scope(deptCodes.police, [typeCodes.adoption]))).toBe('NOT_SHARED');
  });

  it.each(['itemCode', 'caseNo', 'deptCode', 'clerkId'] as const)('PURPOSE_INCOMPLETE without %s', (part) => {
    expect(reasonOf(request({ purpose: { ...purpose, [part]: '' } }), police)).toBe('PURPOSE_INCOMPLETE');
    const { [part]: _dropped, ...rest } = purpose;
    expect(reasonOf(request({ purpose: rest as LookupPurpose }), police)).toBe('PURPOSE_INCOMPLETE');
  });

  it('PURPOSE_INCOMPLETE when no field is requested', () => {
    expect(reasonOf(request({ fields: [] }), police)).toBe('PURPOSE_INCOMPLETE');
  });

  it.each([undefined, ''])('AGREEMENT_REQUIRED for a conditional type with agreementId %j', (agreementId) => {
    const req = request({
      typeCode: typeCodes.marriage,
      fields: ['holderName'],
      purpose: { ...purpose, agreementId },
    });
    expect(reasonOf(req, civil)).toBe('AGREEMENT_REQUIRED');
  });

  it('SUBJECT_INVALID with neither an identifier nor a holder', () => {
    expect(reasonOf(request({ holder: undefined }), police)).toBe('SUBJECT_INVALID');
  });

  it('SUBJECT_INVALID with a holder of the wrong kind, even with an identifier', () => {
    expect(reasonOf(request({ holder: organisation }), police)).toBe('SUBJECT_INVALID');
    expect(reasonOf(request({ holder: organisation, certificateId: 'CID-1' }), police)).toBe(
      'SUBJECT_INVALID',
    );
    const lic = request({ typeCode: typeCodes.businessLicence, holder: person, fields: ['name'] });
    expect(reasonOf(lic, market)).toBe('SUBJECT_INVALID');
  });

  it.each([
    ['a field of another type', ['name', 'creditCode']],
    ['an invented field', ['shoeSize']],
    ['an empty name', ['']],
    ['a different case', ['Name']],
    ['__proto__', ['__proto__']],
    ['constructor', ['constructor']],
    ['toString', ['name', 'toString']],
    ['hasOwnProperty', ['hasOwnProperty']],
  ])('FIELD_NOT_IN_TYPE for %s', (_why, fields) => {
    expect(reasonOf(request({ fields }), police)).toBe('FIELD_NOT_IN_TYPE');
  });

  it('checks in a fixed order: type, holding, sharing, purpose, agreement, subject, fields', () => {
    const bad = {
      holder: organisation,
      fields: ['shoeSize'],
      purpose: { ...purpose, clerkId: '', agreementId: undefined },
    };
    expect(reasonOf(request({ ...bad, typeCode: 'NOPE' }), civil)).toBe('TYPE_UNKNOWN');
    expect(reasonOf(request({ ...bad, typeCode: typeCodes.marriage }), police)).toBe('TYPE_NOT_HELD');
    expect(reasonOf(request({ ...bad, typeCode: typeCodes.adoption }), civil)).toBe('NOT_SHARED');
    expect(reasonOf(request({ ...bad, typeCode: typeCodes.marriage }), civil)).toBe('PURPOSE_INCOMPLETE');
    const withClerk = { ...bad, purpose: { ...purpose, agreementId: undefined } };
    expect(reasonOf(request({ ...withClerk, typeCode: typeCodes.marriage }), civil)).toBe(
      'AGREEMENT_REQUIRED',
    );
    const withAgreement = { ...bad, purpose: { ...purpose, agreementId: 'AGR' } };
    expect(reasonOf(request({ ...withAgreement, typeCode: typeCodes.marriage }), civil)).toBe(
      'SUBJECT_INVALID',
    );
    expect(reasonOf(request({ ...withAgreement, typeCode: typeCodes.marriage, holder: person }), civil)).toBe(
      'FIELD_NOT_IN_TYPE',
    );
  });

  it('only ever answers with a listed denial reason', () => {
    for (const typeCode of [...Object.values(typeCodes), 'X'])
      for (const s of [police, market, civil]) {
        const d = decideLookup(request({ typeCode }), smallCatalog, s);
        if (!d.allow) expect(lookupDenialReasons).toContain(d.reason);
      }
  });
});

describe('decideLookup: properties', () => {
  const allTypeCodes = smallCatalog.certificateTypes.map((t) => t.code);
  const realFieldNames = [
    ...new Set(smallCatalog.certificateTypes.flatMap((t) => Object.keys(t.fields.properties))),
  ];
  const bogusFieldNames = [
    'shoeSize',
    '',
    'Name',
    '__proto__',
    'constructor',
    'toString',
    'valueOf',
    'prototype',
  ];
  const unknownTypeCodes = ['', 'NOPE', '11100000000013127D999', typeCodes.idCard.toLowerCase()];

  /** A purpose part: present, empty, or absent altogether. */
  const part = fc.oneof(
    { weight: 14, arbitrary: fc.constantFrom('X-1', 'case-9', deptCodes.police, 'clerk-7', '0') },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const purposeArb = fc
    .record({ itemCode: part, caseNo: part, deptCode: part, clerkId: part, agreementId: part })
    .map((p) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = v;
      return out as unknown as LookupPurpose;
    });
  const holderArb = fc.option(
    fc.constantFrom<Holder>(
      person,
      organisation,
      { kind: 'person', id: '' },
      { kind: 'organisation', id: 'junk' },
    ),
    { nil: undefined },
  );
  const typeCodeArb = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...allTypeCodes) },
    { weight: 1, arbitrary: fc.constantFrom(...unknownTypeCodes) },
    { weight: 1, arbitrary: fc.string({ maxLength: 25 }) },
  );
  /** Mostly fields of the chosen type (so that allowed lookups are common), sometimes others. */
  const fieldsFor = (typeCode: string): fc.Arbitrary<string[]> => {
    const own = Object.keys(
      smallCatalog.certificateTypes.find((t) => t.code === typeCode)?.fields.properties ?? {},
    );
    const ownArb = own.length > 0 ? fc.constantFrom(...own) : fc.constantFrom(...realFieldNames);
    const name = fc.oneof(
      { weight: 20, arbitrary: ownArb },
      { weight: 2, arbitrary: fc.constantFrom(...realFieldNames) },
      { weight: 1, arbitrary: fc.constantFrom(...bogusFieldNames) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    );
    return fc.array(name, { maxLength: 6 });
  };
  const requestArb: fc.Arbitrary<LookupRequest> = typeCodeArb.chain((typeCode) =>
    fc.record({
      requestId: fc.string(),
      typeCode: fc.constant(typeCode),
      certificateId: fc.option(fc.constantFrom('CID-1', 'x'), { nil: undefined }),
      holder: holderArb,
      fields: fieldsFor(typeCode),
      purpose: purposeArb,
    }),
  );
  const scopeArb: fc.Arbitrary<NodeScope> = fc
    .record({
      deptCode: fc.constantFrom(...Object.values(deptCodes)),
      served: fc.subarray([...allTypeCodes, 'NOPE']),
    })
    .map(({ deptCode, served }) => scope(deptCode, served));

  const complete = (p: LookupPurpose): boolean =>
    [p.itemCode, p.caseNo, p.deptCode, p.clerkId].every((v) => !!v);

  it('never throws, and an allowed lookup satisfies every rule', () => {
    const seen = { allow: 0, reasons: new Set<string>() };
    fc.assert(
      fc.property(requestArb, scopeArb, (req, s) => {
        const d = decideLookup(req, smallCatalog, s);
        if (!d.allow) {
          seen.reasons.add(d.reason);
          expect(lookupDenialReasons).toContain(d.reason);
          return;
        }
        seen.allow++;
        const type = smallCatalog.certificateTypes.find((t) => t.code === req.typeCode);
        // The type exists, and is the catalog's own.
        expect(type).toBeDefined();
        expect(d.type).toBe(type);
        // The node holds it.
        expect(d.type.issuingDeptCodes.includes(s.deptCode) || s.servedTypeCodes.has(d.type.code)).toBe(true);
        // Its sharing class allows release, a conditional one only under an agreement.
        expect(d.type.sharing).not.toBe('none');
        if (d.type.sharing === 'conditional') expect(req.purpose.agreementId).toBeTruthy();
        // The purpose is complete and at least one field is asked for.
        expect(complete(req.purpose)).toBe(true);
        expect(d.fields.length).toBeGreaterThan(0);
        // A subject is named, and a holder is of the type's kind.
        expect(req.certificateId !== undefined || req.holder !== undefined).toBe(true);
        if (req.holder) expect(req.holder.kind).toBe(d.type.holderKind);
        // Only fields of the type, only fields requested, each once.
        for (const f of d.fields) {
          expect(Object.hasOwn(d.type.fields.properties, f)).toBe(true);
          expect(req.fields).toContain(f);
        }
        expect(new Set(d.fields).size).toBe(d.fields.length);
        expect(new Set(d.fields)).toEqual(new Set(req.fields));
      }),
      { seed: 4242, numRuns: 2000 },
    );
    // The generator reaches both sides of the decision and every reason.
    expect(seen.allow).toBeGreaterThan(50);
    expect([...seen.reasons].sort()).toEqual([...lookupDenialReasons].sort());
  });

  it('never allows a type whose sharing class is none', () => {
    const noneCodes = smallCatalog.certificateTypes.filter((t) => t.sharing === 'none').map((t) => t.code);
    expect(noneCodes.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(requestArb, scopeArb, fc.constantFrom(...noneCodes), (req, s, typeCode) => {
        const d = decideLookup({ ...req, typeCode }, smallCatalog, s);
        expect(d.allow).toBe(false);
      }),
      { seed: 4242, numRuns: 2000 },
    );
  });

  it('allows exactly when every rule holds (no spurious denials)', () => {
    fc.assert(
      fc.property(requestArb, scopeArb, (req, s) => {
        const type = smallCatalog.certificateTypes.find((t) => t.code === req.typeCode);
        const shouldAllow =
          type !== undefined &&
          (type.issuingDeptCodes.includes(s.deptCode) || s.servedTypeCodes.has(type.code)) &&
          type.sharing !== 'none' &&
          complete(req.purpose) &&
          req.fields.length > 0 &&
          (type.sharing !== 'conditional' || (req.purpose.agreementId ?? '').trim() !== '') &&
          ((req.certificateId ?? '').trim() !== '' ||
            (req.holder !== undefined && req.holder.id.trim() !== '')) &&
          (req.holder === undefined || req.holder.kind === type.holderKind) &&
          req.fields.every((f) => Object.hasOwn(type.fields.properties, f));
        expect(decideLookup(req, smallCatalog, s).allow).toBe(shouldAllow);
      }),
      { seed: 4242, numRuns: 2000 },
    );
  });

  it('is deterministic and does not modify its inputs', () => {
    fc.assert(
      fc.property(requestArb, scopeArb, (req, s) => {
        const reqCopy = structuredClone(req);
        const served = [...s.servedTypeCodes];
        const first = decideLookup(req, smallCatalog, s);
        expect(decideLookup(req, smallCatalog, s)).toEqual(first);
        expect(req).toEqual(reqCopy);
        expect([...s.servedTypeCodes]).toEqual(served);
      }),
      { seed: 4242, numRuns: 500 },
    );
  });
});
