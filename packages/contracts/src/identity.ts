import { staffRoles, type StaffRole } from '@tongban/domain';
import { Type, type Static } from 'typebox';

/**
 * Staff identity's HTTP shapes: sign-in, sessions, staff accounts, API tokens (docs/IDENTITY.md).
 * Secrets appear in exactly two answers (a new session, a new API token) and are never listed.
 */
export const StaffRoleSchema = Type.Union(
  [
    Type.Literal('clerk'),
    Type.Literal('reviewer'),
    Type.Literal('dept_admin'),
    Type.Literal('supervisor'),
    Type.Literal('auditor'),
    Type.Literal('platform_admin'),
  ],
  { description: 'clerk, reviewer, dept_admin, supervisor, auditor, platform_admin' },
);
/** Compile-time guard: the schema's roles are exactly the domain's `staffRoles`. */
type SameRoles = [Static<typeof StaffRoleSchema>] extends [StaffRole]
  ? [StaffRole] extends [Static<typeof StaffRoleSchema>]
    ? true
    : false
  : false;
export const staffRolesMatch: SameRoles = true;

/** Lower case letters, digits, `.`, `_`, `-`; up to 64. */
export const UsernameSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z0-9][a-z0-9._-]{0,63}$',
  description: 'lower case a-z, 0-9, . _ - (1-64)',
});

export const DeptCodeSchema = Type.String({
  minLength: 18,
  maxLength: 18,
  pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$',
  description: "统一社会信用代码 of the principal's department",
});

const Roles = Type.Array(StaffRoleSchema, { maxItems: staffRoles.length, uniqueItems: true });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 with offset' });
const OidcLink = Type.Object(
  {
    issuer: Type.String({ minLength: 1, maxLength: 512, description: "the provider's issuer URL" }),
    subject: Type.String({ minLength: 1, maxLength: 255, description: "the provider's `sub`" }),
  },
  { additionalProperties: false },
);

export const PrincipalSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('staff'), Type.Literal('system')]),
    id: Type.String(),
    deptCode: Type.String(),
    roles: Type.Array(StaffRoleSchema),
    name: Type.String(),
  },
  { $id: 'Principal', title: 'Who is asking: a member of staff, or a system with an API token' },
);

export const SignInRequestSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const SessionSchema = Type.Object(
  {
    token: Type.String({ description: 'Bearer token (tbs_…): shown once, send as Authorization: Bearer' }),
    expiresAt: Instant,
    principal: Type.Ref('Principal'),
  },
  { $id: 'Session', title: 'A signed-in session' },
);

export const StaffAccountSchema = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    name: Type.String(),
    deptCode: Type.String(),
    roles: Type.Array(StaffRoleSchema),
    hasPassword: Type.Boolean(),
    oidc: Type.Optional(OidcLink),
    failedAttempts: Type.Integer(),
    lockedUntil: Type.Optional(Instant),
    disabled: Type.Boolean(),
    createdAt: Instant,
    createdBy: Type.String(),
    lastSignInAt: Type.Optional(Instant),
  },
  { $id: 'StaffAccount', title: 'A staff account (never its password hash)' },
);

export const NewStaffAccountSchema = Type.Object(
  {
    username: UsernameSchema,
    name: Type.String({ minLength: 1, maxLength: 100, description: 'display name (never an ID number)' }),
    deptCode: DeptCodeSchema,
    roles: Roles,
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 256 })),
    oidc: Type.Optional(OidcLink),
  },
  { additionalProperties: false },
);

export const StaffAccountChangeSchema = Type.Object(
  {
    disabled: Type.Optional(Type.Boolean()),
    oidc: Type.Optional(Type.Union([OidcLink, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ApiTokenSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    deptCode: Type.String(),
    roles: Type.Array(StaffRoleSchema),
    createdBy: Type.String(),
    createdAt: Instant,
    expiresAt: Type.Optional(Instant),
    revokedAt: Type.Optional(Instant),
  },
  { $id: 'ApiToken', title: 'An API token of a system (never the token itself)' },
);

export const IssuedApiTokenSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    deptCode: Type.String(),
    roles: Type.Array(StaffRoleSchema),
    createdBy: Type.String(),
    createdAt: Instant,
    expiresAt: Type.Optional(Instant),
    token: Type.String({ description: 'The token (tbt_…): shown here once, never again' }),
  },
  { title: 'A new API token, with its secret' },
);

export const NewApiTokenSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'what system uses it' }),
    deptCode: DeptCodeSchema,
    roles: Roles,
    expiresAt: Type.Optional(Instant),
  },
  { additionalProperties: false },
);

/** Shared schemas registered once, referenced by `$ref` from the routes and the OpenAPI document. */
export const identitySchemas = [PrincipalSchema, SessionSchema, StaffAccountSchema, ApiTokenSchema];
