import type { TimeLimit } from './types.js';

/** What {@link parseTimeLimit} returns: a time limit, `null` for 无 (none), or a reason safe to show. */
export type TimeLimitParse =
  { readonly ok: true; readonly value: TimeLimit | null } | { readonly ok: false; readonly reason: string };

/**
 * The longest time limit we accept, in days. Real catalogs go up to a year (365); anything above ten
 * years is a typing error (an extra digit, a date pasted into the wrong column), not a limit.
 */
export const MAX_TIME_LIMIT_DAYS = 3650;

/** Spellings of "no time limit". Compared after normalisation (NFKC, no whitespace). */
const NONE = new Set(['', '无', '无时限', '不限', '无期限']);

const UNITS: Readonly<Record<string, TimeLimit['unit']>> = {
  工作日: 'working',
  自然日: 'natural',
  日历日: 'natural',
};

/**
 * `20`, `0.5`; then an optional `个`; then the unit, either bare or in one pair of parentheses:
 * `20(工作日)`, `20工作日`, `20个工作日`, `90(自然日)`. Full-width forms are folded by NFKC first.
 */
const PATTERN = /^(\d{1,6}(?:\.\d{1,3})?)(?:\((个?)(工作日|自然日|日历日)\)|(个?)(工作日|自然日|日历日))$/u;

/**
 * Parses a 法定/承诺办结时限 as the catalogs spell it. Accepted (after folding full-width characters and
 * removing all whitespace): `N(工作日)`, `N(自然日)`, `N(日历日)`, the same without parentheses or with
 * `个` (`N个工作日`), decimals (`0.5(工作日)`); `无`, `无时限`, `不限`, `无期限` and the empty string mean
 * no limit (`null`). Refused, with a reason: a bare `N天` or `N日` (it does not say whether working or
 * natural days are meant, and guessing would move deadlines); zero days (the catalog's time limits are
 * positive, see validateCatalog; 即办 items are spelled `1(工作日)` in the real files); more than
 * {@link MAX_TIME_LIMIT_DAYS}.
 * Pure: no I/O, never throws.
 */
export function parseTimeLimit(text: string): TimeLimitParse {
  if (typeof text !== 'string') return { ok: false, reason: 'time limit is not text' };
  const folded = text.normalize('NFKC').replace(/\s+/gu, '');
  if (NONE.has(folded)) return { ok: true, value: null };
  const m = PATTERN.exec(folded);
  if (!m) {
    if (/^\d+(?:\.\d+)?[天日]$/u.test(folded)) {
      return { ok: false, reason: 'time limit does not say working days (工作日) or natural days (自然日)' };
    }
    return { ok: false, reason: 'time limit is not of the form N(工作日), N(自然日) or 无' };
  }
  const days = Number(m[1]);
  const unitText = m[3] ?? m[5];
  const unit = unitText === undefined ? undefined : UNITS[unitText];
  if (unit === undefined || !Number.isFinite(days)) {
    return { ok: false, reason: 'time limit is not of the form N(工作日), N(自然日) or 无' };
  }
  if (days <= 0) return { ok: false, reason: 'time limit must be more than 0 days' };
  if (days > MAX_TIME_LIMIT_DAYS) {
    return { ok: false, reason: `time limit of ${days} days exceeds ${MAX_TIME_LIMIT_DAYS} days` };
  }
  return { ok: true, value: { days, unit } };
}
