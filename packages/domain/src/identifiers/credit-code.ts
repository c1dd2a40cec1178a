import { accepted, rejected, type IdentifierCheck, type IdentifierWarning } from './identifier-check.js';
import { normaliseIdentifier } from './normalise-identifier.js';
import { organisationCodeCheckCharacter } from './organisation-code.js';

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015), 18 characters:
 *   1     registration authority (登记管理部门)   2     organisation category
 *   3-8   region code of the registering office (6 digits)
 *   9-17  the GB 11714 organisation code (8-character body + its own check character)
 *   18    check character over characters 1-17
 *
 * The alphabet leaves out I, O, S, V and Z so that they cannot be mistaken for 1, 0, 5, U and 2;
 * a character's value is its position in this string.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * Registration authority codes assigned so far by the national code centre: 1 机构编制, 2 外交,
 * 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商, A 中央军委改革和编制办公室, N 农业,
 * Y 其他. Anything else in the first position is a typing error. The list grows rarely (A and N
 * came after 2015); add new authorities here.
 */
const REGISTRATION_AUTHORITIES = '123456789ANY';

export interface CreditCodeOptions {
  /**
   * Accept a code whose check character (18th) does not match, with warning CHECK_CHARACTER_MISMATCH
   * instead of an error. Some real early codes are like that and legal.
   */
  readonly lenientCheck?: boolean;
}

/**
 * Validates a unified social credit code after normalising it. Checks in order: EMPTY, LENGTH (18),
 * FORMAT (alphabet without I O S V Z, a known registration authority, 6-digit region code),
 * CHECK_CHARACTER (18th; a warning instead when `lenientCheck`), ORGANISATION_CODE (the GB 11714
 * check character at position 17).
 *
 * The organisation-code check is strict: every published valid vector passes it, including codes
 * whose body has letters (e.g. 'MB0143028', where M counts 22 in GB 11714 but 21 in this alphabet).
 */
export function validateCreditCode(input: string, options: CreditCodeOptions = {}): IdentifierCheck {
  const value = normaliseIdentifier(input);
  if (value === '') return rejected(value, 'EMPTY', 'The credit code is empty.');
  if (value.length !== 18) {
    return rejected(value, 'LENGTH', `A unified social credit code has 18 characters, not ${value.length}.`);
  }
  if (!SHAPE.test(value)) {
    return rejected(
      value,
      'FORMAT',
      'A credit code uses only digits and capital letters other than I, O, S, V and Z.',
    );
  }
  if (!REGISTRATION_AUTHORITIES.includes(value.charAt(0))) {
    return rejected(value, 'FORMAT', 'The first character is not a known registration authority code.');
  }
  if (!/^[0-9]{6}$/.test(value.slice(2, 8))) {
    return rejected(value, 'FORMAT', 'Characters 3-8 (the region code) must be digits.');
  }
  const warnings: IdentifierWarning[] = [];
  if (creditCodeCheckCharacter(value.slice(0, 17)) !== value.charAt(17)) {
    if (!options.lenientCheck) {
      return rejected(
        value,
        'CHECK_CHARACTER',
        'The check character does not match: the code has a typing error.',
      );
    }
    warnings.push('CHECK_CHARACTER_MISMATCH');
  }
  // Checked even in lenient mode: leniency covers the known early codes with a wrong 18th character,
  // not a broken organisation code.
  if (organisationCodeCheckCharacter(value.slice(8, 16)) !== value.charAt(16)) {
    return rejected(
      value,
      'ORGANISATION_CODE',
      'Characters 9-17 are not a valid organisation code: its check character does not match.',
    );
  }
  return accepted(value, warnings);
}

/**
 * The 18th character of a unified social credit code for its first 17 characters:
 * C18 = (31 − Σ Ci·Wi mod 31) mod 31, written with the credit-code alphabet.
 *
 * @throws RangeError unless `first17` is exactly 17 characters of the credit-code alphabet.
 */
export function creditCodeCheckCharacter(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) {
    throw new RangeError('A credit code check character needs exactly 17 characters of its alphabet');
  }
  let sum = 0;
  for (const [i, weight] of WEIGHTS.entries()) sum += ALPHABET.indexOf(first17.charAt(i)) * weight;
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Builds a valid unified social credit code, computing both the organisation-code check character
 * (position 17) and the code's own check character (position 18). For demo departments and fixtures.
 *
 * @param p.registrationAuthority 1 character, e.g. '1' 机构编制, '5' 民政, '9' 工商.
 * @param p.category 1 character of the credit-code alphabet, e.g. '1' 机关 under authority '1'.
 * @param p.regionCode 6 digits.
 * @param p.organisationBody 8 characters of digits and capital letters other than I, O, S, V, Z
 *   (GB 11714 allows those letters, but the credit code cannot carry them).
 * @throws RangeError on any malformed part.
 */
export function makeCreditCode(p: {
  registrationAuthority: string;
  category: string;
  regionCode: string;
  organisationBody: string;
}): string {
  if (p.registrationAuthority.length !== 1 || !REGISTRATION_AUTHORITIES.includes(p.registrationAuthority)) {
    throw new RangeError(`registrationAuthority must be one of ${[...REGISTRATION_AUTHORITIES].join(' ')}`);
  }
  if (!/^[0-9A-HJ-NPQRTUWXY]$/.test(p.category)) {
    throw new RangeError('category must be 1 character of the credit-code alphabet');
  }
  if (!/^[0-9]{6}$/.test(p.regionCode)) throw new RangeError('regionCode must be 6 digits');
  if (!/^[0-9A-HJ-NPQRTUWXY]{8}$/.test(p.organisationBody)) {
    throw new RangeError('organisationBody must be 8 digits or capital letters other than I, O, S, V, Z');
  }
  const first17 =
    p.registrationAuthority +
    p.category +
    p.regionCode +
    p.organisationBody +
    organisationCodeCheckCharacter(p.organisationBody);
  return first17 + creditCodeCheckCharacter(first17);
}
