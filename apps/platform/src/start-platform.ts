import { currentKeySigner, hashFor, openFileKeyStore } from '@tongban/crypto';
import {
  createAuditLog,
  createCatalogRepository,
  createConsultRepositories,
  createIdentityRepository,
  openDatabase,
  platformMigrations,
  type PlatformDatabase,
} from '@tongban/store';
import type { FastifyInstance } from 'fastify';
import type { PlatformConfig } from './config.js';
import { createOidcIdentityProvider } from './identity/oidc-identity-provider.js';
import { buildPlatform } from './server.js';

export interface RunningPlatform {
  readonly app: FastifyInstance;
  readonly url: string;
  stop(): Promise<void>;
}

/** Opens keys and database (running migrations), builds the server and listens. */
export async function startPlatform(config: PlatformConfig): Promise<RunningPlatform> {
  const keys = await openFileKeyStore(config.keyDir, { profile: config.cryptoProfile });
  const witness = config.witnessKeyDir
    ? await openFileKeyStore(config.witnessKeyDir, { profile: config.cryptoProfile })
    : undefined;
  const database = await openDatabase<PlatformDatabase>(config.database, platformMigrations);
  const hash = hashFor(config.cryptoProfile);
  const log = await createAuditLog(database.db, {
    hash: (d) => hash.digest(d),
    hashAlg: hash.name,
    logSigner: currentKeySigner(keys),
    ...(witness ? { witness: currentKeySigner(witness) } : {}),
    headEvery: config.auditHeadEvery,
  });
  const app = await buildPlatform({
    config,
    catalog: createCatalogRepository(database.db),
    ping: database.ping,
    audit: { log, hash: (d) => hash.digest(d) },
    keys: { platformJwks: () => keys.jwks(new Date()), witnessJwks: () => witness?.jwks(new Date()) },
    identity: {
      repo: createIdentityRepository(database.db),
      provider: config.identity.oidc && createOidcIdentityProvider(config.identity.oidc),
    },
    consult: {
      ...createConsultRepositories(database.db),
      signer: () => keys.signer(new Date()),
      ownVerifier: (kid) => keys.findVerifier(kid, new Date()),
    },
  });
  const stop = async (): Promise<void> => {
    await app.close();
    await log.close();
    await database.close();
  };
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    await stop();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { app, url: `http://${config.host}:${port}`, stop };
}
