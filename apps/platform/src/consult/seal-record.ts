import { randomUUID } from 'node:crypto';
import { sha256, signSeal, type Signer } from '@tongban/crypto';
import { buildSealPayload, type SealPayload } from '@tongban/domain';
import type { FetchedRecord } from './fetch-record.js';

export interface SealDeps {
  readonly signer: () => Signer;
  readonly clock: () => Date;
  readonly platformId: string;
  readonly sealTtlSeconds: number;
}

/** SHA-256 of a seal's compact text, as a Digest field value (RFC 9530 form), like response digests. */
export function sealDigestOf(seal: string): string {
  return `sha-256=:${Buffer.from(sha256(seal)).toString('base64')}:`;
}

/**
 * Seals one verified record for its purpose (DESIGN §4): the payload with the watermark, signed
 * with the platform's current key. A record that came through a peer keeps the digest of the
 * peer's seal in `source.via`. What consult and federation both do once a record is in hand.
 */
export async function sealRecord(
  found: Extract<FetchedRecord, { outcome: 'found' }>,
  context: {
    readonly issuerName: string;
    readonly itemName: string;
    readonly purpose: SealPayload['purpose'];
  },
  deps: SealDeps,
): Promise<{ readonly sealId: string; readonly seal: string; readonly payload: SealPayload }> {
  const sealId = randomUUID();
  const payload = buildSealPayload({
    sealId,
    issuedAt: deps.clock(),
    ttlSeconds: deps.sealTtlSeconds,
    platformId: deps.platformId,
    record: found.record,
    issuerName: context.issuerName,
    itemName: context.itemName,
    purpose: context.purpose,
    source: {
      nodeId: found.nodeId,
      responseDigest: found.responseDigest,
      fetchedAt: found.fetchedAt,
      via: found.peerSeal
        ? { platformId: found.viaPlatformId, sealDigest: sealDigestOf(found.peerSeal) }
        : null,
    },
  });
  return { sealId, seal: await signSeal(payload, deps.signer()), payload };
}
