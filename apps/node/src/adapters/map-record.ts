import {
  makeCertificateId,
  normaliseIdentifier,
  parseCertificateId,
  parseCertificateStatus,
  validateCertificateId,
  type CertificateStatus,
  type SourceRecord,
} from '@tongban/domain';
import type { RecordMapping, ValueSpec } from './adapter-config.js';
import { applyMap, applyTransform, toInteger, toIsoDate, toText, toValidUntil } from './convert-value.js';

/** Reads one column or JSON path of an upstream record; undefined when it is absent. */
export type ReadValue = (ref: string) => unknown;

/** Why a record could not be mapped: a stable code and the part at fault, never the value. */
export interface MappingProblem {
  readonly code:
    | 'HOLDER_ID_INVALID'
    | 'ISSUER_INVALID'
    | 'STATUS_INVALID'
    | 'DATE_INVALID'
    | 'VERSION_INVALID'
    | 'CERTIFICATE_ID_INVALID'
    | 'KEY_INVALID'
    | 'FIELD_INVALID';
  readonly field: string;
}

export type MapOutcome =
  | { readonly ok: true; readonly record: SourceRecord }
  | { readonly ok: false; readonly problems: readonly MappingProblem[] };

/** The version written into generated identifiers: the identifier names the certificate, not a version. */
export const GENERATED_ID_VERSION = 1;

/** A serial of a generated identifier: what GB/T 36904 allows, bounded. */
const SERIAL = /^[0-9A-Z]{1,64}$/;

/**
 * The serial an upstream key gives: its text (an integer key as its digits) in canonical form
 * (half-width, upper case, no spaces), or undefined when that is not digits and capital letters.
 * Upper-casing is the one lossy step: keys that differ only in case would share an identifier, so a
 * mapping over such keys must map a `certificateId` column instead (see docs/adapters.md).
 */
export function serialOfKey(key: unknown): string | undefined {
  const text = toText(key);
  if (text === undefined) return undefined;
  const serial = normaliseIdentifier(text);
  return SERIAL.test(serial) ? serial : undefined;
}

/** The identifier an adapter makes for a record whose upstream keeps none. */
export function generatedCertificateId(typeCode: string, issuerCode: string, serial: string): string {
  return makeCertificateId({ typeCode, issuerCode, serial, version: GENERATED_ID_VERSION });
}

function valueOf(spec: ValueSpec, read: ReadValue): unknown {
  if (spec.kind === 'constant') return spec.value;
  return applyMap(read(spec.ref), spec.map);
}

/**
 * Maps one upstream record to a {@link SourceRecord}: the holder and issuer in canonical form, status
 * through the mapping's table (or 有效/valid…), real dates, the version (1 when unmapped), and the
 * identifier read (and checked: GB/T 36904, this type) or generated from the key. Fields that are
 * null or empty upstream are left out, so the type's `required` catches them. Pure.
 *
 * Checks of content against the certificate type (check characters, issuer allowed, field schema)
 * are checkCertificate's; this only refuses what cannot be a record at all.
 */
export function mapRecord(mapping: RecordMapping, read: ReadValue): MapOutcome {
  const problems: MappingProblem[] = [];
  const fail = (code: MappingProblem['code'], field: string): undefined => {
    problems.push({ code, field });
    return undefined;
  };

  const holderText = toText(read(mapping.holder.ref));
  const holderId = holderText === undefined ? '' : normaliseIdentifier(holderText);
  if (holderId === '' || holderId.length > 64) fail('HOLDER_ID_INVALID', 'holder.id');

  const issuerText = toText(valueOf(mapping.issuer, read));
  const issuerCode = issuerText === undefined ? '' : normaliseIdentifier(issuerText);
  if (issuerCode === '' || issuerCode.length > 64) fail('ISSUER_INVALID', 'issuerCode');

  const statusText = toText(valueOf(mapping.status, read));
  const status: CertificateStatus | undefined =
    statusText === undefined ? undefined : parseCertificateStatus(statusText);
  if (status === undefined) fail('STATUS_INVALID', 'status');

  const validFrom = toIsoDate(valueOf(mapping.validFrom, read));
  if (validFrom === undefined) fail('DATE_INVALID', 'validFrom');
  const validUntil = mapping.validUntil ? toValidUntil(valueOf(mapping.validUntil, read)) : null;
  if (validUntil === undefined) fail('DATE_INVALID', 'validUntil');

  const version = mapping.version ? toInteger(valueOf(mapping.version, read)) : 1;
  if (version === undefined || version < 1 || version > 2 ** 31 - 1) fail('VERSION_INVALID', 'version');

  let certificateId: string | undefined;
  if (mapping.certificateId) {
    const text = toText(valueOf(mapping.certificateId, read));
    const check = text === undefined ? undefined : validateCertificateId(text);
    // An identifier of another type is another certificate: the view joins the wrong rows.
    if (check?.ok && parseCertificateId(check.value)?.typeCode === mapping.typeCode)
      certificateId = check.value;
    else fail('CERTIFICATE_ID_INVALID', 'certificateId');
  } else if (mapping.key) {
    const serial = serialOfKey(valueOf(mapping.key, read));
    if (serial === undefined) fail('KEY_INVALID', 'key');
    else if (issuerCode !== '') {
      try {
        certificateId = generatedCertificateId(mapping.typeCode, issuerCode, serial);
      } catch {
        // makeCertificateId refuses an issuer that is not a credit code.
        fail('ISSUER_INVALID', 'issuerCode');
      }
    }
  }

  const fields: [string, unknown][] = [];
  for (const [name, spec] of Object.entries(mapping.fields)) {
    const raw = valueOf(spec, read);
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) continue;
    const transform = spec.kind === 'read' ? spec.transform : undefined;
    const value = applyTransform(raw, transform);
    if (value === undefined) fail(transform === 'date' ? 'DATE_INVALID' : 'FIELD_INVALID', `fields.${name}`);
    else if (value !== null) fields.push([name, value]);
  }

  if (
    problems.length > 0 ||
    status === undefined ||
    validFrom === undefined ||
    validUntil === undefined ||
    version === undefined ||
    certificateId === undefined
  )
    return { ok: false, problems };
  return {
    ok: true,
    record: {
      certificateId,
      version,
      typeCode: mapping.typeCode,
      holder: { kind: mapping.holder.kind, id: holderId },
      issuerCode,
      // fromEntries defines own properties: a field called __proto__ is a field, not a prototype.
      fields: Object.fromEntries(fields),
      status,
      validFrom,
      validUntil,
    },
  };
}

/**
 * The upstream key behind a generated identifier, or undefined when the identifier cannot be one
 * this mapping generated (malformed, another type or issuer, another version digit): then there is
 * nothing to look up, and the adapter answers not found without asking upstream.
 */
export function keyOfCertificateId(mapping: RecordMapping, certificateId: string): string | undefined {
  const parts = parseCertificateId(certificateId);
  if (!parts || parts.typeCode !== mapping.typeCode || parts.version !== GENERATED_ID_VERSION)
    return undefined;
  if (mapping.issuer.kind === 'constant' && parts.issuerCode !== mapping.issuer.value) return undefined;
  return parts.serial;
}
