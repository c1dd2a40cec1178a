import { validateCreditCode } from './credit-code.js';
import {
  accepted,
  rejected,
  type IdentifierCheck,
  type IdentifierErrorCode,
  type IdentifierWarning,
} from './identifier-check.js';
import { mod3736CheckCharacter } from './iso7064.js';
import { normaliseIdentifier } from './normalise-identifier.js';

/**
 * Electronic certificate identifier (电子证照标识, GB/T 36904):
 *   1.2.156.3005.2.<type code>.<issuer credit code>.<serial>.<version>.<check>
 * where the type code is the defining authority's credit code followed by a 3-digit number (21
 * characters), the issuer is the issuing department's credit code, the version has 3 digits, and
 * the check character is ISO/IEC 7064 MOD 37,36 over type code + issuer + serial + version with the
 * dots removed.
 */
const PREFIX = '1.2.156.3005.2.';

/** The parts of a valid certificate identifier. */
export interface CertificateIdParts {
  readonly typeCode: string;
  readonly issuerCode: string;
  readonly serial: string;
  readonly version: number;
  readonly check: string;
}

interface Problem {
  readonly code: IdentifierErrorCode;
  readonly reason: string;
}

/**
 * Validates an electronic certificate identifier after normalising it (full-width dots and digits,
 * spaces and lower case are accepted). Rejects with FORMAT for a wrong prefix or layout, LENGTH for a
 * type code that is not 21 characters, the embedded credit code's own error code (prefixed in the
 * reason) for a bad type or issuer code, and CHECK_CHARACTER for a wrong final character.
 *
 * The embedded credit codes are checked leniently: a wrong 18th character there is reported as the
 * warning CHECK_CHARACTER_MISMATCH, because certificates already issued under such a code stay valid
 * and the identifier's own check character still protects the whole string.
 */
export function validateCertificateId(input: string): IdentifierCheck {
  const value = normaliseIdentifier(input);
  if (value === '') return rejected(value, 'EMPTY', 'The certificate identifier is empty.');
  if (!value.startsWith(PREFIX)) {
    return rejected(value, 'FORMAT', `A certificate identifier starts with ${PREFIX}`);
  }
  const parts = value.slice(PREFIX.length).split('.');
  if (parts.length !== 5) {
    return rejected(
      value,
      'FORMAT',
      'After the prefix come five dot-separated parts: type code, issuer code, serial, version, check character.',
    );
  }
  const [typeCode = '', issuerCode = '', serial = '', version = '', check = ''] = parts;
  const warnings: IdentifierWarning[] = [];
  const problem = findProblemInParts(typeCode, issuerCode, serial, version, warnings);
  if (problem) return rejected(value, problem.code, problem.reason);
  if (!/^[0-9A-Z]$/.test(check)) {
    return rejected(value, 'FORMAT', 'The check character is one digit or capital letter.');
  }
  if (mod3736CheckCharacter(typeCode + issuerCode + serial + version) !== check) {
    return rejected(
      value,
      'CHECK_CHARACTER',
      'The check character does not match: the identifier has a typing error.',
    );
  }
  return accepted(value, warnings);
}

/**
 * Builds a certificate identifier, computing its MOD 37,36 check character.
 *
 * @param p.typeCode 21 characters: the defining authority's credit code and a 3-digit number.
 * @param p.issuerCode the issuing department's 18-character credit code.
 * @param p.serial one or more digits or capital letters.
 * @param p.version 0..999, written with 3 digits.
 * @throws RangeError when a part is malformed (the same rules as validateCertificateId).
 */
export function makeCertificateId(p: {
  typeCode: string;
  issuerCode: string;
  serial: string;
  version: number;
}): string {
  if (!Number.isInteger(p.version) || p.version < 0 || p.version > 999) {
    throw new RangeError('version must be an integer from 0 to 999');
  }
  const version = String(p.version).padStart(3, '0');
  const problem = findProblemInParts(p.typeCode, p.issuerCode, p.serial, version, []);
  if (problem) throw new RangeError(`Invalid certificate identifier part: ${problem.reason}`);
  const check = mod3736CheckCharacter(p.typeCode + p.issuerCode + p.serial + version);
  return `${PREFIX}${p.typeCode}.${p.issuerCode}.${p.serial}.${version}.${check}`;
}

/**
 * Splits a certificate identifier into its parts, or returns undefined when it is not valid (as
 * validateCertificateId decides), so parts are never read out of a mistyped identifier.
 */
export function parseCertificateId(id: string): CertificateIdParts | undefined {
  const check = validateCertificateId(id);
  if (!check.ok) return undefined;
  const [typeCode = '', issuerCode = '', serial = '', version = '', checkCharacter = ''] = check.value
    .slice(PREFIX.length)
    .split('.');
  return { typeCode, issuerCode, serial, version: Number(version), check: checkCharacter };
}

/**
 * Shared by validate and make. The parts must already be canonical: validate has normalised the
 * whole string, and make is given parts by code, so lower case or spaces there are an error.
 */
function findProblemInParts(
  typeCode: string,
  issuerCode: string,
  serial: string,
  version: string,
  warnings: IdentifierWarning[],
): Problem | undefined {
  if (typeCode.length !== 21)
    return { code: 'LENGTH', reason: 'The certificate type code has 21 characters.' };
  if (!/^[0-9A-Z]{18}[0-9]{3}$/.test(typeCode)) {
    return { code: 'FORMAT', reason: 'The certificate type code is a credit code followed by 3 digits.' };
  }
  const authority = embeddedCreditCodeProblem(typeCode.slice(0, 18), 'Type code authority', warnings);
  if (authority) return authority;
  if (!/^[0-9A-Z]+$/.test(issuerCode)) {
    return { code: 'FORMAT', reason: 'The issuer code is a credit code of digits and capital letters.' };
  }
  const issuer = embeddedCreditCodeProblem(issuerCode, 'Issuer code', warnings);
  if (issuer) return issuer;
  if (!/^[0-9A-Z]+$/.test(serial)) {
    return { code: 'FORMAT', reason: 'The serial is one or more digits or capital letters.' };
  }
  if (!/^[0-9]{3}$/.test(version)) return { code: 'FORMAT', reason: 'The version is 3 digits.' };
  return undefined;
}

function embeddedCreditCodeProblem(
  code: string,
  label: string,
  warnings: IdentifierWarning[],
): Problem | undefined {
  const check = validateCreditCode(code, { lenientCheck: true });
  if (!check.ok) return { code: check.code, reason: `${label}: ${check.reason}` };
  warnings.push(...check.warnings);
  return undefined;
}
