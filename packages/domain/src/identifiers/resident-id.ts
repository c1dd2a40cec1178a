import { compactDateToIso } from './calendar-date.js';
import { accepted, rejected, type IdentifierCheck } from './identifier-check.js';
import { mod112CheckCharacter } from './iso7064.js';
import { normaliseIdentifier } from './normalise-identifier.js';

/**
 * Resident ID number (公民身份号码, GB 11643-1999): 6-digit region code, 8-digit birth date
 * YYYYMMDD, 3-digit sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check
 * character (0-9 or X).
 */
const LENGTH = 18;
const SHAPE = /^[0-9]{17}[0-9X]$/;
const BIRTH_DATE_START = 6;
const BIRTH_DATE_END = 14;
const SEX_DIGIT = 16;

/**
 * The year window accepted for a birth date. It is not "not in the future": the domain has no
 * clock, and the window only has to catch typing errors such as 2919 or 0919.
 */
const MIN_BIRTH_YEAR = 1800;
const MAX_BIRTH_YEAR = 2199;

/**
 * Validates a resident ID number after normalising it (full-width digits, spaces and a lower-case x
 * are accepted). Checks in order: EMPTY, LENGTH (18; the 15-digit first-generation numbers are not
 * accepted), FORMAT (17 digits then a digit or X), DATE (characters 7-14 are a real calendar date in
 * 1800-2199), CHECK_CHARACTER (ISO 7064 MOD 11-2).
 */
export function validateResidentId(input: string): IdentifierCheck {
  const value = normaliseIdentifier(input);
  if (value === '') return rejected(value, 'EMPTY', 'The resident ID number is empty.');
  if (value.length !== LENGTH) {
    return rejected(
      value,
      'LENGTH',
      `A resident ID number has 18 characters, not ${value.length} (15-digit numbers are not accepted).`,
    );
  }
  if (!SHAPE.test(value)) {
    return rejected(value, 'FORMAT', 'A resident ID number is 17 digits followed by a digit or X.');
  }
  if (birthDateIso(value) === undefined) {
    return rejected(
      value,
      'DATE',
      `Characters 7-14 are not a calendar date between ${MIN_BIRTH_YEAR} and ${MAX_BIRTH_YEAR}.`,
    );
  }
  if (residentIdCheckCharacter(value.slice(0, 17)) !== value.charAt(17)) {
    return rejected(
      value,
      'CHECK_CHARACTER',
      'The check character does not match: the number has a typing error.',
    );
  }
  return accepted(value);
}

/**
 * The 18th character of a resident ID number for its first 17 digits.
 *
 * @throws RangeError unless `first17` is exactly 17 decimal digits.
 */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17))
    throw new RangeError('A resident ID check character needs exactly 17 digits');
  return mod112CheckCharacter(first17);
}

/**
 * Builds a valid resident ID number, e.g. for fictional demo people and test fixtures.
 *
 * @param p.regionCode 6 digits (GB/T 2260 region code; not checked against the region list).
 * @param p.birthDate YYYY-MM-DD, a real date in 1800-2199.
 * @param p.sequence 0..999; odd numbers are men, even numbers women.
 * @throws RangeError on any out-of-range part. Messages never repeat the values (they are personal data).
 */
export function makeResidentId(p: { regionCode: string; birthDate: string; sequence: number }): string {
  if (!/^[0-9]{6}$/.test(p.regionCode)) throw new RangeError('regionCode must be 6 digits');
  const compact = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(p.birthDate) ? p.birthDate.replaceAll('-', '') : '';
  if (compactDateToIso(compact, MIN_BIRTH_YEAR, MAX_BIRTH_YEAR) === undefined) {
    throw new RangeError(
      `birthDate must be a calendar date YYYY-MM-DD between ${MIN_BIRTH_YEAR} and ${MAX_BIRTH_YEAR}`,
    );
  }
  if (!Number.isInteger(p.sequence) || p.sequence < 0 || p.sequence > 999) {
    throw new RangeError('sequence must be an integer from 0 to 999');
  }
  const first17 = `${p.regionCode}${compact}${String(p.sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

/**
 * The sex recorded in a resident ID number: the 17th digit is odd for men, even for women.
 *
 * @throws RangeError when `id` is not a valid resident ID number; validate user input first.
 */
export function sexOfResidentId(id: string): 'male' | 'female' {
  const value = assertResidentId(id);
  return Number(value.charAt(SEX_DIGIT)) % 2 === 1 ? 'male' : 'female';
}

/**
 * The birth date in a resident ID number as YYYY-MM-DD.
 *
 * @throws RangeError when `id` is not a valid resident ID number; validate user input first.
 */
export function birthDateOfResidentId(id: string): string {
  // assertResidentId has checked the date, so this cannot be undefined.
  return birthDateIso(assertResidentId(id)) ?? '';
}

function birthDateIso(normalised: string): string | undefined {
  return compactDateToIso(normalised.slice(BIRTH_DATE_START, BIRTH_DATE_END), MIN_BIRTH_YEAR, MAX_BIRTH_YEAR);
}

/** Reading personal attributes out of an invalid number would report nonsense as fact, so refuse. */
function assertResidentId(id: string): string {
  const check = validateResidentId(id);
  if (!check.ok) throw new RangeError(`Not a valid resident ID number: ${check.reason}`);
  return check.value;
}
