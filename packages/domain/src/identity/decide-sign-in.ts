import type { StaffAccount } from './staff-account.js';

/** What a password sign-in comes to, before anything is written. */
export type SignInDecision =
  | { readonly kind: 'granted' }
  /** The account is locked: refused even with the right password. */
  | { readonly kind: 'locked'; readonly until: Date }
  /**
   * Refused with the same answer whatever the reason, so the answer does not tell which usernames
   * exist. `wrong_password` is the only reason that counts towards a lockout.
   */
  | {
      readonly kind: 'rejected';
      readonly reason: 'unknown_user' | 'disabled' | 'no_password' | 'wrong_password';
    };

/**
 * Decides a password sign-in. The caller has already checked the password (against a dummy hash
 * when there is no account, so that the time taken does not depend on it) and passes the result.
 */
export function decideSignIn(
  account: StaffAccount | undefined,
  passwordMatches: boolean,
  now: Date,
): SignInDecision {
  if (!account) return { kind: 'rejected', reason: 'unknown_user' };
  if (account.disabled) return { kind: 'rejected', reason: 'disabled' };
  if (account.lockedUntil && account.lockedUntil.getTime() > now.getTime())
    return { kind: 'locked', until: account.lockedUntil };
  if (account.passwordHash === undefined) return { kind: 'rejected', reason: 'no_password' };
  return passwordMatches ? { kind: 'granted' } : { kind: 'rejected', reason: 'wrong_password' };
}
