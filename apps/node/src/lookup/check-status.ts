import { DomainError, type AuditLog } from '@tongban/domain';
import type { SourceRouter } from './certificate-sources.js';

export interface StatusQuestion {
  readonly requestId: string;
  readonly typeCode: string;
  readonly certificateId: string;
}

export type StatusOutcome =
  | { readonly outcome: 'found'; readonly status: string; readonly version: number }
  | { readonly outcome: 'not_found' }
  | { readonly outcome: 'unavailable' };

export interface StatusDeps {
  readonly sources: SourceRouter;
  readonly log: AuditLog;
  readonly timeoutMs: number;
}

/**
 * The current status and version of one certificate, for checking a seal: no field, no holder is
 * released, so no purpose is needed. Logged like a lookup, before the answer leaves.
 */
export async function checkStatus(
  q: StatusQuestion,
  actor: string,
  deps: StatusDeps,
): Promise<StatusOutcome> {
  let outcome: StatusOutcome;
  try {
    const record = await deps.sources
      .sourceFor(q.typeCode)
      .find(
        { by: 'id', typeCode: q.typeCode, certificateId: q.certificateId },
        AbortSignal.timeout(deps.timeoutMs),
      );
    outcome =
      record && record.certificateId === q.certificateId && record.typeCode === q.typeCode
        ? { outcome: 'found', status: record.status, version: record.version }
        : { outcome: 'not_found' };
  } catch {
    outcome = { outcome: 'unavailable' };
  }
  try {
    await deps.log.append({
      operation: 'node.status',
      actor,
      outcome: outcome.outcome,
      requestId: q.requestId,
      details: { typeCode: q.typeCode, certificateId: q.certificateId },
    });
  } catch (e) {
    throw new DomainError('AUDIT_UNAVAILABLE', 'the access could not be logged; nothing was released', {
      cause: e instanceof Error ? e.message : String(e),
    });
  }
  return outcome;
}
