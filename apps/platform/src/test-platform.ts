import {
  createAuditLog,
  createCatalogRepository,
  createConsultRepositories,
  createIdentityRepository,
  platformMigrations,
  type Database,
  type PlatformDatabase,
} from '@tongban/store';
import { verifierFor } from '@tongban/crypto';
import { openTestDatabase, testHash, testKey } from '@tongban/testing';
import { randomUUID } from 'node:crypto';
import type { AuditLog, Principal, StaffRole } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import { parsePlatformConfig } from './config.js';
import { createIdentityContext } from './identity/create-identity-context.js';
import { createOidcIdentityProvider } from './identity/oidc-identity-provider.js';
import { issueSession } from './identity/issue-session.js';
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
  /**
   * Creates a staff account (a fresh username unless given) in the department with these roles and
   * signs it in: `authorization` is the header value to send (`Bearer tbs_…`).
   */
  signInAs(who: SignInAs): Promise<{ token: string; authorization: string; principal: Principal }>;
  close(): Promise<void>;
}

export interface SignInAs {
  readonly deptCode: string;
  readonly roles: readonly StaffRole[];
  readonly name?: string;
  readonly username?: string;
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
  const identityRepo = createIdentityRepository(database.db);
  const app = await buildPlatform({
    config,
    catalog: createCatalogRepository(database.db),
    ping: database.ping,
    audit: { log, hash: testHash },
    keys: { platformJwks: platform.jwks, witnessJwks: witness.jwks },
    identity: {
      repo: identityRepo,
      provider: config.identity.oidc && createOidcIdentityProvider(config.identity.oidc),
    },
    consult: {
      ...createConsultRepositories(database.db),
      signer: () => platform.signer,
      ownVerifier: (kid) => (kid === platform.signer.kid ? verifierFor(platform.signer) : undefined),
    },
  });
  const identity = createIdentityContext(config.identity, log, { repo: identityRepo });
  let staffCount = 0;
  return {
    app,
    database,
    log,
    keys: { platform, witness },
    signInAs: async (who) => {
      staffCount += 1;
      const account = await identityRepo.createStaff({
        id: randomUUID(),
        username: who.username ?? `test-staff-${staffCount}-${randomUUID().slice(0, 8)}`,
        name: who.name ?? `测试员${staffCount}`,
        deptCode: who.deptCode,
        roles: who.roles,
        createdBy: 'test',
      });
      const session = await issueSession(identity, account, 'test', `test-sign-in-${staffCount}`);
      return { token: session.token, authorization: `Bearer ${session.token}`, principal: session.principal };
    },
    close: async () => {
      await app.close();
      await log.close();
      await database.close();
    },
  };
}
