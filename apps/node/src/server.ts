import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  frameworkErrorHandler,
  installProblemHandlers,
  problemCodeOf,
  IssueAnswerSchema,
  JwksSchema,
  LookupAnswerSchema,
  ProblemSchema,
  QualityReportSchema,
  ReleasedRecordSchema,
} from '@tongban/contracts';
import type { Jwks, KeyLookup, NonceStore, Signer } from '@tongban/crypto';
import type { AuditLog, Catalog, CertificateStore, QualityReport } from '@tongban/domain';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { NodeConfig } from './config.js';
import { auditRefusal, requirePlatformSignature } from './http/platform-signature.js';
import { keepRawJsonBody } from '@tongban/contracts';
import { passthroughRoutes } from './bench/passthrough-routes.js';
import { issueRoutes } from './issue/issue-routes.js';
import type { SourceRouter } from './lookup/certificate-sources.js';
import { statusRoutes } from './lookup/status-routes.js';
import { lookupRoutes } from './lookup/lookup-routes.js';
import { qualityRoutes } from './quality/quality-routes.js';

export interface NodeDeps {
  readonly config: NodeConfig;
  readonly catalog: () => Catalog;
  readonly store: CertificateStore;
  readonly sources: SourceRouter;
  readonly log: AuditLog;
  readonly signer: () => Signer;
  readonly jwks: () => Jwks;
  readonly platformKeys: KeyLookup;
  readonly nonceStore: NonceStore;
  readonly measureQuality: () => Promise<QualityReport>;
  readonly ping: () => Promise<boolean>;
  readonly clock?: () => Date;
}

const REDACT = ['req.headers.authorization', 'req.headers.signature', 'req.headers["signature-input"]'];

/** Paths whose every refusal is written to the node's audit log before it leaves. */
const AUDITED = new Map([
  ['/node/v1/lookup', 'node.lookup'],
  ['/node/v1/certificates', 'node.certificate.issue'],
]);

/** Builds a department node's HTTP server (not yet listening). */
export async function buildNode(deps: NodeDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const clock = deps.clock ?? (() => new Date());
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: REDACT },
    bodyLimit: config.bodyLimit,
    frameworkErrors: frameworkErrorHandler,
    genReqId: () => randomUUID(),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (config.benchPassthrough)
    app.log.warn(
      'NODE_BENCH_PASSTHROUGH is on: POST /node/v1/bench/passthrough serves records with no signature, ' +
        'policy or audit. A benchmark baseline: never enable it in production',
    );
  keepRawJsonBody(app);
  installProblemHandlers(app);
  // Every refusal of an audited route (bad signature, replay, oversized or malformed body) is on
  // the node's log before the problem is sent; if the log cannot record, the refusal still goes out.
  app.addHook('onError', async (req, _reply, error) => {
    const operation = AUDITED.get(req.routeOptions.url ?? '');
    if (!operation) return;
    const code = problemCodeOf(error);
    if (code === 'AUDIT_UNAVAILABLE') return;
    await auditRefusal(deps.log, operation, req, code).catch((e: unknown) =>
      req.log.error({ err: e }, 'could not log a refused request'),
    );
  });
  for (const schema of [
    ProblemSchema,
    ReleasedRecordSchema,
    LookupAnswerSchema,
    IssueAnswerSchema,
    QualityReportSchema,
    JwksSchema,
  ])
    app.addSchema(schema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tongban (通办) department node API',
        version: '1',
        description:
          'Called by the platform only: every request is signed (RFC 9421) by a registered platform key, and every answer is signed by the node and bound to its request.',
      },
    },
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) =>
        typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`,
    },
  });

  const verifyPlatform = requirePlatformSignature({
    keyLookup: deps.platformKeys,
    nonceStore: deps.nonceStore,
    maxAgeSeconds: config.signatureMaxAgeSeconds,
    clock,
    publicUrl: config.publicUrl,
  });

  const Status = Type.Object({ status: Type.String() });
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: Status } } }, () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    { schema: { tags: ['health'], response: { 200: Status, 503: Type.Ref('Problem') } } },
    async (_req, reply) =>
      (await deps.ping()) ? { status: 'ready' } : reply.code(503).send({ status: 'not ready' }),
  );

  await app.register(
    async (api) => {
      await api.register(lookupRoutes, {
        catalog: deps.catalog,
        scope: { deptCode: config.deptCode, servedTypeCodes: deps.sources.servedTypeCodes },
        sources: deps.sources,
        log: deps.log,
        timeoutMs: config.upstreamTimeoutMs,
        onUpstreamFailure: (source, error) =>
          app.log.warn(
            { source, err: error instanceof Error ? error.message : String(error) },
            'upstream unavailable',
          ),
        signer: deps.signer,
        clock,
        deptCode: config.deptCode,
        verifyPlatform,
      });
      await api.register(statusRoutes, {
        sources: deps.sources,
        log: deps.log,
        timeoutMs: config.upstreamTimeoutMs,
        signer: deps.signer,
        clock,
        deptCode: config.deptCode,
        verifyPlatform,
      });
      await api.register(issueRoutes, {
        catalog: deps.catalog,
        deptCode: config.deptCode,
        store: deps.store,
        log: deps.log,
        signer: deps.signer,
        clock,
        verifyPlatform,
      });
      await api.register(qualityRoutes, { measure: deps.measureQuality, verifyPlatform });
      // Benchmark baseline only (bench/consult.js): unsigned, unchecked, unaudited reads.
      if (config.benchPassthrough) await api.register(passthroughRoutes, { store: deps.store });
      api.get(
        '/keys/jwks.json',
        {
          schema: { tags: ['keys'], summary: "The node's public keys", response: { 200: Type.Ref('Jwks') } },
        },
        () => deps.jwks(),
      );
      api.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
    },
    { prefix: '/node/v1' },
  );
  return app;
}
