/**
 * ISO/IEC 7064 check-character systems. Both functions take the string without its check character
 * and return the character to append. They throw on characters outside their alphabet: callers are
 * expected to have checked the shape first, so a bad character here is a programming error.
 */

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * ISO/IEC 7064 MOD 11-2 (pure system, modulus 11, radix 2) over decimal digits; 10 is written 'X'.
 * Used by the resident ID number (GB 11643), whose weights 7 9 10 5 8 4 2 1 6 3 … are exactly the
 * powers of 2 modulo 11 that this recursive form applies.
 *
 * @example mod112CheckCharacter('0794') === '0'
 * @throws RangeError when `s` is empty or not all decimal digits.
 */
export function mod112CheckCharacter(s: string): string {
  if (!/^[0-9]+$/.test(s)) throw new RangeError('MOD 11-2 input must be one or more decimal digits');
  let p = 0;
  for (const c of s) p = ((p + Number(c)) * 2) % 11;
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}

/**
 * ISO/IEC 7064 MOD 37,36 (hybrid system, M = 36) over 0-9 and A-Z, giving one character of 0-9A-Z.
 * Used for the check character of GB/T 36904 electronic certificate identifiers; pinned to the
 * published certificate identifiers in shared/vectors/identifiers.json.
 *
 * @throws RangeError when `s` is empty or has characters outside 0-9A-Z (normalise first).
 */
export function mod3736CheckCharacter(s: string): string {
  if (!/^[0-9A-Z]+$/.test(s)) throw new RangeError('MOD 37,36 input must be one or more of 0-9 and A-Z');
  const m = 36;
  let p = m;
  for (const c of s) {
    // The hybrid system works modulo M, but writes M instead of 0 so the doubling modulo M+1 (a
    // prime) never collapses to 0 and every single-character error stays detectable.
    const sum = (p + ALPHANUMERIC.indexOf(c)) % m || m;
    p = (sum * 2) % (m + 1);
  }
  return ALPHANUMERIC.charAt((m + 1 - p) % m);
}
