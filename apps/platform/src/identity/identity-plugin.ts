import { DomainError, type Principal, type StaffRole } from '@tongban/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerOf, tokenKindOf } from './bearer-token.js';
import type { IdentityContext } from './identity-context.js';
import { resolvePrincipal } from './resolve-principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: set from `Authorization: Bearer tbs_…|tbt_…`, undefined when anonymous. */
    principal: Principal | undefined;
    /** The bearer token the principal came from (for sign-out). Never logged. */
    bearerToken: string | undefined;
  }
}

/**
 * Installs authentication on `app` (call it on the root instance, before routes): an `onRequest`
 * hook reads `Authorization: Bearer <token>` and, for a token this platform issues (`tbs_` session,
 * `tbt_` API token), sets `request.principal`.
 *
 * - A token of ours that does not resolve (unknown, expired, revoked, account disabled) is refused
 *   at once with 401 UNAUTHENTICATED: a presented credential that is bad is never treated as
 *   anonymous.
 * - Any other bearer value leaves the request anonymous, so routes with their own tokens (the
 *   audit log's AUDIT_READ_TOKENS) keep working; `requirePrincipal` refuses it.
 * - Resolution is cached per process for a few seconds (see PrincipalCache), so a busy token does
 *   not cost a database round trip per request.
 */
export function installIdentityPlugin(app: FastifyInstance, ctx: IdentityContext): void {
  app.decorateRequest('principal', undefined);
  app.decorateRequest('bearerToken', undefined);
  app.addHook('onRequest', async (request) => {
    const token = bearerOf(request.headers.authorization);
    if (token === undefined || tokenKindOf(token) === undefined) return;
    const principal = await resolvePrincipal(ctx, token);
    if (!principal)
      throw new DomainError(
        'UNAUTHENTICATED',
        'the bearer token is expired, revoked or unknown; sign in again',
      );
    request.principal = principal;
    request.bearerToken = token;
  });
}

/** The request's principal; throws UNAUTHENTICATED (401) when there is none. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (request.principal) return request.principal;
  const given = bearerOf(request.headers.authorization);
  throw new DomainError(
    'UNAUTHENTICATED',
    given === undefined
      ? 'sign in first (Authorization: Bearer <token>)'
      : 'the bearer token is not one this platform issued (tbs_… or tbt_…)',
  );
}

/** The request's principal if it holds at least one of `roles`; UNAUTHENTICATED or FORBIDDEN otherwise. */
export function requireRole(request: FastifyRequest, ...roles: readonly StaffRole[]): Principal {
  const principal = requirePrincipal(request);
  if (!roles.some((r) => principal.roles.includes(r)))
    throw new DomainError('FORBIDDEN', `this needs one of the roles: ${roles.join(', ')}`);
  return principal;
}
