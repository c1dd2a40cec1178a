import { createHash } from 'node:crypto';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import {
  validateCatalog,
  validateCertificateId,
  validateCreditCode,
  validateResidentId,
  type CertificateType,
  type ServiceItem,
} from '@tongban/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateDemoCity,
  type DemoCase,
  type DemoCertificate,
  type DemoCity,
  type Organisation,
  type Person,
} from './index.js';

/**
 * One pass over the whole scale-1 city is shared by the tests below (about 2.5 s); the other tests
 * sample by index, which the generator allows without generating what comes before. Loops collect
 * what is wrong and assert once, so that 130,000 certificates do not make 130,000 expect() calls.
 */
let city: DemoCity;
let persons: Person[];
let organisations: Organisation[];
let certificates: DemoCertificate[];
let cases: DemoCase[];
let types: Map<string, CertificateType>;
let items: Map<string, ServiceItem>;

beforeAll(() => {
  city = generateDemoCity();
  persons = [...city.persons()];
  organisations = [...city.organisations()];
  certificates = [...city.certificates()];
  cases = [...city.cases()];
  types = new Map(city.catalog.certificateTypes.map((t) => [t.code, t]));
  items = new Map(city.catalog.items.map((i) => [i.itemCode, i]));
}, 60_000);

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string): boolean =>
  isoDate.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

describe('determinism', () => {
  it('gives the same city for the same seed', () => {
    const again = generateDemoCity();
    expect(JSON.stringify(again.catalog)).toBe(JSON.stringify(city.catalog));
    expect(again.chains).toEqual(city.chains);
    expect(JSON.stringify([...again.persons()])).toBe(JSON.stringify(persons));
    expect(JSON.stringify([...again.organisations()])).toBe(JSON.stringify(organisations));
    for (const i of [0, 1, 2, 3, 997, 4242, 12_345, 19_999]) {
      expect(JSON.stringify(again.certificatesOf({ kind: 'person', index: i }))).toBe(
        JSON.stringify(city.certificatesOf({ kind: 'person', index: i })),
      );
    }
    for (const j of [0, 1, 5000, 5089, 5090, 17_000, 39_999])
      expect(JSON.stringify(again.case(j))).toBe(JSON.stringify(cases[j]));
  });

  it('produces byte-identical JSON for a slice, however it is reached', () => {
    expect(JSON.stringify([...city.cases(6000, 6100)])).toBe(JSON.stringify(cases.slice(6000, 6100)));
    expect([...city.persons(4000, 4010)]).toEqual(persons.slice(4000, 4010));
    const person7 = certificates.filter((c) => c.holder.id === persons[7]?.id);
    expect(city.certificatesOf({ kind: 'person', index: 7 })).toEqual(person7);
  });

  it('pins the default city, so that a change to the generator is a conscious one', () => {
    const digest = (xs: unknown[]): string => {
      const h = createHash('sha256');
      for (const x of xs) h.update(JSON.stringify(x)).update('\n');
      return h.digest('hex').slice(0, 16);
    };
    expect({
      counts: { ...city.counts },
      person0: persons[0],
      catalog: digest([city.catalog, city.chains]),
      persons: digest(persons),
      organisations: digest(organisations),
      certificates: digest(certificates),
      cases: digest(cases),
    }).toMatchInlineSnapshot(`
      {
        "cases": "8b9f1f5dce3e19a2",
        "catalog": "bc42e32d467fd11b",
        "certificates": "0b8fa8b27c76156e",
        "counts": {
          "cases": 40000,
          "certificateTypes": 30,
          "certificates": 131613,
          "certificatesEstimate": 131570,
          "chains": 9,
          "departments": 25,
          "items": 80,
          "organisations": 3000,
          "persons": 20000,
        },
        "organisations": "0c908509135fe75a",
        "person0": {
          "address": "示范市北山区锦绣街204号翠园家园5栋1505房",
          "birthDate": "1999-05-11",
          "districtCode": "449905",
          "ethnicity": "汉",
          "householdNumber": "400000000",
          "id": "44990819990511993X",
          "name": "朱军浩",
          "phone": "17773380121",
          "sex": "male",
        },
        "persons": "b9d85091a2d0f00e",
      }
    `);
  });

  it('gives another city for another seed', () => {
    const other = generateDemoCity({ seed: 'another-seed' });
    expect(JSON.stringify(other.catalog)).toBe(JSON.stringify(city.catalog)); // the catalog is seed-free
    const first = [...other.persons(0, 100)];
    expect(first.filter((p, i) => p.id === persons[i]?.id).length).toBeLessThan(5);
    expect(other.organisation(0).creditCode).not.toBe(organisations[0]?.creditCode);
    expect(JSON.stringify(other.case(20_000))).not.toBe(JSON.stringify(cases[20_000]));
  });
});

describe('counts at scale 1', () => {
  it('has the catalog and population the issue asks for', () => {
    const { catalog, counts } = city;
    expect(counts.departments).toBeGreaterThanOrEqual(14);
    expect(catalog.departments.filter((d) => d.vertical).length).toBeGreaterThanOrEqual(2);
    expect(catalog.departments.some((d) => d.level === 'district')).toBe(true);
    expect(counts.certificateTypes).toBe(30);
    expect(counts.items).toBe(80);
    expect(city.chains.length).toBeGreaterThanOrEqual(5);
    expect(counts.persons).toBe(20_000);
    expect(counts.organisations).toBe(3_000);
    expect(persons).toHaveLength(20_000);
    expect(organisations).toHaveLength(3_000);
    expect(counts.certificates).toBe(certificates.length);
    expect(Math.abs(counts.certificatesEstimate - counts.certificates) / counts.certificates).toBeLessThan(
      0.02,
    );
    expect(counts.cases).toBe(40_000);
    expect(cases).toHaveLength(40_000);
  });

  it('mixes sharing classes, grades and validity rules', () => {
    const ts = city.catalog.certificateTypes;
    expect(ts.filter((t) => t.sharing === 'unconditional').length).toBeGreaterThan(ts.length / 2);
    expect(ts.filter((t) => t.sharing === 'conditional').length).toBeGreaterThanOrEqual(3);
    expect(ts.filter((t) => t.sharing === 'none').length).toBeGreaterThanOrEqual(1);
    for (const t of ts) if (t.sharing !== 'unconditional') expect(t.legalBasis?.length).toBeGreaterThan(10);
    expect(new Set(ts.map((t) => t.grade))).toEqual(new Set([1, 2, 3, 4]));
    expect(new Set(ts.map((t) => t.validity.kind))).toEqual(new Set(['permanent', 'term', 'stated']));
    expect(ts.every((t) => t.trust === 'A')).toBe(true);
    expect(types.get('11100000000013127D001')?.name).toBe('居民身份证');
    expect(types.get('11100000MB0143028R001')?.name).toBe('营业执照');
  });

  it('issues every certificate type, mostly valid ones, with a few of each other status', () => {
    const byType = new Map<string, number>();
    const byStatus = new Map<string, number>();
    const held = new Map<string, Set<string>>();
    for (const c of certificates) {
      byType.set(c.typeCode, (byType.get(c.typeCode) ?? 0) + 1);
      byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
      let set = held.get(c.holder.id);
      if (!set) held.set(c.holder.id, (set = new Set()));
      set.add(c.typeCode);
    }
    expect(byType.size).toBe(30);
    expect((byStatus.get('有效') ?? 0) / certificates.length).toBeGreaterThan(0.9);
    for (const s of ['暂扣', '撤销', '注销', '失效', '吊销']) expect(byStatus.get(s) ?? 0).toBeGreaterThan(0);
    // Everyone from 16 has an ID card; everyone but a newborn not yet registered has a household entry.
    const adults = persons.filter((p) => p.birthDate <= '2009-09-30');
    expect(adults.filter((p) => !held.get(p.id)?.has('11100000000013127D001'))).toEqual([]);
    const registered = persons.filter((p) => held.get(p.id)?.has('11100000000013127D002')).length;
    expect(registered / persons.length).toBeGreaterThan(0.99);
    expect(organisations.filter((o) => !held.get(o.creditCode)?.has('11100000MB0143028R001'))).toEqual([]);
  });
});

describe('identifiers', () => {
  it('gives every person a valid, unique resident ID of a 示范市 district', () => {
    const bad = persons.filter(
      (p) =>
        !validateResidentId(p.id).ok ||
        !p.id.startsWith('4499') ||
        p.id.slice(6, 14) !== p.birthDate.replaceAll('-', '') ||
        (Number(p.id.charAt(16)) % 2 === 1 ? 'male' : 'female') !== p.sex ||
        p.birthDate > city.asOf ||
        p.birthDate < '1930-01-01',
    );
    expect(bad).toEqual([]);
    expect(new Set(persons.map((p) => p.id)).size).toBe(persons.length);
  });

  it('gives every organisation and department a valid, unique credit code', () => {
    const codes = [
      ...organisations.map((o) => o.creditCode),
      ...city.catalog.departments.map((d) => d.creditCode),
    ];
    expect(
      codes.filter((c) => {
        const check = validateCreditCode(c);
        return !check.ok || check.warnings.length > 0;
      }),
    ).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives every certificate a valid, unique GB/T 36904 identifier naming its type and issuer', () => {
    // Every identifier names its type and issuer; the check character is verified on one in five
    // (about 26,000), plenty for a deterministic generator and half a second cheaper.
    const bad = certificates.filter(
      (c, k) =>
        !c.certificateId.includes(`.${c.typeCode}.${c.issuerCode}.`) ||
        (k % 5 === 0 && !validateCertificateId(c.certificateId).ok),
    );
    expect(bad).toEqual([]);
    expect(new Set(certificates.map((c) => c.certificateId)).size).toBe(certificates.length);
  });

  it('refers to existing people: legal representatives, spouses, parents', () => {
    const ids = new Set(persons.map((p) => p.id));
    expect(organisations.filter((o) => !ids.has(o.legalRepresentativeId))).toEqual([]);
    const bad: string[] = [];
    for (const c of certificates) {
      for (const key of ['husbandIdNumber', 'wifeIdNumber', 'motherIdNumber', 'fatherIdNumber']) {
        const v = c.fields[key];
        if (typeof v !== 'string') continue;
        // Former spouses of divorced residents live elsewhere (region 449801); everyone else is a resident.
        if (!validateResidentId(v).ok || (!v.startsWith('449801') && !ids.has(v)))
          bad.push(`${key} of ${c.certificateId}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('certificates', () => {
  it('hold field values valid against their type’s JSON Schema', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat('date', { type: 'string', validate: realDate });
    const validators = new Map<string, ValidateFunction>();
    for (const t of city.catalog.certificateTypes) validators.set(t.code, ajv.compile({ ...t.fields }));
    const bad: string[] = [];
    for (const c of certificates) {
      const validate = validators.get(c.typeCode);
      if (!validate?.(c.fields)) bad.push(`${c.certificateId}: ${ajv.errorsText(validate?.errors)}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('are issued by a department that issues the type, to a holder of the type’s kind, with coherent dates', () => {
    const personIds = new Set(persons.map((p) => p.id));
    const orgIds = new Set(organisations.map((o) => o.creditCode));
    const bad: string[] = [];
    for (const c of certificates) {
      const type = types.get(c.typeCode) as CertificateType;
      const problem = !type.issuingDeptCodes.includes(c.issuerCode)
        ? 'issuer'
        : c.holder.kind !== type.holderKind
          ? 'holder kind'
          : !(c.holder.kind === 'person' ? personIds : orgIds).has(c.holder.id)
            ? 'unknown holder'
            : !realDate(c.validFrom) || c.validFrom > city.asOf
              ? 'validFrom'
              : c.validUntil !== null && c.validUntil <= c.validFrom
                ? 'validUntil'
                : type.validity.kind === 'permanent' && c.validUntil !== null
                  ? 'permanent with an end'
                  : c.status === '有效' && c.validUntil !== null && c.validUntil < city.asOf
                    ? 'valid but expired'
                    : c.status === '失效' && (c.validUntil === null || c.validUntil >= city.asOf)
                      ? 'expired but not ended'
                      : null;
      if (problem) bad.push(`${problem}: ${c.certificateId}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('pair spouses: both hold a marriage certificate with the same number and each other’s names', () => {
    const byNumber = new Map<string, DemoCertificate[]>();
    for (const c of certificates) {
      if (c.typeCode !== '11100000TB000001XB001' || c.status !== '有效') continue;
      const n = String(c.fields['certificateNumber']);
      byNumber.set(n, [...(byNumber.get(n) ?? []), c]);
    }
    const pairs = [...byNumber.values()];
    expect(pairs.length).toBeGreaterThan(2500);
    for (const [a, b] of pairs) {
      expect(b).toBeDefined();
      expect(a?.fields['husbandIdNumber']).toBe(b?.fields['husbandIdNumber']);
      expect(new Set([a?.holder.id, b?.holder.id])).toEqual(
        new Set([a?.fields['husbandIdNumber'], a?.fields['wifeIdNumber']]),
      );
    }
  });
});

describe('catalog', () => {
  it('passes the domain’s catalog validation without an issue', () => {
    expect(validateCatalog(city.catalog)).toEqual([]);
  });

  it('has referential integrity', () => {
    const { departments, certificateTypes, items: all } = city.catalog;
    const deptCodes = new Set(departments.map((d) => d.creditCode));
    expect(deptCodes.size).toBe(departments.length);
    expect(types.size).toBe(certificateTypes.length);
    expect(items.size).toBe(all.length);
    for (const d of departments) if (d.parentCode) expect(deptCodes.has(d.parentCode)).toBe(true);
    for (const t of certificateTypes) {
      expect(t.code.slice(0, 18)).toBe(t.definingDeptCode);
      expect(validateCreditCode(t.definingDeptCode).ok).toBe(true);
      expect(t.issuingDeptCodes.length).toBeGreaterThan(0);
      for (const code of t.issuingDeptCodes) expect(deptCodes.has(code)).toBe(true);
      for (const field of Object.values(t.fields.properties)) expect(field.title).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const item of all) {
      expect(deptCodes.has(item.deptCode)).toBe(true);
      expect(item.itemCode).toBe(`${item.deptCode}2${item.baseCode}`);
      expect(item.baseCode).toMatch(/^44(01|04|05|07|20|21)\d{2}8\d{2}000$/);
      for (const m of item.materials) {
        if (m.source.kind === 'certificate') {
          const type = types.get(m.source.typeCode);
          expect(type, m.name).toBeDefined();
          expect(m.source.fields.length).toBeGreaterThan(0);
          for (const f of m.source.fields)
            expect(Object.keys(type?.fields.properties ?? {}), `${item.name}/${m.name}`).toContain(f);
        }
        if (m.source.kind === 'prior-case') expect(items.has(m.source.itemCode)).toBe(true);
      }
      for (const code of item.outputs) expect(types.has(code)).toBe(true);
      for (const code of item.followUps) expect(items.has(code)).toBe(true);
      expect(item.serviceObjects.length).toBeGreaterThan(0);
    }
  });

  it('asks only for the fields an item needs: 食品经营许可 takes four fields of the business licence', () => {
    const food = city.catalog.items.find((i) => i.name === '食品经营许可（新办）');
    const licence = food?.materials.find((m) => m.name === '营业执照');
    expect(licence?.source).toEqual({
      kind: 'certificate',
      typeCode: '11100000MB0143028R001',
      fields: ['creditCode', 'name', 'legalRepresentative', 'address'],
    });
  });
});

describe('chains', () => {
  it('are consistent: each step consumes what an earlier step produced and follows the step before', () => {
    expect(city.chains.map((c) => c.name)).toEqual(
      expect.arrayContaining(['开办企业一件事', '出生一件事', '结婚一件事', '退休一件事', '开办餐馆一件事']),
    );
    for (const chain of city.chains) {
      expect(chain.steps.length).toBeGreaterThanOrEqual(2);
      chain.steps.forEach((code, k) => {
        const item = items.get(code) as ServiceItem;
        expect(item, code).toBeDefined();
        if (k === 0) return;
        const previous = items.get(chain.steps[k - 1] as string) as ServiceItem;
        expect(previous.followUps, `${chain.name} step ${k}`).toContain(code);
        const earlier = chain.steps.slice(0, k);
        const earlierOutputs = new Set(earlier.flatMap((c) => items.get(c)?.outputs ?? []));
        const consumes = item.materials.some(
          (m) =>
            (m.source.kind === 'certificate' && earlierOutputs.has(m.source.typeCode)) ||
            (m.source.kind === 'prior-case' && earlier.includes(m.source.itemCode)),
        );
        expect(consumes, `${chain.name}: ${item.name} consumes an earlier step's result`).toBe(true);
      });
    }
    const start = city.chains.find((c) => c.name === '开办企业一件事');
    expect(items.get(start?.steps[0] ?? '')?.outputs).toEqual(['11100000MB0143028R001']);
  });

  it('are lived through by the population: chain cases in order, each issuing the certificate it outputs', () => {
    const byInstance = new Map<string, DemoCase[]>();
    for (const c of cases) {
      if (!c.chain) continue;
      const key = `${c.chain.name}#${c.chain.instance}`;
      byInstance.set(key, [...(byInstance.get(key) ?? []), c]);
    }
    expect(byInstance.size).toBeGreaterThan(1000);
    const certById = new Map(certificates.map((c) => [c.certificateId, c]));
    const bad: string[] = [];
    for (const [key, steps] of byInstance) {
      const chain = city.chains.find((c) => key.startsWith(`${c.name}#`));
      if (JSON.stringify(steps.map((s) => s.itemCode)) !== JSON.stringify(chain?.steps))
        bad.push(`${key}: steps`);
      for (let k = 1; k < steps.length; k++) {
        const prev = steps[k - 1] as DemoCase;
        const cur = steps[k] as DemoCase;
        if (prev.concludedOn !== null && cur.submittedOn < prev.concludedOn)
          bad.push(`${key}: step ${k} before ${k - 1} ended`);
        if (prev.applicant.id !== cur.applicant.id) bad.push(`${key}: applicant changed`);
      }
      for (const s of steps) {
        for (const id of s.issuedCertificateIds) {
          const cert = certById.get(id);
          if (
            !cert ||
            cert.validFrom !== s.concludedOn ||
            !items.get(s.itemCode)?.outputs.includes(cert.typeCode)
          )
            bad.push(`${key}: ${id}`);
        }
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
    const births = cases.filter(
      (c) => c.chain?.name === '出生一件事' && c.chain.step === 0 && c.outcome === 'approved',
    );
    expect(births.length).toBeGreaterThan(200);
    expect(births.filter((c) => c.issuedCertificateIds.length !== 1)).toEqual([]);
    const setups = cases.filter((c) => c.chain?.step === 0 && c.chain.name === '开办企业一件事');
    const founded = new Map(organisations.map((o) => [o.creditCode, o.foundedOn]));
    expect(setups.filter((c) => founded.get(c.applicant.id) !== c.concludedOn)).toEqual([]);
  });
});

describe('cases', () => {
  it('are dated within the history, step after step, never after the snapshot day', () => {
    const bad: string[] = [];
    for (const c of cases) {
      const steps = [c.submittedOn, c.acceptedOn, c.decidedOn, c.concludedOn, c.deliveredOn].filter(
        (d): d is string => d !== null,
      );
      const dow = new Date(`${c.submittedOn}T00:00:00Z`).getUTCDay();
      const problem =
        items.get(c.itemCode)?.deptCode !== c.deptCode
          ? 'dept'
          : steps.some((d) => !realDate(d) || d > city.asOf || d < '2023-07-01')
            ? 'date range'
            : steps.some((d, k) => k > 0 && d < (steps[k - 1] as string))
              ? 'order'
              : (c.outcome === 'open') !== (c.concludedOn === null)
                ? 'open'
                : c.outcome === 'refused' && c.acceptedOn !== null
                  ? 'refused but accepted'
                  : c.supplement?.suppliedOn && c.supplement.suppliedOn < c.supplement.requestedOn
                    ? 'supplement'
                    : dow === 0 || dow === 6
                      ? 'weekend'
                      : null;
      if (problem) bad.push(`${problem}: ${JSON.stringify(c).slice(0, 300)}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(new Set(cases.map((c) => c.caseNo)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.outcome))).toEqual(
      new Set(['approved', 'denied', 'refused', 'withdrawn', 'open']),
    );
  });

  it('name the item’s materials, and say which were brought and which could have been shared', () => {
    let shareable = 0;
    let brought = 0;
    let sharedInstead = 0;
    const certById = new Map(certificates.map((c) => [c.certificateId, c]));
    const bad: string[] = [];
    for (const c of cases) {
      const item = items.get(c.itemCode) as ServiceItem;
      const names = new Set(item.materials.map((m) => m.name));
      for (const m of c.materials) {
        if (!names.has(m.name)) bad.push(`${item.name}: ${m.name}`);
        if (m.certificateId !== null) {
          const cert = certById.get(m.certificateId);
          if (cert?.typeCode !== m.typeCode || JSON.stringify(cert.holder) !== JSON.stringify(m.holder))
            bad.push(`${c.caseNo}: ${m.name}`);
        }
        if (!m.shareable && !m.brought) bad.push(`${c.caseNo}: ${m.name} neither shared nor brought`);
        if (m.shareable) shareable++;
        if (m.brought) brought++;
        if (m.shareable && !m.brought) sharedInstead++;
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(shareable).toBeGreaterThan(brought / 3);
    expect(sharedInstead).toBeGreaterThan(0);
    expect(shareable - sharedInstead).toBeGreaterThan(sharedInstead); // most shareable materials were still brought
  });

  it('are applied for by people and organisations of the city, across nearly every item', () => {
    const personIds = new Set(persons.map((p) => p.id));
    const orgIds = new Set(organisations.map((o) => o.creditCode));
    expect(
      cases.filter((c) => !(c.applicant.kind === 'person' ? personIds : orgIds).has(c.applicant.id)),
    ).toEqual([]);
    expect(new Set(cases.map((c) => c.itemCode)).size).toBeGreaterThan(70);
  });
});

describe('scale', () => {
  it('multiplies population and history by the scale, with the same first persons and organisations', () => {
    const big = generateDemoCity({ scale: 10 });
    expect(big.counts.persons).toBe(200_000);
    expect(big.counts.organisations).toBe(30_000);
    expect(big.counts.cases).toBe(400_000);
    expect(big.counts.items).toBe(80);
    expect([...big.persons(0, 2000)]).toEqual(persons.slice(0, 2000));
    expect([...big.organisations(0, 300)]).toEqual(organisations.slice(0, 300));
    for (const i of [0, 5, 123, 1999]) {
      expect(big.certificatesOf({ kind: 'person', index: i })).toEqual(
        city.certificatesOf({ kind: 'person', index: i }),
      );
    }
    const tail = [...big.persons(199_990)];
    expect(tail).toHaveLength(10);
    expect(tail.filter((p) => !validateResidentId(p.id).ok)).toEqual([]);
    expect(items.has(big.case(big.counts.cases - 1).itemCode)).toBe(true);
  });

  it('accepts fractional scales and rejects impossible ones', () => {
    const small = generateDemoCity({ scale: 0.05 });
    expect(small.counts.persons).toBe(1000);
    expect(small.counts.organisations).toBe(150);
    expect([...small.cases()]).toHaveLength(small.counts.cases);
    expect([...small.certificates()]).toHaveLength(small.counts.certificates);
    expect(() => generateDemoCity({ scale: 0 })).toThrow(RangeError);
    expect(() => generateDemoCity({ scale: 1000 })).toThrow(RangeError);
  });
});
