import type { Random } from './random.js';

/**
 * Invented names. Surnames with rough frequency weights (per mille, after the 2020 census order);
 * given names composed of one or two characters from lists that lean male, female or neutral. Any
 * resemblance to a real person is a coincidence of a 2–3 character name, as it is in real life.
 */
const SURNAMES: readonly (readonly [string, number])[] = (
  '王73 李72 张68 刘54 陈45 杨31 黄23 赵22 吴20 周19 徐16 孙15 马14 朱13 胡12 郭12 何11 林11 高11 罗11 ' +
  '郑10 梁10 谢8 宋8 唐8 许7 韩7 冯7 邓7 曹7 彭7 曾6 肖6 田6 董6 袁5 潘5 于5 蒋5 蔡5 余5 杜5 叶5 程5 苏4 魏4 ' +
  '吕4 丁4 任4 沈4 姚4 卢4 姜3 崔3 钟3 谭3 陆3 汪3 范3 金3 石3 廖3 贾3 夏3 韦3 付3 方3 白3 邹3 孟3 熊3 秦2 邱2 ' +
  '江2 尹2 薛2 闫2 段2 雷2 侯2 龙2 史2 陶2 黎2 贺2 顾2 毛2 郝2 龚2 邵2 万2 钱2 严2 覃2 武2 戴2 莫2 孔2 欧阳1 ' +
  '司马0.2 诸葛0.1'
)
  .split(' ')
  .map((entry) => {
    const [, name = '', weight = '0'] = /^(\D+)([\d.]+)$/.exec(entry) ?? [];
    return [name, Number(weight)] as const;
  });

const MALE =
  '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林建国志峰晨阳博文轩睿哲昊然宏毅振海东亮成'.split(
    '',
  );
const FEMALE =
  '芳娜敏静丽艳娟霞秀玲桂英华红梅琳燕萍雪琴兰凤洁婷雯倩颖慧晶欣怡佳妍悦涵梓璐瑶菲蕾薇诗雨思彤'.split('');
const NEUTRAL = '子一安乐嘉晓小天文思若家新佳可明俊欣雨宇晨'.split('');

export type Sex = 'male' | 'female';

export function surname(rng: Random): string {
  return rng.weighted(SURNAMES);
}

/** A given name of one (30%) or two characters. */
export function givenName(rng: Random, sex: Sex): string {
  const own = sex === 'male' ? MALE : FEMALE;
  if (rng.chance(0.3)) return rng.pick(own);
  const first = rng.chance(0.35) ? rng.pick(NEUTRAL) : rng.pick(own);
  let second = rng.pick(own);
  if (second === first) second = rng.pick(own);
  return first + second;
}

export function fullName(rng: Random, sex: Sex, familyName?: string): string {
  return (familyName ?? surname(rng)) + givenName(rng, sex);
}

const ETHNICITIES = [
  ['汉', 920],
  ['壮', 20],
  ['回', 10],
  ['满', 8],
  ['苗', 8],
  ['土家', 7],
  ['瑶', 6],
  ['畲', 4],
  ['侗', 4],
  ['彝', 4],
  ['蒙古', 3],
  ['黎', 3],
  ['朝鲜', 2],
  ['白', 1],
] as const;

export function ethnicity(rng: Random): string {
  return rng.weighted(ETHNICITIES);
}

const PHONE_PREFIXES =
  '130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 166 177 180 181 183 185 186 187 188 189 191 198 199'.split(
    ' ',
  );

export function mobilePhone(rng: Random): string {
  return rng.pick(PHONE_PREFIXES) + rng.digits(8);
}

/** Characters for the 字号 (trade name) of an organisation. */
const TRADE_CHARS =
  '华信达宏盛鑫源泰恒丰瑞祥嘉润和安捷优创智联众博远海德康晟昊卓新锦绿天云长兴宇通合诚汇利顺景辰鸿凯越腾易宸星美佳睿冠正'.split(
    '',
  );

/** A two-character trade name (字号), e.g. 华信. */
export function tradeName(rng: Random): string {
  const a = rng.pick(TRADE_CHARS);
  let b = rng.pick(TRADE_CHARS);
  if (b === a) b = rng.pick(TRADE_CHARS);
  return a + b;
}
