import { InMemoryNonceStore, type Signer, type Verifier } from '@tongban/crypto';
import type {
  AgreementRepository,
  AuditLog,
  CaseRepository,
  CatalogRepository,
  DirectoryRepository,
  IdempotencyRepository,
  SealedCopyRepository,
} from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import { agreementRoutes } from '../agreements/agreement-routes.js';
import { passthroughRoutes } from '../bench/passthrough-routes.js';
import { caseRoutes } from '../cases/case-routes.js';
import type { ConsultConfig } from '../config.js';
import { DirectoryService } from '../directory/directory-service.js';
import { directoryRoutes } from '../directory/directory-routes.js';
import { HealthTracker } from '../directory/health-tracker.js';
import { idempotencyHooks } from '../http/idempotency.js';
import { SignedClient } from '../directory/signed-client.js';
import { federationRoutes } from '../federation/federation-routes.js';
import { sealRoutes } from '../seal/seal-routes.js';
import { CatalogCache } from './catalog-cache.js';
import type { ConsultDeps } from './consult-certificates.js';

/** What the consult module needs from outside: its repositories and the platform's keys. */
export interface ConsultModuleDeps {
  readonly cases: CaseRepository;
  readonly agreements: AgreementRepository;
  readonly directory: DirectoryRepository;
  readonly sealedCopies: SealedCopyRepository;
  readonly idempotency: IdempotencyRepository;
  /** The key that signs at the time of the call (requests to nodes, seals). */
  readonly signer: () => Signer;
  /** This platform's verifier for a kid, for checking its own seals. */
  readonly ownVerifier: (kid: string) => Verifier | undefined;
  readonly clock?: () => Date;
}

/**
 * Cases, agreements, the directory, consult, seals and federation, registered under the API
 * prefix. Holds the directory in memory (loaded here), the node connection pools and the health
 * tracker, and closes them with the server.
 */
export async function registerConsultModule(
  app: FastifyInstance,
  api: FastifyInstance,
  options: {
    readonly deps: ConsultModuleDeps;
    readonly config: ConsultConfig;
    readonly catalog: CatalogRepository;
    readonly log: AuditLog;
  },
): Promise<void> {
  const { deps, config, log } = options;
  const clock = deps.clock ?? (() => new Date());
  const health = new HealthTracker(deps.directory, config.healthFlushMs, (e) =>
    app.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'directory health not recorded'),
  );
  const directory = new DirectoryService(deps.directory, health);
  await directory.refresh();
  // Registrations and removals made through another copy of the platform reach this one here.
  const refresher = setInterval(
    () =>
      void directory
        .refresh()
        .catch((e: unknown) =>
          app.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'directory not refreshed'),
        ),
    config.directoryRefreshMs,
  );
  refresher.unref();
  const client = new SignedClient();
  const catalog = new CatalogCache(options.catalog);
  app.addHook('onClose', async () => {
    clearInterval(refresher);
    await health.close();
    await client.close();
  });

  const consult: ConsultDeps = {
    cases: deps.cases,
    catalog,
    agreements: deps.agreements,
    directory,
    client,
    sealedCopies: deps.sealedCopies,
    log,
    signer: deps.signer,
    clock,
    platformId: config.platformId,
    nodeDeadlineMs: config.nodeDeadlineMs,
    sealTtlSeconds: config.sealTtlSeconds,
  };
  const idempotency = idempotencyHooks(deps.idempotency, clock);
  await api.register(caseRoutes, {
    idempotency,
    cases: { cases: deps.cases, catalog, log, clock, regionCode: config.regionCode },
    consult,
    sealedCopies: deps.sealedCopies,
  });
  await api.register(agreementRoutes, { agreements: deps.agreements, catalog, log, clock, idempotency });
  await api.register(directoryRoutes, { directory, catalog, log, clock });
  await api.register(sealRoutes, {
    platformId: config.platformId,
    ownVerifier: deps.ownVerifier,
    directory,
    client,
    signer: deps.signer,
    log,
    clock,
    deadlineMs: config.nodeDeadlineMs,
  });
  await api.register(federationRoutes, {
    ...consult,
    nonceStore: new InMemoryNonceStore({ clock }),
    publicUrl: config.signedBaseUrl,
  });
  // Benchmark baseline only (bench/consult.js): no identity, policy, signatures, seal or audit.
  if (config.benchPassthrough) {
    app.log.warn(
      'PLATFORM_BENCH_PASSTHROUGH is on: POST /api/v1/bench/passthrough/:caseNo serves records with no ' +
        'identity, policy, signature, seal or audit. A benchmark baseline: never enable it in production',
    );
    await api.register(passthroughRoutes, {
      cases: deps.cases,
      catalog,
      directory,
      deadlineMs: config.nodeDeadlineMs,
    });
  }
}
