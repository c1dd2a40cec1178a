import type { ApiTokenRecord, StaffAccount } from '@tongban/domain';

/** A staff account as the API shows it: never the password hash. */
export const staffAccountView = (a: StaffAccount) => ({
  id: a.id,
  username: a.username,
  name: a.name,
  deptCode: a.deptCode,
  roles: [...a.roles],
  hasPassword: a.passwordHash !== undefined,
  ...(a.external ? { oidc: { issuer: a.external.issuer, subject: a.external.subject } } : {}),
  failedAttempts: a.failedAttempts,
  ...(a.lockedUntil ? { lockedUntil: a.lockedUntil.toISOString() } : {}),
  disabled: a.disabled,
  createdAt: a.createdAt.toISOString(),
  createdBy: a.createdBy,
  ...(a.lastSignInAt ? { lastSignInAt: a.lastSignInAt.toISOString() } : {}),
});

/** An API token as listed: never the token, never its hash. */
export const apiTokenView = (t: ApiTokenRecord) => ({
  id: t.id,
  name: t.name,
  deptCode: t.deptCode,
  roles: [...t.roles],
  createdBy: t.createdBy,
  createdAt: t.createdAt.toISOString(),
  ...(t.expiresAt ? { expiresAt: t.expiresAt.toISOString() } : {}),
  ...(t.revokedAt ? { revokedAt: t.revokedAt.toISOString() } : {}),
});
