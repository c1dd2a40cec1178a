/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian), with no Date
 * objects and no time zone: Howard Hinnant's civil-from-days algorithms. The demo city's working
 * days skip weekends only; public holidays and 调休 are the supervision module's business.
 */

/** Day number of a civil date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD' of a day number. */
export function isoDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** 'YYYYMMDD' of a day number. */
export function compactDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y}${pad2(m)}${pad2(d)}`;
}

/** Day number of 'YYYY-MM-DD' (trusted input: the generator's own constants). */
export function dayOf(iso: string): number {
  return daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

export function yearOf(days: number): number {
  return civilFromDays(days)[0];
}

/** The same calendar day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(days: number, years: number): number {
  const [y, m, d] = civilFromDays(days);
  const target = y + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  return daysFromCivil(target, m, m === 2 && d === 29 && !leap ? 28 : d);
}

/** Whole years between two day numbers (age on `on` of someone born on `birth`). */
export function yearsBetween(birth: number, on: number): number {
  const [by, bm, bd] = civilFromDays(birth);
  const [y, m, d] = civilFromDays(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function isWorkingDay(days: number): boolean {
  const w = weekday(days);
  return w !== 0 && w !== 6;
}

/** The day itself if it is a working day, else the next working day. */
export function nextWorkingDay(days: number): number {
  let d = days;
  while (!isWorkingDay(d)) d++;
  return d;
}

/** `n` working days after `days` (n = 0 gives the next working day on or after `days`). */
export function addWorkingDays(days: number, n: number): number {
  let d = nextWorkingDay(days);
  for (let left = n; left > 0; left--) d = nextWorkingDay(d + 1);
  return d;
}
