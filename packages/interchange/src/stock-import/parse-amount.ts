import { toHalfwidth } from './clean-text.js';
import { cleaned, refused, type TransformOutcome } from './import-problem.js';
import { decimalOf, MAX_NUMBER_TEXT } from './parse-number.js';

const INVALID = 'not an amount in 人民币 (write 100万元, 100万, 1,000,000元 or 100 for 万元)';

/** Units an amount may end with, and what one of them is in 万元. */
const UNITS: readonly (readonly [string, number])[] = [
  ['万元', 1],
  ['亿元', 10_000],
  ['万', 1],
  ['亿', 10_000],
  ['元', 1 / 10_000],
];

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
};
const LARGE_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

/** 1 元 is 0.0001 万元; six decimals keep 分 and drop the binary noise of the division. */
const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * A whole number written in Chinese numerals (壹佰万, 一千二百三十四万五千), or undefined. Each 万 or
 * 亿 closes a section: 一亿二千万 is 1·10⁸ + 2000·10⁴.
 */
export function chineseNumeralValue(text: string): number | undefined {
  if (text === '' || text.length > MAX_NUMBER_TEXT) return undefined;
  let total = 0;
  let section = 0;
  let digit = 0;
  let sawDigit = false;
  for (const ch of text) {
    const d = DIGITS[ch];
    const small = SMALL_UNITS[ch];
    const large = LARGE_UNITS[ch];
    if (d !== undefined) {
      digit = d;
      sawDigit = true;
    } else if (small !== undefined) {
      // 十万 means 一十万: a leading 十 stands for one ten.
      section += (digit === 0 && small === 10 ? 1 : digit) * small;
      digit = 0;
    } else if (large !== undefined) {
      total = large === 100_000_000 ? (total + section + digit) * large : total + (section + digit) * large;
      section = 0;
      digit = 0;
    } else return undefined;
  }
  if (!sawDigit && total + section === 0) return undefined;
  return total + section + digit;
}

/**
 * An amount of money (注册资本, 出资额) in 万元, the unit certificates print: '100万元' and '100万' are
 * 100, '1,000,000元' is 100, '1.5亿元' is 15000, '壹佰万元整' is 100, and a plain '100' is taken as
 * 万元. 人民币, RMB and ¥ around the amount are accepted; other currencies and negative amounts are
 * refused with AMOUNT_INVALID, as an amount cannot be converted without a rate.
 */
export function parseAmount(value: string | number): TransformOutcome<number> {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? cleaned(value) : refused('AMOUNT_INVALID', INVALID);
  }
  if (value.length > MAX_NUMBER_TEXT * 4) return refused('AMOUNT_INVALID', INVALID);
  const t = toHalfwidth(value)
    .replace(/\s+/g, '')
    .replace(/^(?:人民币|RMB|CNY|¥|￥)/i, '')
    .replace(/(?:\(人民币\)|（人民币）|人民币|RMB|CNY)$/i, '')
    .replace(/[整正]$/, '');
  let factor = 1;
  let number = t;
  for (const [unit, f] of UNITS) {
    if (t.endsWith(unit)) {
      number = t.slice(0, -unit.length);
      factor = f;
      break;
    }
  }
  const n = decimalOf(number);
  if (n !== undefined) return n >= 0 ? cleaned(round(n * factor)) : refused('AMOUNT_INVALID', INVALID);
  // Chinese numerals carry their own 万 and 亿, so only 元 may follow them: 壹佰万元.
  if (t.endsWith('元')) {
    const c = chineseNumeralValue(t.slice(0, -1));
    if (c !== undefined) return cleaned(round(c / 10_000));
  }
  return refused('AMOUNT_INVALID', INVALID);
}
