import type { ItemType, Material, ServiceItem, TimeLimit } from '@tongban/domain';
import { typeCode, type TypeKey } from './certificate-types.js';
import { deptCode, type DeptKey } from './departments.js';

/**
 * The 80 service items (政务服务事项) of 示范市, shaped like the Guangdong catalog
 * (shared/data/gd-service-items): 实施编码 = the implementing department's credit code + '2' + the
 * 12-character 基本编码, and the 基本编码 = province '44' + 2-digit item type (01 行政许可, 04 行政征收,
 * 05 行政给付, 07 行政确认, 20 其他行政权力, 21 公共服务) + 2-digit competent-department code (as in the
 * Guangdong file: 02 教育, 06 公安, 08 民政, 11 人社, 12 自然资源, 13 生态环境, 14 住建, 15 交通, 16 水利,
 * 20 卫健, 24 税务, 25 市场监管, 69 残联, 72 药监, 91 退役军人, 99 其他; 47 医保 is ours) + a 3-digit item
 * number + a 3-digit sub-item number. Item numbers are in the 8xx range, which the Guangdong provincial
 * list does not use, so a demo base code never names a real provincial item. An item implemented by a
 * district branch has the same 基本编码 and its own 实施编码.
 *
 * Each certificate material lists the fields the item really needs (最小必要), not the whole certificate.
 */

const ITEM_TYPE_CODES: Readonly<Record<ItemType, string>> = {
  行政许可: '01',
  行政处罚: '02',
  行政强制: '03',
  行政征收: '04',
  行政给付: '05',
  行政检查: '06',
  行政确认: '07',
  行政奖励: '08',
  行政裁决: '09',
  其他行政权力: '20',
  公共服务: '21',
};

type Limit = readonly [days: number, unit: 'w' | 'n'] | null;

type MaterialSpec =
  | {
      readonly name: string;
      readonly required: boolean;
      readonly kind: 'certificate';
      readonly type: TypeKey;
      readonly fields: readonly string[];
    }
  | { readonly name: string; readonly required: boolean; readonly kind: 'applicant' }
  | { readonly name: string; readonly required: boolean; readonly kind: 'prior-case'; readonly item: string };

export interface ItemSpec {
  readonly name: string;
  readonly dept: DeptKey;
  readonly type: ItemType;
  /** Competent-department code inside the base code. */
  readonly sector: string;
  /** 3-digit item number inside the base code. */
  readonly seq: number;
  readonly statutory: Limit;
  readonly promised: Limit;
  readonly applicant: 'person' | 'organisation';
  readonly materials: readonly MaterialSpec[];
  readonly outputs?: readonly TypeKey[];
  readonly followUps?: readonly string[];
  readonly serviceObjects?: readonly string[];
}

const cert = (name: string, type: TypeKey, fields: readonly string[], required = true): MaterialSpec => ({
  name,
  required,
  kind: 'certificate',
  type,
  fields,
});
const paper = (name: string, required = true): MaterialSpec => ({ name, required, kind: 'applicant' });
const prior = (name: string, item: string, required = true): MaterialSpec => ({
  name,
  required,
  kind: 'prior-case',
  item,
});

// Materials that many items share.
const idCard = (
  name = '居民身份证',
  fields: readonly string[] = ['idNumber', 'name'],
  required = true,
): MaterialSpec => cert(name, 'idCard', fields, required);
const legalRepId = idCard('法定代表人（负责人）居民身份证');
const household = (
  fields: readonly string[] = ['householdNumber', 'name', 'idNumber', 'address'],
  required = true,
): MaterialSpec => cert('居民户口簿', 'householdRegister', fields, required);
const licence = (
  fields: readonly string[] = ['creditCode', 'name', 'legalRepresentative', 'address'],
): MaterialSpec => cert('营业执照', 'businessLicence', fields);
const premisesDeed = (name = '经营场所使用证明（不动产权证书）'): MaterialSpec =>
  cert(name, 'realEstateCertificate', ['certificateNumber', 'rightHolder', 'location', 'use'], false);
const ssCardPayment = (required = true): MaterialSpec =>
  cert(
    '社会保障卡（金融账户）',
    'socialSecurityCard',
    ['idNumber', 'cardNumber', 'bank', 'bankAccount'],
    required,
  );
const marriageCert = (fields: readonly string[], required = true): MaterialSpec =>
  cert('结婚证', 'marriageCertificate', fields, required);
const SPOUSES = [
  'certificateNumber',
  'registeredOn',
  'husbandName',
  'husbandIdNumber',
  'wifeName',
  'wifeIdNumber',
];

const ORG_OBJECTS = ['企业法人', '非法人企业', '其他组织'];

const market = { dept: 'market', sector: '25', applicant: 'organisation' } as const;
const police = { dept: 'police', sector: '06' } as const;
const civil = { dept: 'civil', sector: '08', applicant: 'person' } as const;
const health = { dept: 'health', sector: '20' } as const;
const realEstate = { dept: 'realEstateCentre', sector: '12' } as const;
const tax = { dept: 'tax', sector: '24' } as const;
const hrss = { dept: 'hrss', sector: '11' } as const;
const medical = { dept: 'medicalSecurity', sector: '47', applicant: 'person' } as const;
const fund = { dept: 'housingFund', sector: '14' } as const;

/** The items, keyed by a stable internal key (used by chains, case volumes and tests). */
export const itemSpecs = {
  // ── 市场监督管理局 ────────────────────────────────────────────────────────────────────────────────
  companySetup: {
    ...market,
    name: '企业设立登记',
    type: '行政许可',
    seq: 801,
    statutory: [3, 'w'],
    promised: [1, 'w'],
    materials: [
      paper('公司登记（备案）申请书'),
      paper('公司章程'),
      idCard('法定代表人居民身份证', ['idNumber', 'name', 'sex', 'address']),
      paper('股东、发起人的主体资格文件或自然人身份证明'),
      premisesDeed('住所使用证明（不动产权证书）'),
      paper('住所租赁合同', false),
    ],
    outputs: ['businessLicence'],
    followUps: ['sealFiling', 'foodLicenceNew', 'drugRetailLicence', 'taxNewcomer'],
    serviceObjects: ['企业法人', '非法人企业'],
  },
  companyChange: {
    ...market,
    name: '企业变更登记',
    type: '行政许可',
    seq: 802,
    statutory: [3, 'w'],
    promised: [1, 'w'],
    materials: [
      paper('公司变更登记申请书'),
      licence(),
      legalRepId,
      paper('股东会决议或决定'),
      premisesDeed('新住所使用证明（不动产权证书）'),
    ],
    outputs: ['businessLicence'],
  },
  companyDeregistration: {
    ...market,
    name: '企业注销登记',
    type: '行政许可',
    seq: 803,
    statutory: [3, 'w'],
    promised: [1, 'w'],
    materials: [
      paper('注销登记申请书'),
      licence(['creditCode', 'name', 'legalRepresentative']),
      prior('清税证明', 'taxClearance'),
      paper('清算报告'),
    ],
  },
  soleTraderSetup: {
    ...market,
    name: '个体工商户设立登记',
    type: '行政许可',
    seq: 804,
    statutory: [3, 'w'],
    promised: [1, 'w'],
    materials: [
      paper('个体工商户登记（备案）申请书'),
      idCard('经营者居民身份证', ['idNumber', 'name', 'sex', 'address']),
      premisesDeed(),
    ],
    outputs: ['businessLicence'],
    followUps: ['foodLicenceNew', 'tobaccoNew'],
    serviceObjects: ['非法人企业'],
  },
  foodLicenceNew: {
    ...market,
    name: '食品经营许可（新办）',
    type: '行政许可',
    seq: 805,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      paper('食品经营许可申请书'),
      licence(),
      legalRepId,
      paper('与食品经营相适应的主要设备设施、经营布局、操作流程等文件'),
      paper('食品安全自查、从业人员健康管理、进货查验记录等食品安全管理制度'),
    ],
    outputs: ['foodLicence'],
    followUps: ['tobaccoNew'],
  },
  foodLicenceRenewal: {
    ...market,
    name: '食品经营许可（延续）',
    type: '行政许可',
    seq: 806,
    statutory: [20, 'w'],
    promised: [5, 'w'],
    materials: [
      paper('食品经营许可延续申请书'),
      cert('食品经营许可证', 'foodLicence', ['licenceNumber', 'operatorName', 'premises', 'validTo']),
      licence(['creditCode', 'name']),
    ],
    outputs: ['foodLicence'],
  },
  foodLicenceChange: {
    ...market,
    name: '食品经营许可（变更）',
    type: '行政许可',
    seq: 807,
    statutory: [20, 'w'],
    promised: [5, 'w'],
    materials: [
      paper('食品经营许可变更申请书'),
      cert('食品经营许可证', 'foodLicence', [
        'licenceNumber',
        'operatorName',
        'legalRepresentative',
        'premises',
        'businessItems',
      ]),
      licence(),
    ],
    outputs: ['foodLicence'],
  },
  drugRetailLicence: {
    ...market,
    sector: '72',
    name: '药品零售企业经营许可（新办）',
    type: '行政许可',
    seq: 801,
    statutory: [20, 'w'],
    promised: [15, 'w'],
    materials: [
      paper('药品经营许可证申请表'),
      licence(),
      idCard('企业负责人居民身份证'),
      paper('执业药师注册证'),
      cert(
        '经营场所和仓库使用证明（不动产权证书）',
        'realEstateCertificate',
        ['certificateNumber', 'rightHolder', 'location', 'area'],
        false,
      ),
      paper('药品质量管理文件目录'),
    ],
    outputs: ['drugLicence'],
  },
  drugLicenceRenewal: {
    ...market,
    sector: '72',
    name: '药品经营许可证换发',
    type: '行政许可',
    seq: 802,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      paper('药品经营许可证换发申请表'),
      cert('药品经营许可证', 'drugLicence', [
        'licenceNumber',
        'name',
        'businessMode',
        'businessScope',
        'validTo',
      ]),
      licence(['creditCode', 'name']),
    ],
    outputs: ['drugLicence'],
  },

  // ── 公安局 ────────────────────────────────────────────────────────────────────────────────────────
  idCardRenewal: {
    ...police,
    applicant: 'person',
    name: '居民身份证换领',
    type: '行政确认',
    seq: 801,
    statutory: [60, 'n'],
    promised: [15, 'w'],
    materials: [
      household(),
      idCard('原居民身份证', ['idNumber', 'name', 'validTo']),
      paper('居民身份证相片（现场采集）'),
    ],
    outputs: ['idCard'],
  },
  idCardFirst: {
    ...police,
    applicant: 'person',
    name: '居民身份证首次申领',
    type: '行政确认',
    seq: 802,
    statutory: [60, 'n'],
    promised: [15, 'w'],
    materials: [
      household(['householdNumber', 'name', 'idNumber', 'birthDate', 'address']),
      paper('监护人居民身份证（未满十六周岁的）', false),
      paper('居民身份证相片（现场采集）'),
    ],
    outputs: ['idCard'],
  },
  idCardReissue: {
    ...police,
    applicant: 'person',
    name: '居民身份证补领',
    type: '行政确认',
    seq: 803,
    statutory: [60, 'n'],
    promised: [15, 'w'],
    materials: [household(), paper('居民身份证挂失申报'), paper('居民身份证相片（现场采集）')],
    outputs: ['idCard'],
  },
  birthRegistration: {
    ...police,
    applicant: 'person',
    name: '出生登记',
    type: '行政确认',
    seq: 804,
    statutory: [10, 'w'],
    promised: [1, 'w'],
    materials: [
      cert('出生医学证明', 'birthCertificate', [
        'certificateNumber',
        'name',
        'sex',
        'birthTime',
        'birthPlace',
        'motherName',
        'motherIdNumber',
        'fatherName',
        'fatherIdNumber',
      ]),
      paper('父母双方居民身份证'),
      paper('父母双方结婚证'),
      paper('父（母）居民户口簿'),
    ],
    outputs: ['householdRegister'],
    followUps: ['residentMedicalEnrol'],
  },
  maritalStatusChange: {
    ...police,
    applicant: 'person',
    name: '户籍登记项目变更更正（婚姻状况）',
    type: '行政确认',
    seq: 805,
    statutory: [20, 'w'],
    promised: [1, 'w'],
    materials: [
      household(['householdNumber', 'name', 'idNumber', 'maritalStatus']),
      marriageCert(SPOUSES, false),
      cert(
        '离婚证',
        'divorceCertificate',
        ['certificateNumber', 'registeredOn', 'husbandIdNumber', 'wifeIdNumber'],
        false,
      ),
    ],
    outputs: ['householdRegister'],
    followUps: ['fertilityRegistration'],
  },
  householdMove: {
    ...police,
    applicant: 'person',
    name: '市内户口迁移',
    type: '行政确认',
    seq: 806,
    statutory: [20, 'w'],
    promised: [5, 'w'],
    materials: [
      household(),
      idCard(),
      cert('合法稳定住所证明（不动产权证书）', 'realEstateCertificate', [
        'certificateNumber',
        'rightHolder',
        'location',
      ]),
      paper('迁入地户主同意落户声明', false),
    ],
    outputs: ['householdRegister'],
  },
  driverLicenceRenewal: {
    ...police,
    applicant: 'person',
    name: '机动车驾驶证期满换证',
    type: '行政许可',
    seq: 807,
    statutory: [1, 'w'],
    promised: [1, 'w'],
    materials: [
      idCard('居民身份证', ['idNumber', 'name', 'address']),
      cert('机动车驾驶证', 'driverLicence', [
        'licenceNumber',
        'name',
        'vehicleClass',
        'validTo',
        'fileNumber',
      ]),
      paper('机动车驾驶人身体条件证明'),
    ],
    outputs: ['driverLicence'],
  },
  driverLicenceFirst: {
    ...police,
    applicant: 'person',
    name: '机动车驾驶证初次申领',
    type: '行政许可',
    seq: 808,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      idCard('居民身份证', ['idNumber', 'name', 'sex', 'birthDate', 'address']),
      paper('机动车驾驶人身体条件证明'),
      paper('驾驶人考试合格证明'),
    ],
    outputs: ['driverLicence'],
  },
  sealFiling: {
    ...police,
    applicant: 'organisation',
    name: '公章刻制备案',
    type: '其他行政权力',
    seq: 809,
    statutory: [1, 'w'],
    promised: [1, 'w'],
    materials: [licence(), idCard('法定代表人居民身份证'), paper('印章刻制申请表')],
    outputs: ['sealRecord'],
    followUps: ['taxNewcomer'],
    serviceObjects: ORG_OBJECTS,
  },
  noCriminalRecord: {
    ...police,
    applicant: 'person',
    name: '无犯罪记录证明开具',
    type: '公共服务',
    seq: 810,
    statutory: null,
    promised: [3, 'w'],
    materials: [idCard(), household(['householdNumber', 'name', 'idNumber'], false), paper('用途说明')],
  },

  // ── 民政局 (婚姻登记 at the city and two district registries) ─────────────────────────────────────
  marriageRegistration: {
    ...civil,
    name: '内地居民结婚登记',
    type: '行政确认',
    seq: 801,
    statutory: null,
    promised: [1, 'w'],
    materials: [
      household(['householdNumber', 'name', 'idNumber', 'maritalStatus', 'address']),
      idCard('居民身份证', ['idNumber', 'name', 'sex', 'birthDate']),
      paper('本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明'),
      paper('双方近期半身免冠合影照片'),
    ],
    outputs: ['marriageCertificate'],
    followUps: ['maritalStatusChange', 'fertilityRegistration'],
  },
  divorceRegistration: {
    ...civil,
    name: '内地居民离婚登记',
    type: '行政确认',
    seq: 802,
    statutory: null,
    promised: null,
    materials: [
      marriageCert(SPOUSES),
      household(['householdNumber', 'name', 'idNumber']),
      idCard(),
      paper('离婚协议书'),
    ],
    outputs: ['divorceCertificate'],
    followUps: ['maritalStatusChange'],
  },
  marriageCertReissue: {
    ...civil,
    name: '补领结婚证',
    type: '行政确认',
    seq: 803,
    statutory: null,
    promised: [1, 'w'],
    materials: [
      household(['householdNumber', 'name', 'idNumber']),
      idCard(),
      paper('婚姻登记档案证明', false),
    ],
    outputs: ['marriageCertificate'],
  },
  marriageRecordProof: {
    ...civil,
    name: '婚姻登记记录证明开具',
    type: '公共服务',
    seq: 804,
    statutory: null,
    promised: [1, 'w'],
    materials: [idCard(), household(['householdNumber', 'name', 'idNumber', 'maritalStatus'])],
  },
  minimumLivingAllowance: {
    ...civil,
    name: '最低生活保障审核确认',
    type: '行政给付',
    seq: 805,
    statutory: [30, 'w'],
    promised: [20, 'w'],
    materials: [
      idCard(),
      household(['householdNumber', 'headName', 'name', 'idNumber', 'relationToHead', 'address']),
      cert(
        '家庭成员不动产权证书',
        'realEstateCertificate',
        ['certificateNumber', 'rightHolder', 'location', 'area'],
        false,
      ),
      cert(
        '住房公积金缴存证明',
        'housingFundCertificate',
        ['name', 'accountNumber', 'depositBase', 'accountStatus'],
        false,
      ),
      cert(
        '残疾人证',
        'disabilityCertificate',
        ['certificateNumber', 'disabilityCategory', 'disabilityLevel'],
        false,
      ),
      paper('家庭经济状况核对授权书'),
    ],
  },
  disabilitySubsidy: {
    ...civil,
    name: '困难残疾人生活补贴和重度残疾人护理补贴',
    type: '行政给付',
    seq: 806,
    statutory: [20, 'w'],
    promised: [15, 'w'],
    materials: [
      cert('残疾人证', 'disabilityCertificate', [
        'certificateNumber',
        'name',
        'idNumber',
        'disabilityCategory',
        'disabilityLevel',
        'validTo',
      ]),
      idCard(),
      household(),
      ssCardPayment(),
      paper('残疾人两项补贴申请审批表'),
    ],
  },
  seniorAllowance: {
    ...civil,
    name: '高龄津贴发放',
    type: '行政给付',
    seq: 807,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [idCard('居民身份证', ['idNumber', 'name', 'birthDate']), household(), ssCardPayment()],
  },

  // ── 卫生健康委员会 ──────────────────────────────────────────────────────────────────────────────────
  birthCertificateIssue: {
    ...health,
    applicant: 'person',
    name: '出生医学证明首次签发',
    type: '公共服务',
    seq: 801,
    statutory: null,
    promised: [1, 'w'],
    materials: [paper('父母双方有效身份证件'), paper('出生医学证明首次签发登记表'), paper('新生儿出院记录')],
    outputs: ['birthCertificate'],
    followUps: ['birthRegistration'],
  },
  physicianRegistration: {
    ...health,
    applicant: 'person',
    name: '医师执业注册',
    type: '行政许可',
    seq: 802,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      paper('医师执业注册申请审核表'),
      idCard('居民身份证', ['idNumber', 'name', 'sex']),
      paper('医师资格证书'),
      cert(
        '毕业证书',
        'graduationCertificate',
        ['certificateNumber', 'school', 'educationLevel', 'major'],
        false,
      ),
      cert('学位证书', 'degreeCertificate', ['certificateNumber', 'degree', 'university'], false),
      paper('健康体检证明'),
      paper('拟执业机构出具的聘用证明'),
    ],
    outputs: ['physicianLicence'],
  },
  clinicLicence: {
    ...health,
    applicant: 'organisation',
    name: '医疗机构执业登记',
    type: '行政许可',
    seq: 803,
    statutory: [45, 'w'],
    promised: [20, 'w'],
    materials: [
      paper('医疗机构执业登记申请书'),
      licence(),
      legalRepId,
      cert('主要负责人医师执业证书', 'physicianLicence', [
        'certificateNumber',
        'name',
        'practiceCategory',
        'practiceScope',
      ]),
      cert(
        '房屋产权证明（不动产权证书）',
        'realEstateCertificate',
        ['certificateNumber', 'rightHolder', 'location', 'area'],
        false,
      ),
      paper('医疗机构规章制度'),
    ],
    outputs: ['medicalInstitutionLicence'],
    serviceObjects: ORG_OBJECTS,
  },
  clinicLicenceRenewal: {
    ...health,
    applicant: 'organisation',
    name: '医疗机构执业许可证延续',
    type: '行政许可',
    seq: 804,
    statutory: [30, 'w'],
    promised: [15, 'w'],
    materials: [
      cert('医疗机构执业许可证', 'medicalInstitutionLicence', [
        'registrationNumber',
        'name',
        'departments',
        'validTo',
      ]),
      licence(['creditCode', 'name']),
      paper('医疗机构校验申请书'),
    ],
    outputs: ['medicalInstitutionLicence'],
    serviceObjects: ORG_OBJECTS,
  },
  hygieneLicenceNew: {
    ...health,
    applicant: 'organisation',
    name: '公共场所卫生许可',
    type: '行政许可',
    seq: 805,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      paper('公共场所卫生许可申请表'),
      licence(),
      legalRepId,
      paper('卫生检测（评价）报告'),
      paper('卫生管理制度'),
    ],
    outputs: ['hygieneLicence'],
    serviceObjects: ORG_OBJECTS,
  },
  fertilityRegistration: {
    ...health,
    applicant: 'person',
    name: '生育登记',
    type: '公共服务',
    seq: 806,
    statutory: null,
    promised: [1, 'w'],
    materials: [
      marriageCert(['certificateNumber', 'husbandName', 'husbandIdNumber', 'wifeName', 'wifeIdNumber']),
      household(['householdNumber', 'name', 'idNumber', 'maritalStatus']),
      idCard(),
    ],
  },
  onlyChildCertificateIssue: {
    ...health,
    applicant: 'person',
    name: '独生子女父母光荣证办理',
    type: '行政确认',
    seq: 807,
    statutory: [30, 'w'],
    promised: [10, 'w'],
    materials: [
      marriageCert(SPOUSES),
      household(),
      paper('子女出生医学证明'),
      paper('独生子女父母光荣证申请表'),
    ],
    outputs: ['onlyChildParentsCertificate'],
  },
  familyPlanningSupport: {
    ...health,
    applicant: 'person',
    name: '计划生育家庭特别扶助金发放',
    type: '行政给付',
    seq: 808,
    statutory: [30, 'w'],
    promised: [20, 'w'],
    materials: [
      cert('独生子女父母光荣证', 'onlyChildParentsCertificate', [
        'certificateNumber',
        'fatherName',
        'motherName',
        'childName',
      ]),
      idCard(),
      household(),
      ssCardPayment(),
      paper('子女死亡证明或伤残证明'),
    ],
  },

  // ── 不动产登记中心 ──────────────────────────────────────────────────────────────────────────────────
  propertyTransfer: {
    ...realEstate,
    applicant: 'person',
    name: '国有建设用地使用权及房屋所有权转移登记',
    type: '行政确认',
    seq: 801,
    statutory: [30, 'w'],
    promised: [5, 'w'],
    materials: [
      paper('不动产登记申请书'),
      idCard('居民身份证', ['idNumber', 'name', 'address']),
      household(['householdNumber', 'name', 'idNumber'], false),
      marriageCert(
        ['certificateNumber', 'husbandName', 'husbandIdNumber', 'wifeName', 'wifeIdNumber'],
        false,
      ),
      paper('出卖人不动产权证书'),
      prior('契税完税凭证', 'deedTax'),
      paper('房屋买卖合同'),
    ],
    outputs: ['realEstateCertificate'],
    followUps: ['waterTransfer', 'gasTransfer', 'householdMove', 'housingFundPurchase'],
  },
  propertyFirstRegistration: {
    ...realEstate,
    applicant: 'organisation',
    name: '国有建设用地使用权及房屋所有权首次登记',
    type: '行政确认',
    seq: 802,
    statutory: [30, 'w'],
    promised: [10, 'w'],
    materials: [
      paper('不动产登记申请书'),
      licence(['creditCode', 'name', 'legalRepresentative']),
      cert('建筑工程施工许可证', 'constructionPermit', [
        'permitNumber',
        'projectName',
        'location',
        'floorArea',
      ]),
      paper('建设工程竣工验收备案证明'),
      paper('国有建设用地使用权出让合同'),
    ],
    serviceObjects: ORG_OBJECTS,
  },
  mortgageRegistration: {
    ...realEstate,
    applicant: 'person',
    name: '不动产抵押权首次登记',
    type: '行政确认',
    seq: 803,
    statutory: [30, 'w'],
    promised: [3, 'w'],
    materials: [
      paper('不动产登记申请书'),
      idCard(),
      cert('不动产权证书', 'realEstateCertificate', [
        'certificateNumber',
        'rightHolder',
        'location',
        'unitNumber',
        'area',
      ]),
      marriageCert(['certificateNumber', 'husbandIdNumber', 'wifeIdNumber'], false),
      paper('主债权合同及抵押合同'),
    ],
  },
  realEstateRecordQuery: {
    ...realEstate,
    applicant: 'person',
    name: '不动产登记资料查询',
    type: '公共服务',
    seq: 804,
    statutory: null,
    promised: [1, 'w'],
    materials: [
      idCard(),
      cert('不动产权证书', 'realEstateCertificate', ['certificateNumber', 'location'], false),
      paper('不动产登记资料查询申请书'),
    ],
  },
  realEstateCertReissue: {
    ...realEstate,
    applicant: 'person',
    name: '不动产权证书补证',
    type: '行政确认',
    seq: 805,
    statutory: [30, 'w'],
    promised: [10, 'w'],
    materials: [
      idCard(),
      cert('不动产权证书', 'realEstateCertificate', [
        'certificateNumber',
        'rightHolder',
        'location',
        'unitNumber',
      ]),
      paper('遗失（灭失）声明'),
    ],
    outputs: ['realEstateCertificate'],
  },

  // ── 税务局 (垂管) ─────────────────────────────────────────────────────────────────────────────────
  taxNewcomer: {
    ...tax,
    applicant: 'organisation',
    name: '新办纳税人涉税事项办理（发票领用）',
    type: '其他行政权力',
    seq: 801,
    statutory: [1, 'w'],
    promised: [1, 'w'],
    materials: [
      licence(),
      cert('印章备案证明（发票专用章）', 'sealRecord', ['name', 'sealNames', 'sealCode']),
      idCard('法定代表人（办税人员）居民身份证'),
      paper('新办纳税人涉税事项综合申请表'),
    ],
    followUps: ['socialInsuranceUnitRegistration'],
    serviceObjects: ORG_OBJECTS,
  },
  taxCertificateIssue: {
    ...tax,
    applicant: 'organisation',
    name: '开具纳税证明',
    type: '公共服务',
    seq: 802,
    statutory: null,
    promised: [1, 'w'],
    materials: [licence(['creditCode', 'name']), paper('开具纳税证明申请表')],
    outputs: ['taxCertificate'],
    serviceObjects: ORG_OBJECTS,
  },
  deedTax: {
    ...tax,
    applicant: 'person',
    name: '契税申报',
    type: '行政征收',
    seq: 803,
    statutory: null,
    promised: [1, 'w'],
    materials: [
      idCard(),
      paper('房屋买卖合同'),
      marriageCert(['certificateNumber', 'husbandIdNumber', 'wifeIdNumber'], false),
      household(['householdNumber', 'name', 'idNumber', 'relationToHead'], false),
      paper('家庭住房情况书面查询结果', false),
    ],
    followUps: ['propertyTransfer'],
  },
  taxClearance: {
    ...tax,
    applicant: 'organisation',
    name: '清税申报',
    type: '其他行政权力',
    seq: 804,
    statutory: [20, 'w'],
    promised: [3, 'w'],
    materials: [
      licence(['creditCode', 'name']),
      cert('纳税证明', 'taxCertificate', ['certificateNumber', 'periodTo', 'amountPaid'], false),
      paper('清税申报表'),
    ],
    followUps: ['companyDeregistration'],
    serviceObjects: ORG_OBJECTS,
  },

  // ── 人力资源和社会保障局 ────────────────────────────────────────────────────────────────────────────
  socialInsuranceUnitRegistration: {
    ...hrss,
    applicant: 'organisation',
    name: '单位参保登记',
    type: '公共服务',
    seq: 801,
    statutory: [15, 'w'],
    promised: [1, 'w'],
    materials: [licence(), prior('新办纳税人涉税事项办理结果（缴费人识别号）', 'taxNewcomer'), legalRepId],
    outputs: ['socialInsuranceRegistration'],
    followUps: ['housingFundUnitOpen'],
    serviceObjects: ORG_OBJECTS,
  },
  socialSecurityCardApply: {
    ...hrss,
    applicant: 'person',
    name: '社会保障卡申领',
    type: '公共服务',
    seq: 802,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      idCard('居民身份证', ['idNumber', 'name', 'sex', 'ethnicity'], false),
      household(['name', 'idNumber', 'sex', 'birthDate'], false),
      cert(
        '城乡居民医保参保证明',
        'residentMedicalInsurance',
        ['name', 'idNumber', 'insuranceType', 'insuranceStatus'],
        false,
      ),
      paper('近期免冠照片'),
    ],
    outputs: ['socialSecurityCard'],
  },
  socialSecurityCardReplace: {
    ...hrss,
    applicant: 'person',
    name: '社会保障卡补换',
    type: '公共服务',
    seq: 803,
    statutory: null,
    promised: [1, 'w'],
    materials: [
      idCard(),
      cert('社会保障卡', 'socialSecurityCard', ['idNumber', 'cardNumber', 'validTo', 'cardStatus']),
    ],
    outputs: ['socialSecurityCard'],
  },
  employmentCertificateApply: {
    ...hrss,
    applicant: 'person',
    name: '就业创业证申领',
    type: '公共服务',
    seq: 804,
    statutory: [5, 'w'],
    promised: [1, 'w'],
    materials: [
      idCard(),
      household(['householdNumber', 'name', 'idNumber', 'address'], false),
      cert(
        '毕业证书',
        'graduationCertificate',
        ['certificateNumber', 'school', 'educationLevel', 'graduatedOn'],
        false,
      ),
    ],
    outputs: ['employmentCertificate'],
  },
  unemploymentBenefit: {
    ...hrss,
    applicant: 'person',
    name: '失业保险金申领',
    type: '行政给付',
    seq: 805,
    statutory: [10, 'w'],
    promised: [5, 'w'],
    materials: [
      idCard(),
      ssCardPayment(),
      cert('就业创业证', 'employmentCertificate', ['certificateNumber', 'employmentStatus']),
      paper('解除或终止劳动关系证明'),
    ],
  },
  retirementApproval: {
    ...hrss,
    applicant: 'person',
    name: '企业职工基本养老保险待遇申领（退休）',
    type: '公共服务',
    seq: 806,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      idCard('居民身份证', ['idNumber', 'name', 'sex', 'birthDate']),
      household(['name', 'idNumber', 'birthDate'], false),
      cert('社会保障卡', 'socialSecurityCard', ['idNumber', 'cardNumber', 'bank', 'bankAccount']),
      paper('个人档案'),
      paper('企业职工基本养老保险待遇申报表'),
    ],
    followUps: ['retireeMedicalBenefit', 'housingFundRetirement'],
  },

  // ── 医疗保障局 ────────────────────────────────────────────────────────────────────────────────────
  residentMedicalEnrol: {
    ...medical,
    name: '城乡居民基本医疗保险参保登记',
    type: '公共服务',
    seq: 801,
    statutory: null,
    promised: [1, 'w'],
    materials: [
      household(['householdNumber', 'name', 'idNumber', 'relationToHead', 'address']),
      idCard('居民身份证', ['idNumber', 'name'], false),
    ],
    outputs: ['residentMedicalInsurance'],
    followUps: ['socialSecurityCardApply'],
  },
  retireeMedicalBenefit: {
    ...medical,
    name: '职工医保退休人员待遇核定',
    type: '公共服务',
    seq: 802,
    statutory: [20, 'w'],
    promised: [5, 'w'],
    materials: [
      idCard(),
      cert('社会保障卡', 'socialSecurityCard', ['idNumber', 'cardNumber']),
      prior('基本养老保险待遇核定结果（退休审批）', 'retirementApproval'),
    ],
    followUps: ['housingFundRetirement'],
  },
  crossRegionMedical: {
    ...medical,
    name: '异地就医备案',
    type: '公共服务',
    seq: 803,
    statutory: null,
    promised: [1, 'w'],
    materials: [
      idCard(),
      cert('社会保障卡', 'socialSecurityCard', ['idNumber', 'cardNumber']),
      cert(
        '城乡居民医保参保证明',
        'residentMedicalInsurance',
        ['insuranceType', 'insuranceStatus', 'coverageYear'],
        false,
      ),
      paper('异地就医备案表'),
    ],
  },
  chronicDiseaseRecognition: {
    ...medical,
    name: '门诊慢特病待遇认定',
    type: '公共服务',
    seq: 804,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      idCard(),
      cert('社会保障卡', 'socialSecurityCard', ['idNumber', 'cardNumber']),
      paper('病历资料及诊断证明'),
    ],
  },

  // ── 住房公积金管理中心 ──────────────────────────────────────────────────────────────────────────────
  housingFundUnitOpen: {
    ...fund,
    applicant: 'organisation',
    name: '住房公积金单位缴存登记',
    type: '公共服务',
    seq: 821,
    statutory: null,
    promised: [1, 'w'],
    materials: [
      licence(),
      cert('社会保险登记证', 'socialInsuranceRegistration', ['registrationNumber', 'name', 'creditCode']),
      paper('住房公积金单位缴存登记表'),
    ],
    serviceObjects: ORG_OBJECTS,
  },
  housingFundCertificateIssue: {
    ...fund,
    applicant: 'person',
    name: '住房公积金缴存证明开具',
    type: '公共服务',
    seq: 822,
    statutory: null,
    promised: [1, 'w'],
    materials: [idCard()],
    outputs: ['housingFundCertificate'],
  },
  housingFundRetirement: {
    ...fund,
    applicant: 'person',
    name: '住房公积金退休提取',
    type: '公共服务',
    seq: 823,
    statutory: [3, 'w'],
    promised: [1, 'w'],
    materials: [
      idCard(),
      ssCardPayment(),
      cert('住房公积金缴存证明', 'housingFundCertificate', ['accountNumber', 'accountStatus'], false),
      prior('基本养老保险待遇核定结果（退休审批）', 'retirementApproval'),
    ],
  },
  housingFundPurchase: {
    ...fund,
    applicant: 'person',
    name: '住房公积金购房提取',
    type: '公共服务',
    seq: 824,
    statutory: [3, 'w'],
    promised: [1, 'w'],
    materials: [
      idCard(),
      cert('不动产权证书', 'realEstateCertificate', [
        'certificateNumber',
        'rightHolder',
        'location',
        'registeredOn',
      ]),
      marriageCert(['certificateNumber', 'husbandIdNumber', 'wifeIdNumber'], false),
      cert('住房公积金缴存证明', 'housingFundCertificate', ['accountNumber', 'depositBase', 'accountStatus']),
    ],
  },
  housingFundLoan: {
    ...fund,
    applicant: 'person',
    name: '住房公积金个人住房贷款',
    type: '公共服务',
    seq: 825,
    statutory: [15, 'w'],
    promised: [10, 'w'],
    materials: [
      idCard(),
      household(['householdNumber', 'name', 'idNumber', 'maritalStatus'], false),
      marriageCert(['certificateNumber', 'husbandIdNumber', 'wifeIdNumber'], false),
      cert('离婚证', 'divorceCertificate', ['certificateNumber', 'registeredOn'], false),
      cert('住房公积金缴存证明', 'housingFundCertificate', [
        'accountNumber',
        'depositBase',
        'monthlyDeposit',
        'accountStatus',
      ]),
      paper('购房合同'),
    ],
  },

  // ── 教育局 ────────────────────────────────────────────────────────────────────────────────────────
  teacherQualificationRecognition: {
    dept: 'education',
    sector: '02',
    applicant: 'person',
    name: '教师资格认定',
    type: '行政许可',
    seq: 801,
    statutory: [30, 'w'],
    promised: [20, 'w'],
    materials: [
      idCard('居民身份证', ['idNumber', 'name', 'sex', 'birthDate']),
      cert('学位证书', 'degreeCertificate', ['certificateNumber', 'degree', 'university'], false),
      cert('毕业证书', 'graduationCertificate', ['certificateNumber', 'school', 'educationLevel', 'major']),
      paper('普通话水平测试等级证书'),
      paper('教师资格认定体检表'),
    ],
    outputs: ['teacherQualification'],
  },
  schoolEnrolment: {
    dept: 'education',
    sector: '02',
    applicant: 'person',
    name: '义务教育阶段新生入学登记',
    type: '公共服务',
    seq: 802,
    statutory: null,
    promised: [5, 'w'],
    materials: [
      household(['householdNumber', 'headName', 'name', 'idNumber', 'address']),
      cert('适龄儿童出生医学证明', 'birthCertificate', ['certificateNumber', 'name', 'birthTime'], false),
      paper('父母不动产权证书或租赁登记凭证'),
      paper('父母居民身份证'),
    ],
  },

  // ── 住房和城乡建设局 ────────────────────────────────────────────────────────────────────────────────
  constructionPermitIssue: {
    dept: 'construction',
    sector: '14',
    applicant: 'organisation',
    name: '建筑工程施工许可证核发',
    type: '行政许可',
    seq: 801,
    statutory: [7, 'w'],
    promised: [3, 'w'],
    materials: [
      paper('建筑工程施工许可申请表'),
      licence(['creditCode', 'name', 'legalRepresentative']),
      paper('建设工程规划许可证'),
      paper('施工合同'),
      paper('建设资金已经落实承诺书'),
    ],
    outputs: ['constructionPermit'],
    followUps: ['presalePermit'],
    serviceObjects: ORG_OBJECTS,
  },
  presalePermit: {
    dept: 'construction',
    sector: '14',
    applicant: 'organisation',
    name: '商品房预售许可',
    type: '行政许可',
    seq: 802,
    statutory: [10, 'w'],
    promised: [5, 'w'],
    materials: [
      licence(['creditCode', 'name', 'legalRepresentative']),
      cert('建筑工程施工许可证', 'constructionPermit', [
        'permitNumber',
        'projectName',
        'location',
        'floorArea',
      ]),
      paper('商品房预售方案'),
    ],
    serviceObjects: ['企业法人'],
  },

  // ── 生态环境局 ────────────────────────────────────────────────────────────────────────────────────
  pollutantPermitIssue: {
    dept: 'environment',
    sector: '13',
    applicant: 'organisation',
    name: '排污许可证核发',
    type: '行政许可',
    seq: 801,
    statutory: [30, 'w'],
    promised: [20, 'w'],
    materials: [paper('排污许可证申请表'), licence(), paper('环境影响评价审批文件'), paper('自行监测方案')],
    outputs: ['pollutantDischargePermit'],
    serviceObjects: ORG_OBJECTS,
  },
  pollutantPermitRenewal: {
    dept: 'environment',
    sector: '13',
    applicant: 'organisation',
    name: '排污许可证延续',
    type: '行政许可',
    seq: 802,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      cert('排污许可证', 'pollutantDischargePermit', ['permitNumber', 'name', 'managementClass', 'validTo']),
      licence(['creditCode', 'name']),
      paper('排污许可证延续申请表'),
    ],
    outputs: ['pollutantDischargePermit'],
    serviceObjects: ORG_OBJECTS,
  },

  // ── 交通运输局 ────────────────────────────────────────────────────────────────────────────────────
  roadFreightLicence: {
    dept: 'transport',
    sector: '15',
    applicant: 'organisation',
    name: '道路货物运输经营许可',
    type: '行政许可',
    seq: 801,
    statutory: [20, 'w'],
    promised: [5, 'w'],
    materials: [
      paper('道路货物运输经营申请表'),
      licence(),
      legalRepId,
      paper('拟聘用驾驶人员的机动车驾驶证及从业资格证'),
      paper('车辆行驶证'),
    ],
    outputs: ['roadTransportLicence'],
    serviceObjects: ORG_OBJECTS,
  },
  ridehailDriverPermit: {
    dept: 'transport',
    sector: '15',
    applicant: 'person',
    name: '网络预约出租汽车驾驶员证核发',
    type: '行政许可',
    seq: 802,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      idCard(),
      cert('机动车驾驶证', 'driverLicence', ['licenceNumber', 'vehicleClass', 'firstIssuedOn', 'validTo']),
      prior('无犯罪记录证明', 'noCriminalRecord'),
      paper('网约车驾驶员申请表'),
    ],
  },

  // ── 退役军人事务局 ──────────────────────────────────────────────────────────────────────────────────
  veteranCheckIn: {
    dept: 'veterans',
    sector: '91',
    applicant: 'person',
    name: '退役军人报到',
    type: '公共服务',
    seq: 801,
    statutory: null,
    promised: [1, 'w'],
    materials: [
      idCard(),
      household(['householdNumber', 'name', 'idNumber', 'address']),
      paper('退出现役证件'),
    ],
    followUps: ['veteranCardApply'],
  },
  veteranCardApply: {
    dept: 'veterans',
    sector: '91',
    applicant: 'person',
    name: '退役军人优待证申领',
    type: '公共服务',
    seq: 802,
    statutory: [20, 'w'],
    promised: [15, 'w'],
    materials: [
      idCard('居民身份证', ['idNumber', 'name', 'sex']),
      household(['householdNumber', 'name', 'idNumber'], false),
      prior('退役军人报到登记信息', 'veteranCheckIn'),
      paper('近期免冠照片'),
    ],
    outputs: ['veteranPreferentialCard'],
  },

  // ── 残疾人联合会 ────────────────────────────────────────────────────────────────────────────────────
  disabilityCertificateIssue: {
    dept: 'disabledFederation',
    sector: '69',
    applicant: 'person',
    name: '残疾人证核发',
    type: '行政确认',
    seq: 801,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      idCard('居民身份证', ['idNumber', 'name', 'sex']),
      household(),
      paper('残疾评定表'),
      paper('近期免冠照片'),
    ],
    outputs: ['disabilityCertificate'],
    followUps: ['disabilitySubsidy'],
  },
  disabilityCertificateRenewal: {
    dept: 'disabledFederation',
    sector: '69',
    applicant: 'person',
    name: '残疾人证换领',
    type: '行政确认',
    seq: 802,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      cert('残疾人证', 'disabilityCertificate', [
        'certificateNumber',
        'name',
        'disabilityCategory',
        'disabilityLevel',
        'validTo',
      ]),
      idCard(),
      paper('近期免冠照片'),
    ],
    outputs: ['disabilityCertificate'],
  },

  // ── 烟草专卖局 (垂管) ───────────────────────────────────────────────────────────────────────────────
  tobaccoNew: {
    dept: 'tobacco',
    sector: '99',
    applicant: 'organisation',
    name: '烟草专卖零售许可证新办',
    type: '行政许可',
    seq: 801,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      paper('烟草专卖零售许可证申请表'),
      licence(),
      idCard('经营者（负责人）居民身份证'),
      premisesDeed(),
      cert('食品经营许可证', 'foodLicence', ['licenceNumber', 'premises', 'mainFormat'], false),
    ],
    outputs: ['tobaccoRetailLicence'],
    serviceObjects: ORG_OBJECTS,
  },
  tobaccoRenewal: {
    dept: 'tobacco',
    sector: '99',
    applicant: 'organisation',
    name: '烟草专卖零售许可证延续',
    type: '行政许可',
    seq: 802,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      cert('烟草专卖零售许可证', 'tobaccoRetailLicence', ['licenceNumber', 'name', 'premises', 'validTo']),
      licence(['creditCode', 'name']),
    ],
    outputs: ['tobaccoRetailLicence'],
    serviceObjects: ORG_OBJECTS,
  },

  // ── 水务局, 城市管理和综合执法局 ────────────────────────────────────────────────────────────────────
  waterTransfer: {
    dept: 'water',
    sector: '16',
    applicant: 'person',
    name: '供水过户',
    type: '公共服务',
    seq: 801,
    statutory: null,
    promised: [3, 'w'],
    materials: [
      cert('不动产权证书', 'realEstateCertificate', ['certificateNumber', 'rightHolder', 'location']),
      idCard(),
      paper('原用户水费结清凭证'),
    ],
    followUps: ['gasTransfer'],
  },
  drainagePermit: {
    dept: 'water',
    sector: '16',
    applicant: 'organisation',
    name: '城镇污水排入排水管网许可',
    type: '行政许可',
    seq: 802,
    statutory: [20, 'w'],
    promised: [10, 'w'],
    materials: [
      paper('排水许可申请表'),
      licence(),
      paper('排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸'),
    ],
    serviceObjects: ORG_OBJECTS,
  },
  gasTransfer: {
    dept: 'urbanManagement',
    sector: '14',
    applicant: 'person',
    name: '管道燃气过户',
    type: '公共服务',
    seq: 841,
    statutory: null,
    promised: [3, 'w'],
    materials: [
      cert('不动产权证书', 'realEstateCertificate', ['certificateNumber', 'rightHolder', 'location']),
      idCard(),
      prior('供水过户办理结果（水气联办）', 'waterTransfer', false),
    ],
  },
} satisfies Record<string, ItemSpec>;

/** The same item implemented by another department (a district branch): same 基本编码, own 实施编码. */
const at = (key: keyof typeof itemSpecs, dept: DeptKey, extra: Partial<ItemSpec> = {}): ItemSpec => ({
  ...(itemSpecs[key] as ItemSpec),
  dept,
  ...extra,
});

/** District implementations. Chains and case volumes refer to them by these keys too. */
export const districtItemSpecs = {
  companySetupCentral: at('companySetup', 'centralMarket'),
  soleTraderSetupYunhu: at('soleTraderSetup', 'yunhuMarket'),
  marriageRegistrationCentral: at('marriageRegistration', 'centralCivil'),
  marriageRegistrationYunhu: at('marriageRegistration', 'yunhuCivil'),
  taxNewcomerCentral: at('taxNewcomer', 'centralTax'),
} satisfies Record<string, ItemSpec>;

export const allItemSpecs: Readonly<Record<string, ItemSpec>> = { ...itemSpecs, ...districtItemSpecs };

export type ItemKey = keyof typeof itemSpecs | keyof typeof districtItemSpecs;

export const itemKeys = Object.keys(allItemSpecs) as ItemKey[];

export function itemSpec(key: ItemKey): ItemSpec {
  const spec = allItemSpecs[key];
  if (!spec) throw new RangeError(`unknown item ${key}`);
  return spec;
}

const pad3 = (n: number): string => String(n).padStart(3, '0');

export function baseCodeOf(spec: ItemSpec): string {
  return `44${ITEM_TYPE_CODES[spec.type]}${spec.sector}${pad3(spec.seq)}000`;
}

export function itemCode(key: ItemKey): string {
  const spec = itemSpec(key);
  return `${deptCode(spec.dept)}2${baseCodeOf(spec)}`;
}

const limit = (l: Limit): TimeLimit | null =>
  l === null ? null : { days: l[0], unit: l[1] === 'w' ? 'working' : 'natural' };

function material(m: MaterialSpec): Material {
  switch (m.kind) {
    case 'certificate':
      return {
        name: m.name,
        required: m.required,
        source: { kind: 'certificate', typeCode: typeCode(m.type), fields: m.fields },
      };
    case 'applicant':
      return { name: m.name, required: m.required, source: { kind: 'applicant' } };
    case 'prior-case':
      return {
        name: m.name,
        required: m.required,
        source: { kind: 'prior-case', itemCode: itemCode(m.item as ItemKey) },
      };
  }
}

export function buildItem(key: ItemKey): ServiceItem {
  const spec = itemSpec(key);
  return {
    itemCode: itemCode(key),
    baseCode: baseCodeOf(spec),
    name: spec.name,
    deptCode: deptCode(spec.dept),
    type: spec.type,
    statutoryDays: limit(spec.statutory),
    promisedDays: limit(spec.promised),
    materials: spec.materials.map(material),
    outputs: (spec.outputs ?? []).map(typeCode),
    followUps: (spec.followUps ?? []).map((k) => itemCode(k as ItemKey)),
    serviceObjects: spec.serviceObjects ?? (spec.applicant === 'person' ? ['自然人'] : ORG_OBJECTS),
  };
}

export function buildItems(): ServiceItem[] {
  return itemKeys.map(buildItem);
}
