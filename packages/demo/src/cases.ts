import type { HolderKind } from '@tongban/domain';
import { timeCase, type CaseTiming } from './case-timing.js';
import { typeSpec, typeCode, type TypeKey } from './certificate-types.js';
import {
  certificateIdOf,
  familyChain,
  orgChain,
  personCertificatePlans,
  organisationCertificatePlans,
  SCENARIO_CHAINS,
  type CertificatePlan,
} from './certificates.js';
import { chainKeys, chainSpecs, type ChainKey } from './chains.js';
import { compactDate, isoDate, nextWorkingDay, yearsBetween } from './dates.js';
import { deptCode } from './departments.js';
import { CITY } from './geography.js';
import {
  chainOrganisation,
  chainOrganisationCount,
  familyPlan,
  orgPlan,
  scenarioFamily,
  scenarioInstances,
  type FamilyPlan,
  type Member,
  type OrgPlan,
} from './population.js';
import type { Random } from './random.js';
import { itemCode, itemSpec, type ItemKey, type ItemSpec } from './service-items.js';
import { AS_OF, HISTORY_FROM, HISTORY_TO, PILOT_FROM } from './timeline.js';
import type { DemoCase, DemoCaseMaterial } from './types.js';
import { FAMILY_SIZE, type Scenario, type World } from './world.js';

/**
 * The case history: first every chain instance's steps (chain by chain, instance by instance), then
 * single-item cases drawn by volume. Case j is a pure function of (seed, scale, j).
 */

/** Relative yearly volumes of single-item cases. Items only a chain sets off have none here. */
const VOLUMES: Partial<Record<ItemKey, number>> = {
  idCardRenewal: 60,
  idCardFirst: 10,
  idCardReissue: 15,
  householdMove: 15,
  maritalStatusChange: 5,
  driverLicenceRenewal: 40,
  driverLicenceFirst: 20,
  noCriminalRecord: 25,
  sealFiling: 4,
  companyChange: 25,
  companyDeregistration: 5,
  foodLicenceNew: 8,
  foodLicenceRenewal: 15,
  foodLicenceChange: 6,
  drugLicenceRenewal: 3,
  divorceRegistration: 3,
  marriageCertReissue: 4,
  marriageRecordProof: 12,
  minimumLivingAllowance: 8,
  disabilitySubsidy: 4,
  seniorAllowance: 10,
  physicianRegistration: 3,
  clinicLicence: 1,
  clinicLicenceRenewal: 2,
  hygieneLicenceNew: 3,
  fertilityRegistration: 4,
  onlyChildCertificateIssue: 1,
  familyPlanningSupport: 2,
  propertyFirstRegistration: 2,
  mortgageRegistration: 15,
  realEstateRecordQuery: 20,
  realEstateCertReissue: 3,
  taxCertificateIssue: 15,
  taxClearance: 5,
  socialSecurityCardApply: 10,
  socialSecurityCardReplace: 25,
  employmentCertificateApply: 12,
  unemploymentBenefit: 10,
  residentMedicalEnrol: 20,
  crossRegionMedical: 25,
  chronicDiseaseRecognition: 15,
  housingFundUnitOpen: 3,
  housingFundCertificateIssue: 25,
  housingFundPurchase: 15,
  housingFundLoan: 10,
  teacherQualificationRecognition: 4,
  schoolEnrolment: 12,
  constructionPermitIssue: 4,
  presalePermit: 2,
  pollutantPermitIssue: 2,
  pollutantPermitRenewal: 3,
  roadFreightLicence: 3,
  ridehailDriverPermit: 5,
  disabilityCertificateRenewal: 3,
  tobaccoNew: 3,
  tobaccoRenewal: 5,
  waterTransfer: 5,
  drainagePermit: 3,
  gasTransfer: 3,
};
const VOLUME_ENTRIES = (Object.entries(VOLUMES) as [ItemKey, number][]).filter(([, w]) => w > 0);

/** What the applicant of a single-item case must be like, so that cases make sense. */
interface PersonCtx {
  readonly member: Member;
  readonly age: number;
  holds(type: TypeKey): boolean;
}
interface OrgCtx {
  readonly org: OrgPlan;
  holds(type: TypeKey): boolean;
}
const PERSON_RULES: Partial<Record<ItemKey, (p: PersonCtx) => boolean>> = {
  idCardRenewal: (p) => p.age >= 16 && p.holds('idCard'),
  idCardFirst: (p) => p.age >= 14 && p.age <= 17,
  idCardReissue: (p) => p.age >= 16,
  householdMove: (p) => p.age >= 18,
  maritalStatusChange: (p) => p.member.marital === '离婚',
  driverLicenceRenewal: (p) => p.holds('driverLicence'),
  driverLicenceFirst: (p) => p.age >= 18 && p.age <= 60,
  noCriminalRecord: (p) => p.age >= 18,
  divorceRegistration: (p) => p.member.marital === '已婚',
  marriageCertReissue: (p) => p.member.marital === '已婚',
  marriageRecordProof: (p) => p.age >= 20,
  minimumLivingAllowance: (p) => p.age >= 18,
  disabilitySubsidy: (p) => p.holds('disabilityCertificate'),
  seniorAllowance: (p) => p.age >= 80,
  physicianRegistration: (p) => p.holds('physicianLicence'),
  fertilityRegistration: (p) => p.member.marital === '已婚' && p.age <= 45,
  onlyChildCertificateIssue: (p) => p.member.marital === '已婚' && p.age >= 30,
  familyPlanningSupport: (p) => p.holds('onlyChildParentsCertificate'),
  mortgageRegistration: (p) => p.holds('realEstateCertificate'),
  realEstateRecordQuery: (p) => p.age >= 18,
  realEstateCertReissue: (p) => p.holds('realEstateCertificate'),
  socialSecurityCardApply: (p) => p.age >= 16,
  socialSecurityCardReplace: (p) => p.holds('socialSecurityCard'),
  employmentCertificateApply: (p) => p.age >= 18 && p.age <= 55,
  unemploymentBenefit: (p) => p.holds('employmentCertificate'),
  residentMedicalEnrol: () => true,
  crossRegionMedical: (p) => p.holds('socialSecurityCard'),
  chronicDiseaseRecognition: (p) => p.age >= 40,
  housingFundCertificateIssue: (p) => p.holds('housingFundCertificate'),
  housingFundPurchase: (p) => p.holds('realEstateCertificate') && p.holds('housingFundCertificate'),
  housingFundLoan: (p) => p.holds('housingFundCertificate') && p.age <= 55,
  teacherQualificationRecognition: (p) => p.holds('graduationCertificate') && p.age >= 21 && p.age <= 40,
  schoolEnrolment: (p) => p.age >= 5 && p.age <= 7,
  ridehailDriverPermit: (p) => p.holds('driverLicence') && p.age >= 21 && p.age <= 60,
  disabilityCertificateRenewal: (p) => p.holds('disabilityCertificate'),
  waterTransfer: (p) => p.holds('realEstateCertificate'),
  gasTransfer: (p) => p.holds('realEstateCertificate'),
};
const industryIs =
  (...keys: string[]) =>
  (o: OrgCtx): boolean =>
    keys.includes(o.org.industry.key);
const ORG_RULES: Partial<Record<ItemKey, (o: OrgCtx) => boolean>> = {
  companyChange: (o) => o.org.category === 'company',
  foodLicenceNew: industryIs('retail', 'restaurant', 'wholesale', 'publicPlace'),
  foodLicenceRenewal: (o) => o.holds('foodLicence'),
  foodLicenceChange: (o) => o.holds('foodLicence'),
  drugLicenceRenewal: (o) => o.holds('drugLicence'),
  clinicLicence: industryIs('clinic'),
  clinicLicenceRenewal: (o) => o.holds('medicalInstitutionLicence'),
  hygieneLicenceNew: industryIs('publicPlace'),
  propertyFirstRegistration: industryIs('realEstate'),
  housingFundUnitOpen: (o) => o.org.category === 'company',
  constructionPermitIssue: industryIs('construction', 'realEstate'),
  presalePermit: industryIs('realEstate'),
  pollutantPermitIssue: industryIs('manufacturing'),
  pollutantPermitRenewal: (o) => o.holds('pollutantDischargePermit'),
  roadFreightLicence: industryIs('logistics'),
  tobaccoNew: industryIs('retail', 'restaurant'),
  tobaccoRenewal: (o) => o.holds('tobaccoRetailLicence'),
  drainagePermit: industryIs('restaurant', 'manufacturing', 'publicPlace'),
};

/** A segment of the case index space: all cases of one chain. */
interface Segment {
  readonly chain: ChainKey;
  readonly steps: number;
  readonly instances: number;
  readonly offset: number;
}

const FAMILY_CHAIN_SCENARIO = Object.fromEntries(
  Object.entries(SCENARIO_CHAINS).map(([scenario, chain]) => [chain, scenario]),
) as Partial<Record<ChainKey, Exclude<Scenario, 'ordinary'>>>;

export interface CaseIndex {
  readonly segments: readonly Segment[];
  readonly chainCases: number;
  readonly randomCases: number;
  readonly total: number;
}

export function caseIndex(world: World): CaseIndex {
  const segments: Segment[] = [];
  let offset = 0;
  for (const chain of chainKeys) {
    const scenario = FAMILY_CHAIN_SCENARIO[chain];
    const instances =
      scenario !== undefined
        ? scenarioInstances(world, scenario)
        : chainOrganisationCount(world, chain as 'companyStart');
    const steps = chainSpecs[chain].steps.length;
    segments.push({ chain, steps, instances, offset });
    offset += instances * steps;
  }
  const randomCases = Math.max(0, world.targetCases - offset);
  return { segments, chainCases: offset, randomCases, total: offset + randomCases };
}

type Applicant =
  | { readonly kind: 'person'; readonly member: Member; readonly family: FamilyPlan }
  | { readonly kind: 'organisation'; readonly org: OrgPlan };

/** A holder's certificates, computed once per case. */
class Holdings {
  private readonly plans = new Map<string, CertificatePlan[]>();

  constructor(private readonly world: World) {}

  ofPerson(member: Member, family?: FamilyPlan): CertificatePlan[] {
    const key = `p${member.index}`;
    let plans = this.plans.get(key);
    if (!plans) {
      const fam = family ?? familyPlan(this.world, Math.floor(member.index / FAMILY_SIZE));
      plans = personCertificatePlans(this.world, fam, member);
      this.plans.set(key, plans);
    }
    return plans;
  }

  ofOrganisation(org: OrgPlan): CertificatePlan[] {
    const key = `o${org.index}`;
    let plans = this.plans.get(key);
    if (!plans) {
      plans = organisationCertificatePlans(this.world, org);
      this.plans.set(key, plans);
    }
    return plans;
  }
}

/** Valid on `day`: issued by then, not yet expired, and not suspended, withdrawn or cancelled. */
function validOn(plan: CertificatePlan, day: number): boolean {
  return (
    (plan.status === '有效' || plan.status === '失效') &&
    plan.validFrom <= day &&
    (plan.validUntil === null || plan.validUntil >= day)
  );
}

const PILOT_TYPES: ReadonlySet<TypeKey> = new Set(['idCard', 'businessLicence']);

/** Context of a chain step: the item keys of the earlier steps and the types they issued. */
interface ChainContext {
  readonly earlierItems: ReadonlySet<string>;
  readonly earlierOutputs: ReadonlySet<TypeKey>;
}

function materialsOf(
  rng: Random,
  spec: ItemSpec,
  applicant: Applicant,
  submitted: number,
  holdings: Holdings,
  chain: ChainContext | null,
): DemoCaseMaterial[] {
  const out: DemoCaseMaterial[] = [];
  const applicantPlans = (): CertificatePlan[] =>
    applicant.kind === 'person'
      ? holdings.ofPerson(applicant.member, applicant.family)
      : holdings.ofOrganisation(applicant.org);
  for (const m of spec.materials) {
    if (m.kind === 'applicant') {
      if (m.required || rng.chance(0.4)) {
        out.push({
          name: m.name,
          source: 'applicant',
          typeCode: null,
          holder: null,
          certificateId: null,
          shareable: false,
          brought: true,
        });
      }
      continue;
    }
    if (m.kind === 'prior-case') {
      const linked = chain?.earlierItems.has(m.item) ?? false;
      if (m.required || linked || rng.chance(0.1)) {
        out.push({
          name: m.name,
          source: 'prior-case',
          typeCode: null,
          holder: null,
          certificateId: null,
          shareable: linked,
          brought: !linked,
        });
      }
      continue;
    }
    const type = typeSpec(m.type);
    let holderKind: HolderKind | null = null;
    let plans: CertificatePlan[] = [];
    let holderId: string | null = null;
    if (type.holderKind === applicant.kind) {
      holderKind = applicant.kind;
      holderId = applicant.kind === 'person' ? applicant.member.id : applicant.org.creditCode;
      plans = applicantPlans();
    } else if (type.holderKind === 'person' && applicant.kind === 'organisation') {
      // A person's certificate asked of an organisation is its legal representative's.
      holderKind = 'person';
      holderId = applicant.org.representative.id;
      plans = holdings.ofPerson(applicant.org.representative);
    }
    const plan = plans.find((p) => p.type === m.type);
    const valid = plan !== undefined && validOn(plan, submitted);
    if (!m.required && !(valid ? rng.chance(0.7) : rng.chance(0.25))) continue;
    const shareable = valid && type.sharing !== 'none';
    const carried = shareable && (chain?.earlierOutputs.has(m.type) ?? false);
    const piloted = shareable && submitted >= PILOT_FROM && PILOT_TYPES.has(m.type) && rng.chance(0.85);
    out.push({
      name: m.name,
      source: 'certificate',
      typeCode: typeCode(m.type),
      holder: holderKind && holderId ? { kind: holderKind, id: holderId } : null,
      certificateId: plan ? certificateIdOf(plan) : null,
      shareable,
      brought: !(carried || piloted),
    });
  }
  return out;
}

function dates(
  t: CaseTiming,
): Pick<
  DemoCase,
  'submittedOn' | 'acceptedOn' | 'supplement' | 'decidedOn' | 'concludedOn' | 'deliveredOn' | 'outcome'
> {
  const iso = (d: number | null): string | null => (d === null ? null : isoDate(d));
  return {
    submittedOn: isoDate(t.submitted),
    acceptedOn: iso(t.accepted),
    supplement: t.supplement
      ? { requestedOn: isoDate(t.supplement.requested), suppliedOn: iso(t.supplement.supplied) }
      : null,
    decidedOn: iso(t.decided),
    concludedOn: iso(t.concluded),
    deliveredOn: iso(t.delivered),
    outcome: t.outcome,
  };
}

function caseNo(j: number, submitted: number): string {
  return `${CITY.regionCode}${compactDate(submitted)}${String(j).padStart(9, '0')}`;
}

function applicantRef(a: Applicant): { kind: HolderKind; id: string } {
  return a.kind === 'person'
    ? { kind: 'person', id: a.member.id }
    : { kind: 'organisation', id: a.org.creditCode };
}

/** Case j (0 ≤ j < index.total). */
export function caseAt(world: World, index: CaseIndex, j: number, holdings = new Holdings(world)): DemoCase {
  if (!Number.isInteger(j) || j < 0 || j >= index.total) throw new RangeError('case index out of range');
  if (j < index.chainCases) return chainCase(world, index, j, holdings);
  return singleCase(world, index, j, j - index.chainCases, holdings);
}

function chainCase(world: World, index: CaseIndex, j: number, holdings: Holdings): DemoCase {
  const segment = index.segments.find(
    (s) => j >= s.offset && j < s.offset + s.instances * s.steps,
  ) as Segment;
  const offset = j - segment.offset;
  const instance = Math.floor(offset / segment.steps);
  const step = offset % segment.steps;
  const chain = segment.chain;
  const scenario = FAMILY_CHAIN_SCENARIO[chain];
  let applicant: Applicant;
  let timeline: CaseTiming[];
  const others: Member[] = [];
  if (scenario !== undefined) {
    const family = familyPlan(world, scenarioFamily(scenario, instance));
    const member = family.members[scenario === 'newborn' ? 3 : 0] as Member;
    applicant = { kind: 'person', member, family };
    timeline = familyChain(world, family)?.steps ?? [];
    if (scenario === 'wedding' && member.spouse !== undefined)
      others.push(family.members[member.spouse] as Member);
  } else {
    const org = orgPlan(world, chainOrganisation(chain as 'companyStart', instance));
    applicant = { kind: 'organisation', org };
    timeline = orgChain(world, org)?.steps ?? [];
  }
  const steps = chainSpecs[chain].steps;
  const key = steps[step] as ItemKey;
  const spec = itemSpec(key);
  const timing = timeline[step] as CaseTiming;
  const earlierItems = new Set<string>(steps.slice(0, step));
  const earlierOutputs = new Set<TypeKey>(steps.slice(0, step).flatMap((k) => itemSpec(k).outputs ?? []));
  const rng = world.rng.chainCase(j);
  const materials = materialsOf(rng, spec, applicant, timing.submitted, holdings, {
    earlierItems,
    earlierOutputs,
  });
  // The certificates this step issued are those of its output types dated the day it concluded.
  const issued: string[] = [];
  if (timing.outcome === 'approved' && timing.concluded !== null) {
    const outputs = new Set(spec.outputs ?? []);
    const holders =
      applicant.kind === 'person'
        ? [applicant.member, ...others].flatMap((m) => holdings.ofPerson(m))
        : holdings.ofOrganisation(applicant.org);
    for (const p of holders)
      if (outputs.has(p.type) && p.validFrom === timing.concluded) issued.push(certificateIdOf(p));
  }
  return {
    caseNo: caseNo(j, timing.submitted),
    itemCode: itemCode(key),
    deptCode: deptCode(spec.dept),
    applicant: applicantRef(applicant),
    chain: { name: chainSpecs[chain].name, instance, step },
    ...dates(timing),
    materials,
    issuedCertificateIds: issued,
  };
}

function singleCase(world: World, index: CaseIndex, j: number, k: number, holdings: Holdings): DemoCase {
  const rng = world.rng.case(k);
  const key = rng.weighted(VOLUME_ENTRIES);
  const spec = itemSpec(key);
  const span = HISTORY_TO - HISTORY_FROM + 1;
  let submitted = nextWorkingDay(HISTORY_FROM + rng.int(span));
  if (submitted > HISTORY_TO) submitted = HISTORY_TO;
  // Applicants are drawn near the case's rank in the population (a window of about a thousand
  // persons or organisations): still spread over everyone, but iterating the cases in order then walks
  // the population in order, which keeps the planned families in cache at any scale.
  const rank = k / Math.max(1, index.randomCases);
  const applicant =
    spec.applicant === 'person'
      ? pickPerson(world, rng, key, submitted, holdings, Math.floor(rank * world.persons))
      : pickOrganisation(world, rng, key, submitted, holdings, Math.floor(rank * world.organisations));
  const timing = timeCase(rng, spec, submitted, false);
  return {
    caseNo: caseNo(j, submitted),
    itemCode: itemCode(key),
    deptCode: deptCode(spec.dept),
    applicant: applicantRef(applicant),
    chain: null,
    ...dates(timing),
    materials: materialsOf(rng, spec, applicant, submitted, holdings, null),
    issuedCertificateIds: [],
  };
}

const TRIES = 8;

const WINDOW = 1024;

function pickPerson(
  world: World,
  rng: Random,
  key: ItemKey,
  day: number,
  holdings: Holdings,
  near: number,
): Applicant {
  const rule = PERSON_RULES[key];
  let fallback: Applicant | null = null;
  // Candidates are consecutive from a random start, so that the tries share a few family slots
  // (planning a family is the costly part) rather than touching eight.
  const start = (near + rng.int(WINDOW)) % world.persons;
  for (let t = 0; t < TRIES; t++) {
    const index = (start + t) % world.persons;
    const family = familyPlan(world, Math.floor(index / FAMILY_SIZE));
    const member = family.members[index % FAMILY_SIZE] as Member;
    if (member.birth >= day) continue;
    const candidate: Applicant = { kind: 'person', member, family };
    fallback ??= candidate;
    if (!rule) return candidate;
    const ctx: PersonCtx = {
      member,
      age: yearsBetween(member.birth, day),
      holds: (type) => holdings.ofPerson(member, family).some((p) => p.type === type && validOn(p, day)),
    };
    if (rule(ctx)) return candidate;
  }
  if (fallback) return fallback;
  const family = familyPlan(world, 0);
  return { kind: 'person', member: family.members[0] as Member, family };
}

function pickOrganisation(
  world: World,
  rng: Random,
  key: ItemKey,
  day: number,
  holdings: Holdings,
  near: number,
): Applicant {
  const rule = ORG_RULES[key];
  let fallback: Applicant | null = null;
  const start = (near + rng.int(WINDOW)) % world.organisations;
  for (let t = 0; t < TRIES; t++) {
    const org = orgPlan(world, (start + t) % world.organisations);
    if (org.founded >= day || (org.closedOn !== null && org.closedOn <= day)) continue;
    const candidate: Applicant = { kind: 'organisation', org };
    fallback ??= candidate;
    if (!rule) return candidate;
    if (
      rule({
        org,
        holds: (type) => holdings.ofOrganisation(org).some((p) => p.type === type && validOn(p, day)),
      })
    )
      return candidate;
  }
  return fallback ?? { kind: 'organisation', org: orgPlan(world, 0) };
}

export { Holdings };

/** AS_OF as an ISO date, for the city's `asOf`. */
export const AS_OF_ISO = isoDate(AS_OF);
