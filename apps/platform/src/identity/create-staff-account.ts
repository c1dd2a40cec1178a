import { randomUUID } from 'node:crypto';
import {
  assertMayAdminister,
  DomainError,
  type Principal,
  type StaffAccount,
  type StaffRole,
} from '@tongban/domain';
import { auditIdentity, type IdentityContext } from './identity-context.js';

export interface StaffAccountInput {
  readonly username: string;
  readonly name: string;
  readonly deptCode: string;
  readonly roles: readonly StaffRole[];
  readonly password?: string | undefined;
  /** Links the account to the city's sign-on (issuer, subject), set by the administrator. */
  readonly oidc?: { readonly issuer: string; readonly subject: string } | undefined;
}

/**
 * An administrator creates an account: a platform_admin in any department, a dept_admin in its own
 * and without platform_admin. The account needs a password, an OIDC link, or both. Audit:
 * `staff.created`.
 */
export async function createStaffAccount(
  ctx: IdentityContext,
  actor: Principal,
  input: StaffAccountInput,
  requestId: string,
): Promise<StaffAccount> {
  assertMayAdminister(actor, input.deptCode, input.roles);
  if (input.password === undefined && input.oidc === undefined)
    throw new DomainError('VALIDATION_FAILED', 'an account needs a password, an OIDC link, or both', {
      field: 'password',
    });
  const account = await ctx.repo.createStaff({
    id: randomUUID(),
    username: input.username.toLowerCase(),
    name: input.name,
    deptCode: input.deptCode,
    roles: [...new Set(input.roles)],
    passwordHash: input.password === undefined ? undefined : await ctx.passwords.hash(input.password),
    external: input.oidc,
    createdBy: actor.id,
  });
  await auditIdentity(ctx, {
    operation: 'staff.created',
    actor: actor.id,
    purpose: { deptCode: account.deptCode },
    outcome: 'ok',
    requestId,
    details: { staffId: account.id, username: account.username, roles: account.roles.join(',') },
  });
  return account;
}
