export { generateDemoCity, DEFAULT_SEED } from './demo-city.js';
export type {
  DemoCase,
  DemoCaseMaterial,
  DemoCaseOutcome,
  DemoCertificate,
  DemoCertificateStatus,
  DemoCity,
  DemoCityCounts,
  DemoCityOptions,
  FieldValue,
  Organisation,
  Person,
} from './types.js';
export type { Chain } from './chains.js';
export { buildCatalog } from './catalog.js';
export { CITY, DISTRICTS, type District } from './geography.js';
export { PERSONS_PER_SCALE, ORGANISATIONS_PER_SCALE, CASES_PER_SCALE, MAX_PERSONS } from './world.js';
export { hashString, createRandom, randomStream, permutation, Random } from './random.js';
export { departmentSpecs, type DeptKey } from './departments.js';
