import { DomainError, type AuditEntryInput } from '@tongban/domain';

/** Dotted lowercase: `consult.granted`, `catalog.version.published`, `api_token.created`. */
const OPERATION = /^[a-z][a-z_]*(\.[a-z_]+)+$/;

/** Bounds that keep one entry small (a few hundred bytes); the log says who, not what. */
export const auditEntryLimits = {
  operation: 64,
  actor: 128,
  subject: 128,
  outcome: 64,
  requestId: 128,
  purposeField: 64,
  detailKeys: 32,
  detailKey: 64,
  detailString: 256,
} as const;

const TOP_LEVEL = new Set(['operation', 'actor', 'subject', 'purpose', 'outcome', 'requestId', 'details']);
const PURPOSE = new Set(['itemCode', 'caseNo', 'deptCode']);

const fail = (field: string, message: string): never => {
  throw new DomainError('VALIDATION_FAILED', message, { field });
};

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.length === 0) return fail(field, 'must be a non-empty string');
  if (value.length > max) return fail(field, `must be at most ${max} characters`);
  return value;
}

function optionalText(value: unknown, field: string, max: number): string | undefined {
  return value === undefined ? undefined : text(value, field, max);
}

/** A plain object (or one made with `Object.create(null)`): not an array, a Date, a Map. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A checked copy of an entry holding exactly the fields of {@link AuditEntryInput}, so that nothing
 * the caller's object happens to carry (a certificate's fields, a token) reaches the log. Throws
 * VALIDATION_FAILED with the field at fault: an operation that is not dotted lowercase, a string
 * too long, an unknown field, or a `details` value that is not a string, finite number or boolean.
 */
export function validateAuditEntry(input: AuditEntryInput): AuditEntryInput {
  if (!isPlainObject(input)) return fail('entry', 'must be an object');
  for (const key of Object.keys(input))
    if (!TOP_LEVEL.has(key) && input[key] !== undefined) fail(key, 'is not a field of an audit entry');
  const operation = text(input.operation, 'operation', auditEntryLimits.operation);
  if (!OPERATION.test(operation)) fail('operation', 'must be dotted lowercase, e.g. consult.granted');
  return {
    operation,
    actor: text(input.actor, 'actor', auditEntryLimits.actor),
    subject: optionalText(input.subject, 'subject', auditEntryLimits.subject),
    purpose: validatePurpose(input.purpose),
    outcome: text(input.outcome, 'outcome', auditEntryLimits.outcome),
    requestId: text(input.requestId, 'requestId', auditEntryLimits.requestId),
    details: validateDetails(input.details),
  };
}

function validatePurpose(purpose: unknown): AuditEntryInput['purpose'] {
  if (purpose === undefined) return undefined;
  if (!isPlainObject(purpose)) return fail('purpose', 'must be an object');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(purpose)) {
    if (value === undefined) continue;
    if (!PURPOSE.has(key)) fail(`purpose.${key}`, 'is not a field of a purpose');
    out[key] = text(value, `purpose.${key}`, auditEntryLimits.purposeField);
  }
  return out;
}

function validateDetails(details: unknown): AuditEntryInput['details'] {
  if (details === undefined) return undefined;
  if (!isPlainObject(details)) return fail('details', 'must be an object');
  const entries = Object.entries(details).filter(([, v]) => v !== undefined);
  if (entries.length > auditEntryLimits.detailKeys)
    fail('details', `must have at most ${auditEntryLimits.detailKeys} keys`);
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of entries) {
    const field = `details.${key.slice(0, auditEntryLimits.detailKey)}`;
    if (key.length === 0 || key.length > auditEntryLimits.detailKey)
      fail(field, `keys must have 1 to ${auditEntryLimits.detailKey} characters`);
    if (typeof value === 'string') {
      if (value.length > auditEntryLimits.detailString)
        fail(field, `must be at most ${auditEntryLimits.detailString} characters`);
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) fail(field, 'must be a finite number');
    } else if (typeof value !== 'boolean') {
      fail(field, 'must be a string, a number or a boolean (no nested objects)');
    }
    out[key] = value as string | number | boolean;
  }
  return out;
}
