import type { Principal } from '@tongban/domain';
import { tokenHash, tokenKindOf } from './bearer-token.js';
import type { IdentityContext } from './identity-context.js';

/**
 * The principal a bearer token stands for, or undefined when it is unknown, expired, revoked or
 * its account disabled. Cached for a few seconds (PrincipalCache), so a busy token costs one
 * database read per TTL; the cache never holds a credential past its own expiry.
 */
export async function resolvePrincipal(ctx: IdentityContext, token: string): Promise<Principal | undefined> {
  const kind = tokenKindOf(token);
  if (!kind) return undefined;
  const hash = tokenHash(token);
  const cached = ctx.cache.get(hash);
  if (cached) return cached;
  const generation = ctx.cache.generation;
  const now = ctx.clock();
  const resolved =
    kind === 'session' ? await ctx.repo.findSession(hash, now) : await ctx.repo.findApiToken(hash, now);
  if (!resolved) return undefined;
  // Not cached if a sign-out or revocation ran meanwhile: the answer may already be stale.
  ctx.cache.set(hash, resolved.principal, resolved.expiresAt, generation);
  return resolved.principal;
}
