import {
  createAuditLog,
  createCatalogRepository,
  platformMigrations,
  type Database,
  type PlatformDatabase,
} from '@tongban/store';
import { openTestDatabase, testHash, testKey } from '@tongban/testing';
import type { AuditLog } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import { parsePlatformConfig } from './config.js';
import { buildPlatform } from './server.js';

export const TEST_AUDITOR_TOKEN = 'test-auditor-token-0123456789abcdef';

export interface TestPlatform {
  readonly app: FastifyInstance;
  readonly database: Database<PlatformDatabase>;
  readonly log: AuditLog;
  readonly keys: {
    readonly platform: ReturnType<typeof testKey>;
    readonly witness: ReturnType<typeof testKey>;
  };
  close(): Promise<void>;
}

/**
 * The platform as a test sees it: a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL),
 * a real audit log signed by fresh Ed25519 keys with a witness, and the server built (not listening).
 */
export async function openTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const database = await openTestDatabase<PlatformDatabase>(platformMigrations);
  const platform = testKey();
  const witness = testKey();
  const log = await createAuditLog(database.db, {
    hash: testHash,
    hashAlg: 'sha-256',
    logSigner: platform.signer,
    witness: witness.signer,
    headEvery: { entries: 1_000_000, milliseconds: 86_400_000 },
  });
  const config = parsePlatformConfig({ LOG_LEVEL: 'silent', AUDIT_READ_TOKENS: TEST_AUDITOR_TOKEN, ...env });
  const app = await buildPlatform({
    config,
    catalog: createCatalogRepository(database.db),
    ping: database.ping,
    audit: { log, hash: testHash },
    keys: { platformJwks: platform.jwks, witnessJwks: witness.jwks },
  });
  return {
    app,
    database,
    log,
    keys: { platform, witness },
    close: async () => {
      await app.close();
      await log.close();
      await database.close();
    },
  };
}
