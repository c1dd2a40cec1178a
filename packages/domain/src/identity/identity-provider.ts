import type { ExternalIdentity } from './staff-account.js';
import type { PendingSignIn } from './identity-repository.js';

/** Where a browser goes to sign in, and what the server keeps until it comes back. */
export interface SignInStart {
  readonly redirectUrl: string;
  readonly pending: PendingSignIn;
}

/**
 * An external identity provider (the city's sign-on). The platform never creates accounts from
 * it: a returning identity is only linked to an account an administrator made beforehand.
 */
export interface IdentityProvider {
  /** The provider's issuer, as ExternalIdentity.issuer will carry it. */
  readonly issuer: string;
  begin(): Promise<SignInStart>;
  /**
   * Completes a sign-in from the callback's query parameters and the pending sign-in its `state`
   * named. Throws DomainError UNAUTHENTICATED when the provider's answer does not check out.
   */
  complete(callback: Readonly<Record<string, string>>, pending: PendingSignIn): Promise<ExternalIdentity>;
}
