import type { Principal, StaffAccount } from '@tongban/domain';
import { newToken, tokenHash } from './bearer-token.js';
import { auditIdentity, type IdentityContext } from './identity-context.js';

/** A session as handed to the client: the token is shown here and never again. */
export interface IssuedSession {
  readonly token: string;
  readonly expiresAt: Date;
  readonly principal: Principal;
}

export const principalOf = (account: StaffAccount): Principal => ({
  kind: 'staff',
  id: account.id,
  deptCode: account.deptCode,
  roles: account.roles,
  name: account.name,
});

/**
 * Starts a session for an account that has proven who it is (password or OIDC): stores the
 * token's hash, resets the failure count, and records `staff.signed_in`. The token is released only
 * after the audit entry is durable.
 */
export async function issueSession(
  ctx: IdentityContext,
  account: StaffAccount,
  method: 'password' | 'oidc' | 'test',
  requestId: string,
  rehashedPassword?: string,
): Promise<IssuedSession> {
  const now = ctx.clock();
  const token = newToken('session');
  const expiresAt = new Date(now.getTime() + ctx.config.sessionMinutes * 60_000);
  // Housekeeping: sessions that expired a day ago go as new ones start (an indexed delete).
  await ctx.repo.deleteEndedSessions(new Date(now.getTime() - 24 * 3_600_000));
  await ctx.repo.createSession({ tokenHash: tokenHash(token), staffId: account.id, expiresAt });
  await ctx.repo.recordSignIn(account.id, now, rehashedPassword);
  await auditIdentity(ctx, {
    operation: 'staff.signed_in',
    actor: account.id,
    purpose: { deptCode: account.deptCode },
    outcome: 'ok',
    requestId,
    details: { method, username: account.username },
  });
  return { token, expiresAt, principal: principalOf(account) };
}
