import { isIsoDate } from '@tongban/domain';
import type { Scalar, ValueTransform } from './adapter-config.js';

/**
 * Converting upstream values (driver values of SQL columns, JSON values) into certificate values.
 * Small on purpose: an adapter reads systems whose types are known (DATE columns, JSON numbers), not
 * hand-typed spreadsheets; the stock-data importer carries the heavy cleaning.
 */

/** Written for "no end date" (长期) by departments' systems. */
const LONG_TERM_WORDS = new Set(['长期', '长期有效', '永久', '永久有效', '无固定期限']);

/** China Standard Time has no daylight saving: a certificate's day is its day at UTC+8. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

const DATE_TIME =
  /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * A day as YYYY-MM-DD from what a DATE or DATETIME column gives as text (the drivers are set to
 * return text, so no time zone shifts a date), 'YYYY-MM-DD', 'YYYY/MM/DD', 'YYYYMMDD' (text or an
 * 8-digit number) or an ISO 8601 timestamp. A timestamp with an offset is an instant: its day is the
 * day in China (UTC+8); without an offset its own calendar day is taken. Undefined for anything else,
 * including dates that do not exist (2021-02-30).
 */
export function toIsoDate(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? toIsoDate(String(value)) : undefined;
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const text = value.trim();
  const compact = COMPACT.exec(text);
  if (compact) return checked(`${compact[1]}-${compact[2]}-${compact[3]}`);
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const day = checked(`${m[1]}-${m[2]}-${m[3]}`);
  const offset = m[7];
  if (day === undefined || offset === undefined) return day;
  const ms = Date.parse(`${day}T${m[4]}:${m[5]}:${m[6] ?? '00'}${normaliseOffset(offset)}`);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

const checked = (iso: string): string | undefined => (isIsoDate(iso) ? iso : undefined);

/** Date.parse wants `+08:00`; PostgreSQL writes `+08` and some systems `+0800`. */
function normaliseOffset(offset: string): string {
  if (offset === 'Z') return 'Z';
  const digits = offset.slice(1).replace(':', '');
  return `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

/** Null (no end) for SQL NULL, JSON null, empty text and the words for 长期; otherwise a day. */
export function toValidUntil(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && (value.trim() === '' || LONG_TERM_WORDS.has(value.trim()))) return null;
  return toIsoDate(value);
}

/** A finite number from a number, a bigint within the safe range, or decimal text (DECIMAL columns). */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint')
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!/^[+-]?\d{1,30}(\.\d{1,30})?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** A whole number within the safe range. */
export function toInteger(value: unknown): number | undefined {
  const n = toNumber(value);
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

/** Trimmed text from text, a number, a bigint or a boolean. */
export function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return typeof value === 'number' && !Number.isFinite(value) ? undefined : String(value);
  return undefined;
}

/**
 * A value without a transform: text trimmed, numbers and booleans as they are, a bigint as a number
 * when exact (else its digits), and JSON objects and arrays as they are (the type's schema judges
 * them). Binary values and driver objects (Buffer, Date) are refused: the type's fields are JSON.
 */
export function asFieldValue(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return toNumber(value) ?? String(value);
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)
    return value;
  return undefined;
}

/** The text a `map` table is keyed by: `1` and `'1'` both look up '1'. */
export function mapKeyOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

/** Applies a `map` table: a listed value is replaced, others pass through unchanged. */
export function applyMap(value: unknown, map: ReadonlyMap<string, Scalar | null> | undefined): unknown {
  if (!map) return value;
  const key = mapKeyOf(value);
  return key !== undefined && map.has(key) ? map.get(key) : value;
}

/**
 * Applies a field's transform. `undefined` means the value cannot be converted (the record is
 * refused); null stays null (the field is left out).
 */
export function applyTransform(value: unknown, transform: ValueTransform | undefined): unknown {
  if (value === null || value === undefined) return null;
  switch (transform) {
    case undefined:
      return asFieldValue(value);
    case 'text':
      return toText(value);
    case 'date':
      return toIsoDate(value);
    case 'number':
      return toNumber(value);
    case 'integer':
      return toInteger(value);
  }
}
