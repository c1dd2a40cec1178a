import { DomainError, type Principal, type StaffAccount } from '@tongban/domain';
import { getAdministeredAccount } from './get-administered-account.js';
import { auditIdentity, type IdentityContext } from './identity-context.js';

export interface StaffAccountChange {
  readonly disabled?: boolean | undefined;
  /** Link to the city's sign-on, or null to remove the link. */
  readonly oidc?: { readonly issuer: string; readonly subject: string } | null | undefined;
}

/**
 * Disables or re-enables an account, or changes its OIDC link. Disabling revokes the account's
 * live sessions and drops them from this process's cache at once (other copies of the platform
 * within their cache TTL). Audit: `staff.disabled`, `staff.enabled`, `staff.updated`.
 */
export async function updateStaffAccount(
  ctx: IdentityContext,
  actor: Principal,
  id: string,
  change: StaffAccountChange,
  requestId: string,
): Promise<StaffAccount> {
  const account = await getAdministeredAccount(ctx, actor, id);
  if (change.disabled === true && account.id === actor.id)
    throw new DomainError('CONFLICT', 'an administrator cannot disable their own account', {
      field: 'disabled',
    });
  const updated = await ctx.repo.updateStaff(account.id, {
    disabled: change.disabled,
    external: change.oidc,
  });
  if (!updated) throw new DomainError('STAFF_NOT_FOUND', 'no staff account with this id');
  const base = {
    actor: actor.id,
    purpose: { deptCode: account.deptCode },
    outcome: 'ok',
    requestId,
  } as const;
  const details = { staffId: account.id, username: account.username };
  if (change.disabled === true) {
    await ctx.repo.revokeStaffSessions(account.id, ctx.clock());
    ctx.cache.deletePrincipal(account.id);
    await auditIdentity(ctx, { ...base, operation: 'staff.disabled', details });
  } else if (change.disabled === false && account.disabled)
    await auditIdentity(ctx, { ...base, operation: 'staff.enabled', details });
  if (change.oidc !== undefined)
    await auditIdentity(ctx, {
      ...base,
      operation: 'staff.updated',
      details: { ...details, oidcLinked: change.oidc !== null },
    });
  return updated;
}
