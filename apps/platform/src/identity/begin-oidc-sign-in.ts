import { DomainError, type IdentityProvider } from '@tongban/domain';
import type { IdentityContext } from './identity-context.js';

/** How long a browser has between leaving for the provider and coming back. */
export const OIDC_PENDING_MINUTES = 10;

export function providerOf(ctx: IdentityContext): IdentityProvider {
  if (!ctx.provider) throw new DomainError('NOT_FOUND', 'sign-on through OIDC is not configured here');
  return ctx.provider;
}

/**
 * Starts a sign-in at the city's sign-on: answers where to send the browser.
 *
 * The PKCE verifier and nonce stay server-side, in the `oidc_sign_in` table keyed by the SHA-256
 * of `state`, for {@link OIDC_PENDING_MINUTES} and one use. A table rather than a signed cookie: it
 * needs no cookie-signing key shared between copies of the platform, works when the callback lands
 * on another copy behind the load balancer, and a replayed callback finds nothing.
 */
export async function beginOidcSignIn(ctx: IdentityContext): Promise<string> {
  const provider = providerOf(ctx);
  const start = await provider.begin();
  const expiresAt = new Date(ctx.clock().getTime() + OIDC_PENDING_MINUTES * 60_000);
  await ctx.repo.savePendingSignIn(start.pending, expiresAt);
  return start.redirectUrl;
}
