import type {
  CertificateFieldsSchema,
  CertificateType,
  FieldSchema,
  HolderKind,
  SensitivityGrade,
  SharingClass,
  ValidityRule,
} from '@tongban/domain';
import { deptCode, type DeptKey } from './departments.js';

/**
 * The 30 certificate types of the demo catalog.
 *
 * Type codes are the defining (national) authority's credit code + 3 digits. The real national codes
 * are used where we know them: 公安部 11100000000013127D (居民身份证 …001), 国家市场监督管理总局
 * 11100000MB0143028R (营业执照 …001) and 住房和城乡建设部 11100000000013338W. The other ministries' codes
 * are the invented ones of packages/interchange/data/national-certificate-types.yaml (…TB0000xxx), so
 * that a type both catalogs know has one code and one set of field names, and, for ministries that file
 * does not have, invented in the same style in a separate range (…TB0001xx). Suffixes we added under a
 * code that file also uses start at 101, away from its own 001, 002, ….
 */
export const definingAuthorities = {
  publicSecurity: '11100000000013127D', // 公安部 (real)
  marketRegulation: '11100000MB0143028R', // 国家市场监督管理总局 (real)
  housing: '11100000000013338W', // 住房和城乡建设部 (as in shared/vectors)
  civilAffairs: '11100000TB000001XB', // 民政部 (invented, as in the interchange file)
  healthCommission: '11100000TB00000366', // 国家卫生健康委员会 (invented, idem)
  humanResources: '11100000TB0000028B', // 人力资源和社会保障部 (invented, idem)
  drugAdministration: '11100000TB00000959', // 国家药品监督管理局 (invented, idem)
  education: '11100000TB00000441', // 教育部 (invented, idem)
  disabledFederation: '13100000TB0000079D', // 中国残疾人联合会 (invented, idem)
  naturalResources: '11100000TB0000124L', // 自然资源部 (invented, idem)
  healthcareSecurity: '11100000TB0001012Y', // 国家医疗保障局 (invented)
  taxation: '11100000TB0001020R', // 国家税务总局 (invented)
  ecologyEnvironment: '11100000TB0001039N', // 生态环境部 (invented)
  transport: '11100000TB0001047H', // 交通运输部 (invented)
  veteransAffairs: '11100000TB0001055C', // 退役军人事务部 (invented)
  tobaccoMonopoly: '11100000TB00010637', // 国家烟草专卖局 (invented)
} as const;

type Authority = keyof typeof definingAuthorities;

const ID_NUMBER = '^[0-9]{17}[0-9X]$';
const CREDIT_CODE = '^[0-9A-HJ-NPQRTUWXY]{18}$';
const DATE_OR_LONG_TERM = '^([0-9]{4}-[0-9]{2}-[0-9]{2}|长期)$';
const SEXES = ['男', '女'] as const;

const str = (title: string, extra: Omit<Partial<FieldSchema>, 'type' | 'title'> = {}): FieldSchema => ({
  type: 'string',
  title,
  ...extra,
});
const date = (title: string): FieldSchema => str(title, { format: 'date' });
const idNumber = (title = '公民身份号码'): FieldSchema => str(title, { pattern: ID_NUMBER });
const creditCode = (title = '统一社会信用代码'): FieldSchema => str(title, { pattern: CREDIT_CODE });
const oneOf = (title: string, values: readonly string[]): FieldSchema => str(title, { enum: values });
const num = (title: string): FieldSchema => ({ type: 'number', title, minimum: 0 });
const int = (title: string, minimum = 0): FieldSchema => ({ type: 'integer', title, minimum });

function schema(
  properties: Record<string, FieldSchema>,
  required: readonly string[],
): CertificateFieldsSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  };
}

interface TypeSpec {
  readonly authority: Authority;
  readonly suffix: string;
  readonly name: string;
  readonly issuers: readonly DeptKey[];
  readonly holderKind: HolderKind;
  readonly fields: CertificateFieldsSchema;
  readonly sharing: SharingClass;
  readonly legalBasis?: string;
  readonly grade: SensitivityGrade;
  readonly validity: ValidityRule;
}

const PERMANENT: ValidityRule = { kind: 'permanent' };
const STATED: ValidityRule = { kind: 'stated' };
const term = (years: number): ValidityRule => ({ kind: 'term', years });

export const certificateTypeSpecs = {
  idCard: {
    authority: 'publicSecurity',
    suffix: '001',
    name: '居民身份证',
    issuers: ['police'],
    holderKind: 'person',
    fields: schema(
      {
        name: str('姓名', { maxLength: 100 }),
        sex: oneOf('性别', SEXES),
        ethnicity: str('民族'),
        birthDate: date('出生日期'),
        address: str('住址'),
        idNumber: idNumber(),
        issuingAuthority: str('签发机关'),
        validFrom: date('有效期限起始日期'),
        validTo: str('有效期限截止日期', { description: '日期或“长期”', pattern: DATE_OR_LONG_TERM }),
      },
      ['name', 'idNumber', 'validTo'],
    ),
    sharing: 'unconditional',
    grade: 3,
    validity: STATED,
  },
  householdRegister: {
    authority: 'publicSecurity',
    suffix: '002',
    name: '居民户口簿',
    issuers: ['police'],
    holderKind: 'person',
    fields: schema(
      {
        householdNumber: str('户号', { pattern: '^[0-9]{9}$' }),
        householdType: oneOf('户别', ['家庭户', '集体户']),
        headName: str('户主姓名'),
        address: str('住址'),
        name: str('姓名'),
        relationToHead: str('与户主关系'),
        sex: oneOf('性别', SEXES),
        ethnicity: str('民族'),
        idNumber: idNumber(),
        birthDate: date('出生日期'),
        maritalStatus: oneOf('婚姻状况', ['未婚', '已婚', '离婚', '丧偶']),
        registeredOn: date('登记日期'),
        issuingAuthority: str('户口登记机关'),
      },
      ['householdNumber', 'headName', 'address', 'name', 'relationToHead', 'idNumber'],
    ),
    sharing: 'unconditional',
    grade: 3,
    validity: PERMANENT,
  },
  driverLicence: {
    authority: 'publicSecurity',
    suffix: '101',
    name: '机动车驾驶证',
    issuers: ['police'],
    holderKind: 'person',
    fields: schema(
      {
        licenceNumber: str('证号', { pattern: ID_NUMBER }),
        name: str('姓名'),
        sex: oneOf('性别', SEXES),
        nationality: str('国籍'),
        address: str('住址'),
        birthDate: date('出生日期'),
        firstIssuedOn: date('初次领证日期'),
        vehicleClass: oneOf('准驾车型', ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'D']),
        validFrom: date('有效期起始日期'),
        validTo: str('有效期限', { pattern: DATE_OR_LONG_TERM }),
        fileNumber: str('档案编号', { pattern: '^[0-9]{12}$' }),
        issuingAuthority: str('发证机关'),
      },
      ['licenceNumber', 'name', 'vehicleClass', 'validFrom', 'validTo'],
    ),
    sharing: 'unconditional',
    grade: 2,
    validity: STATED,
  },
  sealRecord: {
    authority: 'publicSecurity',
    suffix: '102',
    name: '印章备案证明',
    issuers: ['police'],
    holderKind: 'organisation',
    fields: schema(
      {
        name: str('单位名称'),
        creditCode: creditCode(),
        sealNames: { type: 'array', title: '备案印章', items: str('印章名称') },
        sealCode: str('公章编码', { pattern: '^[0-9]{13}$' }),
        sealMaker: str('刻制单位'),
        recordedOn: date('备案日期'),
        issuingAuthority: str('备案机关'),
      },
      ['name', 'creditCode', 'sealNames', 'sealCode', 'recordedOn'],
    ),
    sharing: 'unconditional',
    grade: 1,
    validity: PERMANENT,
  },
  businessLicence: {
    authority: 'marketRegulation',
    suffix: '001',
    name: '营业执照',
    issuers: ['market', 'centralMarket', 'yunhuMarket'],
    holderKind: 'organisation',
    fields: schema(
      {
        creditCode: creditCode(),
        name: str('名称'),
        entityType: str('类型'),
        legalRepresentative: str('法定代表人'),
        businessScope: str('经营范围'),
        registeredCapital: str('注册资本'),
        establishedOn: date('成立日期'),
        termFrom: date('营业期限自'),
        termTo: str('营业期限至', { description: '日期或“长期”', pattern: DATE_OR_LONG_TERM }),
        address: str('住所'),
        registrationAuthority: str('登记机关'),
      },
      ['creditCode', 'name', 'entityType', 'legalRepresentative', 'establishedOn', 'address'],
    ),
    sharing: 'unconditional',
    grade: 1,
    validity: STATED,
  },
  foodLicence: {
    authority: 'marketRegulation',
    suffix: '101',
    name: '食品经营许可证',
    issuers: ['market', 'centralMarket', 'yunhuMarket'],
    holderKind: 'organisation',
    fields: schema(
      {
        licenceNumber: str('许可证编号', { pattern: '^JY[0-9]{14}$' }),
        operatorName: str('经营者名称'),
        creditCode: creditCode('社会信用代码'),
        legalRepresentative: str('法定代表人（负责人）'),
        address: str('住所'),
        premises: str('经营场所'),
        mainFormat: oneOf('主体业态', ['食品销售经营者', '餐饮服务经营者', '单位食堂']),
        businessItems: str('经营项目'),
        issuingAuthority: str('发证机关'),
        issuedOn: date('发证日期'),
        validTo: date('有效期至'),
      },
      ['licenceNumber', 'operatorName', 'creditCode', 'premises', 'mainFormat', 'validTo'],
    ),
    sharing: 'unconditional',
    grade: 1,
    validity: term(5),
  },
  drugLicence: {
    authority: 'drugAdministration',
    suffix: '101',
    name: '药品经营许可证',
    issuers: ['market'],
    holderKind: 'organisation',
    fields: schema(
      {
        licenceNumber: str('证号'),
        name: str('企业名称'),
        creditCode: creditCode(),
        legalRepresentative: str('法定代表人'),
        personInCharge: str('企业负责人'),
        qualityManager: str('质量负责人'),
        registeredAddress: str('注册地址'),
        businessMode: oneOf('经营方式', ['批发', '零售', '零售（连锁）']),
        businessScope: str('经营范围'),
        issuingAuthority: str('发证机关'),
        issuedOn: date('发证日期'),
        validTo: date('有效期至'),
      },
      ['licenceNumber', 'name', 'creditCode', 'businessMode', 'businessScope', 'validTo'],
    ),
    sharing: 'unconditional',
    grade: 1,
    validity: term(5),
  },
  marriageCertificate: {
    authority: 'civilAffairs',
    suffix: '001',
    name: '结婚证',
    issuers: ['civil', 'centralCivil', 'yunhuCivil'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('结婚证字号', { pattern: '^J[0-9]{6}-[0-9]{4}-[0-9]{6}$' }),
        holderName: str('持证人'),
        registeredOn: date('登记日期'),
        husbandName: str('男方姓名'),
        husbandIdNumber: idNumber('男方身份证件号'),
        wifeName: str('女方姓名'),
        wifeIdNumber: idNumber('女方身份证件号'),
        registrationAuthority: str('登记机关'),
      },
      ['certificateNumber', 'registeredOn', 'husbandName', 'husbandIdNumber', 'wifeName', 'wifeIdNumber'],
    ),
    sharing: 'conditional',
    legalBasis:
      '《婚姻登记条例》《婚姻登记档案管理办法》：婚姻登记档案限当事人及依法履行职责的机关查阅；《中华人民共和国个人信息保护法》（国家机关处理个人信息）',
    grade: 3,
    validity: PERMANENT,
  },
  divorceCertificate: {
    authority: 'civilAffairs',
    suffix: '002',
    name: '离婚证',
    issuers: ['civil', 'centralCivil', 'yunhuCivil'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('离婚证字号', { pattern: '^L[0-9]{6}-[0-9]{4}-[0-9]{6}$' }),
        holderName: str('持证人'),
        registeredOn: date('登记日期'),
        husbandName: str('男方姓名'),
        husbandIdNumber: idNumber('男方身份证件号'),
        wifeName: str('女方姓名'),
        wifeIdNumber: idNumber('女方身份证件号'),
        registrationAuthority: str('登记机关'),
      },
      ['certificateNumber', 'registeredOn', 'husbandName', 'husbandIdNumber', 'wifeName', 'wifeIdNumber'],
    ),
    // The one type the demo city does not share at all: a divorce is shown by the person, never fetched.
    sharing: 'none',
    legalBasis:
      '《婚姻登记档案管理办法》：离婚登记档案仅限当事人本人及人民法院等机关依法查阅；示范市婚姻登记机关不将离婚登记信息纳入部门间共享（《中华人民共和国个人信息保护法》最小必要原则）',
    grade: 4,
    validity: PERMANENT,
  },
  birthCertificate: {
    authority: 'healthCommission',
    suffix: '101',
    name: '出生医学证明',
    issuers: ['health'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('出生医学证明编号', { pattern: '^[A-Z][0-9]{9}$' }),
        name: str('新生儿姓名'),
        sex: oneOf('性别', SEXES),
        birthTime: str('出生时间', { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$' }),
        birthPlace: str('出生地点'),
        gestationalWeeks: int('出生孕周', 24),
        birthWeight: int('出生体重（克）', 500),
        birthLength: int('出生身长（厘米）', 30),
        motherName: str('母亲姓名'),
        motherIdNumber: idNumber('母亲有效身份证件号码'),
        fatherName: str('父亲姓名'),
        fatherIdNumber: idNumber('父亲有效身份证件号码'),
        facility: str('接生机构名称'),
        issuedOn: date('签发日期'),
      },
      ['certificateNumber', 'name', 'sex', 'birthTime', 'birthPlace', 'motherName', 'facility', 'issuedOn'],
    ),
    sharing: 'unconditional',
    grade: 3,
    validity: PERMANENT,
  },
  physicianLicence: {
    authority: 'healthCommission',
    suffix: '002',
    name: '医师执业证书',
    issuers: ['health'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('证书编码', { pattern: '^[0-9]{15}$' }),
        name: str('姓名'),
        sex: oneOf('性别', SEXES),
        idNumber: idNumber('身份证件号码'),
        practiceLevel: oneOf('执业级别', ['执业医师', '执业助理医师']),
        practiceCategory: oneOf('执业类别', ['临床', '中医', '口腔', '公共卫生']),
        practiceScope: str('执业范围'),
        practiceSite: str('主要执业机构'),
        issuedOn: date('发证日期'),
      },
      ['certificateNumber', 'name', 'idNumber', 'practiceCategory', 'practiceScope', 'practiceSite'],
    ),
    sharing: 'unconditional',
    grade: 2,
    validity: PERMANENT,
  },
  medicalInstitutionLicence: {
    authority: 'healthCommission',
    suffix: '102',
    name: '医疗机构执业许可证',
    issuers: ['health'],
    holderKind: 'organisation',
    fields: schema(
      {
        registrationNumber: str('登记号'),
        name: str('机构名称'),
        creditCode: creditCode(),
        address: str('地址'),
        legalRepresentative: str('法定代表人'),
        principal: str('主要负责人'),
        ownership: oneOf('所有制形式', ['私有制', '股份制', '其他']),
        category: oneOf('类别', ['诊所', '门诊部', '医院']),
        departments: str('诊疗科目'),
        issuingAuthority: str('发证机关'),
        issuedOn: date('发证日期'),
        validTo: date('有效期限至'),
      },
      ['registrationNumber', 'name', 'address', 'principal', 'category', 'departments', 'validTo'],
    ),
    sharing: 'unconditional',
    grade: 1,
    validity: term(5),
  },
  hygieneLicence: {
    authority: 'healthCommission',
    suffix: '103',
    name: '公共场所卫生许可证',
    issuers: ['health'],
    holderKind: 'organisation',
    fields: schema(
      {
        licenceNumber: str('卫生许可证号'),
        name: str('单位名称'),
        creditCode: creditCode(),
        legalRepresentative: str('法定代表人（负责人）'),
        address: str('地址'),
        permittedItems: str('许可项目'),
        issuingAuthority: str('发证机关'),
        issuedOn: date('发证日期'),
        validTo: date('有效期至'),
      },
      ['licenceNumber', 'name', 'address', 'permittedItems', 'validTo'],
    ),
    sharing: 'unconditional',
    grade: 1,
    validity: term(4),
  },
  onlyChildParentsCertificate: {
    authority: 'healthCommission',
    suffix: '104',
    name: '独生子女父母光荣证',
    issuers: ['health'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('证号'),
        holderName: str('持证人'),
        fatherName: str('父亲姓名'),
        fatherIdNumber: idNumber('父亲公民身份号码'),
        motherName: str('母亲姓名'),
        motherIdNumber: idNumber('母亲公民身份号码'),
        childName: str('子女姓名'),
        childSex: oneOf('子女性别', SEXES),
        childBirthDate: date('子女出生日期'),
        issuingAuthority: str('发证机关'),
        issuedOn: date('发证日期'),
      },
      ['certificateNumber', 'holderName', 'fatherName', 'motherName', 'childName', 'childBirthDate'],
    ),
    sharing: 'unconditional',
    grade: 2,
    validity: PERMANENT,
  },
  realEstateCertificate: {
    authority: 'naturalResources',
    suffix: '101',
    name: '不动产权证书',
    issuers: ['realEstateCentre'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('不动产权证书号'),
        rightHolder: str('权利人'),
        coOwnership: oneOf('共有情况', ['单独所有', '共同共有', '按份共有']),
        location: str('坐落'),
        unitNumber: str('不动产单元号', { pattern: '^[0-9]{12}[A-Z]{2}[0-9]{5}[A-Z][0-9]{8}$' }),
        rightType: str('权利类型'),
        rightNature: str('权利性质'),
        use: str('用途'),
        area: num('面积（平方米）'),
        landUseTerm: str('使用期限'),
        registeredOn: date('登记日期'),
        issuingAuthority: str('登记机构'),
      },
      ['certificateNumber', 'rightHolder', 'location', 'unitNumber', 'rightType', 'use', 'area'],
    ),
    sharing: 'conditional',
    legalBasis:
      '《不动产登记暂行条例》《不动产登记资料查询暂行办法》：不动产登记资料由权利人、利害关系人及有关国家机关依法查询，查询结果限于查询目的使用',
    grade: 3,
    validity: PERMANENT,
  },
  teacherQualification: {
    authority: 'education',
    suffix: '101',
    name: '教师资格证书',
    issuers: ['education'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('证书号码', { pattern: '^[0-9]{17}$' }),
        name: str('姓名'),
        sex: oneOf('性别', SEXES),
        idNumber: idNumber('身份证件号码'),
        birthDate: date('出生日期'),
        qualificationType: oneOf('资格种类', ['幼儿园', '小学', '初级中学', '高级中学', '中等职业学校']),
        subject: str('任教学科'),
        issuingAuthority: str('发证机关'),
        issuedOn: date('发证日期'),
      },
      ['certificateNumber', 'name', 'idNumber', 'qualificationType', 'subject'],
    ),
    sharing: 'unconditional',
    grade: 2,
    validity: PERMANENT,
  },
  degreeCertificate: {
    authority: 'education',
    suffix: '102',
    name: '学位证书',
    issuers: ['education'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('证书编号', { pattern: '^[0-9]{16}$' }),
        name: str('姓名'),
        sex: oneOf('性别', SEXES),
        birthDate: date('出生日期'),
        university: str('学位授予单位'),
        degree: oneOf('学位', ['学士', '硕士', '博士']),
        discipline: str('学科门类'),
        awardedOn: date('授予日期'),
      },
      ['certificateNumber', 'name', 'university', 'degree', 'discipline', 'awardedOn'],
    ),
    sharing: 'unconditional',
    grade: 2,
    validity: PERMANENT,
  },
  graduationCertificate: {
    authority: 'education',
    suffix: '001',
    name: '毕业证书',
    issuers: ['education'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('证书编号', { pattern: '^[0-9]{18}$' }),
        name: str('姓名'),
        idNumber: idNumber('身份证件号码'),
        school: str('学校名称'),
        educationLevel: oneOf('层次', ['普通高中', '中等职业', '专科', '本科', '研究生']),
        major: str('专业'),
        studyMode: oneOf('学习形式', ['普通全日制', '非全日制', '成人教育']),
        enrolledOn: date('入学日期'),
        graduatedOn: date('毕业日期'),
      },
      ['certificateNumber', 'name', 'idNumber', 'school', 'educationLevel', 'major', 'graduatedOn'],
    ),
    sharing: 'unconditional',
    grade: 2,
    validity: PERMANENT,
  },
  socialSecurityCard: {
    authority: 'humanResources',
    suffix: '001',
    name: '社会保障卡',
    issuers: ['hrss'],
    holderKind: 'person',
    fields: schema(
      {
        name: str('姓名'),
        idNumber: idNumber('社会保障号码'),
        cardNumber: str('卡号', { pattern: '^[A-Z][0-9A-Z]{8}$' }),
        bank: str('开户银行'),
        bankAccount: str('金融账户', { pattern: '^[0-9]{19}$' }),
        issuedOn: date('发卡日期'),
        validTo: date('有效期至'),
        cardStatus: oneOf('卡状态', ['正常', '挂失', '注销']),
      },
      ['name', 'idNumber', 'cardNumber'],
    ),
    sharing: 'conditional',
    legalBasis:
      '《中华人民共和国社会保险法》《社会保障卡管理办法》：持卡人信息与金融账户信息仅用于社会保障业务及经持卡人授权的公共服务',
    grade: 3,
    validity: term(10),
  },
  employmentCertificate: {
    authority: 'humanResources',
    suffix: '101',
    name: '就业创业证',
    issuers: ['hrss'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('证号', { pattern: '^[0-9]{16}$' }),
        name: str('姓名'),
        sex: oneOf('性别', SEXES),
        idNumber: idNumber(),
        employmentStatus: oneOf('就业失业状态', ['就业', '失业', '灵活就业', '创业']),
        registeredOn: date('登记日期'),
        issuingAuthority: str('发证机构'),
      },
      ['certificateNumber', 'name', 'idNumber', 'employmentStatus'],
    ),
    sharing: 'unconditional',
    grade: 2,
    validity: PERMANENT,
  },
  socialInsuranceRegistration: {
    authority: 'humanResources',
    suffix: '102',
    name: '社会保险登记证',
    issuers: ['hrss'],
    holderKind: 'organisation',
    fields: schema(
      {
        registrationNumber: str('社会保险登记编号'),
        name: str('单位名称'),
        creditCode: creditCode(),
        entityType: str('单位类型'),
        legalRepresentative: str('法定代表人'),
        address: str('地址'),
        registeredOn: date('登记日期'),
        issuingAuthority: str('发证机关'),
      },
      ['registrationNumber', 'name', 'creditCode', 'registeredOn'],
    ),
    sharing: 'unconditional',
    grade: 1,
    validity: PERMANENT,
  },
  residentMedicalInsurance: {
    authority: 'healthcareSecurity',
    suffix: '001',
    name: '城乡居民医保参保证明',
    issuers: ['medicalSecurity'],
    holderKind: 'person',
    fields: schema(
      {
        name: str('参保人姓名'),
        idNumber: idNumber(),
        insuranceType: oneOf('险种', ['城乡居民基本医疗保险', '职工基本医疗保险']),
        insuredSince: date('参保起始日期'),
        insuranceStatus: oneOf('参保状态', ['正常参保', '暂停参保']),
        coverageYear: int('参保年度', 1990),
        issuedOn: date('出具日期'),
        issuingAuthority: str('出具机构'),
      },
      ['name', 'idNumber', 'insuranceType', 'insuranceStatus', 'coverageYear'],
    ),
    sharing: 'unconditional',
    grade: 2,
    validity: term(1),
  },
  housingFundCertificate: {
    authority: 'housing',
    suffix: '101',
    name: '住房公积金缴存证明',
    issuers: ['housingFund'],
    holderKind: 'person',
    fields: schema(
      {
        name: str('姓名'),
        idNumber: idNumber(),
        accountNumber: str('个人公积金账号', { pattern: '^[0-9]{12}$' }),
        employer: str('缴存单位'),
        depositBase: num('缴存基数（元）'),
        monthlyDeposit: num('月缴存额（元）'),
        accountStatus: oneOf('账户状态', ['正常', '封存']),
        openedOn: date('开户日期'),
        issuedOn: date('出具日期'),
      },
      ['name', 'idNumber', 'accountNumber', 'accountStatus', 'issuedOn'],
    ),
    sharing: 'conditional',
    legalBasis:
      '《住房公积金管理条例》：职工住房公积金属于职工个人所有，账户信息仅向本人及依法履行职责的部门提供',
    grade: 3,
    validity: term(1),
  },
  taxCertificate: {
    authority: 'taxation',
    suffix: '001',
    name: '纳税证明',
    issuers: ['tax', 'centralTax'],
    holderKind: 'organisation',
    fields: schema(
      {
        certificateNumber: str('证明编号', { pattern: '^[0-9]{20}$' }),
        taxpayerId: creditCode('纳税人识别号'),
        taxpayerName: str('纳税人名称'),
        periodFrom: date('税款所属期起'),
        periodTo: date('税款所属期止'),
        taxTypes: str('税种'),
        amountPaid: num('实缴（退）金额（元）'),
        issuedOn: date('开具日期'),
        issuingAuthority: str('税务机关'),
      },
      ['certificateNumber', 'taxpayerId', 'taxpayerName', 'periodFrom', 'periodTo', 'amountPaid'],
    ),
    sharing: 'conditional',
    legalBasis:
      '《中华人民共和国税收征收管理法》第八条及《纳税人涉税保密信息管理暂行办法》：纳税人的涉税保密信息仅依法向有关部门提供',
    grade: 3,
    validity: PERMANENT,
  },
  disabilityCertificate: {
    authority: 'disabledFederation',
    suffix: '001',
    name: '残疾人证',
    issuers: ['disabledFederation'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('残疾人证号', { pattern: '^[0-9]{17}[0-9X][1-7][1-4]$' }),
        name: str('姓名'),
        sex: oneOf('性别', SEXES),
        idNumber: idNumber(),
        disabilityCategory: oneOf('残疾类别', ['视力', '听力', '言语', '肢体', '智力', '精神', '多重']),
        disabilityLevel: oneOf('残疾等级', ['一级', '二级', '三级', '四级']),
        address: str('户籍地址'),
        issuedOn: date('发证日期'),
        validTo: date('有效期至'),
      },
      ['certificateNumber', 'name', 'idNumber', 'disabilityCategory', 'disabilityLevel'],
    ),
    sharing: 'conditional',
    legalBasis:
      '《中华人民共和国残疾人保障法》；《中华人民共和国个人信息保护法》（敏感个人信息：医疗健康），仅用于残疾人服务与保障事项',
    grade: 4,
    validity: STATED,
  },
  veteranPreferentialCard: {
    authority: 'veteransAffairs',
    suffix: '001',
    name: '退役军人优待证',
    issuers: ['veterans'],
    holderKind: 'person',
    fields: schema(
      {
        certificateNumber: str('证号', { pattern: '^[0-9]{12}$' }),
        name: str('姓名'),
        sex: oneOf('性别', SEXES),
        idNumber: idNumber(),
        category: oneOf('类别', ['退役军人', '其他优抚对象']),
        enlistedOn: str('入伍时间', { pattern: '^[0-9]{4}-[0-9]{2}$' }),
        dischargedOn: str('退役时间', { pattern: '^[0-9]{4}-[0-9]{2}$' }),
        issuingAuthority: str('发证机关'),
        issuedOn: date('发证日期'),
        validTo: date('有效期至'),
      },
      ['certificateNumber', 'name', 'idNumber', 'category'],
    ),
    sharing: 'unconditional',
    grade: 2,
    validity: term(10),
  },
  constructionPermit: {
    authority: 'housing',
    suffix: '102',
    name: '建筑工程施工许可证',
    issuers: ['construction'],
    holderKind: 'organisation',
    fields: schema(
      {
        permitNumber: str('编号', { pattern: '^[0-9]{18}$' }),
        developer: str('建设单位'),
        creditCode: creditCode('建设单位统一社会信用代码'),
        projectName: str('工程名称'),
        location: str('建设地址'),
        floorArea: num('建设规模（平方米）'),
        contractPrice: num('合同价格（万元）'),
        contractor: str('施工单位'),
        supervisor: str('监理单位'),
        plannedStart: date('合同开工日期'),
        plannedEnd: date('合同竣工日期'),
        issuingAuthority: str('发证机关'),
        issuedOn: date('发证日期'),
      },
      ['permitNumber', 'developer', 'projectName', 'location', 'contractor', 'issuedOn'],
    ),
    sharing: 'unconditional',
    grade: 1,
    validity: PERMANENT,
  },
  pollutantDischargePermit: {
    authority: 'ecologyEnvironment',
    suffix: '001',
    name: '排污许可证',
    issuers: ['environment'],
    holderKind: 'organisation',
    fields: schema(
      {
        permitNumber: str('证书编号', { pattern: '^[0-9A-HJ-NPQRTUWXY]{18}[0-9]{3}[PQU]$' }),
        name: str('单位名称'),
        creditCode: creditCode(),
        address: str('注册地址'),
        legalRepresentative: str('法定代表人'),
        industry: str('行业类别'),
        premises: str('生产经营场所地址'),
        managementClass: oneOf('管理类别', ['重点管理', '简化管理']),
        issuingAuthority: str('发证机关'),
        issuedOn: date('发证日期'),
        validTo: date('有效期至'),
      },
      ['permitNumber', 'name', 'creditCode', 'industry', 'managementClass', 'validTo'],
    ),
    sharing: 'unconditional',
    grade: 1,
    validity: term(5),
  },
  roadTransportLicence: {
    authority: 'transport',
    suffix: '001',
    name: '道路运输经营许可证',
    issuers: ['transport'],
    holderKind: 'organisation',
    fields: schema(
      {
        licenceNumber: str('经营许可证号', { pattern: '^[0-9]{12}$' }),
        name: str('业户名称'),
        creditCode: creditCode(),
        address: str('地址'),
        legalRepresentative: str('法定代表人'),
        economicType: str('经济类型'),
        businessScope: str('经营范围'),
        issuingAuthority: str('发证机关'),
        issuedOn: date('发证日期'),
        validTo: date('有效期至'),
      },
      ['licenceNumber', 'name', 'businessScope', 'validTo'],
    ),
    sharing: 'unconditional',
    grade: 1,
    validity: term(4),
  },
  tobaccoRetailLicence: {
    authority: 'tobaccoMonopoly',
    suffix: '001',
    name: '烟草专卖零售许可证',
    issuers: ['tobacco'],
    holderKind: 'organisation',
    fields: schema(
      {
        licenceNumber: str('许可证号', { pattern: '^[0-9]{12}$' }),
        name: str('企业（字号）名称'),
        creditCode: creditCode(),
        principal: str('负责人（经营者）'),
        premises: str('经营场所'),
        scope: str('许可范围'),
        supplier: str('供货单位'),
        issuingAuthority: str('发证机关'),
        issuedOn: date('发证日期'),
        validTo: date('有效期至'),
      },
      ['licenceNumber', 'name', 'principal', 'premises', 'scope', 'validTo'],
    ),
    sharing: 'unconditional',
    grade: 1,
    validity: term(5),
  },
} as const satisfies Record<string, TypeSpec>;

export type TypeKey = keyof typeof certificateTypeSpecs;

export const typeKeys = Object.keys(certificateTypeSpecs) as TypeKey[];

export function typeSpec(key: TypeKey): TypeSpec {
  return certificateTypeSpecs[key];
}

export function typeCode(key: TypeKey): string {
  const spec: TypeSpec = certificateTypeSpecs[key];
  return definingAuthorities[spec.authority] + spec.suffix;
}

export function buildCertificateTypes(): CertificateType[] {
  return typeKeys.map((key) => {
    const spec: TypeSpec = certificateTypeSpecs[key];
    return {
      code: typeCode(key),
      name: spec.name,
      definingDeptCode: definingAuthorities[spec.authority],
      issuingDeptCodes: spec.issuers.map(deptCode),
      holderKind: spec.holderKind,
      fields: spec.fields,
      sharing: spec.sharing,
      ...(spec.legalBasis ? { legalBasis: spec.legalBasis } : {}),
      grade: spec.grade,
      trust: 'A',
      validity: spec.validity,
    };
  });
}
