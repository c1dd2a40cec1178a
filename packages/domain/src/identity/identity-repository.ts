import type { Page, PageRequest } from '../catalog/catalog-repository.js';
import type { Principal } from './principal.js';
import type { ApiTokenRecord, NewApiToken, NewStaffAccount, StaffAccount } from './staff-account.js';

/** How many failed sign-ins lock an account, and for how long. */
export interface LockoutPolicy {
  readonly maxAttempts: number;
  readonly lockMinutes: number;
}

/** The state of an account after a failed sign-in was counted. */
export interface FailedSignIn {
  readonly failedAttempts: number;
  /** Set when this failure (or an earlier one) locked the account. */
  readonly lockedUntil?: Date | undefined;
  /** True when this very failure locked the account. */
  readonly lockedNow: boolean;
}

/** A credential (session or API token) resolved to who it stands for, and until when. */
export interface ResolvedCredential {
  readonly principal: Principal;
  readonly expiresAt?: Date | undefined;
}

/** The server-side half of an OIDC sign-in in progress: kept until the callback, used once. */
export interface PendingSignIn {
  readonly state: string;
  readonly codeVerifier: string;
  readonly nonce: string;
}

/**
 * Where staff accounts, sessions, API tokens and pending OIDC sign-ins live. Secrets are never
 * stored: sessions and API tokens are found by the SHA-256 (hex) of the token.
 *
 * Creating an account or a token whose unique key is taken throws DomainError CONFLICT.
 */
export interface IdentityRepository {
  createStaff(account: NewStaffAccount): Promise<StaffAccount>;
  findStaffById(id: string): Promise<StaffAccount | undefined>;
  findStaffByUsername(username: string): Promise<StaffAccount | undefined>;
  findStaffByExternalId(issuer: string, subject: string): Promise<StaffAccount | undefined>;
  listStaff(
    filter: { readonly deptCode?: string | undefined },
    page: PageRequest,
  ): Promise<Page<StaffAccount>>;
  countStaff(): Promise<number>;
  /**
   * Counts one failed sign-in atomically and locks the account when the count reaches the policy's
   * limit. A lock that has run out starts the count again.
   */
  recordFailedSignIn(id: string, now: Date, policy: LockoutPolicy): Promise<FailedSignIn>;
  /** Resets the failure count and notes the time; optionally stores a re-hashed password. */
  recordSignIn(id: string, now: Date, passwordHash?: string): Promise<void>;
  /** Clears the lock and the failure count. Undefined when there is no such account. */
  unlockStaff(id: string): Promise<StaffAccount | undefined>;
  /** Applies the change; undefined when there is no such account. */
  updateStaff(
    id: string,
    change: {
      readonly disabled?: boolean | undefined;
      readonly external?: { readonly issuer: string; readonly subject: string } | null | undefined;
    },
  ): Promise<StaffAccount | undefined>;

  createSession(session: { tokenHash: string; staffId: string; expiresAt: Date }): Promise<void>;
  /** The staff principal of a live session: not expired, not revoked, account not disabled. */
  findSession(tokenHash: string, now: Date): Promise<ResolvedCredential | undefined>;
  revokeSession(tokenHash: string, now: Date): Promise<void>;
  /** Revokes every live session of the account; answers the hashes it revoked. */
  revokeStaffSessions(staffId: string, now: Date): Promise<readonly string[]>;
  /** Deletes sessions that expired before `before` (revoked ones expire too): housekeeping. */
  deleteEndedSessions(before: Date): Promise<number>;

  createApiToken(token: NewApiToken): Promise<ApiTokenRecord>;
  findApiTokenById(id: string): Promise<(ApiTokenRecord & { readonly tokenHash: string }) | undefined>;
  /** The system principal of a live API token: not expired, not revoked. */
  findApiToken(tokenHash: string, now: Date): Promise<ResolvedCredential | undefined>;
  listApiTokens(
    filter: { readonly deptCode?: string | undefined },
    page: PageRequest,
  ): Promise<Page<ApiTokenRecord>>;
  /** Marks the token revoked (idempotent); answers it, or undefined when there is no such token. */
  revokeApiToken(
    id: string,
    now: Date,
    by: string,
  ): Promise<(ApiTokenRecord & { readonly tokenHash: string }) | undefined>;

  savePendingSignIn(pending: PendingSignIn, expiresAt: Date): Promise<void>;
  /** Answers and deletes the pending sign-in of this state if it has not expired: usable once. */
  takePendingSignIn(state: string, now: Date): Promise<PendingSignIn | undefined>;
}
