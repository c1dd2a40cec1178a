import { buildCatalog } from './catalog.js';
import { AS_OF_ISO, caseAt, caseIndex, Holdings } from './cases.js';
import { materialise, organisationPlans, personPlans } from './certificates.js';
import { buildChains } from './chains.js';
import { CITY } from './geography.js';
import { memberOf, orgPlan, organisationRecord, personRecord } from './population.js';
import type {
  DemoCase,
  DemoCertificate,
  DemoCity,
  DemoCityCounts,
  DemoCityOptions,
  Organisation,
  Person,
} from './types.js';
import { createWorld } from './world.js';

export const DEFAULT_SEED = 'tongban-demo';

/** Average certificates per holder at scale 1 (measured; the tests keep the estimate within 2 %). */
const CERTIFICATES_PER_PERSON = 6.1;
const CERTIFICATES_PER_ORGANISATION = 3.19;

/**
 * Generates 示范市 from a seed: the same seed and scale give the same city, byte for byte. Nothing is
 * generated up front beyond the catalog: persons, organisations, certificates and cases come from
 * iterators, each record derived from its index, so any slice can be produced on its own and a city at
 * scale 100 (2 million persons) needs no more memory than one at scale 1.
 *
 * @throws RangeError when the scale is not positive, or so large that resident IDs could not stay unique.
 */
export function generateDemoCity(options: DemoCityOptions = {}): DemoCity {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  const world = createWorld(seed, scale);
  const catalog = buildCatalog();
  const chains = buildChains();
  const index = caseIndex(world);

  const range = (from: number | undefined, to: number | undefined, total: number): [number, number] => {
    const start = Math.max(0, Math.min(total, from ?? 0));
    return [start, Math.max(start, Math.min(total, to ?? total))];
  };

  let certificateCount: number | undefined;
  const counts: DemoCityCounts = {
    departments: catalog.departments.length,
    certificateTypes: catalog.certificateTypes.length,
    items: catalog.items.length,
    chains: chains.length,
    persons: world.persons,
    organisations: world.organisations,
    get certificates(): number {
      certificateCount ??= countCertificates();
      return certificateCount;
    },
    certificatesEstimate: Math.round(
      world.persons * CERTIFICATES_PER_PERSON + world.organisations * CERTIFICATES_PER_ORGANISATION,
    ),
    cases: index.total,
  };

  function countCertificates(): number {
    let n = 0;
    for (let i = 0; i < world.persons; i++) n += personPlans(world, i).length;
    for (let i = 0; i < world.organisations; i++) n += organisationPlans(world, i).length;
    return n;
  }

  const city: DemoCity = {
    seed,
    scale,
    name: CITY.name,
    asOf: AS_OF_ISO,
    catalog,
    chains,
    counts,
    *persons(from?: number, to?: number): Generator<Person> {
      const [a, b] = range(from, to, world.persons);
      for (let i = a; i < b; i++) yield personRecord(memberOf(world, i).member);
    },
    *organisations(from?: number, to?: number): Generator<Organisation> {
      const [a, b] = range(from, to, world.organisations);
      for (let i = a; i < b; i++) yield organisationRecord(orgPlan(world, i));
    },
    *certificates(): Generator<DemoCertificate> {
      for (let i = 0; i < world.persons; i++) for (const p of personPlans(world, i)) yield materialise(p);
      for (let i = 0; i < world.organisations; i++)
        for (const p of organisationPlans(world, i)) yield materialise(p);
    },
    *cases(from?: number, to?: number): Generator<DemoCase> {
      const [a, b] = range(from, to, index.total);
      for (let j = a; j < b; j++) yield caseAt(world, index, j, new Holdings(world));
    },
    person: (i) => personRecord(memberOf(world, i).member),
    organisation: (i) => {
      if (!Number.isInteger(i) || i < 0 || i >= world.organisations)
        throw new RangeError('organisation index out of range');
      return organisationRecord(orgPlan(world, i));
    },
    certificatesOf: ({ kind, index: i }) => {
      const total = kind === 'person' ? world.persons : world.organisations;
      if (!Number.isInteger(i) || i < 0 || i >= total) throw new RangeError(`${kind} index out of range`);
      return (kind === 'person' ? personPlans(world, i) : organisationPlans(world, i)).map(materialise);
    },
    case: (j) => caseAt(world, index, j),
  };
  return city;
}
