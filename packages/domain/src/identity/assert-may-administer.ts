import { DomainError } from '../errors.js';
import { hasRole, type Principal, type StaffRole } from './principal.js';

/**
 * Guards staff and API-token administration: a platform_admin may act on any department; a
 * dept_admin only on its own, and only with the department's own roles (clerk, reviewer,
 * dept_admin): the city-wide roles (supervisor, auditor, platform_admin) read across departments
 * and are granted or managed by a platform_admin only. Systems (API tokens) administer nothing.
 * Throws DomainError FORBIDDEN.
 *
 * @param deptCode the department the account or token belongs to
 * @param granting the roles being given, or held by the account or token being managed
 */
/** Roles that act within one department only: what a dept_admin may grant. */
const DEPARTMENT_ROLES: readonly StaffRole[] = ['clerk', 'reviewer', 'dept_admin'];

export function assertMayAdminister(
  principal: Principal,
  deptCode: string,
  granting: readonly StaffRole[] = [],
): void {
  if (principal.kind !== 'staff')
    throw new DomainError('FORBIDDEN', 'accounts and tokens are administered by staff, not by systems');
  if (hasRole(principal, 'platform_admin')) return;
  if (!hasRole(principal, 'dept_admin'))
    throw new DomainError('FORBIDDEN', 'only a dept_admin or platform_admin may administer accounts');
  if (principal.deptCode !== deptCode)
    throw new DomainError('FORBIDDEN', "a dept_admin may only administer its own department's accounts", {
      field: 'deptCode',
    });
  const cityWide = granting.filter((r) => !DEPARTMENT_ROLES.includes(r));
  if (cityWide.length > 0)
    throw new DomainError('FORBIDDEN', `only a platform_admin may grant or manage ${cityWide.join(', ')}`, {
      field: 'roles',
    });
}

/**
 * The department a listing is scoped to: a platform_admin sees the one asked for (or all), a
 * dept_admin its own (asking for another is FORBIDDEN).
 */
export function administeredDept(principal: Principal, asked: string | undefined): string | undefined {
  if (hasRole(principal, 'platform_admin')) return asked;
  assertMayAdminister(principal, asked ?? principal.deptCode);
  return principal.deptCode;
}
