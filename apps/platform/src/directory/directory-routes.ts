import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { RegisterEntrySchema } from '@tongban/contracts';
import { DomainError, hasRole, type AuditLog, type Principal } from '@tongban/domain';
import { Type } from 'typebox';
import { requirePrincipal } from '../identity/identity-plugin.js';
import type { CatalogCache } from '../consult/catalog-cache.js';
import type { DirectoryService } from './directory-service.js';

export interface DirectoryRouteOptions {
  readonly directory: DirectoryService;
  readonly catalog: CatalogCache;
  readonly log: AuditLog;
  readonly clock: () => Date;
}

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
};

/**
 * The directory: which node or peer platform holds each type, with its endpoint, keys and health.
 * A node registers (and re-registers after a key rotation) with an API token of its department
 * holding dept_admin; peers are registered by a platform admin.
 */
export const directoryRoutes: FastifyPluginCallbackTypebox<DirectoryRouteOptions> = (app, options, done) => {
  const { directory, log } = options;

  app.get(
    '/directory',
    {
      schema: {
        tags: ['directory'],
        summary: 'Nodes and peer platforms, the types they hold, their keys and health',
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ entries: Type.Array(Type.Ref('DirectoryEntry')) }), ...problems },
      },
    },
    async (req) => {
      requirePrincipal(req);
      await directory.health.flush();
      return { entries: [...(await directory.list())] };
    },
  );

  const register = (kind: 'node' | 'peer') =>
    app.put(
      kind === 'node' ? '/directory/nodes/:entryId' : '/directory/peers/:entryId',
      {
        schema: {
          tags: ['directory'],
          summary:
            kind === 'node'
              ? "Register or re-register a department's node (its keys after a rotation)"
              : 'Register or re-register a peer platform (platform admin)',
          security: [{ bearer: [] }],
          params: Type.Object({
            entryId:
              kind === 'node'
                ? Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' })
                : Type.String({ pattern: '^[0-9A-Za-z._:-]{1,64}$' }),
          }),
          body: RegisterEntrySchema,
          response: { 200: Type.Ref('DirectoryEntry'), 201: Type.Ref('DirectoryEntry'), ...problems },
        },
      },
      async (req, reply) => {
        const principal = requirePrincipal(req);
        assertMayRegister(principal, kind, req.params.entryId);
        assertReachable(req.body.baseUrl);
        if (kind === 'node' && !hasRole(principal, 'platform_admin')) {
          // A department registers its node only for the types the catalog says it issues: otherwise
          // it could be asked for (and answer with) other departments' certificates.
          const latest = await options.catalog.latest();
          const foreign = req.body.typeCodes.filter(
            (t) => !latest?.types.get(t)?.issuingDeptCodes.includes(req.params.entryId),
          );
          if (foreign.length > 0)
            throw new DomainError(
              'FORBIDDEN',
              `types this department does not issue need a platform admin: ${foreign.slice(0, 5).join(', ')}`,
              { field: 'typeCodes' },
            );
        }
        const { entry, created } = await directory.register({
          entryId: req.params.entryId,
          kind,
          ...req.body,
          now: options.clock(),
        });
        await log.append({
          operation: `directory.${kind}.${created ? 'registered' : 'updated'}`,
          actor: principal.id,
          outcome: 'ok',
          requestId: String(req.id),
          details: { entryId: entry.entryId, keys: entry.jwks.keys.length, types: entry.typeCodes.length },
        });
        return reply.code(created ? 201 : 200).send(entry);
      },
    );
  register('node');
  register('peer');

  app.delete(
    '/directory/:entryId',
    {
      schema: {
        tags: ['directory'],
        summary: 'Remove a node or peer (platform admin)',
        security: [{ bearer: [] }],
        params: Type.Object({ entryId: Type.String({ pattern: '^[0-9A-Za-z._:-]{1,64}$' }) }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      const principal = requirePrincipal(req);
      if (!hasRole(principal, 'platform_admin')) throw new DomainError('FORBIDDEN', 'platform admins only');
      if (!(await directory.remove(req.params.entryId)))
        throw new DomainError('NODE_NOT_FOUND', 'no such entry');
      await log.append({
        operation: 'directory.removed',
        actor: principal.id,
        outcome: 'ok',
        requestId: String(req.id),
        details: { entryId: req.params.entryId },
      });
      return reply.code(204).send(null);
    },
  );
  done();
};

/** A base URL that parses, http(s), with no credentials, query or fragment. */
function assertReachable(baseUrl: string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'baseUrl is not a URL', { field: 'baseUrl' });
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash)
    throw new DomainError('VALIDATION_FAILED', 'baseUrl must be a plain http(s) URL', { field: 'baseUrl' });
}

function assertMayRegister(principal: Principal, kind: 'node' | 'peer', entryId: string): void {
  if (hasRole(principal, 'platform_admin')) return;
  if (kind === 'node' && principal.deptCode === entryId && hasRole(principal, 'dept_admin')) return;
  throw new DomainError(
    'FORBIDDEN',
    kind === 'node'
      ? "only the department's admin or a platform admin registers its node"
      : 'platform admins only',
  );
}
