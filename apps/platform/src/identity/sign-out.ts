import { DomainError, type Principal } from '@tongban/domain';
import { tokenHash, tokenKindOf } from './bearer-token.js';
import { auditIdentity, type IdentityContext } from './identity-context.js';

/**
 * Ends the session the request was made with. The token stops working in this process at once;
 * another copy of the platform may still honour it until its principal cache entry ages out.
 */
export async function signOut(
  ctx: IdentityContext,
  principal: Principal,
  token: string,
  requestId: string,
): Promise<void> {
  if (tokenKindOf(token) !== 'session')
    throw new DomainError(
      'FORBIDDEN',
      'only a session signs out; revoke an API token with DELETE /api-tokens/{id}',
    );
  const hash = tokenHash(token);
  await ctx.repo.revokeSession(hash, ctx.clock());
  ctx.cache.delete(hash);
  await auditIdentity(ctx, {
    operation: 'staff.signed_out',
    actor: principal.id,
    purpose: { deptCode: principal.deptCode },
    outcome: 'ok',
    requestId,
  });
}
