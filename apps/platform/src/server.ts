import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AuditEntrySchema,
  frameworkErrorHandler,
  installProblemHandlers,
  identitySchemas,
  consultSchemas,
  JwksSchema,
  ProblemSchema,
  SignedTreeHeadSchema,
} from '@tongban/contracts';
import type { Jwks } from '@tongban/crypto';
import type { AuditLog, CatalogRepository, HashFn } from '@tongban/domain';
import Fastify, { type FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/audit-routes.js';
import { catalogRoutes, catalogSchemas } from './catalog/catalog-routes.js';
import type { PlatformConfig } from './config.js';
import { healthRoutes } from './health/health-routes.js';
import { bootstrapAdmin } from './identity/bootstrap-admin.js';
import { createIdentityContext, type IdentityDeps } from './identity/create-identity-context.js';
import { installIdentityPlugin } from './identity/identity-plugin.js';
import { identityRoutes } from './identity/identity-routes.js';
import { keyRoutes } from './keys/key-routes.js';
import { registerConsultModule, type ConsultModuleDeps } from './consult/consult-module.js';

export interface PlatformDeps {
  readonly config: PlatformConfig;
  readonly catalog: CatalogRepository;
  readonly ping: () => Promise<boolean>;
  readonly audit: { readonly log: AuditLog; readonly hash: HashFn };
  readonly keys: { readonly platformJwks: () => Jwks; readonly witnessJwks: () => Jwks | undefined };
  /** Staff identity: accounts, sessions, API tokens, the city's sign-on (docs/IDENTITY.md). */
  readonly identity: IdentityDeps;
  /** Cases, agreements, directory, consult, seals and federation (docs/CONSULT.md). */
  readonly consult: ConsultModuleDeps;
}

/** Paths that logs must never show: tokens and anything that could be an ID number. */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'];

/** Builds the platform's HTTP server (not yet listening). */
export async function buildPlatform({
  config,
  catalog,
  ping,
  audit,
  keys,
  identity,
  consult,
}: PlatformDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: REDACT },
    bodyLimit: config.bodyLimit,
    frameworkErrors: frameworkErrorHandler,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,48}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  installProblemHandlers(app);
  for (const schema of [ProblemSchema, ...catalogSchemas, SignedTreeHeadSchema, AuditEntrySchema, JwksSchema])
    app.addSchema(schema);
  for (const schema of identitySchemas) app.addSchema(schema);
  for (const schema of consultSchemas) app.addSchema(schema);
  const identityContext = createIdentityContext(config.identity, audit.log, identity);
  installIdentityPlugin(app, identityContext);
  await bootstrapAdmin(identityContext);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tongban (通办) platform API',
        version: '1',
        description:
          'Government service data sharing: catalog, consult, seals, audit. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      tags: [
        {
          name: 'catalog',
          description: 'Departments, certificate types, service items and catalog versions',
        },
        {
          name: 'audit',
          description: 'The tamper-evident audit log: signed tree heads, entries, Merkle proofs',
        },
        { name: 'keys', description: 'Public keys (JWKS) of the platform and of the witness' },
        {
          name: 'identity',
          description: 'Staff sign-in (password or OIDC), sessions, staff accounts and API tokens of systems',
        },
        { name: 'cases', description: 'Cases (办件) at the window: what a consult is bound to' },
        {
          name: 'consult',
          description: 'Consult (请求调阅): fetch, check, seal and log the certificates an item needs',
        },
        { name: 'agreements', description: 'Sharing agreements (共享申请) for conditionally shared types' },
        {
          name: 'directory',
          description: 'Which node or peer platform holds each type, with keys and health',
        },
        { name: 'seals', description: 'Electronic seals (电子印章): verification' },
        { name: 'federation', description: 'Consults forwarded between platforms (省、市平台互联)' },
        { name: 'health', description: 'Liveness and readiness' },
      ],
    },
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) =>
        typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`,
    },
  });

  await app.register(healthRoutes, { ping });
  await app.register(
    async (api) => {
      await api.register(catalogRoutes, { repo: catalog });
      await api.register(auditRoutes, {
        log: audit.log,
        hash: audit.hash,
        readTokens: config.auditReadTokens,
      });
      await api.register(keyRoutes, keys);
      await api.register(identityRoutes, { ctx: identityContext });
      await registerConsultModule(app, api, {
        deps: consult,
        config: config.consult,
        catalog,
        log: audit.log,
      });
      api.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
    },
    { prefix: '/api/v1' },
  );
  return app;
}
