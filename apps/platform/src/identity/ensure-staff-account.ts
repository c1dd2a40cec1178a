import { randomUUID } from 'node:crypto';
import type { IdentityRepository, StaffAccount, StaffRole } from '@tongban/domain';
import { hashPassword } from './password-hash.js';

export interface EnsuredStaffAccount {
  readonly username: string;
  readonly name: string;
  readonly deptCode: string;
  readonly roles: readonly StaffRole[];
  readonly password?: string | undefined;
  readonly oidc?: { readonly issuer: string; readonly subject: string } | undefined;
  /** Who the account is recorded as created by; `system` by default. */
  readonly createdBy?: string | undefined;
}

/**
 * The account with this username: created when missing, left as it is when present (its password
 * and roles are not overwritten). For seeding: the bootstrap admin, and the demo city's named staff
 * per department. Writes no audit entry itself; the caller records what it seeded.
 */
export async function ensureStaffAccount(
  repo: IdentityRepository,
  account: EnsuredStaffAccount,
): Promise<{ readonly account: StaffAccount; readonly created: boolean }> {
  const username = account.username.toLowerCase();
  const existing = await repo.findStaffByUsername(username);
  if (existing) return { account: existing, created: false };
  try {
    const created = await repo.createStaff({
      id: randomUUID(),
      username,
      name: account.name,
      deptCode: account.deptCode,
      roles: [...new Set(account.roles)],
      passwordHash: account.password === undefined ? undefined : await hashPassword(account.password),
      external: account.oidc,
      createdBy: account.createdBy ?? 'system',
    });
    return { account: created, created: true };
  } catch (e) {
    // Two copies of the platform seeding at once: the other one won.
    const raced = await repo.findStaffByUsername(username);
    if (raced) return { account: raced, created: false };
    throw e;
  }
}
