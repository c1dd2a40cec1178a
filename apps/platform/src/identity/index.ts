// Staff identity: sign-in, sessions, API tokens, OIDC, and the authentication plugin (docs/IDENTITY.md).
export { requirePrincipal, requireRole } from './identity-plugin.js';
export { ensureStaffAccount, type EnsuredStaffAccount } from './ensure-staff-account.js';
export { createOidcIdentityProvider, type OidcSettings } from './oidc-identity-provider.js';
export type { IdentityDeps } from './create-identity-context.js';
