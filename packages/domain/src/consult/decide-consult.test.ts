import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseStatuses, type CaseFile } from '../case/case-file.js';
import type { CertificateType, ServiceItem, SharingClass } from '../catalog/types.js';
import { staffRoles, type Principal } from '../identity/principal.js';
import { declaredFields, decideConsult, type ConsultQuestion } from './decide-consult.js';
import { agreementStatuses, type SharingAgreement } from './sharing-agreement.js';

const DEPTS = ['11440100MB0000001A', '11440100MB0000002B', '11440100MB0000003C'];
const TYPES = [
  '11100000000013127D001',
  '11100000000013127D002',
  '11100000000013127D003',
  '11100000000013127D004',
];
const FIELDS = ['name', 'number', 'address', 'photo', 'issuedOn'];
const ITEMS = ['ITEM-A', 'ITEM-B'];
const NOW = new Date('2026-11-27T04:00:00Z');

const typeArb = (code: string) =>
  fc
    .record({
      sharing: fc.constantFrom<SharingClass>('unconditional', 'conditional', 'none'),
      fields: fc.subarray(FIELDS, { minLength: 1 }),
    })
    .map(({ sharing, fields }): CertificateType => ({
      code,
      name: code,
      definingDeptCode: DEPTS[0]!,
      issuingDeptCodes: [DEPTS[1]!],
      holderKind: 'person',
      fields: {
        type: 'object',
        properties: Object.fromEntries(fields.map((f) => [f, { type: 'string', title: f }])),
      },
      sharing,
      grade: 2,
      trust: 'A',
      validity: { kind: 'permanent' },
    }));

const itemArb = (itemCode: string) =>
  fc
    .array(
      fc.record({ typeCode: fc.constantFrom(...TYPES), fields: fc.subarray(FIELDS, { minLength: 1 }) }),
      { maxLength: 3 },
    )
    .map((materials): ServiceItem => ({
      itemCode,
      baseCode: '000000000000',
      name: itemCode,
      deptCode: DEPTS[0]!,
      type: '行政许可',
      statutoryDays: null,
      promisedDays: null,
      materials: materials.map((m, i) => ({
        name: `m${i}`,
        required: true,
        source: { kind: 'certificate', typeCode: m.typeCode, fields: m.fields },
      })),
      outputs: [],
      followUps: [],
      serviceObjects: [],
    }));

const principalArb: fc.Arbitrary<Principal> = fc.record({
  kind: fc.constantFrom<'staff' | 'system'>('staff', 'staff', 'system'),
  id: fc.constantFrom('clerk-1', 'clerk-2'),
  deptCode: fc.constantFrom(...DEPTS),
  roles: fc.subarray([...staffRoles]),
  name: fc.constant('某某'),
});

const agreementArb: fc.Arbitrary<SharingAgreement> = fc
  .record({
    providerDeptCode: fc.constantFrom(...DEPTS),
    requesterDeptCode: fc.constantFrom(...DEPTS),
    itemCode: fc.constantFrom(...ITEMS),
    typeCode: fc.constantFrom(...TYPES),
    fields: fc.subarray(FIELDS),
    status: fc.constantFrom(...agreementStatuses),
    startOffsetDays: fc.integer({ min: -30, max: 5 }),
    lengthDays: fc.integer({ min: 1, max: 60 }),
  })
  .map((a) => {
    const from = new Date(NOW.getTime() + a.startOffsetDays * 86_400_000);
    const until = new Date(from.getTime() + a.lengthDays * 86_400_000);
    return {
      agreementId: `AG-${a.providerDeptCode.slice(-2)}-${a.typeCode.slice(-3)}-${a.startOffsetDays}-${a.lengthDays}`,
      providerDeptCode: a.providerDeptCode,
      requesterDeptCode: a.requesterDeptCode,
      itemCode: a.itemCode,
      typeCode: a.typeCode,
      fields: a.fields,
      basis: '依据',
      status: a.status,
      requestedBy: 'x',
      requestedAt: NOW.toISOString(),
      decidedBy: null,
      decidedAt: null,
      validFrom: a.status === 'requested' ? null : from.toISOString(),
      validUntil: a.status === 'requested' ? null : until.toISOString(),
    };
  });

const questionArb: fc.Arbitrary<ConsultQuestion> = fc
  .record({
    principal: principalArb,
    caseDept: fc.constantFrom(...DEPTS),
    caseItem: fc.constantFrom(...ITEMS),
    status: fc.constantFrom(...caseStatuses),
    explicit: fc.boolean(),
    items: fc.tuple(itemArb(ITEMS[0]!), itemArb(ITEMS[1]!)),
    itemPick: fc.constantFrom(0, 1),
    typeCode: fc.constantFrom(...TYPES),
    type: fc.option(fc.constantFrom(...TYPES).chain(typeArb), { nil: undefined }),
    fields: fc.subarray(FIELDS),
    provider: fc.constantFrom(...DEPTS),
    agreements: fc.array(agreementArb, { maxLength: 4 }),
    // Each flag, when set, lines one part of the question up with the rule, so that allowed
    // questions are common and every single-rule violation is explored near them.
    align: fc.array(
      fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
      { minLength: 8, maxLength: 8 },
    ),
  })
  .map((raw) => {
    const [dept, item, status, explicit, clerk, fieldsOk, typeOk, agreementOk] = raw.align;
    const picked = raw.items[raw.itemPick];
    const declared = declaredFields(picked, raw.typeCode);
    const r = {
      ...raw,
      principal: clerk
        ? {
            ...raw.principal,
            kind: 'staff' as const,
            roles: [...new Set([...raw.principal.roles, 'clerk' as const])],
          }
        : raw.principal,
      caseDept: dept ? raw.principal.deptCode : raw.caseDept,
      caseItem: item ? picked.itemCode : raw.caseItem,
      status: status ? ('intake' as const) : raw.status,
      explicit: explicit ? true : raw.explicit,
      fields:
        fieldsOk && declared.length > 0
          ? raw.fields.filter((f) => declared.includes(f)).concat(declared.slice(0, 1))
          : raw.fields,
      type: typeOk && raw.type ? { ...raw.type, code: raw.typeCode } : raw.type,
      agreements:
        agreementOk && raw.agreements.length > 0
          ? [
              {
                ...raw.agreements[0]!,
                requesterDeptCode: dept ? raw.principal.deptCode : raw.caseDept,
                typeCode: raw.typeCode,
                itemCode: picked.itemCode,
                providerDeptCode: raw.provider,
                // Half of the aligned agreements are also approved and current.
                ...(raw.itemPick === 0
                  ? {
                      status: 'approved' as const,
                      fields: FIELDS,
                      validFrom: new Date(NOW.getTime() - 86_400_000).toISOString(),
                      validUntil: new Date(NOW.getTime() + 86_400_000).toISOString(),
                    }
                  : {}),
              },
              ...raw.agreements.slice(1),
            ]
          : raw.agreements,
    };
    const caseFile: CaseFile = {
      caseNo: '440100202611270000000001',
      itemCode: r.caseItem,
      catalogVersion: 1,
      applicant: { kind: 'person', id: '11010519491231002X' },
      applicantName: '某某',
      deptCode: r.caseDept,
      clerkId: r.principal.id,
      status: r.status,
      explicitRequest: r.explicit
        ? { recordedAt: NOW.toISOString(), recordedBy: 'clerk-1', method: 'signed_form' }
        : null,
      openedAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    };
    return {
      principal: r.principal,
      caseFile,
      item: r.items[r.itemPick],
      typeCode: r.typeCode,
      type: r.type,
      fields: r.fields,
      providerDeptCode: r.provider,
      agreements: r.agreements,
      now: NOW,
    };
  });

describe('decideConsult (properties, fixed seed)', () => {
  const params = { seed: 20261127, numRuns: 20_000 };

  it('releases nothing outside the rule', () => {
    fc.assert(
      fc.property(questionArb, (q) => {
        const d = decideConsult(q);
        if (!d.allow) return;
        // Every condition of DESIGN principle 2 holds for every release.
        expect(q.principal.kind).toBe('staff');
        expect(q.principal.roles).toContain('clerk');
        expect(q.principal.deptCode).toBe(q.caseFile.deptCode);
        expect(q.caseFile.status).toBe('intake');
        expect(q.caseFile.explicitRequest).not.toBeNull();
        expect(q.item.itemCode).toBe(q.caseFile.itemCode);
        const declared = declaredFields(q.item, q.typeCode);
        expect(declared.length).toBeGreaterThan(0);
        for (const f of d.fields) expect(declared).toContain(f);
        expect(d.fields.length).toBeGreaterThan(0);
        expect(new Set(d.fields)).toEqual(new Set(q.fields));
        expect(q.type?.code).toBe(q.typeCode);
        expect(q.type?.sharing).not.toBe('none');
        if (q.type?.sharing === 'conditional') {
          const a = q.agreements.find((x) => x.agreementId === d.agreementId);
          expect(a).toBeDefined();
          expect(a!.status).toBe('approved');
          expect(a!.providerDeptCode).toBe(q.providerDeptCode);
          expect(a!.requesterDeptCode).toBe(q.caseFile.deptCode);
          expect(a!.itemCode).toBe(q.caseFile.itemCode);
          expect(a!.typeCode).toBe(q.typeCode);
          expect(Date.parse(a!.validFrom!)).toBeLessThanOrEqual(NOW.getTime());
          expect(Date.parse(a!.validUntil!)).toBeGreaterThan(NOW.getTime());
          for (const f of d.fields) expect(a!.fields).toContain(f);
        } else {
          expect(d.agreementId).toBeNull();
        }
      }),
      params,
    );
  });

  it('releases whenever every rule holds (deny by default is not deny always)', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(questionArb, (q) => {
        const d = decideConsult(q);
        const key = d.allow ? (d.agreementId ? 'allow-agreement' : 'allow') : d.reason;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }),
      params,
    );
    // Every outcome is reached, so the first property is not vacuous.
    for (const key of [
      'allow',
      'allow-agreement',
      'NOT_A_CLERK',
      'NOT_HANDLING_DEPT',
      'CASE_NOT_IN_INTAKE',
      'NO_EXPLICIT_REQUEST',
      'TYPE_NOT_IN_ITEM',
      'FIELD_NOT_DECLARED',
      'TYPE_UNKNOWN',
      'NOT_SHARED',
      'AGREEMENT_REQUIRED',
    ])
      expect(seen.get(key) ?? 0, key).toBeGreaterThan(20);
  });

  it('is a pure function of its question', () => {
    fc.assert(
      fc.property(questionArb, (q) => {
        expect(decideConsult(q)).toEqual(decideConsult(structuredClone(q)));
      }),
      { ...params, numRuns: 2_000 },
    );
  });
});

describe('decideConsult (examples)', () => {
  const type: CertificateType = {
    code: TYPES[0]!,
    name: '居民身份证',
    definingDeptCode: DEPTS[0]!,
    issuingDeptCodes: [DEPTS[1]!],
    holderKind: 'person',
    fields: {
      type: 'object',
      properties: { name: { type: 'string', title: '姓名' }, number: { type: 'string', title: '号码' } },
    },
    sharing: 'unconditional',
    grade: 3,
    trust: 'A',
    validity: { kind: 'permanent' },
  };
  const item: ServiceItem = {
    itemCode: ITEMS[0]!,
    baseCode: '000000000000',
    name: '某事项',
    deptCode: DEPTS[0]!,
    type: '行政许可',
    statutoryDays: null,
    promisedDays: null,
    materials: [
      {
        name: '身份证',
        required: true,
        source: { kind: 'certificate', typeCode: TYPES[0]!, fields: ['name'] },
      },
    ],
    outputs: [],
    followUps: [],
    serviceObjects: [],
  };
  const base: ConsultQuestion = {
    principal: { kind: 'staff', id: 'c1', deptCode: DEPTS[0]!, roles: ['clerk'], name: '窗口' },
    caseFile: {
      caseNo: '440100202611270000000001',
      itemCode: ITEMS[0]!,
      catalogVersion: 1,
      applicant: { kind: 'person', id: '11010519491231002X' },
      applicantName: '某某',
      deptCode: DEPTS[0]!,
      clerkId: 'c1',
      status: 'intake',
      explicitRequest: { recordedAt: NOW.toISOString(), recordedBy: 'c1', method: 'signed_form' },
      openedAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    },
    item,
    typeCode: TYPES[0]!,
    type,
    fields: ['name'],
    providerDeptCode: DEPTS[1]!,
    agreements: [],
    now: NOW,
  };

  it('allows the declared field of an unconditional type', () => {
    expect(decideConsult(base)).toEqual({ allow: true, fields: ['name'], agreementId: null });
  });
  it.each([
    [{ principal: { ...base.principal, roles: ['reviewer' as const] } }, 'NOT_A_CLERK'],
    [{ principal: { ...base.principal, deptCode: DEPTS[2]! } }, 'NOT_HANDLING_DEPT'],
    [{ caseFile: { ...base.caseFile, status: 'accepted' as const } }, 'CASE_NOT_IN_INTAKE'],
    [{ caseFile: { ...base.caseFile, explicitRequest: null } }, 'NO_EXPLICIT_REQUEST'],
    [{ typeCode: TYPES[1]! }, 'TYPE_NOT_IN_ITEM'],
    [{ fields: ['number'] }, 'FIELD_NOT_DECLARED'],
    [{ type: undefined }, 'TYPE_UNKNOWN'],
    [{ type: { ...type, sharing: 'none' as const } }, 'NOT_SHARED'],
    [{ type: { ...type, sharing: 'conditional' as const } }, 'AGREEMENT_REQUIRED'],
  ])('denies %o with %s', (change, reason) => {
    expect(decideConsult({ ...base, ...change })).toEqual({ allow: false, reason });
  });
});
