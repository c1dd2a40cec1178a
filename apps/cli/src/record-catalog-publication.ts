import { randomUUID } from 'node:crypto';
import { hashFor, openFileKeyStore } from '@tongban/crypto';
import type { CatalogVersion } from '@tongban/domain';
import { createAuditLog, type PlatformDatabase } from '@tongban/store';
import type { Kysely } from 'kysely';
import type { CliConfig } from './config.js';

/**
 * Appends `catalog.version.published` to the platform's audit log and signs a tree head over it,
 * with the platform's (and witness's) keys from their key stores, made on first use.
 */
export async function recordCatalogPublication(
  config: CliConfig,
  db: Kysely<PlatformDatabase>,
  version: CatalogVersion,
  actor: string,
): Promise<void> {
  const keys = await openFileKeyStore(config.keyDir, { profile: config.cryptoProfile });
  const witness = await openFileKeyStore(config.witnessKeyDir, { profile: config.cryptoProfile });
  const hash = hashFor(config.cryptoProfile);
  const log = await createAuditLog(db, {
    hash: (d) => hash.digest(d),
    hashAlg: hash.name,
    logSigner: keys.signer(new Date()),
    witness: witness.signer(new Date()),
  });
  try {
    await log.append({
      operation: 'catalog.version.published',
      actor,
      outcome: 'ok',
      requestId: randomUUID(),
      details: { version: version.version, digest: version.digest, items: version.counts.items },
    });
    await log.signTreeHead();
  } finally {
    await log.close();
  }
}
