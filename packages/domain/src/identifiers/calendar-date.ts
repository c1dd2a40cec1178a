/** Gregorian leap-year rule: every 4th year, except centuries not divisible by 400 (1900 was not, 2000 was). */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parses 'YYYYMMDD' and returns 'YYYY-MM-DD' when it is a real calendar date with a year in
 * [minYear, maxYear]; otherwise undefined. Plain arithmetic rather than `Date`, which silently rolls
 * 2 February 30 over into March.
 */
export function compactDateToIso(yyyymmdd: string, minYear: number, maxYear: number): string | undefined {
  const m = /^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(yyyymmdd);
  if (!m) return undefined;
  const [, y = '', mo = '', d = ''] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < minYear || year > maxYear) return undefined;
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${y}-${mo}-${d}`;
}
