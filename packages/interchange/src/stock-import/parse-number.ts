import { toHalfwidth } from './clean-text.js';
import { cleaned, refused, type TransformOutcome } from './import-problem.js';

/** Longer text is not a number a certificate holds; refusing it early keeps hostile input cheap. */
export const MAX_NUMBER_TEXT = 40;

/** 1234.5, -3, 1,234,567.89 (commas only as thousands separators, so 1,2 is refused, not read as 12). */
const DECIMAL = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * The plain decimal number in a text (full-width digits accepted, spaces ignored), or undefined.
 * Exponents, hex, NaN and Infinity are not numbers a clerk writes, so they are refused too.
 */
export function decimalOf(text: string): number | undefined {
  if (text.length > MAX_NUMBER_TEXT * 4) return undefined;
  const t = toHalfwidth(text).replace(/\s+/g, '');
  if (t.length > MAX_NUMBER_TEXT || !DECIMAL.test(t)) return undefined;
  const n = Number(t.replaceAll(',', ''));
  return Number.isFinite(n) ? n : undefined;
}

/** A number (see {@link decimalOf}); a number cell is taken as it is when finite. */
export function parseNumber(value: string | number): TransformOutcome<number> {
  const n = typeof value === 'number' ? (Number.isFinite(value) ? value : undefined) : decimalOf(value);
  return n === undefined ? refused('NUMBER_INVALID', 'not a number') : cleaned(n === 0 ? 0 : n);
}

/** A whole number that a double holds exactly; 12.0 is 12. */
export function parseInteger(value: string | number): TransformOutcome<number> {
  const n = parseNumber(value);
  if (!n.ok) return n;
  return Number.isSafeInteger(n.value) ? n : refused('NUMBER_INVALID', 'not a whole number');
}
