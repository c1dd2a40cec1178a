import { randomUUID } from 'node:crypto';
import { verifySeal, type Signer, type Verifier } from '@tongban/crypto';
import type { AuditLog, Principal, SealFailureReason } from '@tongban/domain';
import type { DirectoryService } from '../directory/directory-service.js';
import type { SignedClient } from '../directory/signed-client.js';

export interface SealCheckDeps {
  /** This platform's id: what its own seals name. */
  readonly platformId: string;
  /** This platform's verifier for a kid (the current key and those in their overlap). */
  readonly ownVerifier: (kid: string) => Verifier | undefined;
  readonly directory: DirectoryService;
  readonly client: SignedClient;
  readonly signer: () => Signer;
  readonly log: AuditLog;
  readonly clock: () => Date;
  readonly deadlineMs: number;
}

export interface SealCheck {
  readonly valid: boolean;
  readonly reason?: SealFailureReason;
  readonly detail?: string;
  readonly kid?: string;
  readonly sealId?: string;
  readonly expiresAt?: string;
  readonly watermark?: string;
  /** The certificate's status at its source now: a status name, `not_found`, or `unknown`. */
  readonly sourceStatus?: string;
}

/**
 * Checks a seal as a relying party would, plus what only the platform can: the signature with this
 * platform's or a peer's published keys, the expiry, and then the certificate's current status at
 * its source node (REVOKED_AT_SOURCE when it is no longer valid there). A source that cannot answer
 * leaves the seal valid with `sourceStatus: unknown`.
 */
export async function checkSeal(
  seal: string,
  principal: Principal,
  requestId: string,
  deps: SealCheckDeps,
): Promise<SealCheck> {
  const now = deps.clock();
  // Which platform's key verified it: a seal must name the platform whose key signed it.
  let signedBy: string | undefined;
  const checked = verifySeal(
    seal,
    (kid) => {
      const own = deps.ownVerifier(kid);
      if (own) {
        signedBy = deps.platformId;
        return own;
      }
      const peer = deps.directory.peerVerifier(kid);
      signedBy = peer?.entry.entryId;
      return peer?.verifier;
    },
    now,
  );
  let answer: SealCheck;
  if (!checked.ok) answer = { valid: false, reason: checked.reason, detail: checked.detail };
  else if (checked.payload.platformId !== signedBy)
    answer = {
      valid: false,
      reason: 'UNKNOWN_KEY',
      detail: 'signed by a key of another platform than it names',
    };
  else {
    const p = checked.payload;
    const sourceStatus = await statusAtSource(
      p.source.nodeId,
      p.certificate.type,
      p.certificate.identifier,
      deps,
    );
    const base = {
      kid: checked.kid,
      sealId: p.sealId,
      expiresAt: p.expiresAt,
      watermark: p.watermark,
      sourceStatus,
    };
    answer =
      sourceStatus !== 'valid' && sourceStatus !== 'unknown'
        ? { ...base, valid: false, reason: 'REVOKED_AT_SOURCE', detail: `the source says ${sourceStatus}` }
        : { ...base, valid: true };
  }
  await deps.log.append({
    operation: 'seal.checked',
    actor: principal.id,
    outcome: answer.valid ? 'valid' : (answer.reason ?? 'invalid'),
    requestId,
    ...(checked.ok ? { subject: checked.payload.holder.id } : {}),
    details: {
      ...(answer.sealId ? { sealId: answer.sealId } : {}),
      ...(answer.sourceStatus ? { sourceStatus: answer.sourceStatus } : {}),
    },
  });
  return answer;
}

async function statusAtSource(
  nodeId: string,
  typeCode: string,
  certificateId: string,
  deps: SealCheckDeps,
): Promise<string> {
  const node = deps.directory.find(nodeId);
  if (!node || node.entry.kind !== 'node') return 'unknown';
  const requestId = randomUUID();
  const result = await deps.client.call({
    baseUrl: node.entry.baseUrl,
    path: '/node/v1/status',
    body: { requestId, typeCode, certificateId },
    signer: deps.signer(),
    keyLookup: (kid) => node.verifiers.get(kid),
    deadlineMs: deps.deadlineMs,
    now: deps.clock,
  });
  if (!result.ok || result.status !== 200) return 'unknown';
  const body = result.body as {
    requestId?: unknown;
    outcome?: unknown;
    status?: unknown;
    certificateId?: unknown;
  };
  if (body.requestId !== requestId || body.certificateId !== certificateId) return 'unknown';
  if (body.outcome === 'not_found') return 'not_found';
  return body.outcome === 'found' && typeof body.status === 'string' ? body.status : 'unknown';
}
