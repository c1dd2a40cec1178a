import type { StaffRole } from './principal.js';

/** A link from a staff account to an identity at the city's sign-on (OIDC): the pair is unique. */
export interface ExternalIdentity {
  /** The identity provider's issuer URL, exactly as it appears in its ID tokens. */
  readonly issuer: string;
  /** The provider's stable subject identifier for this person. */
  readonly subject: string;
  /** The display name the provider gave, when it gave one. */
  readonly name?: string | undefined;
}

/**
 * A member of staff who may sign in. Accounts are made by an administrator (no self-provisioning);
 * one signs in with a password, with the city's sign-on when `external` is set, or both.
 */
export interface StaffAccount {
  readonly id: string;
  /** Lower-case, unique: what the person types to sign in. */
  readonly username: string;
  /** Display name (never an ID number). */
  readonly name: string;
  /** Credit code of the department the person works for. */
  readonly deptCode: string;
  readonly roles: readonly StaffRole[];
  /** PHC-style password hash; undefined for accounts that only sign in through OIDC. */
  readonly passwordHash?: string | undefined;
  readonly external?: Omit<ExternalIdentity, 'name'> | undefined;
  /** Consecutive failed password sign-ins since the last success or unlock. */
  readonly failedAttempts: number;
  /** Set while the account is locked after too many failed sign-ins. */
  readonly lockedUntil?: Date | undefined;
  readonly disabled: boolean;
  readonly createdAt: Date;
  /** The principal id of whoever created it (`system` for the bootstrap). */
  readonly createdBy: string;
  readonly lastSignInAt?: Date | undefined;
}

/** What an administrator gives to create an account (the password already hashed). */
export interface NewStaffAccount {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly deptCode: string;
  readonly roles: readonly StaffRole[];
  readonly passwordHash?: string | undefined;
  readonly external?: Omit<ExternalIdentity, 'name'> | undefined;
  readonly createdBy: string;
}

/** An API token for another system, as listed: never its secret, only its SHA-256 is stored. */
export interface ApiTokenRecord {
  readonly id: string;
  readonly name: string;
  readonly deptCode: string;
  readonly roles: readonly StaffRole[];
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt?: Date | undefined;
  readonly revokedAt?: Date | undefined;
}

export interface NewApiToken {
  readonly id: string;
  /** SHA-256 (hex) of the token; the token itself is shown once and never stored. */
  readonly tokenHash: string;
  readonly name: string;
  readonly deptCode: string;
  readonly roles: readonly StaffRole[];
  readonly createdBy: string;
  readonly expiresAt?: Date | undefined;
}
