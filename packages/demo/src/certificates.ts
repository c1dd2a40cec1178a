import { makeCertificateId, type HolderKind } from '@tongban/domain';
import { chainTimeline, type CaseTiming } from './case-timing.js';
import { typeCode, type TypeKey } from './certificate-types.js';
import { chainSpecs, type ChainKey } from './chains.js';
import { addYears, compactDate, isoDate, yearOf, yearsBetween } from './dates.js';
import { deptCode, deptName, districtBranches, type DeptKey } from './departments.js';
import { CITY, type District } from './geography.js';
import { fullName, tradeName } from './names.js';
import {
  familyPlan,
  orgPlan,
  type FamilyPlan,
  type Member,
  type OrgPlan,
  type PermitKey,
} from './population.js';
import type { Random } from './random.js';
import { itemSpec } from './service-items.js';
import { AS_OF, cohortStart, EVENT_FROM } from './timeline.js';
import type { DemoCertificate, DemoCertificateStatus, FieldValue } from './types.js';
import {
  FAMILY_SIZE,
  ORGANISATIONS_PER_SCALE,
  PERSONS_PER_SCALE,
  type Scenario,
  type World,
} from './world.js';

/**
 * Which certificates each holder has, as plans: type, issuer, dates and status are decided eagerly
 * (cheap), the field values only when asked (`fields()`), so the case history can look up "does this
 * applicant hold a 结婚证, valid on that day?" without building strings it will not use.
 */
export interface CertificatePlan {
  readonly type: TypeKey;
  readonly issuer: DeptKey;
  readonly holder: { readonly kind: HolderKind; readonly id: string };
  readonly holderIndex: number;
  readonly validFrom: number;
  readonly validUntil: number | null;
  readonly status: DemoCertificateStatus;
  readonly fields: () => Record<string, FieldValue>;
}

/** GB/T 36904 identifier. The serial (issue year, holder kind, holder index) is unique per type and issuer. */
export function certificateIdOf(plan: CertificatePlan): string {
  const kind = plan.holder.kind === 'person' ? '1' : '2';
  return makeCertificateId({
    typeCode: typeCode(plan.type),
    issuerCode: deptCode(plan.issuer),
    serial: `${yearOf(plan.validFrom)}${kind}${String(plan.holderIndex).padStart(9, '0')}`,
    version: 1,
  });
}

export function materialise(plan: CertificatePlan): DemoCertificate {
  return {
    certificateId: certificateIdOf(plan),
    typeCode: typeCode(plan.type),
    holder: plan.holder,
    issuerCode: deptCode(plan.issuer),
    fields: plan.fields(),
    status: plan.status,
    validFrom: isoDate(plan.validFrom),
    validUntil: plan.validUntil === null ? null : isoDate(plan.validUntil),
    version: 1,
  };
}

const SEX_CN = { male: '男', female: '女' } as const;

/** A certificate past its end date on AS_OF is 失效, whatever else was decided (e.g. a chain's 1-year proof). */
function expire(status: DemoCertificateStatus, validUntil: number | null): DemoCertificateStatus {
  return status === '有效' && validUntil !== null && validUntil < AS_OF ? '失效' : status;
}
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const LONG_TERM = '长期';

/** The chain a family's scenario sets off. */
export const SCENARIO_CHAINS: Readonly<Record<Exclude<Scenario, 'ordinary'>, ChainKey>> = {
  newborn: 'birth',
  wedding: 'marriage',
  retirement: 'retirement',
  homePurchase: 'homePurchase',
  disability: 'disability',
  veteran: 'veteran',
};

/** The timeline of the family's chain, if its scenario has one. */
export function familyChain(
  world: World,
  family: FamilyPlan,
): { chain: ChainKey; steps: CaseTiming[] } | null {
  if (family.scenario === 'ordinary' || family.event === null) return null;
  const chain = SCENARIO_CHAINS[family.scenario];
  return { chain, steps: chainTimeline(world.seed, chain, family.index, family.event) };
}

export function orgChain(world: World, org: OrgPlan): { chain: ChainKey; steps: CaseTiming[] } | null {
  if (org.kind === 'established' || org.event === null) return null;
  return { chain: org.kind, steps: chainTimeline(world.seed, org.kind, org.index, org.event) };
}

/** The day chain step `k` concluded with approval, or null (not reached by AS_OF). */
function stepDone(steps: readonly CaseTiming[] | undefined, k: number): number | null {
  const s = steps?.[k];
  return s && s.outcome === 'approved' ? s.concluded : null;
}

/** The issuing department of a chain step (its item's department). */
function stepDept(chain: ChainKey, k: number): DeptKey {
  const key = chainSpecs[chain].steps[k];
  if (key === undefined) throw new RangeError(`chain ${chain} has no step ${k}`);
  return itemSpec(key).dept;
}

function branch(district: District, kind: 'market' | 'tax' | 'civil'): DeptKey {
  return districtBranches[district.code]?.[kind] ?? kind;
}

/** The latest issue of a renewable certificate started on `start`; a few holders let it lapse. */
function renewals(
  rng: Random,
  start: number,
  years: number,
): { from: number; until: number; lapsed: boolean } {
  let from = start;
  for (;;) {
    const end = addYears(from, years);
    if (end > AS_OF) return { from, until: end - 1, lapsed: false };
    if (end > AS_OF - 730 && rng.chance(0.03)) return { from, until: end - 1, lapsed: true };
    from = end;
  }
}

const HOSPITALS = ['示范市第一人民医院', '示范市妇幼保健院', '示范市中医院', '示范市第二人民医院'];
const BANKS = [
  '中国工商银行示范分行',
  '中国建设银行示范分行',
  '中国农业银行示范分行',
  '中国银行示范分行',
  '示范农村商业银行',
];

type Level = '普通高中' | '中等职业' | '专科' | '本科' | '研究生';
const LEVEL_AGE: Readonly<Record<Level, number>> = {
  普通高中: 18,
  中等职业: 18,
  专科: 21,
  本科: 22,
  研究生: 25,
};
const LEVEL_YEARS: Readonly<Record<Level, number>> = {
  普通高中: 3,
  中等职业: 3,
  专科: 3,
  本科: 4,
  研究生: 3,
};
const MAJORS_HIGHER: readonly (readonly [string, string, number])[] = [
  ['计算机科学与技术', '工学', 10],
  ['软件工程', '工学', 6],
  ['电子信息工程', '工学', 6],
  ['机械工程', '工学', 6],
  ['土木工程', '工学', 5],
  ['会计学', '管理学', 9],
  ['市场营销', '管理学', 6],
  ['法学', '法学', 5],
  ['汉语言文学', '文学', 5],
  ['英语', '文学', 5],
  ['数学与应用数学', '理学', 4],
  ['学前教育', '教育学', 4],
  ['护理学', '医学', 5],
  ['临床医学', '医学', 4],
  ['中医学', '医学', 1],
  ['口腔医学', '医学', 1],
];
const MAJORS_VOCATIONAL = ['数控技术应用', '会计事务', '电子商务', '汽车运用与维修', '护理', '计算机应用'];
const TEACHING = new Set(['学前教育', '汉语言文学', '英语', '数学与应用数学']);
const MEDICAL: Readonly<Record<string, '临床' | '中医' | '口腔'>> = {
  临床医学: '临床',
  中医学: '中医',
  口腔医学: '口腔',
};

interface Education {
  readonly level: Level;
  readonly major: string;
  readonly discipline: string;
  readonly school: string;
  readonly graduated: number;
  readonly enrolled: number;
}

function educationOf(rng: Random, member: Member): Education | null {
  const birthYear = yearOf(member.birth);
  const bands: readonly (readonly [Level | null, number])[] =
    birthYear >= 1985
      ? [
          ['研究生', 7],
          ['本科', 33],
          ['专科', 22],
          ['普通高中', 18],
          ['中等职业', 12],
          [null, 8],
        ]
      : birthYear >= 1970
        ? [
            ['研究生', 3],
            ['本科', 18],
            ['专科', 16],
            ['普通高中', 25],
            ['中等职业', 15],
            [null, 23],
          ]
        : [
            ['本科', 8],
            ['专科', 8],
            ['普通高中', 22],
            ['中等职业', 10],
            [null, 52],
          ];
  const level = rng.weighted(bands);
  if (level === null) return null;
  const graduated = cohortStart(birthYear + LEVEL_AGE[level] - 1) + 364; // 30 June of the graduation year
  if (graduated > AS_OF || graduated < cohortStart(1989) + 184) return null; // not yet, or before e-records
  const enrolled = cohortStart(birthYear + LEVEL_AGE[level] - LEVEL_YEARS[level]) + 62; // 1 September
  let major: string;
  let discipline: string;
  let school: string;
  if (level === '普通高中') {
    major = '普通高中课程';
    discipline = '—';
    school = `示范市第${'一二三四五六七八'.charAt(rng.int(8))}中学`;
  } else if (level === '中等职业') {
    major = rng.pick(MAJORS_VOCATIONAL);
    discipline = '—';
    school = rng.pick(['示范市职业技术学校', '示范市商贸职业学校']);
  } else {
    const [m, d] = rng.weighted(MAJORS_HIGHER.map((x) => [x, x[2]] as const));
    major = m;
    discipline = d;
    school =
      level === '专科'
        ? rng.pick(['示范职业技术学院', '示范城市职业学院'])
        : MEDICAL[m]
          ? '示范医科大学'
          : TEACHING.has(m)
            ? '示范师范学院'
            : rng.pick(['示范大学', '示范理工大学']);
  }
  return { level, major, discipline, school, graduated, enrolled };
}

/** Appends plans for one holder; a status past its validity becomes 失效 (see expire). */
function planAdder(out: CertificatePlan[], holder: CertificatePlan['holder'], holderIndex: number) {
  return (
    type: TypeKey,
    issuer: DeptKey,
    validFrom: number,
    validUntil: number | null,
    status: DemoCertificateStatus,
    fields: () => Record<string, FieldValue>,
  ): void => {
    out.push({
      type,
      issuer,
      holder,
      holderIndex,
      validFrom,
      validUntil,
      status: expire(status, validUntil),
      fields,
    });
  };
}

/** The certificates a person holds on AS_OF (including earlier ones that are now expired or cancelled). */
export function personCertificatePlans(world: World, family: FamilyPlan, m: Member): CertificatePlan[] {
  const rng = world.rng.personCertificates(m.index);
  const out: CertificatePlan[] = [];
  const holder = { kind: 'person', id: m.id } as const;
  const add = planAdder(out, holder, m.index);
  const age = yearsBetween(m.birth, AS_OF);
  const district = m.household.district;
  const chain = familyChain(world, family);
  const isFocus = (scenario: Scenario, position = 0): boolean =>
    family.scenario === scenario && m.position === position;
  const spouse = m.spouse === undefined ? undefined : family.members[m.spouse];
  const father = m.father === undefined ? undefined : family.members[m.father];
  const mother = m.mother === undefined ? undefined : family.members[m.mother];
  const head = family.members[m.household.head] ?? m;
  const police = `示范市公安局${district.name}分局`;

  // 居民身份证: everyone from 16, a quarter of the children; second-generation cards since 2004.
  if (age >= 16 || (age >= 1 && rng.chance(0.25))) {
    const first =
      age >= 16
        ? Math.max(addYears(m.birth, 16) + rng.int(300), cohortStart(2003) + 245 + rng.int(9 * 365))
        : m.birth + 200 + rng.int(Math.max(1, AS_OF - m.birth - 230));
    let from = Math.min(first, AS_OF - 1);
    let until: number | null = null;
    let lapsed = false;
    for (;;) {
      const ageAtIssue = yearsBetween(m.birth, from);
      const years = ageAtIssue < 16 ? 5 : ageAtIssue <= 25 ? 10 : ageAtIssue <= 45 ? 20 : null;
      if (years === null) {
        until = null;
        break;
      }
      const end = addYears(from, years);
      until = end;
      if (end > AS_OF) break;
      if (end > AS_OF - 730 && rng.chance(0.03)) {
        lapsed = true;
        break;
      }
      from = end;
    }
    const [f, u] = [from, until];
    add('idCard', 'police', f, u, lapsed ? '失效' : '有效', () => ({
      name: m.name,
      sex: SEX_CN[m.sex],
      ethnicity: m.ethnicity,
      birthDate: isoDate(m.birth),
      address: m.household.address,
      idNumber: m.id,
      issuingAuthority: police,
      validFrom: isoDate(f),
      validTo: u === null ? LONG_TERM : isoDate(u),
    }));
  }

  // 居民户口簿: everyone; a newborn once registered, a newly married couple's entry once updated.
  let registered: number | null = Math.max(m.household.since, m.birth);
  let registerMarital: string = m.marital;
  if (isFocus('newborn', 3)) registered = stepDone(chain?.steps, 1);
  if (family.scenario === 'wedding' && (m.position === 0 || m.position === 1)) {
    const updated = stepDone(chain?.steps, 1);
    if (updated !== null) registered = updated;
    else registerMarital = '未婚';
  }
  if (registered !== null) {
    const on = registered;
    add('householdRegister', 'police', on, null, '有效', () => ({
      householdNumber: m.household.number,
      householdType: '家庭户',
      headName: head.name,
      address: m.household.address,
      name: m.name,
      relationToHead: m.relationToHead,
      sex: SEX_CN[m.sex],
      ethnicity: m.ethnicity,
      idNumber: m.id,
      birthDate: isoDate(m.birth),
      maritalStatus: registerMarital,
      registeredOn: isoDate(on),
      issuingAuthority: police,
    }));
  }

  // 出生医学证明: children born since 2008; a newborn's comes from its chain.
  const birthIssued = isFocus('newborn', 3)
    ? stepDone(chain?.steps, 0)
    : m.role === 'child' && m.birth >= cohortStart(2007) + 184
      ? m.birth + rng.between(1, 10)
      : null;
  if (birthIssued !== null) {
    const year = yearOf(m.birth);
    const number = `${String.fromCharCode(65 + ((year - 2008) % 26))}${rng.digits(2)}${pad(m.index, 7)}`;
    const time = `${isoDate(m.birth)} ${pad(rng.int(24), 2)}:${pad(rng.int(60), 2)}`;
    const facility = rng.pick(HOSPITALS);
    const weeks = rng.between(36, 41);
    const weight = rng.between(2500, 4200);
    const length = rng.between(46, 54);
    add('birthCertificate', 'health', birthIssued, null, '有效', () => ({
      certificateNumber: number,
      name: m.name,
      sex: SEX_CN[m.sex],
      birthTime: time,
      birthPlace: `${CITY.name}${m.birthDistrict.name}`,
      gestationalWeeks: weeks,
      birthWeight: weight,
      birthLength: length,
      motherName: mother?.name ?? '—',
      ...(mother ? { motherIdNumber: mother.id } : {}),
      ...(father ? { fatherName: father.name, fatherIdNumber: father.id } : {}),
      facility,
      issuedOn: isoDate(birthIssued),
    }));
  }

  // 结婚证 (each spouse holds one); 离婚证 and the cancelled 结婚证 of a divorce.
  if (spouse && m.marital === '已婚') {
    const husband = m.sex === 'male' ? m : spouse;
    const wife = m.sex === 'male' ? spouse : m;
    const inChain = family.scenario === 'wedding';
    const on = inChain ? stepDone(chain?.steps, 0) : family.weddingDay;
    const registry: DeptKey = inChain ? stepDept('marriage', 0) : branch(district, 'civil');
    if (on !== null) {
      const number = `J${registryRegion(registry)}-${yearOf(on)}-${pad(family.index % 1_000_000, 6)}`;
      add('marriageCertificate', registry, on, null, '有效', () => ({
        certificateNumber: number,
        holderName: m.name,
        registeredOn: isoDate(on),
        husbandName: husband.name,
        husbandIdNumber: husband.id,
        wifeName: wife.name,
        wifeIdNumber: wife.id,
        registrationAuthority: deptName(registry),
      }));
    }
  }
  if (m.divorce) {
    const d = m.divorce;
    const registry = branch(district, 'civil');
    const self = { name: m.name, id: m.id };
    const former = { name: d.formerSpouseName, id: d.formerSpouseId };
    const [husband, wife] = m.sex === 'male' ? [self, former] : [former, self];
    const parties = {
      husbandName: husband.name,
      husbandIdNumber: husband.id,
      wifeName: wife.name,
      wifeIdNumber: wife.id,
      registrationAuthority: deptName(registry),
    };
    const seq = pad(m.index % 1_000_000, 6);
    add('marriageCertificate', registry, d.marriedOn, null, '注销', () => ({
      certificateNumber: `J${registryRegion(registry)}-${yearOf(d.marriedOn)}-${seq}`,
      holderName: m.name,
      registeredOn: isoDate(d.marriedOn),
      ...parties,
    }));
    add('divorceCertificate', registry, d.divorcedOn, null, '有效', () => ({
      certificateNumber: `L${registryRegion(registry)}-${yearOf(d.divorcedOn)}-${seq}`,
      holderName: m.name,
      registeredOn: isoDate(d.divorcedOn),
      ...parties,
    }));
  }

  // 机动车驾驶证: 6 years, then 10, then 长期.
  if (
    age >= 18 &&
    age <= 75 &&
    rng.chance(m.sex === 'male' ? (age <= 60 ? 0.68 : 0.4) : age <= 60 ? 0.42 : 0.15)
  ) {
    const since18 = Math.max(0, yearsBetween(addYears(m.birth, 18), AS_OF));
    const first = Math.max(
      addYears(m.birth, 18) + rng.int(Math.max(1, Math.min(since18, 25) * 365)),
      cohortStart(1994) + 184 + rng.int(3000),
    );
    let from = Math.min(first, AS_OF - 1);
    let until: number | null = null;
    let lapsed = false;
    for (let k = 0; ; k++) {
      if (k >= 2) {
        until = null;
        break;
      }
      const end = addYears(from, k === 0 ? 6 : 10);
      until = end;
      if (end > AS_OF) break;
      if (end > AS_OF - 730 && rng.chance(0.03)) {
        lapsed = true;
        break;
      }
      from = end;
    }
    const r = rng.float();
    const status: DemoCertificateStatus = lapsed
      ? '失效'
      : r < 0.006
        ? '暂扣'
        : r < 0.008
          ? '吊销'
          : r < 0.011
            ? '注销'
            : '有效';
    const vehicleClass = rng.weighted([
      ['C1', 80],
      ['C2', 8],
      ['B2', 4],
      ['A2', 2],
      ['A1', 1],
      ['B1', 2],
      ['D', 3],
    ] as const);
    const [f, u, firstIssued] = [from, until, first];
    add('driverLicence', 'police', f, u, status, () => ({
      licenceNumber: m.id,
      name: m.name,
      sex: SEX_CN[m.sex],
      nationality: '中国',
      address: m.household.address,
      birthDate: isoDate(m.birth),
      firstIssuedOn: isoDate(Math.min(firstIssued, f)),
      vehicleClass,
      validFrom: isoDate(f),
      validTo: u === null ? LONG_TERM : isoDate(u),
      fileNumber: `4499${pad(m.index, 8)}`,
      issuingAuthority: '示范市公安局交通警察支队',
    }));
  }

  // Education: 毕业证书, 学位证书, and the professional certificates that follow from them.
  const edu = age >= 17 ? educationOf(rng, m) : null;
  if (edu) {
    const e = edu;
    const higher = e.level === '专科' || e.level === '本科' || e.level === '研究生';
    const number = `1${rng.digits(5)}${yearOf(e.graduated)}${pad(m.index, 8)}`;
    const mode = rng.chance(0.85) ? '普通全日制' : higher ? '非全日制' : '普通全日制';
    add(
      'graduationCertificate',
      'education',
      e.graduated,
      null,
      rng.chance(0.0005) ? '撤销' : '有效',
      () => ({
        certificateNumber: number,
        name: m.name,
        idNumber: m.id,
        school: e.school,
        educationLevel: e.level,
        major: e.major,
        studyMode: mode,
        enrolledOn: isoDate(e.enrolled),
        graduatedOn: isoDate(e.graduated),
      }),
    );
    if ((e.level === '本科' && rng.chance(0.9)) || e.level === '研究生') {
      const degree = e.level === '本科' ? '学士' : rng.chance(0.85) ? '硕士' : '博士';
      const degreeNumber = `10${rng.digits(4)}${pad(m.index, 10)}`;
      add('degreeCertificate', 'education', e.graduated, null, '有效', () => ({
        certificateNumber: degreeNumber,
        name: m.name,
        sex: SEX_CN[m.sex],
        birthDate: isoDate(m.birth),
        university: e.school,
        degree,
        discipline: e.discipline,
        awardedOn: isoDate(e.graduated),
      }));
    }
    const category = MEDICAL[e.major];
    if (category && (e.level === '本科' || e.level === '研究生') && rng.chance(0.8)) {
      const on = Math.min(AS_OF - 1, addYears(e.graduated, rng.between(1, 3)));
      const scope =
        category === '临床'
          ? rng.pick(['内科专业', '外科专业', '妇产科专业', '儿科专业', '全科医学专业'])
          : `${category}专业`;
      const site = rng.pick(HOSPITALS);
      const number = `1${yearOf(on)}44${pad(m.index, 8)}`;
      add('physicianLicence', 'health', on, null, rng.chance(0.01) ? '注销' : '有效', () => ({
        certificateNumber: number,
        name: m.name,
        sex: SEX_CN[m.sex],
        idNumber: m.id,
        practiceLevel: '执业医师',
        practiceCategory: category,
        practiceScope: scope,
        practiceSite: site,
        issuedOn: isoDate(on),
      }));
    }
    if (higher && rng.chance(TEACHING.has(e.major) ? 0.6 : 0.02)) {
      const on = Math.min(AS_OF - 1, e.graduated + rng.int(730));
      const kind =
        e.level === '专科' ? rng.pick(['幼儿园', '小学']) : rng.pick(['初级中学', '高级中学', '小学']);
      const subject =
        e.major === '学前教育'
          ? '幼儿教育'
          : e.major === '汉语言文学'
            ? '语文'
            : e.major === '英语'
              ? '英语'
              : e.major === '数学与应用数学'
                ? '数学'
                : '信息技术';
      const number = `${yearOf(on)}44${pad(m.index, 11)}`;
      add('teacherQualification', 'education', on, null, rng.chance(0.002) ? '撤销' : '有效', () => ({
        certificateNumber: number,
        name: m.name,
        sex: SEX_CN[m.sex],
        idNumber: m.id,
        birthDate: isoDate(m.birth),
        qualificationType: kind,
        subject,
        issuingAuthority: '示范市教育局',
        issuedOn: isoDate(on),
      }));
    }
  }

  const retireeFocus = isFocus('retirement');
  const employed = age >= 18 && age < (m.sex === 'male' ? 60 : 55) && rng.chance(0.72);
  const retiredWorker = !employed && age >= 55 && rng.chance(0.55);

  // 社会保障卡: almost everyone; a newborn's from its chain.
  const ssChain = isFocus('newborn', 3);
  if (ssChain || (AS_OF - m.birth > 60 && (retireeFocus || rng.chance(0.93)))) {
    let from: number | null;
    let lapsed = false;
    if (ssChain) from = stepDone(chain?.steps, 3);
    else if (rng.chance(0.02) && AS_OF - addYears(m.birth, 12) > 3650) {
      from = addYears(AS_OF, -10) - rng.between(1, 700);
      lapsed = true;
    } else {
      const earliest = Math.max(m.birth + 30, addYears(AS_OF, -10) + 30);
      from = earliest + rng.int(Math.max(1, AS_OF - 30 - earliest));
    }
    if (from !== null) {
      const f = from;
      const until = addYears(f, 10) - 1;
      const r = rng.float();
      const status: DemoCertificateStatus = lapsed ? '失效' : r < 0.003 ? '注销' : '有效';
      const cardStatus = status === '注销' ? '注销' : r < 0.008 ? '挂失' : '正常';
      const cardNumber = `${String.fromCharCode(65 + rng.int(26))}${pad(m.index, 8)}`;
      const account = `6217${pad(m.index, 8)}${rng.digits(7)}`;
      const bank = rng.pick(BANKS);
      add('socialSecurityCard', 'hrss', f, until, status, () => ({
        name: m.name,
        idNumber: m.id,
        cardNumber,
        bank,
        bankAccount: account,
        issuedOn: isoDate(f),
        validTo: isoDate(until),
        cardStatus,
      }));
    }
  }

  // 城乡居民医保参保证明 (the certificate also states 职工医保 for employees): one a year.
  const medChain = isFocus('newborn', 3);
  if (medChain || (AS_OF - m.birth > 60 && rng.chance(0.9))) {
    let issued: number | null;
    let lapsed = false;
    if (medChain) issued = stepDone(chain?.steps, 2);
    else if (rng.chance(0.1)) {
      issued = AS_OF - 365 - rng.between(30, 400);
      lapsed = true;
    } else issued = AS_OF - rng.int(365);
    if (issued !== null && issued > m.birth) {
      const on = issued;
      const type = employed || retiredWorker ? '职工基本医疗保险' : '城乡居民基本医疗保险';
      const since = medChain
        ? on
        : Math.min(on, Math.max(m.birth + 30, cohortStart(2009) + 184 + rng.int(4000)));
      const state = rng.chance(0.97) ? '正常参保' : '暂停参保';
      add(
        'residentMedicalInsurance',
        'medicalSecurity',
        on,
        addYears(on, 1) - 1,
        lapsed ? '失效' : '有效',
        () => ({
          name: m.name,
          idNumber: m.id,
          insuranceType: type,
          insuredSince: isoDate(since),
          insuranceStatus: state,
          coverageYear: yearOf(on),
          issuedOn: isoDate(on),
          issuingAuthority: '示范市医疗保障局',
        }),
      );
    }
  }

  // 住房公积金缴存证明.
  if ((employed && age >= 20 && rng.chance(0.55)) || (retireeFocus && rng.chance(0.75))) {
    const lapsed = rng.chance(0.2);
    const on = lapsed ? AS_OF - 365 - rng.between(1, 700) : AS_OF - rng.int(365);
    const opened = Math.min(
      on - 30,
      Math.max(addYears(m.birth, 21), cohortStart(1999) + 184) + rng.int(3000),
    );
    // An organisation near the person's rank (not drawn from the whole range), so that the first
    // persons' certificates are the same at every scale.
    const near = Math.floor((m.index * ORGANISATIONS_PER_SCALE) / PERSONS_PER_SCALE) + rng.between(-25, 25);
    const employer = orgPlan(world, Math.max(0, Math.min(world.organisations - 1, near))).name;
    const base = 2300 + 100 * rng.int(250);
    const status = rng.chance(0.95) ? '正常' : '封存';
    add('housingFundCertificate', 'housingFund', on, addYears(on, 1) - 1, lapsed ? '失效' : '有效', () => ({
      name: m.name,
      idNumber: m.id,
      accountNumber: `4499${pad(m.index, 8)}`,
      employer,
      depositBase: base,
      monthlyDeposit: Math.round(base * 24) / 100,
      accountStatus: status,
      openedOn: isoDate(opened),
      issuedOn: isoDate(on),
    }));
  }

  // 就业创业证.
  if (age >= 18 && age <= 60 && rng.chance(0.15)) {
    const on = Math.max(addYears(m.birth, 18), AS_OF - 8 * 365) + rng.int(2000);
    const registeredOn = Math.min(on, AS_OF - 1);
    const state = rng.weighted([
      ['就业', 50],
      ['失业', 25],
      ['灵活就业', 15],
      ['创业', 10],
    ] as const);
    add('employmentCertificate', 'hrss', registeredOn, null, '有效', () => ({
      certificateNumber: `4499${pad(m.index, 12)}`,
      name: m.name,
      sex: SEX_CN[m.sex],
      idNumber: m.id,
      employmentStatus: state,
      registeredOn: isoDate(registeredOn),
      issuingAuthority: '示范市人力资源和社会保障局',
    }));
  }

  // 残疾人证: valid ten years; the disability scenario's from its chain.
  const disChain = isFocus('disability');
  if (disChain || (AS_OF - m.birth > 365 && rng.chance(age < 60 ? 0.02 : 0.05))) {
    let on: number | null;
    let lapsed = false;
    if (disChain) on = stepDone(chain?.steps, 0);
    else if (rng.chance(0.04) && AS_OF - m.birth > 12 * 365) {
      on = addYears(AS_OF, -10) - rng.between(1, 700);
      lapsed = true;
    } else on = Math.max(m.birth + 365, addYears(AS_OF, -10) + 1) + rng.int(3000);
    if (on !== null && on <= AS_OF) {
      const issued = on;
      const categories = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'] as const;
      const cat = rng.weighted(categories.map((c, k) => [k, [10, 15, 2, 45, 10, 12, 6][k] ?? 1] as const));
      const level = rng.weighted([
        [0, 10],
        [1, 20],
        [2, 30],
        [3, 40],
      ] as const);
      const until = addYears(issued, 10) - 1;
      add('disabilityCertificate', 'disabledFederation', issued, until, lapsed ? '失效' : '有效', () => ({
        certificateNumber: `${m.id}${cat + 1}${level + 1}`,
        name: m.name,
        sex: SEX_CN[m.sex],
        idNumber: m.id,
        disabilityCategory: categories[cat] as string,
        disabilityLevel: ['一级', '二级', '三级', '四级'][level] as string,
        address: m.household.address,
        issuedOn: isoDate(issued),
        validTo: isoDate(until),
      }));
    }
  }

  // 退役军人优待证 (issued since 2022).
  const vetChain = isFocus('veteran');
  if (vetChain || (m.sex === 'male' && age >= 22 && age <= 75 && rng.chance(0.025))) {
    const on = vetChain ? stepDone(chain?.steps, 1) : cohortStart(2021) + 243 + rng.int(480);
    if (on !== null) {
      const issued = on;
      const discharged =
        vetChain && family.event !== null
          ? family.event
          : Math.min(issued - 30, addYears(m.birth, rng.between(20, Math.max(20, Math.min(40, age - 1)))));
      const enlisted = addYears(discharged, -rng.between(2, 16));
      const ym = (d: number): string => isoDate(Math.max(d, addYears(m.birth, 17))).slice(0, 7);
      const until = addYears(issued, 10) - 1;
      add('veteranPreferentialCard', 'veterans', issued, until, '有效', () => ({
        certificateNumber: `4499${pad(m.index, 8)}`,
        name: m.name,
        sex: SEX_CN[m.sex],
        idNumber: m.id,
        category: '退役军人',
        enlistedOn: ym(enlisted),
        dischargedOn: ym(discharged),
        issuingAuthority: '示范市退役军人事务局',
        issuedOn: isoDate(issued),
        validTo: isoDate(until),
      }));
    }
  }

  // 独生子女父母光荣证: both parents of an only child.
  if (family.onlyChildCertificate && spouse && m.role !== 'child') {
    const only = family.members.find((x) => x.role === 'child');
    if (only) {
      const husband = m.sex === 'male' ? m : spouse;
      const wife = m.sex === 'male' ? spouse : m;
      const on = Math.min(AS_OF - 1, only.birth + rng.between(30, 700));
      add('onlyChildParentsCertificate', 'health', on, null, '有效', () => ({
        certificateNumber: `示卫光字（${yearOf(on)}）第${pad(family.index % 10_000_000, 7)}号`,
        holderName: m.name,
        fatherName: husband.name,
        fatherIdNumber: husband.id,
        motherName: wife.name,
        motherIdNumber: wife.id,
        childName: only.name,
        childSex: SEX_CN[only.sex],
        childBirthDate: isoDate(only.birth),
        issuingAuthority: '示范市卫生健康委员会',
        issuedOn: isoDate(on),
      }));
    }
  }

  // 不动产权证书: the household head of a home-owning household; a buyer's from the purchase chain.
  if (m.position === 0) {
    const on = family.scenario === 'homePurchase' ? stepDone(chain?.steps, 1) : family.homeRegisteredOn;
    if (on !== null) {
      const registeredOn = on;
      const area = (4500 + rng.int(14000)) / 100;
      const unit = `${district.code}${rng.digits(6)}GB${rng.digits(5)}F${pad(m.index % 100_000_000, 8)}`;
      const landFrom = Math.min(registeredOn, cohortStart(1995 + rng.int(25)));
      add('realEstateCertificate', 'realEstateCentre', registeredOn, null, '有效', () => ({
        certificateNumber: `粤（${yearOf(registeredOn)}）示范市不动产权第${pad(m.index % 10_000_000, 7)}号`,
        rightHolder: spouse && m.marital === '已婚' ? `${m.name}、${spouse.name}` : m.name,
        coOwnership: spouse && m.marital === '已婚' ? '共同共有' : '单独所有',
        location: m.household.address,
        unitNumber: unit,
        rightType: '国有建设用地使用权/房屋所有权',
        rightNature: '出让/市场化商品房',
        use: '城镇住宅用地/住宅',
        area,
        landUseTerm: `${isoDate(landFrom)}起${isoDate(addYears(landFrom, 70) - 1)}止`,
        registeredOn: isoDate(registeredOn),
        issuingAuthority: '示范市不动产登记中心',
      }));
    }
  }

  return out;
}

function registryRegion(registry: DeptKey): string {
  return registry === 'centralCivil' ? '449902' : registry === 'yunhuCivil' ? '449903' : '449900';
}

/** The certificates an organisation holds on AS_OF. */
export function organisationCertificatePlans(world: World, org: OrgPlan): CertificatePlan[] {
  const rng = world.rng.organisationCertificates(org.index);
  const out: CertificatePlan[] = [];
  const holder = { kind: 'organisation', id: org.creditCode } as const;
  const closed = org.status !== '存续';
  const add = planAdder(out, holder, org.index);
  const chain = orgChain(world, org);
  const rep = org.representative;
  const statusOf = (lapsed: boolean): DemoCertificateStatus => (closed ? '注销' : lapsed ? '失效' : '有效');

  // 营业执照.
  const licenceIssuer: DeptKey = chain ? stepDept(chain.chain, 0) : branch(org.district, 'market');
  const licenceFrom = chain
    ? org.founded
    : rng.chance(0.3) && org.founded < EVENT_FROM - 400
      ? org.founded + rng.int(EVENT_FROM - 1 - org.founded)
      : org.founded;
  // 营业期限: mostly 长期; a fixed term always still runs (an expired one would have been extended).
  const fixedTerm = rng.chance(0.15) ? addYears(org.founded, rng.chance(0.5) ? 20 : 30) - 1 : null;
  const termTo = fixedTerm !== null && fixedTerm > AS_OF ? fixedTerm : null;
  const licenceStatus: DemoCertificateStatus =
    org.status === '吊销' ? '吊销' : org.status === '注销' ? '注销' : '有效';
  add('businessLicence', licenceIssuer, licenceFrom, termTo, licenceStatus, () => ({
    creditCode: org.creditCode,
    name: org.name,
    entityType: org.entityType,
    legalRepresentative: rep.name,
    businessScope: org.scope,
    ...(org.capital === null ? {} : { registeredCapital: `${org.capital}万元人民币` }),
    establishedOn: isoDate(org.founded),
    termFrom: isoDate(org.founded),
    termTo: termTo === null ? LONG_TERM : isoDate(termTo),
    address: org.address,
    registrationAuthority: deptName(licenceIssuer),
  }));

  // 印章备案证明.
  const sealOn =
    chain?.chain === 'companyStart'
      ? stepDone(chain.steps, 1)
      : chain
        ? null
        : rng.chance(org.founded >= cohortStart(2015) + 92 ? 0.85 : 0.4)
          ? Math.max(org.founded + rng.between(1, 10), cohortStart(2015) + 92 + rng.int(2000))
          : null;
  if (sealOn !== null && sealOn <= AS_OF) {
    const on = sealOn;
    const seals = ['公章', '财务专用章', '发票专用章', ...(rng.chance(0.3) ? ['合同专用章'] : [])];
    const maker = `${CITY.name}${tradeName(rng)}印章有限公司`;
    add('sealRecord', 'police', on, null, closed ? '注销' : '有效', () => ({
      name: org.name,
      creditCode: org.creditCode,
      sealNames: seals,
      sealCode: `${org.district.code}${pad(org.index % 10_000_000, 7)}`,
      sealMaker: maker,
      recordedOn: isoDate(on),
      issuingAuthority: '示范市公安局',
    }));
  }

  // 社会保险登记证.
  const siOn =
    chain?.chain === 'companyStart'
      ? stepDone(chain.steps, 3)
      : chain
        ? null
        : org.category !== 'soleTrader' && rng.chance(org.category === 'company' ? 0.75 : 0.5)
          ? Math.min(EVENT_FROM - 1, org.founded + rng.between(5, 60))
          : null;
  if (siOn !== null) {
    const on = siOn;
    add('socialInsuranceRegistration', 'hrss', on, null, closed ? '注销' : '有效', () => ({
      registrationNumber: `4499${pad(org.index, 10)}`,
      name: org.name,
      creditCode: org.creditCode,
      entityType: org.entityType,
      legalRepresentative: rep.name,
      address: org.address,
      registeredOn: isoDate(on),
      issuingAuthority: deptName('hrss'),
    }));
  }

  // 纳税证明 (of last year), for some active organisations.
  if (!closed && !chain && rng.chance(0.3)) {
    const on = AS_OF - rng.int(365);
    const year = yearOf(on) - 1;
    const periodFrom = Math.max(org.founded, cohortStart(year - 1) + 184);
    const periodTo = cohortStart(year) + 183;
    if (periodFrom <= periodTo) {
      const issuer = branch(org.district, 'tax');
      const amount = rng.int(50_000_000) / 100;
      add('taxCertificate', issuer, on, null, '有效', () => ({
        certificateNumber: `244${yearOf(on)}${pad(org.index, 13)}`,
        taxpayerId: org.creditCode,
        taxpayerName: org.name,
        periodFrom: isoDate(periodFrom),
        periodTo: isoDate(periodTo),
        taxTypes: '增值税、企业所得税、城市维护建设税',
        amountPaid: amount,
        issuedOn: isoDate(on),
        issuingAuthority: deptName(issuer),
      }));
    }
  }

  // Permits: an established organisation's by industry, a new one's from its founding chain.
  const chainPermit = (k: number): number | null => (chain ? stepDone(chain.steps, k) : null);
  const permits: readonly (readonly [PermitKey, number | null, DeptKey | null])[] = chain
    ? chain.chain === 'restaurantStart'
      ? [
          ['foodLicence', chainPermit(1), stepDept('restaurantStart', 1)],
          ['tobaccoRetailLicence', chainPermit(2), stepDept('restaurantStart', 2)],
        ]
      : chain.chain === 'pharmacyStart'
        ? [['drugLicence', chainPermit(1), stepDept('pharmacyStart', 1)]]
        : []
    : org.permits.map((p) => [p, org.founded + rng.between(10, 120), null] as const);
  for (const [permit, start, chainIssuer] of permits) {
    if (start === null || start > AS_OF) continue;
    addPermit(rng, org, permit, start, chainIssuer !== null, chainIssuer, statusOf, add);
  }
  return out;
}

type Add = (
  type: TypeKey,
  issuer: DeptKey,
  validFrom: number,
  validUntil: number | null,
  status: DemoCertificateStatus,
  fields: () => Record<string, FieldValue>,
) => void;

function addPermit(
  rng: Random,
  org: OrgPlan,
  permit: PermitKey,
  start: number,
  fromChain: boolean,
  chainIssuer: DeptKey | null,
  statusOf: (lapsed: boolean) => DemoCertificateStatus,
  add: Add,
): void {
  const rep = org.representative.name;
  const term = (years: number): { from: number; until: number; lapsed: boolean } =>
    fromChain
      ? { from: start, until: addYears(start, years) - 1, lapsed: false }
      : renewals(rng, start, years);
  switch (permit) {
    case 'foodLicence': {
      const t = term(5);
      const issuer = chainIssuer ?? branch(org.district, 'market');
      const restaurant = org.industry.key === 'restaurant';
      add('foodLicence', issuer, t.from, t.until, statusOf(t.lapsed), () => ({
        licenceNumber: `JY${restaurant ? 2 : 1}${org.district.code}${pad(org.index % 10_000_000, 7)}`,
        operatorName: org.name,
        creditCode: org.creditCode,
        legalRepresentative: rep,
        address: org.address,
        premises: org.address,
        mainFormat: restaurant ? '餐饮服务经营者' : '食品销售经营者',
        businessItems: restaurant
          ? '热食类食品制售；冷食类食品制售'
          : '预包装食品（含冷藏冷冻食品）销售；散装食品销售',
        issuingAuthority: deptName(issuer),
        issuedOn: isoDate(t.from),
        validTo: isoDate(t.until),
      }));
      return;
    }
    case 'tobaccoRetailLicence': {
      const t = term(5);
      add('tobaccoRetailLicence', 'tobacco', t.from, t.until, statusOf(t.lapsed), () => ({
        licenceNumber: `${org.district.code}${pad(org.index % 1_000_000, 6)}`,
        name: org.name,
        creditCode: org.creditCode,
        principal: rep,
        premises: org.address,
        scope: '卷烟、雪茄烟零售',
        supplier: '示范市烟草公司',
        issuingAuthority: deptName('tobacco'),
        issuedOn: isoDate(t.from),
        validTo: isoDate(t.until),
      }));
      return;
    }
    case 'drugLicence': {
      const t = term(5);
      const quality = fullName(rng, rng.chance(0.6) ? 'female' : 'male');
      const chainStore = org.category === 'company' && rng.chance(0.4);
      add('drugLicence', chainIssuer ?? 'market', t.from, t.until, statusOf(t.lapsed), () => ({
        licenceNumber: `粤CB${org.district.code.slice(2)}${pad(org.index % 10_000, 4)}`,
        name: org.name,
        creditCode: org.creditCode,
        legalRepresentative: rep,
        personInCharge: rep,
        qualityManager: quality,
        registeredAddress: org.address,
        businessMode: chainStore ? '零售（连锁）' : '零售',
        businessScope: '中药饮片、中成药、化学药、生物制品（除疫苗）',
        issuingAuthority: deptName('market'),
        issuedOn: isoDate(t.from),
        validTo: isoDate(t.until),
      }));
      return;
    }
    case 'medicalInstitutionLicence': {
      const t = term(5);
      const kind = org.name.includes('门诊部') ? '门诊部' : '诊所';
      const departments = org.name.includes('口腔')
        ? '口腔科'
        : org.name.includes('中医')
          ? '中医科'
          : '内科；外科；预防保健科';
      const principal = fullName(rng, rng.chance(0.5) ? 'female' : 'male');
      add('medicalInstitutionLicence', 'health', t.from, t.until, statusOf(t.lapsed), () => ({
        registrationNumber: `PDY${pad(org.index % 100_000, 5)}${org.district.code}${kind === '门诊部' ? 'D' : 'C'}2${pad(org.index % 1000, 3)}`,
        name: org.name.replace(/有限公司$/, ''),
        creditCode: org.creditCode,
        address: org.address,
        legalRepresentative: rep,
        principal,
        ownership: '私有制',
        category: kind,
        departments,
        issuingAuthority: deptName('health'),
        issuedOn: isoDate(t.from),
        validTo: isoDate(t.until),
      }));
      return;
    }
    case 'hygieneLicence': {
      const t = term(4);
      const items = org.name.match(/酒店|宾馆/)
        ? '住宿场所'
        : org.name.match(/健身/)
          ? '游泳场（馆）'
          : org.name.match(/足浴/)
            ? '沐浴场所'
            : '美容店、理发店';
      add('hygieneLicence', 'health', t.from, t.until, statusOf(t.lapsed), () => ({
        licenceNumber: `示卫公证字[${yearOf(t.from)}]第${pad(org.index % 1_000_000, 6)}号`,
        name: org.name,
        creditCode: org.creditCode,
        legalRepresentative: rep,
        address: org.address,
        permittedItems: items,
        issuingAuthority: deptName('health'),
        issuedOn: isoDate(t.from),
        validTo: isoDate(t.until),
      }));
      return;
    }
    case 'constructionPermit': {
      const from = Math.max(start, AS_OF - 3 * 365 + rng.int(3 * 365 - 30));
      const plannedStart = from + rng.between(10, 60);
      const plannedEnd = plannedStart + rng.between(365, 1000);
      const project = `${org.name.slice(3, 5)}${rng.pick(['花园', '大厦', '产业园', '商业中心'])}${rng.pick(['一期', '二期', ''])}项目`;
      const area = 5000 + rng.int(145_000);
      const price = Math.round(area * (0.25 + rng.float() * 0.2));
      const contractor = `${CITY.name}${tradeName(rng)}建设工程有限公司`;
      const supervisor = `${CITY.name}${tradeName(rng)}工程监理有限公司`;
      const location = `${org.district.name}${rng.pick(['科技大道', '滨江路', '新港路', '云山路'])}以${rng.pick(['东', '南', '西', '北'])}地块`;
      add('constructionPermit', 'construction', from, null, statusOf(false), () => ({
        permitNumber: `${org.district.code}${compactDate(from)}${pad(org.index % 10_000, 4)}`,
        developer: org.name,
        creditCode: org.creditCode,
        projectName: project,
        location,
        floorArea: area,
        contractPrice: price,
        contractor,
        supervisor,
        plannedStart: isoDate(plannedStart),
        plannedEnd: isoDate(plannedEnd),
        issuingAuthority: deptName('construction'),
        issuedOn: isoDate(from),
      }));
      return;
    }
    case 'pollutantDischargePermit': {
      const t = term(5);
      const industry = org.name.includes('电子')
        ? '电子元件及电子专用材料制造'
        : org.name.includes('塑胶')
          ? '塑料制品业'
          : org.name.includes('食品')
            ? '食品制造业'
            : '金属制品业';
      const management = rng.chance(0.2) ? '重点管理' : '简化管理';
      add('pollutantDischargePermit', 'environment', t.from, t.until, statusOf(t.lapsed), () => ({
        permitNumber: `${org.creditCode}001${management === '重点管理' ? 'P' : 'Q'}`,
        name: org.name,
        creditCode: org.creditCode,
        address: org.address,
        legalRepresentative: rep,
        industry,
        premises: org.address,
        managementClass: management,
        issuingAuthority: deptName('environment'),
        issuedOn: isoDate(t.from),
        validTo: isoDate(t.until),
      }));
      return;
    }
    case 'roadTransportLicence': {
      const t = term(4);
      add('roadTransportLicence', 'transport', t.from, t.until, statusOf(t.lapsed), () => ({
        licenceNumber: `${org.district.code}${pad(org.index % 1_000_000, 6)}`,
        name: org.name,
        creditCode: org.creditCode,
        address: org.address,
        legalRepresentative: rep,
        economicType: org.category === 'soleTrader' ? '个体' : '私营企业',
        businessScope: '道路普通货物运输',
        issuingAuthority: deptName('transport'),
        issuedOn: isoDate(t.from),
        validTo: isoDate(t.until),
      }));
      return;
    }
  }
}

/** All certificate plans of person `index`. */
export function personPlans(world: World, index: number): CertificatePlan[] {
  const family = familyPlan(world, Math.floor(index / FAMILY_SIZE));
  const member = family.members[index % FAMILY_SIZE];
  if (!member) throw new RangeError('person index out of range');
  return personCertificatePlans(world, family, member);
}

export function organisationPlans(world: World, index: number): CertificatePlan[] {
  return organisationCertificatePlans(world, orgPlan(world, index));
}
