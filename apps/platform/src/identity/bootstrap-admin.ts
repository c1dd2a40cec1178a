import { auditIdentity, type IdentityContext } from './identity-context.js';
import { ensureStaffAccount } from './ensure-staff-account.js';

/**
 * On first start (no account at all) creates the platform_admin named by PLATFORM_ADMIN_USERNAME
 * and PLATFORM_ADMIN_PASSWORD, so there is someone to create the others. Does nothing once any
 * account exists, so changing the variables later changes nothing. Audit: `staff.created`.
 */
export async function bootstrapAdmin(ctx: IdentityContext): Promise<boolean> {
  const admin = ctx.config.bootstrapAdmin;
  if (!admin || (await ctx.repo.countStaff()) > 0) return false;
  const { account, created } = await ensureStaffAccount(ctx.repo, {
    username: admin.username,
    name: 'Platform administrator',
    deptCode: admin.deptCode,
    roles: ['platform_admin'],
    password: admin.password,
  });
  if (created)
    await auditIdentity(ctx, {
      operation: 'staff.created',
      actor: 'system',
      purpose: { deptCode: account.deptCode },
      outcome: 'ok',
      requestId: 'bootstrap',
      details: { staffId: account.id, username: account.username, roles: 'platform_admin', bootstrap: true },
    });
  return created;
}
