import type { Random } from './random.js';

/**
 * 示范市, the fictional demo city. Its region codes 4499xx are not assigned in GB/T 2260 (Guangdong's
 * prefecture codes stop at 4453), so no real person or organisation can share an identifier with the
 * demo's, while every identifier still passes its check digit.
 */
export const CITY = {
  name: '示范市',
  regionCode: '449900',
} as const;

export interface District {
  readonly code: string;
  readonly name: string;
  /** Share of the population, in percent. */
  readonly weight: number;
}

/** The eight districts. Their codes are the region codes of resident ID numbers born in the city. */
export const DISTRICTS: readonly District[] = [
  { code: '449902', name: '中心区', weight: 20 },
  { code: '449903', name: '云湖区', weight: 16 },
  { code: '449904', name: '新港区', weight: 14 },
  { code: '449905', name: '北山区', weight: 11 },
  { code: '449906', name: '东江区', weight: 12 },
  { code: '449907', name: '西岭区', weight: 9 },
  { code: '449908', name: '南湾区', weight: 10 },
  { code: '449909', name: '临江区', weight: 8 },
];

const DISTRICT_WEIGHTS = DISTRICTS.map((d) => [d, d.weight] as const);

export function pickDistrict(rng: Random): District {
  return rng.weighted(DISTRICT_WEIGHTS);
}

export function districtByCode(code: string): District {
  const d = DISTRICTS.find((x) => x.code === code);
  if (!d) throw new RangeError('not a district of 示范市');
  return d;
}

const STREET_ROOTS = (
  '人民 解放 建设 和平 文明 幸福 新华 长安 东风 光明 友谊 振兴 朝阳 滨江 湖滨 青年 学府 科技 ' +
  '工业 金沙 银河 翠竹 梧桐 凤凰 桂花 荔枝 榕树 望海 云山 明珠 春晖 锦绣 天河 龙井 白鹭 星光'
).split(' ');
const STREET_KINDS = [
  ['路', 6],
  ['街', 3],
  ['大道', 2],
  ['一路', 1],
  ['二路', 1],
] as const;
const ESTATE_ROOTS =
  '碧水 锦华 阳光 翠园 怡景 金域 御景 华庭 丽苑 康城 雅居 星河 绿洲 海悦 和苑 嘉园 龙庭 桃源'.split(' ');
const ESTATE_KINDS = '花园 小区 家园 公寓 新村 苑'.split(' ');

/** A street in a district: "中心区人民路". */
export function street(rng: Random, district: District): string {
  return `${district.name}${rng.pick(STREET_ROOTS)}${rng.weighted(STREET_KINDS)}`;
}

/** A home address: "示范市中心区人民路128号碧水花园3栋1502房". */
export function homeAddress(rng: Random, district: District): string {
  const building = rng.between(1, 28);
  const floor = rng.between(1, 32);
  const room = rng.between(1, 6);
  return `${CITY.name}${street(rng, district)}${rng.between(1, 399)}号${rng.pick(ESTATE_ROOTS)}${rng.pick(ESTATE_KINDS)}${building}栋${floor}${room < 10 ? `0${room}` : room}房`;
}

/** A business address: "示范市云湖区科技大道66号201室" or a shop front "…号首层". */
export function businessAddress(rng: Random, district: District): string {
  const suffix = rng.chance(0.4) ? '首层' : `${rng.between(1, 25)}${rng.chance(0.5) ? '01' : '08'}室`;
  return `${CITY.name}${street(rng, district)}${rng.between(1, 599)}号${suffix}`;
}
