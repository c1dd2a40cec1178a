/** Full-width ASCII variants U+FF01–U+FF5E sit exactly 0xFEE0 above their ASCII counterparts. */
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * Puts an identifier typed or pasted by a person into canonical form before validation: full-width
 * characters (U+FF01–U+FF5E, and the ideographic space U+3000) become half-width, every whitespace
 * character is removed and letters are upper-cased.
 *
 * Chinese input methods often produce full-width digits, and ID numbers are commonly written in
 * groups ("110105 19491231 002X") or with a lower-case x; all of those are the same identifier.
 *
 * @example normaliseIdentifier('１１０１０５ １９４９１２３１ ００２ｘ') === '11010519491231002X'
 */
export function normaliseIdentifier(input: string): string {
  return (
    input
      .replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
      // `\s` already matches U+3000; it is spelled out because the ideographic space is the usual case.
      .replace(/[\s\u3000]+/g, '')
      .toUpperCase()
  );
}
