import { DISTRICTS, type District } from './geography.js';
import { permutation, randomStream, type Random } from './random.js';
import { BoundedCache, IndexedSubset } from './subset.js';

/** Records per unit of scale. */
export const PERSONS_PER_SCALE = 20_000;
export const ORGANISATIONS_PER_SCALE = 3_000;
export const CASES_PER_SCALE = 40_000;

/** Persons are generated in blocks of four (a "family slot": a household, or unrelated neighbours). */
export const FAMILY_SIZE = 4;

/**
 * Resident ID numbers are unique by construction, with no set of issued numbers to keep. Person i gets
 * key = P(i), P a keyed permutation of [0, MAX_PERSONS); the key fixes the parity of the birth cohort
 * (cohort c runs from c-07-01 to (c+1)-06-30), the day within the cohort year, the birth district and
 * the slot of the 3-digit sequence number (slot × 2, plus 1 for a man). The family logic chooses the
 * cohort, but only among those of the key's parity. Two persons with different keys then differ in
 * district or slot (so in region code or sequence), or else in day or cohort parity, hence in birth
 * date. MAX_PERSONS = 2 parities × 365 days × 8 districts × 500 slots, so up to scale 146.
 */
const ID_DAYS = 365;
const ID_SLOTS = 500;
export const MAX_PERSONS = 2 * ID_DAYS * DISTRICTS.length * ID_SLOTS;

export interface PersonKey {
  /** The birth cohort's parity (cohort mod 2). */
  readonly parity: number;
  /** Day within the cohort year, 0..364. */
  readonly day: number;
  readonly district: District;
  /** 0..499; the sequence number is slot × 2 + sex digit. */
  readonly slot: number;
}

export type Scenario =
  'ordinary' | 'newborn' | 'wedding' | 'retirement' | 'homePurchase' | 'disability' | 'veteran';

/**
 * Which family slots live through a chain-triggering event in the two event years. Decided by the slot
 * index modulo 200, so the number of each is known in closed form: per 200 slots (800 persons), 10
 * births, 10 weddings, 10 retirements, 10 home purchases, 5 new disability certificates, 1 discharge.
 */
export const SCENARIO_MODULUS = 200;
const SCENARIO_RESIDUES: Readonly<Record<Exclude<Scenario, 'ordinary'>, readonly number[]>> = (() => {
  const by = (ms: number[]): number[] => {
    const out: number[] = [];
    for (let r = 0; r < SCENARIO_MODULUS; r++) if (ms.includes(r % 40)) out.push(r);
    return out;
  };
  return {
    newborn: by([3, 23]),
    wedding: by([7, 27]),
    retirement: by([11, 31]),
    homePurchase: by([15, 35]),
    disability: by([19]),
    veteran: [39],
  };
})();

export const scenarioSubsets: Readonly<Record<Exclude<Scenario, 'ordinary'>, IndexedSubset>> = {
  newborn: new IndexedSubset(SCENARIO_MODULUS, SCENARIO_RESIDUES.newborn),
  wedding: new IndexedSubset(SCENARIO_MODULUS, SCENARIO_RESIDUES.wedding),
  retirement: new IndexedSubset(SCENARIO_MODULUS, SCENARIO_RESIDUES.retirement),
  homePurchase: new IndexedSubset(SCENARIO_MODULUS, SCENARIO_RESIDUES.homePurchase),
  disability: new IndexedSubset(SCENARIO_MODULUS, SCENARIO_RESIDUES.disability),
  veteran: new IndexedSubset(SCENARIO_MODULUS, SCENARIO_RESIDUES.veteran),
};

export type OrgKind = 'established' | 'companyStart' | 'restaurantStart' | 'pharmacyStart';

/**
 * Organisations founded during the event years: every tenth (index ≡ 7 mod 10). Of those, by their
 * rank m among the new ones: m ≡ 0, 5 (mod 10) open a restaurant, m ≡ 3 a pharmacy, the rest another
 * company. Again closed-form counts.
 */
export const NEW_ORG_SUBSET = new IndexedSubset(10, [7]);
export const orgChainSubsets: Readonly<Record<Exclude<OrgKind, 'established'>, IndexedSubset>> = {
  restaurantStart: new IndexedSubset(10, [0, 5]),
  pharmacyStart: new IndexedSubset(10, [3]),
  companyStart: new IndexedSubset(10, [1, 2, 4, 6, 7, 8, 9]),
};

/** Everything derived from (seed, scale) that the record generators share. */
export interface World {
  readonly seed: string;
  readonly scale: number;
  readonly persons: number;
  readonly organisations: number;
  /** Family slots (the last may be partial). */
  readonly families: number;
  /** Family slots with all four members; only these can live through a scenario. */
  readonly fullFamilies: number;
  readonly targetCases: number;
  readonly personKey: (index: number) => PersonKey;
  readonly rng: {
    readonly family: (f: number) => Random;
    readonly personCertificates: (i: number) => Random;
    readonly organisation: (i: number) => Random;
    readonly organisationCertificates: (i: number) => Random;
    readonly case: (j: number) => Random;
    readonly chainCase: (j: number) => Random;
  };
  /** Keyed bijections for organisation code bodies: 8 digits (before 2015-10) and 'MA' + 6 characters. */
  readonly orgBodyDigits: (i: number) => number;
  readonly orgBodyModern: (i: number) => number;
  readonly caches: {
    readonly families: BoundedCache<number, unknown>;
    readonly organisations: BoundedCache<number, unknown>;
  };
}

export function createWorld(seed: string, scale: number): World {
  if (!(Number.isFinite(scale) && scale > 0)) throw new RangeError('scale must be a positive number');
  const persons = Math.max(FAMILY_SIZE, Math.round(PERSONS_PER_SCALE * scale));
  if (persons > MAX_PERSONS) {
    throw new RangeError(
      `scale ${scale} needs ${persons} persons; unique resident IDs allow at most ${MAX_PERSONS}`,
    );
  }
  const organisations = Math.max(1, Math.round(ORGANISATIONS_PER_SCALE * scale));
  const keyOf = permutation(seed, 'resident-id', MAX_PERSONS);
  const districts = DISTRICTS.length;
  return {
    seed,
    scale,
    persons,
    organisations,
    families: Math.ceil(persons / FAMILY_SIZE),
    fullFamilies: Math.floor(persons / FAMILY_SIZE),
    targetCases: Math.round(CASES_PER_SCALE * scale),
    personKey: (index) => {
      let k = keyOf(index);
      const parity = k % 2;
      k = Math.floor(k / 2);
      const day = k % ID_DAYS;
      k = Math.floor(k / ID_DAYS);
      const district = DISTRICTS[k % districts] as District;
      return { parity, day, district, slot: Math.floor(k / districts) };
    },
    rng: {
      family: randomStream(seed, 'family'),
      personCertificates: randomStream(seed, 'person-certificates'),
      organisation: randomStream(seed, 'organisation'),
      organisationCertificates: randomStream(seed, 'organisation-certificates'),
      case: randomStream(seed, 'case'),
      chainCase: randomStream(seed, 'chain-case'),
    },
    orgBodyDigits: permutation(seed, 'organisation-code-digits', 100_000_000),
    orgBodyModern: permutation(seed, 'organisation-code-modern', 31 ** 6),
    caches: { families: new BoundedCache(4096), organisations: new BoundedCache(4096) },
  };
}

const SCENARIO_TABLE: readonly Scenario[] = Array.from({ length: SCENARIO_MODULUS }, (_, r) => {
  for (const [name, subset] of Object.entries(scenarioSubsets)) if (subset.has(r)) return name as Scenario;
  return 'ordinary';
});

export function scenarioOf(world: World, f: number): Scenario {
  if (f >= world.fullFamilies) return 'ordinary';
  return SCENARIO_TABLE[f % SCENARIO_MODULUS] ?? 'ordinary';
}
