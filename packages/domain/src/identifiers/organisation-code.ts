/**
 * Organisation code (组织机构代码, GB 11714-1997): an 8-character body of digits and upper-case
 * letters plus one check character. Inside a unified social credit code it is characters 9-17.
 */
const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * The GB 11714 check character (the 9th) for an 8-character organisation code body:
 * C9 = 11 − (Σ Ci·Wi mod 11), written 'X' for 10 and '0' for 11. Letters count A = 10 … Z = 35
 * (their value in base 36), which differs from their position in the credit-code alphabet.
 *
 * @example organisationCodeCheckCharacter('60003734') === '1'
 * @throws RangeError unless `first8` is exactly 8 characters of 0-9 and A-Z.
 */
export function organisationCodeCheckCharacter(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError('An organisation code body is exactly 8 characters of 0-9 and A-Z');
  }
  let sum = 0;
  for (const [i, weight] of WEIGHTS.entries()) sum += parseInt(first8.charAt(i), 36) * weight;
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}
