import {
  currentKeySigner,
  hashFor,
  InMemoryNonceStore,
  openFileKeyStore,
  type KeyStore,
} from '@tongban/crypto';
import type { Catalog, CertificateSource } from '@tongban/domain';
import {
  createAuditLog,
  createCertificateStore,
  measureQuality,
  nodeMigrations,
  openConnection,
  openSchema,
  type Connection,
  type NodeDatabase,
} from '@tongban/store';
import type { FastifyInstance } from 'fastify';
import type { NodeConfig } from './config.js';
import { loadAdapters } from './adapters/index.js';
import { loadPlatformKeys } from './keys/platform-keys.js';
import { registerWithPlatform } from './keys/register-with-platform.js';
import { loadCatalog } from './load-catalog.js';
import { routeSources, storeSource } from './lookup/certificate-sources.js';
import { buildNode } from './server.js';

export interface RunningNode {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly deptCode: string;
  readonly keys: KeyStore;
  stop(): Promise<void>;
}

export interface StartNodeOptions {
  /** The catalog, when the caller has it already (the demo); otherwise read from `config.catalogFile`. */
  readonly catalog?: Catalog;
  /** A connection shared with other nodes (the demo: one embedded database, one schema per node). */
  readonly connection?: Connection;
  /** Upstream adapters, already opened. */
  readonly adapters?: readonly CertificateSource[];
}

/**
 * Starts a department node: its keys (generated on first start with the deployment's profile), its
 * database (migrations run first), its audit log, adapters and HTTP server.
 */
export async function startNode(config: NodeConfig, options: StartNodeOptions = {}): Promise<RunningNode> {
  const catalog = options.catalog ?? (await loadCatalog(config.catalogFile));
  const keys = await openFileKeyStore(config.keyDir, { profile: config.cryptoProfile });
  const platformKeys = await loadPlatformKeys(config.platformJwksFile);
  const connection = options.connection ?? (await openConnection(config.database));
  const ownsConnection = options.connection === undefined;
  const closers: (() => Promise<void>)[] = [];
  try {
    const database = await openSchema<NodeDatabase>(
      connection,
      nodeMigrations,
      config.schema ? { schema: config.schema } : {},
    );
    const hash = hashFor(config.cryptoProfile);
    const log = await createAuditLog(database.db, {
      hash: (d) => hash.digest(d),
      hashAlg: hash.name,
      logSigner: currentKeySigner(keys),
      headEvery: config.auditHeadEvery,
    });
    closers.push(() => log.close());
    const store = await createCertificateStore(database.db);
    // Upstream adapters connect lazily: a node starts even while its upstream system is down.
    const adapters =
      options.adapters ??
      (config.adaptersFile
        ? await loadAdapters(config.adaptersFile, {
            env: config.environment,
            certificateTypes: catalog.certificateTypes,
          })
        : []);
    const sources = routeSources(storeSource(store), adapters);
    closers.push(() => sources.close());
    const app = await buildNode({
      config,
      catalog: () => catalog,
      store,
      sources,
      log,
      signer: () => keys.signer(new Date()),
      jwks: () => keys.jwks(new Date()),
      platformKeys: platformKeys.keyLookup,
      nonceStore: new InMemoryNonceStore(),
      measureQuality: () =>
        measureQuality(
          database.db,
          catalog.certificateTypes.filter((t) => t.issuingDeptCodes.includes(config.deptCode)),
          new Date(),
        ),
      ping: database.ping,
    });
    closers.unshift(() => app.close());
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const registration = config.registration;
    if (registration) {
      const register = () =>
        registerWithPlatform(
          {
            ...registration,
            deptCode: config.deptCode,
            baseUrl: config.publicUrl ?? `http://${config.host}:${port}`,
          },
          keys.jwks(new Date()),
          catalog,
          sources.servedTypeCodes,
        ).then(
          (r) => {
            if (!r.ok) app.log.warn({ status: r.status }, 'the platform refused the node registration');
          },
          (e: unknown) =>
            app.log.warn(
              { err: e instanceof Error ? e.message : String(e) },
              'the platform could not be reached to register',
            ),
        );
      await register();
      const timer = setInterval(() => void register(), registration.everySeconds * 1000);
      timer.unref();
      closers.unshift(() => {
        clearInterval(timer);
        return Promise.resolve();
      });
    }
    return {
      app,
      url: `http://${config.host}:${port}`,
      deptCode: config.deptCode,
      keys,
      stop: async () => {
        for (const close of closers) await close();
        if (ownsConnection) await connection.close();
      },
    };
  } catch (e) {
    for (const close of closers) await close().catch(() => undefined);
    if (ownsConnection) await connection.close();
    throw e;
  }
}
