import { DomainError } from '@tongban/domain';
import { providerOf } from './begin-oidc-sign-in.js';
import { auditIdentity, type IdentityContext } from './identity-context.js';
import { issueSession, type IssuedSession } from './issue-session.js';

/**
 * Completes a sign-in at the city's sign-on and starts a session, like a password sign-in. The
 * identity must already be linked to an account by an administrator: an unknown (issuer, subject)
 * is FORBIDDEN, never a new account. A lockout from failed password sign-ins does not stop it (the
 * provider did the authentication). Audit: `staff.signed_in`, or `staff.sign_in_failed`.
 */
export async function completeOidcSignIn(
  ctx: IdentityContext,
  callback: Readonly<Record<string, string>>,
  requestId: string,
): Promise<IssuedSession> {
  const provider = providerOf(ctx);
  if (callback['error'] !== undefined)
    throw new DomainError('UNAUTHENTICATED', 'the sign-on provider refused the sign-in', {
      field: 'error',
    });
  const state = callback['state'];
  if (state === undefined || state === '')
    throw new DomainError('VALIDATION_FAILED', 'the callback carries no state', { field: 'state' });
  const pending = await ctx.repo.takePendingSignIn(state, ctx.clock());
  if (!pending)
    throw new DomainError('UNAUTHENTICATED', 'this sign-in has expired or was already used; start again');
  const identity = await provider.complete(callback, pending);
  const account = await ctx.repo.findStaffByExternalId(identity.issuer, identity.subject);
  if (!account || account.disabled) {
    await auditIdentity(ctx, {
      operation: 'staff.sign_in_failed',
      actor: account?.id ?? `oidc:${identity.subject}`.slice(0, 128),
      outcome: account ? 'disabled' : 'not_linked',
      requestId,
      details: { method: 'oidc', issuer: identity.issuer.slice(0, 256) },
    });
    throw new DomainError('FORBIDDEN', 'this sign-on identity is not linked to an active staff account');
  }
  return issueSession(ctx, account, 'oidc', requestId);
}
