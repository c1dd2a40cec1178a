/**
 * Who is asking. Every decision on the platform knows it: staff sign in (password or the city's
 * own sign-on through OIDC), systems present an API token. Both end as a principal bound to one
 * department with a set of roles.
 */

/** The roles staff can hold. A role never implies another; an account lists all it has. */
export const staffRoles = [
  /** 综合窗口: opens cases, records the applicant's request, consults. */
  'clerk',
  /** 后台审批: reviews and decides cases of the department. */
  'reviewer',
  /** Manages the department's staff and approves sharing agreements as provider. */
  'dept_admin',
  /** 电子监察: reads timings and signals across departments. */
  'supervisor',
  /** Reads the audit log, which names data subjects. */
  'auditor',
  /** Runs the platform: directory, peers, accounts of every department. */
  'platform_admin',
] as const;
export type StaffRole = (typeof staffRoles)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (staffRoles as readonly string[]).includes(value);
}

/** An authenticated caller. `system` principals come from API tokens (another system acting). */
export interface Principal {
  readonly kind: 'staff' | 'system';
  /** Stable id: the staff account's id, or the API token's owner id. */
  readonly id: string;
  /** Credit code of the department the principal belongs to. */
  readonly deptCode: string;
  readonly roles: readonly StaffRole[];
  /** Display name (never an ID number). */
  readonly name: string;
}

export function hasRole(principal: Principal, role: StaffRole): boolean {
  return principal.roles.includes(role);
}
