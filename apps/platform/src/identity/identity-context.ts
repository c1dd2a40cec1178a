import type { AuditEntryInput, AuditLog, IdentityProvider, IdentityRepository } from '@tongban/domain';
import type { IdentityConfig } from '../config.js';
import type { PasswordHasher } from './password-hash.js';
import type { PrincipalCache } from './principal-cache.js';

/** What the identity use cases work with: built once by buildPlatform, passed to each. */
export interface IdentityContext {
  readonly repo: IdentityRepository;
  readonly audit: Pick<AuditLog, 'append'>;
  readonly passwords: PasswordHasher;
  readonly cache: PrincipalCache;
  readonly config: IdentityConfig;
  readonly clock: () => Date;
  /** The city's sign-on, when OIDC is configured. */
  readonly provider: IdentityProvider | undefined;
}

/** Appends an identity event; fail-closed like every audit append (rejects when not durable). */
export async function auditIdentity(ctx: IdentityContext, entry: AuditEntryInput): Promise<void> {
  await ctx.audit.append(entry);
}
