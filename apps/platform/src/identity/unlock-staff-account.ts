import type { Principal, StaffAccount } from '@tongban/domain';
import { getAdministeredAccount } from './get-administered-account.js';
import { auditIdentity, type IdentityContext } from './identity-context.js';

/** Clears a lockout and the failure count before the lock runs out. Audit: `staff.unlocked`. */
export async function unlockStaffAccount(
  ctx: IdentityContext,
  actor: Principal,
  id: string,
  requestId: string,
): Promise<StaffAccount> {
  const account = await getAdministeredAccount(ctx, actor, id);
  const unlocked = (await ctx.repo.unlockStaff(account.id)) ?? account;
  await auditIdentity(ctx, {
    operation: 'staff.unlocked',
    actor: actor.id,
    purpose: { deptCode: account.deptCode },
    outcome: 'ok',
    requestId,
    details: { staffId: account.id, username: account.username },
  });
  return unlocked;
}
