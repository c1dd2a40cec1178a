import {
  checkCertificate,
  decideLookup,
  DomainError,
  SourceUnavailableError,
  type AuditLog,
  type Catalog,
  type LookupOutcome,
  type LookupRequest,
  type NodeScope,
  type ReleasedRecord,
  type SourceQuery,
  type SourceRecord,
} from '@tongban/domain';
import type { SourceRouter } from './certificate-sources.js';

export interface LookupDeps {
  readonly catalog: () => Catalog;
  readonly scope: NodeScope;
  readonly sources: SourceRouter;
  readonly log: AuditLog;
  readonly timeoutMs: number;
  /** Told why an upstream failed (for the operator's log; never sent to the caller). */
  readonly onUpstreamFailure: (source: string, error: unknown) => void;
}

/**
 * Answers one lookup: the node's own rules first, then the source (store or adapter) within the
 * deadline, then only the requested fields. The access is appended to the node's audit log before
 * the answer is returned: if the log cannot record, nothing is released (AUDIT_UNAVAILABLE).
 */
export async function lookupCertificate(
  request: LookupRequest,
  actor: string,
  deps: LookupDeps,
): Promise<LookupOutcome> {
  const catalog = deps.catalog();
  const decision = decideLookup(request, catalog, deps.scope);
  let outcome: LookupOutcome;
  let source = 'policy';
  if (!decision.allow) {
    outcome = { outcome: 'denied', reason: decision.reason };
  } else {
    const query: SourceQuery =
      request.certificateId !== undefined
        ? { by: 'id', typeCode: request.typeCode, certificateId: request.certificateId }
        : { by: 'holder', typeCode: request.typeCode, holder: request.holder ?? { kind: 'person', id: '' } };
    const from = deps.sources.sourceFor(request.typeCode);
    source = from.name;
    try {
      const record = await from.find(query, AbortSignal.timeout(deps.timeoutMs));
      if (!record || !matches(record, query)) outcome = { outcome: 'not_found' };
      else {
        // Records from an upstream system get the same checks as local ones before release.
        const problems = from.name === 'store' ? [] : checkCertificate(record, decision.type);
        if (problems.length > 0) {
          deps.onUpstreamFailure(
            from.name,
            new Error(`record fails ${problems.map((p) => p.code).join(',')}`),
          );
          outcome = { outcome: 'unavailable' };
        } else outcome = { outcome: 'found', record: release(record, decision.fields) };
      }
    } catch (e) {
      // The node's own database failing is the node's outage (a 5xx the platform reads as
      // unavailable); an upstream behind an adapter failing is an answer: `unavailable`.
      if (from.name === 'store' && !(e instanceof SourceUnavailableError)) throw e;
      deps.onUpstreamFailure(from.name, e);
      outcome = { outcome: 'unavailable' };
    }
  }

  const holderId = outcome.outcome === 'found' ? outcome.record.holder.id : (request.holder?.id ?? undefined);
  try {
    await deps.log.append({
      operation: 'node.lookup',
      actor,
      subject: holderId,
      purpose: {
        itemCode: request.purpose.itemCode,
        caseNo: request.purpose.caseNo,
        deptCode: request.purpose.deptCode,
      },
      outcome: outcome.outcome === 'found' ? 'granted' : outcome.outcome,
      requestId: request.requestId,
      details: {
        typeCode: request.typeCode,
        fields: request.fields.length,
        clerkId: request.purpose.clerkId,
        source,
        ...(outcome.outcome === 'denied' ? { reason: outcome.reason } : {}),
        ...(outcome.outcome === 'found' ? { version: outcome.record.version } : {}),
      },
    });
  } catch (e) {
    throw new DomainError('AUDIT_UNAVAILABLE', 'the access could not be logged; nothing was released', {
      cause: e instanceof Error ? e.message : String(e),
    });
  }
  return outcome;
}

/** The source answered for the record asked about, not another one. */
function matches(record: SourceRecord, query: SourceQuery): boolean {
  if (record.typeCode !== query.typeCode) return false;
  return query.by === 'id'
    ? record.certificateId === query.certificateId
    : record.holder.kind === query.holder.kind && record.holder.id === query.holder.id;
}

/** The released copy: identity, status, validity and version, and the requested fields only. */
function release(record: SourceRecord, fields: readonly string[]): ReleasedRecord {
  const released: Record<string, unknown> = {};
  for (const f of fields) if (Object.hasOwn(record.fields, f)) released[f] = record.fields[f];
  return {
    certificateId: record.certificateId,
    typeCode: record.typeCode,
    issuerCode: record.issuerCode,
    holder: { kind: record.holder.kind, id: record.holder.id },
    status: record.status,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    version: record.version,
    fields: released,
  };
}
