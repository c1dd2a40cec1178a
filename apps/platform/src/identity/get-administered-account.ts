import { assertMayAdminister, DomainError, type Principal, type StaffAccount } from '@tongban/domain';
import type { IdentityContext } from './identity-context.js';

/** The account `id` if the actor may manage it; STAFF_NOT_FOUND, or FORBIDDEN for another department. */
export async function getAdministeredAccount(
  ctx: IdentityContext,
  actor: Principal,
  id: string,
): Promise<StaffAccount> {
  const account = await ctx.repo.findStaffById(id);
  if (!account) throw new DomainError('STAFF_NOT_FOUND', 'no staff account with this id');
  assertMayAdminister(actor, account.deptCode, account.roles);
  return account;
}
