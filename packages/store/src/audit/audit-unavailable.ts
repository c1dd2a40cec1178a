import { DomainError } from '@tongban/domain';

/**
 * AUDIT_UNAVAILABLE: the entry is not durable, so whatever it was to record must not happen
 * (principle 3, fail closed). The database's own error stays on `cause` for the operator's logs;
 * the message says nothing about SQL or parameters.
 */
export function auditUnavailable(message: string, cause?: unknown): DomainError {
  const error = new DomainError('AUDIT_UNAVAILABLE', message);
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}
