import { makeCreditCode, makeResidentId } from '@tongban/domain';
import { chainTimeline } from './case-timing.js';
import { type ChainKey } from './chains.js';
import { addYears, isoDate, yearOf } from './dates.js';
import { businessAddress, CITY, homeAddress, pickDistrict, type District } from './geography.js';
import { ethnicity, fullName, mobilePhone, surname, tradeName, type Sex } from './names.js';
import type { Random } from './random.js';
import { AS_OF, cohortOf, cohortStart, EVENT_FROM, EVENT_TO } from './timeline.js';
import type { Organisation, Person } from './types.js';
import {
  FAMILY_SIZE,
  NEW_ORG_SUBSET,
  orgChainSubsets,
  scenarioOf,
  scenarioSubsets,
  type OrgKind,
  type Scenario,
  type World,
} from './world.js';

export type MaritalStatus = '未婚' | '已婚' | '离婚' | '丧偶';

export interface Household {
  readonly number: string;
  /** Position (0..3) of the head in the family slot. */
  readonly head: number;
  readonly district: District;
  readonly address: string;
  /** The day the household was registered at this address. */
  readonly since: number;
}

/** A previous marriage that ended in divorce; the former spouse does not live in the city. */
export interface Divorce {
  readonly marriedOn: number;
  readonly divorcedOn: number;
  readonly formerSpouseName: string;
  readonly formerSpouseId: string;
}

export interface Member {
  readonly index: number;
  /** Position 0..3 in the family slot. */
  readonly position: number;
  readonly role: 'head' | 'spouse' | 'child' | 'single';
  readonly sex: Sex;
  readonly birth: number;
  readonly id: string;
  readonly birthDistrict: District;
  readonly name: string;
  readonly ethnicity: string;
  readonly phone: string | undefined;
  readonly household: Household;
  readonly relationToHead: string;
  /** Civil status on AS_OF. */
  readonly marital: MaritalStatus;
  /** Positions of the spouse and parents inside the slot, if they live there. */
  readonly spouse: number | undefined;
  readonly father: number | undefined;
  readonly mother: number | undefined;
  readonly divorce: Divorce | undefined;
}

export interface FamilyPlan {
  readonly index: number;
  readonly scenario: Scenario;
  /** The chain-triggering day (birth, wedding, retirement, purchase, certificate, discharge), if any. */
  readonly event: number | null;
  readonly members: readonly Member[];
  /** The couple's wedding day, for a couple married before the event years. */
  readonly weddingDay: number | null;
  /** The household head owns the home (holds a 不动产权证书), registered on `homeRegisteredOn`. */
  readonly homeRegisteredOn: number | null;
  /** The couple has exactly one child and holds 独生子女父母光荣证. */
  readonly onlyChildCertificate: boolean;
}

const mod2 = (n: number): number => ((n % 2) + 2) % 2;
const LATEST_COHORT = 2024;

/** A cohort near `target` with the key's parity, inside [min, max] when possible. */
function fitCohort(target: number, parity: number, min = 1900, max = LATEST_COHORT): number {
  for (const d of [0, 1, -1, 2, -2, 3, -3]) {
    const c = target + d;
    if (c >= min && c <= max && mod2(c) === parity) return c;
  }
  return mod2(target) === parity ? target : target - 1;
}

type Band = readonly [lo: number, hi: number, weight: number];
const COUPLE_AGES: readonly Band[] = [
  [26, 35, 25],
  [36, 45, 25],
  [46, 55, 22],
  [56, 65, 15],
  [66, 80, 10],
  [81, 92, 3],
];
const SINGLE_AGES: readonly Band[] = [
  [18, 25, 22],
  [26, 35, 30],
  [36, 50, 22],
  [51, 65, 14],
  [66, 92, 12],
];

function ageFrom(rng: Random, bands: readonly Band[], min = 0, max = 200): number {
  const [lo, hi] = rng.weighted(bands.map((b) => [b, b[2]] as const));
  return Math.min(max, Math.max(min, rng.between(lo, hi)));
}

/** The working draft of a member before names and IDs are attached. */
interface Draft {
  role: Member['role'];
  sex: Sex;
  cohort: number;
  household: number;
  relation: string;
  marital: MaritalStatus;
  spouse?: number;
  father?: number;
  mother?: number;
  divorce?: Omit<Divorce, 'formerSpouseName' | 'formerSpouseId'>;
}

/**
 * Plans family slot f: who lives there, how they are related, when they were born and married. Pure in
 * (seed, f); the scenario (and so the chain it sets off) follows from f alone.
 */
export function familyPlan(world: World, f: number): FamilyPlan {
  return world.caches.families.get(f, () => planFamily(world, f)) as FamilyPlan;
}

function planFamily(world: World, f: number): FamilyPlan {
  const rng = world.rng.family(f);
  const scenario = scenarioOf(world, f);
  const base = f * FAMILY_SIZE;
  const size = Math.min(FAMILY_SIZE, world.persons - base);
  const keys = Array.from({ length: size }, (_, m) => world.personKey(base + m));
  const parity = (m: number): number => keys[m]?.parity ?? 0;
  const drafts: Draft[] = [];
  const birthOf = (m: number): number => {
    const d = drafts[m] as Draft;
    return cohortStart(d.cohort) + (keys[m]?.day ?? 0);
  };

  const single = (m: number, minAge = 18, maxAge = 200): void => {
    const age = ageFrom(rng, SINGLE_AGES, Math.max(minAge, m === 0 ? 22 : 18), maxAge);
    const cohort = fitCohort(LATEST_COHORT - age, parity(m), 1900, m === 0 ? 2002 : 2006);
    let marital: MaritalStatus = '未婚';
    if (age >= 65 && rng.chance(0.35)) marital = '丧偶';
    else if (age >= 28 && rng.chance(0.12)) marital = '离婚';
    drafts[m] = {
      role: 'single',
      sex: rng.chance(0.5) ? 'male' : 'female',
      cohort,
      household: m,
      relation: '户主',
      marital,
    };
  };

  /** A married couple in positions 0 (head) and 1, husband `husbandAge` at AS_OF. */
  const couple = (husbandAge: number, wifeAge: number, headIsHusband = rng.chance(0.8)): void => {
    const hPos = headIsHusband ? 0 : 1;
    const wPos = 1 - hPos;
    drafts[hPos] = {
      role: hPos === 0 ? 'head' : 'spouse',
      sex: 'male',
      cohort: fitCohort(LATEST_COHORT - husbandAge, parity(hPos), 1900, 2001),
      household: 0,
      relation: hPos === 0 ? '户主' : '夫',
      marital: '已婚',
      spouse: wPos,
    };
    drafts[wPos] = {
      role: wPos === 0 ? 'head' : 'spouse',
      sex: 'female',
      cohort: fitCohort(LATEST_COHORT - wifeAge, parity(wPos), 1900, 2001),
      household: 0,
      relation: wPos === 0 ? '户主' : '妻',
      marital: '已婚',
      spouse: hPos,
    };
  };
  const husbandPos = (): number => (drafts[0]?.sex === 'male' ? 0 : 1);
  const wifePos = (): number => 1 - husbandPos();
  /** The earliest legal wedding day of the couple (men 22, women 20). */
  const earliestWedding = (): number =>
    Math.max(addYears(birthOf(husbandPos()), 22), addYears(birthOf(wifePos()), 20));
  /** A child of the couple in position m, born in a cohort within [min, max]; false when impossible. */
  const child = (m: number, minCohort: number, maxCohort: number, target: number): boolean => {
    if (m >= size || minCohort > maxCohort) return false;
    const cohort = fitCohort(
      Math.min(maxCohort, Math.max(minCohort, target)),
      parity(m),
      minCohort,
      maxCohort,
    );
    if (cohort < minCohort || cohort > maxCohort) return false;
    const sex: Sex = rng.chance(0.52) ? 'male' : 'female';
    drafts[m] = {
      role: 'child',
      sex,
      cohort,
      household: 0,
      relation: sex === 'male' ? '子' : '女',
      marital: LATEST_COHORT - cohort >= 26 && rng.chance(0.06) ? '离婚' : '未婚',
      father: husbandPos(),
      mother: wifePos(),
    };
    return true;
  };
  const weddingBetween = (from: number, to: number): number => from + rng.int(Math.max(1, to - from + 1));

  let event: number | null = null;
  let weddingDay: number | null = null;
  let kids = 0;

  if (scenario === 'newborn') {
    const h = rng.between(27, 40);
    couple(h, Math.min(40, Math.max(24, h - rng.between(-2, 4))));
    const earliest = earliestWedding();
    weddingDay = weddingBetween(earliest, Math.min(EVENT_FROM - 1, addYears(earliest, 8)));
    const minC = cohortOf(weddingDay);
    if (rng.chance(0.5) && child(2, minC, 2022, minC + rng.between(1, 6))) kids++;
    else single(2);
    child(3, 2023, 2024, 2024);
    kids++;
    event = birthOf(3);
  } else if (scenario === 'wedding') {
    const h = rng.between(25, 38);
    couple(h, Math.max(24, h - rng.between(-2, 4)));
    event = EVENT_FROM + rng.int(EVENT_TO - EVENT_FROM + 1);
    single(2);
    single(3);
  } else if (scenario === 'retirement') {
    const male = rng.chance(0.5);
    const retireeCohort = male ? 1963 : 1968;
    const other = rng.between(0, 5);
    if (rng.chance(0.85)) {
      // Husband and wife ages at AS_OF; the retiree's cohort is fitted below.
      const retireeAge = LATEST_COHORT - retireeCohort;
      if (male) couple(retireeAge, retireeAge - other, true);
      else couple(retireeAge + other, retireeAge, false);
      const earliest = earliestWedding();
      weddingDay = weddingBetween(earliest, Math.min(EVENT_FROM - 1, addYears(earliest, 8)));
    } else {
      single(0);
      single(1);
      (drafts[0] as Draft).sex = male ? 'male' : 'female';
    }
    (drafts[0] as Draft).cohort = fitCohort(retireeCohort, parity(0), retireeCohort, retireeCohort + 1);
    if (weddingDay !== null) {
      const earliest = earliestWedding();
      if (weddingDay < earliest)
        weddingDay = weddingBetween(earliest, Math.min(EVENT_FROM - 1, addYears(earliest, 5)));
      const minC = cohortOf(weddingDay);
      for (const m of [2, 3]) {
        if (rng.chance(0.4) && child(m, minC, 2004, minC + rng.between(1, 8))) kids++;
        else single(m);
      }
    } else {
      single(2);
      single(3);
    }
    event = addYears(birthOf(0), male ? 60 : 55);
  } else if (scenario === 'veteran') {
    event = EVENT_FROM + rng.int(EVENT_TO - EVENT_FROM + 1);
    drafts[0] = {
      role: 'single',
      sex: 'male',
      cohort: fitCohort(yearOf(event) - rng.between(22, 27), parity(0), 1990, 2002),
      household: 0,
      relation: '户主',
      marital: '未婚',
    };
    for (const m of [1, 2, 3]) single(m);
  } else {
    // ordinary, homePurchase, disability: the same shapes; the last two add an event for member 0.
    const coupleShare = scenario === 'homePurchase' ? 0.7 : 0.55;
    if (size >= 2 && rng.chance(coupleShare)) {
      const h = scenario === 'homePurchase' ? rng.between(28, 60) : ageFrom(rng, COUPLE_AGES);
      couple(h, Math.max(24, h - rng.between(-2, 5)));
      const earliest = earliestWedding();
      weddingDay = weddingBetween(earliest, Math.min(EVENT_FROM - 1, addYears(earliest, 8)));
      const minC = cohortOf(weddingDay);
      const wifeAge = LATEST_COHORT - (drafts[wifePos()] as Draft).cohort;
      const wanted =
        wifeAge <= 52
          ? rng.weighted([
              [0, 15],
              [1, 45],
              [2, 40],
            ] as const)
          : rng.chance(0.35)
            ? 1
            : 0;
      let next = minC + rng.between(1, 6);
      for (const m of [2, 3]) {
        if (kids < wanted && child(m, minC, 2022, next)) {
          kids++;
          next = (drafts[m] as Draft).cohort + rng.between(2, 6);
        } else single(m);
      }
    } else {
      for (let m = 0; m < size; m++)
        single(
          m,
          scenario === 'homePurchase' && m === 0 ? 26 : 18,
          scenario === 'homePurchase' && m === 0 ? 60 : 200,
        );
    }
    if (scenario !== 'ordinary') event = EVENT_FROM + rng.int(EVENT_TO - EVENT_FROM + 1);
  }

  // Households: the couple's (with their children) and one per single.
  const households = new Map<number, Household>();
  const householdOf = (m: number): Household => {
    const d = drafts[m] as Draft;
    const existing = households.get(d.household);
    if (existing) return existing;
    const district = pickDistrict(rng);
    const head = d.household;
    const headBirth = birthOf(head);
    const isCouple = weddingDay !== null || scenario === 'wedding';
    const since =
      head === 0 && isCouple
        ? Math.max(headBirth, (weddingDay ?? event ?? headBirth) - rng.int(365))
        : rng.chance(0.6)
          ? headBirth
          : Math.min(
              AS_OF - 30,
              addYears(headBirth, rng.between(18, Math.max(18, LATEST_COHORT - d.cohort))),
            );
    const h: Household = {
      number: `${DISTRICT_DIGIT[district.code] ?? 9}${String(base + head).padStart(8, '0')}`,
      head,
      district,
      address: homeAddress(rng, district),
      since: Math.max(headBirth, Math.min(since, AS_OF - 1)),
    };
    households.set(d.household, h);
    return h;
  };

  const familyName = surname(rng);
  const members: Member[] = [];
  for (let m = 0; m < size; m++) {
    const d = drafts[m] as Draft;
    const key = keys[m];
    if (!key) continue;
    const birth = birthOf(m);
    const id = makeResidentId({
      regionCode: key.district.code,
      birthDate: isoDate(birth),
      sequence: key.slot * 2 + (d.sex === 'male' ? 1 : 0),
    });
    const name =
      d.role === 'child'
        ? fullName(rng, d.sex, surnameOf(members, d.father) ?? familyName)
        : fullName(rng, d.sex);
    let divorce: Divorce | undefined;
    if (d.marital === '离婚') {
      const marriedOn = addYears(birth, rng.between(d.sex === 'male' ? 22 : 20, 30));
      const divorcedOn = marriedOn + rng.between(365, 365 * 12);
      if (divorcedOn < EVENT_FROM) {
        const exSex: Sex = d.sex === 'male' ? 'female' : 'male';
        const exBirth = birth + rng.between(-5 * 365, 5 * 365);
        divorce = {
          marriedOn,
          divorcedOn,
          formerSpouseName: fullName(rng, exSex),
          // Region 449801 is not a 示范市 district, so a former spouse never shares a resident's ID.
          formerSpouseId: makeResidentId({
            regionCode: '449801',
            birthDate: isoDate(exBirth),
            sequence: rng.int(500) * 2 + (exSex === 'male' ? 1 : 0),
          }),
        };
      } else d.marital = '未婚';
    }
    members.push({
      index: base + m,
      position: m,
      role: d.role,
      sex: d.sex,
      birth,
      id,
      birthDistrict: key.district,
      name,
      ethnicity: ethnicity(rng),
      phone: AS_OF - birth >= 16 * 365 ? mobilePhone(rng) : undefined,
      household: householdOf(m),
      relationToHead: d.relation,
      marital: d.marital,
      spouse: d.spouse,
      father: d.father,
      mother: d.mother,
      divorce,
    });
  }

  const isCouple = weddingDay !== null;
  const headAge = AS_OF - (members[0]?.birth ?? AS_OF);
  let homeRegisteredOn: number | null = null;
  if (
    scenario !== 'homePurchase' &&
    scenario !== 'newborn' &&
    rng.chance(isCouple ? 0.72 : headAge > 30 * 365 ? 0.35 : 0)
  ) {
    const from = Math.max(dayOf1998, addYears(members[0]?.birth ?? AS_OF, 22));
    if (from < EVENT_FROM) homeRegisteredOn = from + rng.int(EVENT_FROM - from);
  } else if (scenario === 'newborn' && rng.chance(0.6) && weddingDay !== null) {
    homeRegisteredOn = Math.max(weddingDay - rng.int(700), dayOf1998);
  }
  const wife = members.find((x) => x.role !== 'child' && x.sex === 'female' && x.spouse !== undefined);
  const onlyChildCertificate =
    isCouple &&
    kids === 1 &&
    wife !== undefined &&
    yearOf(wife.birth) <= 1985 &&
    scenario !== 'newborn' &&
    rng.chance(0.6);

  return { index: f, scenario, event, members, weddingDay, homeRegisteredOn, onlyChildCertificate };
}

const dayOf1998 = cohortStart(1997) + 184; // 1998-01-01

const DISTRICT_DIGIT: Readonly<Record<string, number>> = {
  '449902': 1,
  '449903': 2,
  '449904': 3,
  '449905': 4,
  '449906': 5,
  '449907': 6,
  '449908': 7,
  '449909': 8,
};

/** The surname of an already named member (a child takes the father's). */
function surnameOf(members: readonly Member[], position: number | undefined): string | undefined {
  if (position === undefined) return undefined;
  const m = members.find((x) => x.position === position);
  if (!m) return undefined;
  // Compound surnames are two characters; the generator only makes those from its list.
  return m.name.startsWith('欧阳') || m.name.startsWith('司马') || m.name.startsWith('诸葛')
    ? m.name.slice(0, 2)
    : m.name.slice(0, 1);
}

export function memberOf(world: World, index: number): { family: FamilyPlan; member: Member } {
  const family = familyPlan(world, Math.floor(index / FAMILY_SIZE));
  const member = family.members[index % FAMILY_SIZE];
  if (!member) throw new RangeError('person index out of range');
  return { family, member };
}

export function personRecord(member: Member): Person {
  return {
    id: member.id,
    name: member.name,
    sex: member.sex,
    birthDate: isoDate(member.birth),
    ethnicity: member.ethnicity,
    address: member.household.address,
    districtCode: member.household.district.code,
    householdNumber: member.household.number,
    ...(member.phone ? { phone: member.phone } : {}),
  };
}

// ── Organisations ──────────────────────────────────────────────────────────────────────────────────

interface Industry {
  readonly key: string;
  /** Share among established organisations. */
  readonly weight: number;
  /** Share of sole traders (个体工商户) among established ones. */
  readonly soleTrader: number;
  readonly companyNames: readonly string[];
  readonly shopNames: readonly string[];
  readonly scope: string;
  /** Permits an established organisation of the industry holds, with their probability. */
  readonly permits: readonly (readonly [PermitKey, number])[];
  /** Registered capital multiplier. */
  readonly capital: number;
}

export type PermitKey =
  | 'foodLicence'
  | 'tobaccoRetailLicence'
  | 'drugLicence'
  | 'medicalInstitutionLicence'
  | 'hygieneLicence'
  | 'constructionPermit'
  | 'pollutantDischargePermit'
  | 'roadTransportLicence';

export const INDUSTRIES: readonly Industry[] = [
  {
    key: 'retail',
    weight: 18,
    soleTrader: 0.45,
    companyNames: ['商贸有限公司', '超市有限公司', '便利店有限公司'],
    shopNames: ['便利店', '商行', '士多店', '超市'],
    scope: '一般项目：日用百货销售；食品销售（仅销售预包装食品）。许可项目：烟草制品零售。',
    permits: [
      ['foodLicence', 0.85],
      ['tobaccoRetailLicence', 0.55],
    ],
    capital: 1,
  },
  {
    key: 'restaurant',
    weight: 14,
    soleTrader: 0.5,
    companyNames: ['餐饮管理有限公司', '餐饮有限公司', '饮食服务有限公司'],
    shopNames: ['餐馆', '小吃店', '面馆', '茶餐厅', '饭店'],
    scope: '许可项目：餐饮服务；食品销售。一般项目：餐饮管理。',
    permits: [
      ['foodLicence', 1],
      ['tobaccoRetailLicence', 0.2],
    ],
    capital: 1,
  },
  {
    key: 'pharmacy',
    weight: 3,
    soleTrader: 0.15,
    companyNames: ['大药房有限公司', '医药连锁有限公司', '药店有限公司'],
    shopNames: ['药店'],
    scope: '许可项目：药品零售；第三类医疗器械经营。一般项目：第二类医疗器械销售；保健食品（预包装）销售。',
    permits: [
      ['drugLicence', 1],
      ['foodLicence', 0.4],
    ],
    capital: 1,
  },
  {
    key: 'clinic',
    weight: 2,
    soleTrader: 0,
    companyNames: ['口腔门诊部有限公司', '中医诊所有限公司', '综合门诊部有限公司', '诊所有限公司'],
    shopNames: [],
    scope: '许可项目：医疗服务。一般项目：健康咨询服务（不含诊疗服务）。',
    permits: [['medicalInstitutionLicence', 1]],
    capital: 2,
  },
  {
    key: 'publicPlace',
    weight: 6,
    soleTrader: 0.4,
    companyNames: ['酒店管理有限公司', '美容美发有限公司', '健身服务有限公司'],
    shopNames: ['美发店', '宾馆', '理发店', '足浴店'],
    scope: '许可项目：住宿服务；生活美容服务；理发服务；洗浴服务。',
    permits: [
      ['hygieneLicence', 1],
      ['foodLicence', 0.3],
    ],
    capital: 1,
  },
  {
    key: 'construction',
    weight: 5,
    soleTrader: 0,
    companyNames: ['建设工程有限公司', '建筑工程有限公司', '装饰工程有限公司'],
    shopNames: [],
    scope: '许可项目：建设工程施工；住宅室内装饰装修。一般项目：建筑材料销售。',
    permits: [['constructionPermit', 0.4]],
    capital: 10,
  },
  {
    key: 'realEstate',
    weight: 2,
    soleTrader: 0,
    companyNames: ['房地产开发有限公司', '置业有限公司'],
    shopNames: [],
    scope: '许可项目：房地产开发经营。一般项目：物业管理；非居住房地产租赁。',
    permits: [['constructionPermit', 0.7]],
    capital: 20,
  },
  {
    key: 'manufacturing',
    weight: 10,
    soleTrader: 0.05,
    companyNames: [
      '精密制造有限公司',
      '电子科技有限公司',
      '塑胶制品有限公司',
      '五金制品有限公司',
      '食品有限公司',
    ],
    shopNames: ['加工厂'],
    scope: '一般项目：电子元器件制造；塑料制品制造；五金产品制造；金属表面处理及热处理加工。',
    permits: [['pollutantDischargePermit', 0.55]],
    capital: 5,
  },
  {
    key: 'logistics',
    weight: 6,
    soleTrader: 0.2,
    companyNames: ['物流有限公司', '运输有限公司', '供应链管理有限公司'],
    shopNames: ['货运部'],
    scope: '许可项目：道路货物运输（不含危险货物）。一般项目：国内货物运输代理；普通货物仓储服务。',
    permits: [['roadTransportLicence', 0.85]],
    capital: 2,
  },
  {
    key: 'software',
    weight: 12,
    soleTrader: 0,
    companyNames: ['信息技术有限公司', '网络科技有限公司', '软件有限公司'],
    shopNames: [],
    scope: '一般项目：软件开发；信息技术咨询服务；信息系统集成服务；数据处理服务。',
    permits: [],
    capital: 1,
  },
  {
    key: 'consulting',
    weight: 14,
    soleTrader: 0.15,
    companyNames: ['企业管理咨询有限公司', '商务服务有限公司', '文化传媒有限公司', '教育咨询有限公司'],
    shopNames: ['工作室'],
    scope: '一般项目：企业管理咨询；市场营销策划；会议及展览服务；广告设计、代理。',
    permits: [],
    capital: 1,
  },
  {
    key: 'wholesale',
    weight: 5,
    soleTrader: 0.1,
    companyNames: ['贸易有限公司', '进出口有限公司', '食品贸易有限公司'],
    shopNames: ['批发部'],
    scope: '一般项目：货物进出口；食品销售（仅销售预包装食品）；五金产品批发。',
    permits: [['foodLicence', 0.3]],
    capital: 3,
  },
  {
    key: 'agriculture',
    weight: 3,
    soleTrader: 0,
    companyNames: ['农业发展有限公司', '生态农业有限公司'],
    shopNames: [],
    scope: '一般项目：蔬菜种植；水果种植；农产品的生产、销售、加工、运输、贮藏及其他相关服务。',
    permits: [],
    capital: 2,
  },
];

const industryByKey = new Map(INDUSTRIES.map((i) => [i.key, i]));
const GENERAL_NEW = INDUSTRIES.filter((i) => !['restaurant', 'pharmacy', 'clinic'].includes(i.key));

const COMPANY_TYPES = [
  ['有限责任公司（自然人投资或控股）', 70],
  ['有限责任公司（自然人独资）', 24],
  ['股份有限公司（非上市、自然人投资或控股）', 6],
] as const;
const CAPITALS = [
  [1, 4],
  [3, 5],
  [5, 10],
  [10, 20],
  [30, 10],
  [50, 15],
  [100, 20],
  [200, 6],
  [500, 5],
  [1000, 3],
  [5000, 1],
] as const;
const COOP_NAMES = ['种植专业合作社', '养殖专业合作社', '果蔬专业合作社'];
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const MODERN_CODES_FROM = cohortStart(2015) + 92; // 2015-10-01

export interface OrgPlan {
  readonly index: number;
  readonly kind: OrgKind;
  /** Rank among the organisations of the same chain kind (the chain instance), or -1. */
  readonly chainInstance: number;
  /** The day the founding chain began, for new organisations. */
  readonly event: number | null;
  readonly industry: Industry;
  readonly category: 'company' | 'soleTrader' | 'cooperative';
  readonly entityType: string;
  readonly district: District;
  readonly creditCode: string;
  readonly name: string;
  readonly address: string;
  readonly scope: string;
  readonly capital: number | null;
  readonly founded: number;
  readonly representative: Member;
  readonly status: '存续' | '吊销' | '注销';
  readonly closedOn: number | null;
  /** Established organisations: the permits they hold. */
  readonly permits: readonly PermitKey[];
}

export function orgKindOf(index: number): { kind: OrgKind; instance: number } {
  const rank = NEW_ORG_SUBSET.indexOf(index);
  if (rank < 0) return { kind: 'established', instance: -1 };
  for (const [kind, subset] of Object.entries(orgChainSubsets)) {
    const instance = subset.indexOf(rank);
    if (instance >= 0) return { kind: kind as OrgKind, instance };
  }
  throw new Error('unreachable: the chain subsets cover every residue');
}

export function orgPlan(world: World, index: number): OrgPlan {
  return world.caches.organisations.get(index, () => planOrganisation(world, index)) as OrgPlan;
}

function planOrganisation(world: World, i: number): OrgPlan {
  const rng = world.rng.organisation(i);
  const { kind, instance } = orgKindOf(i);
  const industry =
    kind === 'restaurantStart'
      ? (industryByKey.get('restaurant') as Industry)
      : kind === 'pharmacyStart'
        ? (industryByKey.get('pharmacy') as Industry)
        : kind === 'companyStart'
          ? rng.weighted(GENERAL_NEW.map((x) => [x, x.weight] as const))
          : rng.weighted(INDUSTRIES.map((x) => [x, x.weight] as const));
  const category: OrgPlan['category'] =
    kind === 'established' && rng.chance(industry.soleTrader) && industry.shopNames.length > 0
      ? 'soleTrader'
      : kind === 'established' && industry.key === 'agriculture' && rng.chance(0.6)
        ? 'cooperative'
        : 'company';
  const district = pickDistrict(rng);
  // The legal representative: an adult (position 0 of a family slot) near the organisation's rank, so
  // that the first organisations are the same at every scale.
  const repFamily = Math.min(world.families - 1, Math.floor((i * 5) / 3) + rng.int(2));
  const representative = familyPlan(world, repFamily).members[0] as Member;

  let event: number | null = null;
  let founded: number;
  if (kind === 'established') {
    const year = rng.weighted(Array.from({ length: 29 }, (_, k) => [1995 + k, k + 5] as const));
    founded = cohortStart(year - 1) + 184 + rng.int(365);
    founded = Math.max(founded, addYears(representative.birth, 20) + rng.int(700));
    founded = Math.min(founded, EVENT_FROM - 1);
  } else {
    event = EVENT_FROM + rng.int(EVENT_TO - EVENT_FROM + 1);
    const chain: ChainKey = kind;
    // The company exists from the day its registration concluded (成立日期 = 核准日期).
    founded = chainTimeline(world.seed, chain, i, event)[0]?.concluded ?? event;
  }

  const trade = tradeName(rng);
  let name: string;
  let entityType: string;
  if (category === 'soleTrader') {
    name = `${CITY.name}${district.name}${trade}${rng.pick(industry.shopNames)}`;
    entityType = '个体工商户';
  } else if (category === 'cooperative') {
    name = `${CITY.name}${district.name}${trade}${rng.pick(COOP_NAMES)}`;
    entityType = '农民专业合作社';
  } else {
    name = `${CITY.name}${trade}${rng.pick(industry.companyNames)}`;
    entityType = rng.weighted(COMPANY_TYPES);
  }

  const categoryChar = category === 'company' ? '1' : category === 'soleTrader' ? '2' : '3';
  const body =
    founded >= MODERN_CODES_FROM
      ? `MA${base31(world.orgBodyModern(i), 6)}`
      : String(world.orgBodyDigits(i)).padStart(8, '0');
  const creditCode = makeCreditCode({
    registrationAuthority: '9',
    category: categoryChar,
    regionCode: district.code,
    organisationBody: body,
  });

  let status: OrgPlan['status'] = '存续';
  let closedOn: number | null = null;
  if (kind === 'established') {
    const r = rng.float();
    const earliestClose = addYears(founded, 1);
    if (r < 0.07 && earliestClose < EVENT_FROM) {
      status = r < 0.025 ? '吊销' : '注销';
      closedOn = earliestClose + rng.int(EVENT_FROM - earliestClose);
    }
  }
  const permits =
    kind === 'established' ? industry.permits.filter(([, p]) => rng.chance(p)).map(([k]) => k) : [];

  return {
    index: i,
    kind,
    chainInstance: instance,
    event,
    industry,
    category,
    entityType,
    district,
    creditCode,
    name,
    address: businessAddress(rng, district),
    scope: industry.scope,
    capital: category === 'soleTrader' ? null : rng.weighted(CAPITALS) * industry.capital,
    founded,
    representative,
    status,
    closedOn,
    permits,
  };
}

function base31(n: number, width: number): string {
  let s = '';
  let x = n;
  for (let k = 0; k < width; k++) {
    s = CREDIT_ALPHABET.charAt(x % 31) + s;
    x = Math.floor(x / 31);
  }
  return s;
}

export function organisationRecord(plan: OrgPlan): Organisation {
  return {
    creditCode: plan.creditCode,
    name: plan.name,
    type: plan.entityType,
    industry: plan.industry.key,
    legalRepresentativeId: plan.representative.id,
    legalRepresentativeName: plan.representative.name,
    registeredCapital: plan.capital,
    foundedOn: isoDate(plan.founded),
    address: plan.address,
    districtCode: plan.district.code,
    businessScope: plan.scope,
    registrationStatus: plan.status,
  };
}

/** The family slots living through a scenario, in order; instance n of the scenario's chain is the n-th. */
export function scenarioFamily(scenario: Exclude<Scenario, 'ordinary'>, instance: number): number {
  return scenarioSubsets[scenario].nth(instance);
}

export function scenarioInstances(world: World, scenario: Exclude<Scenario, 'ordinary'>): number {
  return scenarioSubsets[scenario].count(world.fullFamilies);
}

/** The organisations founded through a chain, in order. */
export function chainOrganisation(kind: Exclude<OrgKind, 'established'>, instance: number): number {
  return NEW_ORG_SUBSET.nth(orgChainSubsets[kind].nth(instance));
}

export function chainOrganisationCount(world: World, kind: Exclude<OrgKind, 'established'>): number {
  return orgChainSubsets[kind].count(NEW_ORG_SUBSET.count(world.organisations));
}
