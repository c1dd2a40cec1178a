import { toHalfwidth, trimText } from './clean-text.js';
import { cleaned, refused, type TransformOutcome } from './import-problem.js';

/**
 * Years accepted in a date. Before 1800 a certificate date is a typing error (0202 for 2020); 9999 is
 * kept because legacy systems write 9999-12-31 for "no end", which a mapping may then map to 长期.
 */
const MIN_YEAR = 1800;
const MAX_YEAR = 9999;

/** Excel's largest serial, 9999-12-31. */
const MAX_SERIAL = 2958465;
/** Excel's 1900 date system counts a 29 February 1900 that never was (Lotus 1-2-3 compatibility). */
const FAKE_LEAP_DAY = 60;
const DAY_MS = 86_400_000;
const YEAR_LIKE = { min: 1800, max: 2199 } as const;
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 31);

/** Longer text is not a date; refusing it early keeps the patterns below cheap on hostile input. */
const MAX_DATE_TEXT = 40;

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?`;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/;
/** 2021-5-26, 2021/05/26, 2021.5.26, the same separator twice, optionally with a time (database exports). */
const SEPARATED = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d{1,7}(?:\.\d{1,12})?$/;

const INVALID = 'not a date (write 2021-05-26, 2021年5月26日, 2021/5/26, 20210526 or an Excel date)';
const NOT_REAL = 'not a real calendar date';

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** YYYY-MM-DD when the parts form a real date in the accepted years. Plain arithmetic: `Date` rolls 2-30 over. */
function isoDate(year: number, month: number, day: number): TransformOutcome<string> {
  if (year < MIN_YEAR || year > MAX_YEAR)
    return refused('DATE_INVALID', `the year is not between ${MIN_YEAR} and ${MAX_YEAR}`);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return refused('DATE_INVALID', NOT_REAL);
  return cleaned(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

function fromUtc(ms: number): TransformOutcome<string> {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return refused('DATE_INVALID', NOT_REAL);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * An Excel serial day number (1900 date system) as YYYY-MM-DD: 1 is 1900-01-01, 44342 is 2021-05-26.
 * A time of day (the fraction) is dropped. 60, Excel's 1900-02-29, is refused: that day did not exist;
 * so are 1800-2199, which are years written alone far more often than days in 1904-1906.
 */
export function excelSerialToIsoDate(serial: number): TransformOutcome<string> {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL + 1)
    return refused('DATE_INVALID', `an Excel date number is between 1 and ${MAX_SERIAL}`);
  const day = Math.floor(serial);
  // 1800-2199 as a serial is a day in 1904-1906, which no stock certificate carries; as a year typed
  // alone it is common. Refused rather than read as a date 115 years off.
  if (day >= YEAR_LIKE.min && day <= YEAR_LIKE.max)
    return refused('DATE_INVALID', 'a year alone is not a date');
  if (day === FAKE_LEAP_DAY)
    return refused('DATE_INVALID', 'Excel day 60 is 1900-02-29, which did not exist');
  // Serials after the fake leap day are one ahead of the real calendar.
  return fromUtc(SERIAL_EPOCH_MS + (day > FAKE_LEAP_DAY ? day - 1 : day) * DAY_MS);
}

/**
 * Reads a date as departments write it and returns YYYY-MM-DD: 2021年5月26日, 2021年05月26日,
 * 2021.5.26, 2021/5/26, 2021-5-26, 2021-05-26 (a time after it is ignored), 20210526, full-width
 * digits, an Excel serial number (only a bare number: '44342'), or a `Date` read from an XLSX date
 * cell (its UTC day: exceljs reads Excel dates as UTC midnight). A date that does not exist
 * (2021-02-30) fails with DATE_INVALID.
 */
export function parseDate(value: string | number | Date): TransformOutcome<string> {
  if (value instanceof Date) return fromUtc(value.getTime());
  if (typeof value === 'number') return excelSerialToIsoDate(value);
  if (value.length > MAX_DATE_TEXT * 4) return refused('DATE_INVALID', INVALID);
  const text = trimText(toHalfwidth(value)).replace(/\s*([年月日])\s*/g, '$1');
  if (text.length > MAX_DATE_TEXT) return refused('DATE_INVALID', INVALID);
  const m = CHINESE.exec(text) ?? COMPACT.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const s = SEPARATED.exec(text);
  if (s) return isoDate(Number(s[1]), Number(s[3]), Number(s[4]));
  if (SERIAL.test(text)) return excelSerialToIsoDate(Number(text));
  return refused('DATE_INVALID', INVALID);
}
