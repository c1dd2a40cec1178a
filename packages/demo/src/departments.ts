import type { Department } from '@tongban/domain';

/**
 * The departments of 示范市. Credit codes are invented but valid under GB 32100 and GB 11714
 * (registration authority 1 机构编制 with category 1 机关, 2 事业单位 or 3 群团; region 4499xx).
 * Two systems are vertically managed (垂管): taxation (国家税务总局) and tobacco (国家烟草专卖局), as in
 * every real Chinese city; their district branch reports to the city bureau, not to the district.
 */
export const departmentSpecs = {
  dataBureau: {
    creditCode: '11449900MB2D1001XT',
    name: '示范市政务服务数据管理局',
    level: 'city',
    vertical: false,
  },
  police: { creditCode: '114499000075001205', name: '示范市公安局', level: 'city', vertical: false },
  market: { creditCode: '11449900MB2D10036M', name: '示范市市场监督管理局', level: 'city', vertical: false },
  civil: { creditCode: '11449900007500278Q', name: '示范市民政局', level: 'city', vertical: false },
  health: { creditCode: '11449900MB2D10052B', name: '示范市卫生健康委员会', level: 'city', vertical: false },
  naturalResources: {
    creditCode: '11449900MB2D100606',
    name: '示范市自然资源局',
    level: 'city',
    vertical: false,
  },
  realEstateCentre: {
    creditCode: '124499004558100772',
    name: '示范市不动产登记中心',
    level: 'city',
    vertical: false,
    parent: 'naturalResources',
  },
  hrss: {
    creditCode: '11449900007500382W',
    name: '示范市人力资源和社会保障局',
    level: 'city',
    vertical: false,
  },
  medicalSecurity: {
    creditCode: '11449900MB2D10095Q',
    name: '示范市医疗保障局',
    level: 'city',
    vertical: false,
  },
  housingFund: {
    creditCode: '12449900455810106D',
    name: '示范市住房公积金管理中心',
    level: 'city',
    vertical: false,
  },
  education: { creditCode: '114499000075004118', name: '示范市教育局', level: 'city', vertical: false },
  construction: {
    creditCode: '114499000075005424',
    name: '示范市住房和城乡建设局',
    level: 'city',
    vertical: false,
  },
  environment: { creditCode: '11449900MB2D10132Y', name: '示范市生态环境局', level: 'city', vertical: false },
  transport: { creditCode: '1144990000750069XJ', name: '示范市交通运输局', level: 'city', vertical: false },
  veterans: {
    creditCode: '11449900MB2D10159N',
    name: '示范市退役军人事务局',
    level: 'city',
    vertical: false,
  },
  disabledFederation: {
    creditCode: '134499005000101684',
    name: '示范市残疾人联合会',
    level: 'city',
    vertical: false,
  },
  water: { creditCode: '114499000075007293', name: '示范市水务局', level: 'city', vertical: false },
  urbanManagement: {
    creditCode: '1144990000750085XR',
    name: '示范市城市管理和综合执法局',
    level: 'city',
    vertical: false,
  },
  tax: { creditCode: '11449900MB2D101912', name: '国家税务总局示范市税务局', level: 'city', vertical: true },
  tobacco: { creditCode: '1144990000750093XD', name: '示范市烟草专卖局', level: 'city', vertical: true },
  centralMarket: {
    creditCode: '11449902MB2D20218R',
    name: '示范市中心区市场监督管理局',
    level: 'district',
    vertical: false,
    parent: 'market',
  },
  yunhuMarket: {
    creditCode: '11449903MB2D30221B',
    name: '示范市云湖区市场监督管理局',
    level: 'district',
    vertical: false,
    parent: 'market',
  },
  centralTax: {
    creditCode: '11449902MB2D20234F',
    name: '国家税务总局示范市中心区税务局',
    level: 'district',
    vertical: true,
    parent: 'tax',
  },
  centralCivil: {
    creditCode: '11449902007600244Q',
    name: '示范市中心区民政局',
    level: 'district',
    vertical: false,
    parent: 'civil',
  },
  yunhuCivil: {
    creditCode: '114499030076002522',
    name: '示范市云湖区民政局',
    level: 'district',
    vertical: false,
    parent: 'civil',
  },
} as const satisfies Record<
  string,
  { creditCode: string; name: string; level: 'city' | 'district'; vertical: boolean; parent?: string }
>;

export type DeptKey = keyof typeof departmentSpecs;

export function deptCode(key: DeptKey): string {
  return departmentSpecs[key].creditCode;
}

export function deptName(key: DeptKey): string {
  return departmentSpecs[key].name;
}

export function buildDepartments(): Department[] {
  return (Object.keys(departmentSpecs) as DeptKey[]).map((key) => {
    const spec: {
      creditCode: string;
      name: string;
      level: 'city' | 'district';
      vertical: boolean;
      parent?: DeptKey;
    } = departmentSpecs[key];
    return {
      creditCode: spec.creditCode,
      name: spec.name,
      level: spec.level,
      vertical: spec.vertical,
      ...(spec.parent ? { parentCode: deptCode(spec.parent) } : {}),
    };
  });
}

/** The district branch that issues a type for holders in a district, where one exists. */
export const districtBranches: Readonly<
  Record<string, Partial<Record<'market' | 'tax' | 'civil', DeptKey>>>
> = {
  '449902': { market: 'centralMarket', tax: 'centralTax', civil: 'centralCivil' },
  '449903': { market: 'yunhuMarket', civil: 'yunhuCivil' },
};
