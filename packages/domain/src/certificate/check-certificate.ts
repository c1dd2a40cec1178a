import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { CertificateType, FieldSchema } from '../catalog/types.js';
import { compactDateToIso } from '../identifiers/calendar-date.js';
import { validateCreditCode } from '../identifiers/credit-code.js';
import { validateResidentId } from '../identifiers/resident-id.js';
import type { CertificateContent } from './types.js';
import { certificateStatuses } from './types.js';

/** Why a certificate's content was refused. Stable: quarantine rows and API answers carry them. */
export const certificateProblemCodes = [
  'HOLDER_KIND_MISMATCH',
  'HOLDER_ID_INVALID',
  'ISSUER_INVALID',
  'ISSUER_NOT_ALLOWED',
  'FIELD_REQUIRED',
  'FIELD_INVALID',
  'FIELD_UNKNOWN',
  'CHECK_CHARACTER',
  'DATE_INVALID',
  'VALIDITY_ORDER',
  'STATUS_INVALID',
] as const;
export type CertificateProblemCode = (typeof certificateProblemCodes)[number];

/** One problem, with the field at fault (`fields.<name>`, `holder.id`, `validFrom`, ...). */
export interface CertificateProblem {
  readonly code: CertificateProblemCode;
  readonly field: string;
  /** Plain words; never repeats the value (it may be an ID number). */
  readonly message: string;
}

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, ownProperties: true }), [
  'date',
  'date-time',
  'email',
  'uri',
]);
const compiled = new WeakMap<CertificateType, ValidateFunction>();

/** The ID-number and credit-code patterns the catalogs use, so fields written so get check digits too. */
const RESIDENT_ID_PATTERNS = new Set(['^[0-9]{17}[0-9X]$', '^[0-9]{17}[0-9Xx]$']);
const CREDIT_CODE_PATTERNS = new Set(['^[0-9A-HJ-NPQRTUWXY]{18}$']);

function fieldKind(f: FieldSchema): 'resident-id' | 'credit-code' | undefined {
  if (f.format === 'resident-id' || (f.pattern && RESIDENT_ID_PATTERNS.has(f.pattern))) return 'resident-id';
  if (f.format === 'credit-code' || (f.pattern && CREDIT_CODE_PATTERNS.has(f.pattern))) return 'credit-code';
  return undefined;
}

/** A real calendar date written YYYY-MM-DD (2021-02-30 is not one). */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && compactDateToIso(s.replaceAll('-', ''), 1, 9999) !== undefined;
}

function validatorFor(type: CertificateType): ValidateFunction {
  let v = compiled.get(type);
  if (!v) {
    // Custom formats are checked below with the identifier rules; Ajv must not reject them as unknown.
    const schema = JSON.parse(
      JSON.stringify({ ...type.fields, $schema: undefined }, (k, val: unknown) =>
        k === 'format' && (val === 'resident-id' || val === 'credit-code') ? undefined : val,
      ),
    ) as object;
    v = ajv.compile(schema);
    compiled.set(type, v);
  }
  return v;
}

/**
 * Checks a certificate's content against its type: holder kind and check characters, issuing
 * department, fields against the type's JSON Schema (2020-12) plus check characters of ID-number
 * and credit-code fields, real dates, and a validity period that ends after it starts. Returns
 * every problem (empty when valid); pure, and safe on hostile input.
 */
export function checkCertificate(content: CertificateContent, type: CertificateType): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const add = (code: CertificateProblemCode, field: string, message: string) =>
    problems.push({ code, field, message });

  if (content.holder.kind !== type.holderKind)
    add('HOLDER_KIND_MISMATCH', 'holder.kind', `this type is held by a ${type.holderKind}`);
  const holderId: unknown = (content.holder as Partial<CertificateContent['holder']> | null)?.id;
  const holderCheck =
    typeof holderId !== 'string'
      ? undefined
      : content.holder.kind === 'person'
        ? validateResidentId(holderId)
        : validateCreditCode(holderId);
  if (!holderCheck) add('HOLDER_ID_INVALID', 'holder.id', 'the holder has no ID number');
  else if (!holderCheck.ok) add('HOLDER_ID_INVALID', 'holder.id', holderCheck.reason);
  // Stored identifiers are in standard form (upper case, no spaces), or holder lookups would miss them.
  else if (holderCheck.value !== holderId)
    add('HOLDER_ID_INVALID', 'holder.id', 'not written in standard form (upper case, no spaces)');

  const issuer =
    typeof content.issuerCode === 'string'
      ? validateCreditCode(content.issuerCode, { lenientCheck: true })
      : undefined;
  if (!issuer || !issuer.ok) add('ISSUER_INVALID', 'issuerCode', issuer?.reason ?? 'no issuing department');
  else if (issuer.value !== content.issuerCode)
    add('ISSUER_INVALID', 'issuerCode', 'not written in standard form (upper case, no spaces)');
  else if (!type.issuingDeptCodes.includes(content.issuerCode))
    add('ISSUER_NOT_ALLOWED', 'issuerCode', 'this department does not issue this certificate type');

  if (!(certificateStatuses as readonly string[]).includes(content.status))
    add('STATUS_INVALID', 'status', 'not a certificate status');
  if (!isIsoDate(content.validFrom)) add('DATE_INVALID', 'validFrom', 'not a real date (YYYY-MM-DD)');
  if (content.validUntil !== null) {
    if (!isIsoDate(content.validUntil)) add('DATE_INVALID', 'validUntil', 'not a real date (YYYY-MM-DD)');
    else if (isIsoDate(content.validFrom) && content.validUntil < content.validFrom)
      add('VALIDITY_ORDER', 'validUntil', 'the validity period ends before it starts');
  }

  const fields = content.fields as unknown;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    add('FIELD_INVALID', 'fields', 'the fields must be an object');
    return problems;
  }
  const validate = validatorFor(type);
  if (!validate(fields)) {
    for (const e of validate.errors ?? []) {
      if (e.keyword === 'required') {
        const name = String((e.params as { missingProperty?: string }).missingProperty);
        add('FIELD_REQUIRED', `fields.${name}`, `${type.fields.properties[name]?.title ?? name} is required`);
      } else if (e.keyword === 'additionalProperties') {
        const name = String((e.params as { additionalProperty?: string }).additionalProperty);
        add('FIELD_UNKNOWN', `fields.${name}`, 'not a field of this certificate type');
      } else {
        // instancePath is a JSON Pointer: unescape ~1 and ~0 to get the field name back.
        const name = (e.instancePath.replace(/^\//, '').split('/')[0] ?? '')
          .replaceAll('~1', '/')
          .replaceAll('~0', '~');
        const title = type.fields.properties[name]?.title ?? name;
        const code =
          e.keyword === 'format' && e.params['format'] === 'date' ? 'DATE_INVALID' : 'FIELD_INVALID';
        add(code, `fields.${name}`, `${title}: ${e.message ?? 'invalid'}`);
      }
    }
  }
  for (const [name, schema] of Object.entries(type.fields.properties)) {
    const value = Object.hasOwn(fields, name) ? (fields as Record<string, unknown>)[name] : undefined;
    if (typeof value !== 'string' || value === '') continue;
    const kind = fieldKind(schema);
    const check =
      kind === 'resident-id'
        ? validateResidentId(value)
        : kind === 'credit-code'
          ? validateCreditCode(value)
          : undefined;
    if (check && !check.ok && !problems.some((p) => p.field === `fields.${name}`))
      add('CHECK_CHARACTER', `fields.${name}`, `${schema.title}: ${check.reason}`);
  }
  return problems;
}
