import { assertMayAdminister, DomainError, type Principal } from '@tongban/domain';
import { auditIdentity, type IdentityContext } from './identity-context.js';

/**
 * Revokes an API token (idempotent). It stops working in this process at once; another copy of
 * the platform honours it until its principal cache entry ages out (≤ the cache TTL).
 * Audit: `api_token.revoked` (once, when it is first revoked).
 */
export async function revokeApiToken(
  ctx: IdentityContext,
  actor: Principal,
  id: string,
  requestId: string,
): Promise<void> {
  const token = await ctx.repo.findApiTokenById(id);
  if (!token) throw new DomainError('NOT_FOUND', 'no API token with this id');
  assertMayAdminister(actor, token.deptCode, token.roles);
  ctx.cache.delete(token.tokenHash);
  if (token.revokedAt) return;
  await ctx.repo.revokeApiToken(id, ctx.clock(), actor.id);
  ctx.cache.delete(token.tokenHash);
  await auditIdentity(ctx, {
    operation: 'api_token.revoked',
    actor: actor.id,
    purpose: { deptCode: token.deptCode },
    outcome: 'ok',
    requestId,
    details: { tokenId: token.id, name: token.name },
  });
}
