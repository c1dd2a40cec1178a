import {
  decideFederatedConsult,
  isCurrentlyValid,
  type DirectoryEntry,
  type Holder,
  type LookupDenialReason,
  type ConsultDenialReason,
} from '@tongban/domain';
import type { CatalogCache } from '../consult/catalog-cache.js';
import type { ConsultDeps } from '../consult/consult-certificates.js';
import { fetchDepsOf, fetchRecord } from '../consult/fetch-record.js';
import { sealRecord } from '../consult/seal-record.js';

/** A consult forwarded by a peer platform, as it arrives. */
export interface FederatedConsult {
  readonly requestId: string;
  readonly platformId: string;
  readonly typeCode: string;
  readonly holder: Holder;
  readonly fields: readonly string[];
  readonly itemName: string;
  readonly explicitRequest: boolean;
  readonly purpose: {
    readonly itemCode: string;
    readonly caseNo: string;
    readonly deptCode: string;
    readonly clerkId: string;
    readonly agreementId?: string | undefined;
  };
}

export type FederatedAnswer =
  | { readonly outcome: 'found'; readonly seal: string; readonly sealId: string }
  | { readonly outcome: 'not_found' }
  | { readonly outcome: 'unavailable'; readonly reason: string }
  | { readonly outcome: 'denied'; readonly reason: ConsultDenialReason | LookupDenialReason };

export type FederationDeps = Omit<ConsultDeps, 'cases' | 'sealedCopies'> & { readonly catalog: CatalogCache };

/**
 * Answers a consult a peer platform forwarded: this platform's own policy, its own nodes only
 * (never forwarded again, so two peers cannot loop), its own seal over the record with the
 * original purpose, and its own audit entry — before the answer leaves.
 */
export async function answerFederatedConsult(
  q: FederatedConsult,
  peer: DirectoryEntry,
  deps: FederationDeps,
): Promise<FederatedAnswer> {
  const catalog = await deps.catalog.latest();
  const type = catalog?.types.get(q.typeCode);
  const sources = deps.directory.sourcesFor(q.typeCode).filter((s) => s.entry.kind === 'node');
  const providerDeptCode = sources[0]?.entry.entryId ?? type?.issuingDeptCodes[0] ?? '';
  const agreements =
    type?.sharing === 'conditional'
      ? await deps.agreements.listFor(q.purpose.deptCode, q.purpose.itemCode, q.typeCode)
      : [];
  const now = deps.clock();
  const decision = decideFederatedConsult({
    peerId: peer.entryId,
    typeCode: q.typeCode,
    type,
    holder: q.holder,
    fields: q.fields,
    explicitRequest: q.explicitRequest,
    purpose: q.purpose,
    providerDeptCode,
    agreements,
    now,
  });

  let answer: FederatedAnswer;
  let certificateId: string | undefined;
  if (!decision.allow) answer = { outcome: 'denied', reason: decision.reason };
  else if (sources.length === 0) answer = { outcome: 'unavailable', reason: 'NO_SOURCE' };
  else {
    const fetched = await fetchRecord(
      sources,
      {
        requestId: q.requestId,
        typeCode: q.typeCode,
        holder: q.holder,
        fields: decision.fields,
        purpose: {
          itemCode: q.purpose.itemCode,
          caseNo: q.purpose.caseNo,
          deptCode: q.purpose.deptCode,
          clerkId: q.purpose.clerkId,
          ...(decision.agreementId ? { agreementId: decision.agreementId } : {}),
        },
      },
      fetchDepsOf(deps, q.itemName, q.explicitRequest),
      type?.issuingDeptCodes ?? [],
    );
    if (fetched.outcome === 'found' && !isCurrentlyValid(fetched.record, now)) {
      // Revoked, suspended or past its validity: not a usable copy, never sealed.
      answer = { outcome: 'not_found' };
    } else if (fetched.outcome === 'found') {
      certificateId = fetched.record.certificateId;
      const sealed = await sealRecord(
        fetched,
        {
          issuerName: catalog?.departments.get(fetched.record.issuerCode)?.name ?? fetched.record.issuerCode,
          itemName: q.itemName,
          purpose: {
            itemCode: q.purpose.itemCode,
            caseNo: q.purpose.caseNo,
            deptCode: q.purpose.deptCode,
            clerkId: q.purpose.clerkId,
            explicitRequest: q.explicitRequest,
            agreementId: decision.agreementId,
          },
        },
        deps,
      );
      answer = { outcome: 'found', seal: sealed.seal, sealId: sealed.sealId };
    } else {
      const m = fetched.material;
      answer =
        m.status === 'not_found'
          ? { outcome: 'not_found' }
          : m.status === 'unavailable'
            ? { outcome: 'unavailable', reason: m.reason }
            : { outcome: 'denied', reason: m.reason };
    }
  }

  await deps.log.append({
    operation: `federation.consult.${answer.outcome === 'found' ? 'granted' : answer.outcome}`,
    // The clerk at the peer is in the details: the actor stays within the log's 128 characters.
    actor: `peer:${peer.entryId}`,
    subject: q.holder.id,
    purpose: { itemCode: q.purpose.itemCode, caseNo: q.purpose.caseNo, deptCode: q.purpose.deptCode },
    outcome: answer.outcome === 'found' ? 'granted' : answer.outcome,
    requestId: q.requestId,
    details: {
      typeCode: q.typeCode,
      peer: peer.entryId,
      clerkId: q.purpose.clerkId,
      ...(answer.outcome === 'found' ? { sealId: answer.sealId, certificateId: certificateId ?? '' } : {}),
      ...('reason' in answer ? { reason: String(answer.reason) } : {}),
    },
  });
  return answer;
}
