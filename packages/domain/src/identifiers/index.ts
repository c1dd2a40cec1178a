export type { IdentifierCheck, IdentifierErrorCode, IdentifierWarning } from './identifier-check.js';
export { normaliseIdentifier } from './normalise-identifier.js';
export { mod112CheckCharacter, mod3736CheckCharacter } from './iso7064.js';
export {
  birthDateOfResidentId,
  makeResidentId,
  residentIdCheckCharacter,
  sexOfResidentId,
  validateResidentId,
} from './resident-id.js';
export { organisationCodeCheckCharacter } from './organisation-code.js';
export {
  creditCodeCheckCharacter,
  makeCreditCode,
  validateCreditCode,
  type CreditCodeOptions,
} from './credit-code.js';
export {
  makeCertificateId,
  parseCertificateId,
  validateCertificateId,
  type CertificateIdParts,
} from './certificate-id.js';
