import { generateSigner, InMemoryNonceStore, signRequest, verifierFor, type Signer } from '@tongban/crypto';
import type { AuditLog, Catalog, CertificateSource, CertificateStore } from '@tongban/domain';
import {
  createAuditLog,
  createCertificateStore,
  measureQuality,
  nodeMigrations,
  type Database,
  type NodeDatabase,
} from '@tongban/store';
import { openTestDatabase, smallCatalog, testHash, testKey } from '@tongban/testing';
import type { FastifyInstance } from 'fastify';
import { parseNodeConfig } from './config.js';
import { routeSources, storeSource } from './lookup/certificate-sources.js';
import { buildNode } from './server.js';

export interface TestNode {
  readonly app: FastifyInstance;
  /** The node's department (credit code). */
  readonly deptCode: string;
  readonly url: string;
  readonly database: Database<NodeDatabase>;
  readonly store: CertificateStore;
  readonly log: AuditLog;
  /** The platform's key, registered with the node. */
  readonly platform: Signer;
  /** The node's own key (its answers are signed with it). */
  readonly node: Signer;
  /** POSTs JSON signed by `signer` (the platform's by default); `tamper` may change the request after signing. */
  post(path: string, body: unknown, options?: SignedPostOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface SignedPostOptions {
  readonly signer?: Signer | undefined;
  readonly unsigned?: boolean;
  readonly now?: Date;
  readonly nonce?: string;
  readonly rawBody?: string;
  readonly tamper?: (init: { headers: Record<string, string>; body: string }) => void;
}

/**
 * A department node as a test sees it: a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL), a real audit log, fresh keys, listening on loopback (real HTTP).
 */
export async function openTestNode(options: {
  deptCode: string;
  catalog?: Catalog;
  adapters?: CertificateSource[];
  env?: Record<string, string>;
  /** The platform key the node trusts (a fresh one by default). */
  platformSigner?: Signer;
}): Promise<TestNode> {
  const catalog = options.catalog ?? smallCatalog;
  const database = await openTestDatabase<NodeDatabase>(nodeMigrations);
  const nodeKey = testKey();
  const platform = options.platformSigner ?? generateSigner('EdDSA');
  const log = await createAuditLog(database.db, {
    hash: testHash,
    hashAlg: 'sha-256',
    logSigner: nodeKey.signer,
    headEvery: { entries: 1_000_000, milliseconds: 86_400_000 },
  });
  const store = await createCertificateStore(database.db);
  const config = parseNodeConfig({
    NODE_DEPT_CODE: options.deptCode,
    NODE_CATALOG: 'unused.json',
    NODE_PLATFORM_JWKS: 'unused.json',
    LOG_LEVEL: 'silent',
    NODE_PORT: '0',
    ...options.env,
  });
  const platformVerifier = verifierFor(platform);
  const app = await buildNode({
    config,
    catalog: () => catalog,
    store,
    sources: routeSources(storeSource(store), options.adapters ?? []),
    log,
    signer: () => nodeKey.signer,
    jwks: nodeKey.jwks,
    platformKeys: (kid) => (kid === platformVerifier.kid ? platformVerifier : undefined),
    nonceStore: new InMemoryNonceStore(),
    measureQuality: () =>
      measureQuality(
        database.db,
        catalog.certificateTypes.filter((t) => t.issuingDeptCodes.includes(options.deptCode)),
        new Date(),
      ),
    ping: database.ping,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  async function post(path: string, body: unknown, o: SignedPostOptions = {}): Promise<Response> {
    const text = o.rawBody ?? JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!o.unsigned) {
      Object.assign(
        headers,
        await signRequest(
          { method: 'POST', url: `${url}${path}`, headers, body: text },
          o.signer ?? platform,
          {
            now: o.now ?? new Date(),
            ttlSeconds: 60,
            ...(o.nonce ? { nonce: o.nonce } : {}),
          },
        ),
      );
    }
    const init = { headers, body: text };
    o.tamper?.(init);
    return fetch(`${url}${path}`, { method: 'POST', headers: init.headers, body: init.body });
  }

  return {
    app,
    deptCode: options.deptCode,
    url,
    database,
    store,
    log,
    platform,
    node: nodeKey.signer,
    post,
    close: async () => {
      await app.close();
      await log.close();
      await database.close();
    },
  };
}
