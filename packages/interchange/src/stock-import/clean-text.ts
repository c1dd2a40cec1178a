import { normaliseIdentifier } from '@tongban/domain';

/** Full-width ASCII variants U+FF01–U+FF5E sit exactly 0xFEE0 above their ASCII counterparts. */
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
/**
 * Zero-width characters come with text pasted from web pages and Word; they are invisible, so a clerk
 * cannot see why two equal-looking names differ. U+FEFF is also a stray byte-order mark.
 */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Full-width ASCII (U+FF01–U+FF5E: digits, Latin letters, punctuation) becomes ASCII, and the
 * ideographic space U+3000 a plain space. Chinese input methods produce both; other CJK punctuation
 * (、。《》) is left alone.
 */
export function toHalfwidth(text: string): string {
  return text
    .replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replaceAll('\u3000', ' ');
}

/**
 * Removes zero-width characters, collapses every run of whitespace (spaces, tabs, line breaks, U+3000,
 * no-break spaces) into one space, and trims both ends. Cells typed into Excel carry all of these.
 */
export function trimText(text: string): string {
  return text.replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim();
}

/**
 * An ID number or credit code as written by hand ("110105 19491231 002x", full-width digits) put into
 * canonical form: half-width, no whitespace or zero-width characters, upper case (the final X).
 */
export function normaliseIdNumber(text: string): string {
  return normaliseIdentifier(text.replace(ZERO_WIDTH, ''));
}

/**
 * A column name as the import compares it: half-width and trimmed, so that "注册资本 " in the file and
 * "注册资本" in the mapping are the same column, and a header cell written over two lines still matches.
 */
export function normaliseColumnName(name: string): string {
  return trimText(toHalfwidth(name));
}
