import { decideSignIn, DomainError } from '@tongban/domain';
import { auditIdentity, type IdentityContext } from './identity-context.js';
import { issueSession, type IssuedSession } from './issue-session.js';

/** The one answer for every refusal that is not a lock: it does not tell which usernames exist. */
const refused = (): DomainError => new DomainError('UNAUTHENTICATED', 'the username or password is wrong');

/**
 * Password sign-in. The password is always checked (against a dummy hash when there is no account
 * or no password), so the time taken does not reveal whether the username exists. Wrong passwords
 * count towards a lockout; at the limit the account is locked (ACCOUNT_LOCKED, 423) and stays so,
 * even for the right password, until the lock runs out or an administrator unlocks it.
 *
 * Audit: `staff.sign_in_failed` (actor: the username tried, never the password), `staff.locked`,
 * `staff.signed_in`.
 */
export async function signIn(
  ctx: IdentityContext,
  input: { readonly username: string; readonly password: string },
  requestId: string,
): Promise<IssuedSession> {
  const username = input.username.trim().toLowerCase();
  const account = await ctx.repo.findStaffByUsername(username);
  const matches = await ctx.passwords.verify(input.password, account?.passwordHash);
  const now = ctx.clock();
  const decision = decideSignIn(account, matches, now);
  const failed = (outcome: string) =>
    auditIdentity(ctx, {
      operation: 'staff.sign_in_failed',
      actor: account?.id ?? username,
      ...(account ? { purpose: { deptCode: account.deptCode } } : {}),
      outcome,
      requestId,
      details: { username },
    });

  switch (decision.kind) {
    case 'granted': {
      const rehash =
        account!.passwordHash && ctx.passwords.needsRehash(account!.passwordHash)
          ? await ctx.passwords.hash(input.password)
          : undefined;
      return issueSession(ctx, account!, 'password', requestId, rehash);
    }
    case 'locked':
      await failed('ACCOUNT_LOCKED');
      throw lockedError(decision.until);
    case 'rejected': {
      if (decision.reason !== 'wrong_password' || !account) {
        await failed(decision.reason);
        throw refused();
      }
      const policy = { maxAttempts: ctx.config.lockoutAttempts, lockMinutes: ctx.config.lockoutMinutes };
      const result = await ctx.repo.recordFailedSignIn(account.id, now, policy);
      await failed('wrong_password');
      if (result.lockedNow && result.lockedUntil) {
        await auditIdentity(ctx, {
          operation: 'staff.locked',
          actor: account.id,
          purpose: { deptCode: account.deptCode },
          outcome: 'ok',
          requestId,
          details: {
            username,
            failedAttempts: result.failedAttempts,
            lockedUntil: result.lockedUntil.toISOString(),
          },
        });
        throw lockedError(result.lockedUntil);
      }
      throw refused();
    }
  }
}

const lockedError = (until: Date): DomainError =>
  new DomainError('ACCOUNT_LOCKED', 'the account is locked after repeated failed sign-ins; try again later', {
    lockedUntil: until.toISOString(),
  });
