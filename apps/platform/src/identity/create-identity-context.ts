import type { AuditLog, IdentityProvider, IdentityRepository } from '@tongban/domain';
import type { IdentityConfig } from '../config.js';
import type { IdentityContext } from './identity-context.js';
import { createPasswordHasher, type PasswordHasher } from './password-hash.js';
import { PrincipalCache } from './principal-cache.js';

/** What buildPlatform is given for staff identity (PlatformDeps.identity). */
export interface IdentityDeps {
  readonly repo: IdentityRepository;
  /** The city's sign-on; undefined when OIDC is not configured (its routes answer 404). */
  readonly provider?: IdentityProvider | undefined;
  /** The real clock by default. */
  readonly clock?: (() => Date) | undefined;
  readonly passwords?: PasswordHasher | undefined;
}

export function createIdentityContext(
  config: IdentityConfig,
  audit: Pick<AuditLog, 'append'>,
  deps: IdentityDeps,
): IdentityContext {
  const clock = deps.clock ?? (() => new Date());
  return {
    repo: deps.repo,
    audit,
    passwords: deps.passwords ?? createPasswordHasher(),
    cache: new PrincipalCache({ ttlMs: config.principalCacheSeconds * 1000, now: () => clock().getTime() }),
    config,
    clock,
    provider: deps.provider,
  };
}
