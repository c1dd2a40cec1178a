import {
  DomainError,
  type ExternalIdentity,
  type IdentityProvider,
  type PendingSignIn,
} from '@tongban/domain';
import * as oidc from 'openid-client';

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly redirectUri: string;
  /** Scopes asked for; `openid profile` by default. */
  readonly scope?: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The city's sign-on through OpenID Connect (openid-client v6): authorization code flow with PKCE
 * (S256), `state` and `nonce`. Discovery happens on first use, not at start, so the platform starts
 * while the provider is down (and retries discovery on the next sign-in). Plain http is allowed only
 * for an issuer on loopback (config refuses anything else).
 */
export function createOidcIdentityProvider(settings: OidcSettings): IdentityProvider {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= discover(settings).catch((e: unknown) => {
      discovered = undefined;
      throw new DomainError('UPSTREAM_UNAVAILABLE', 'the sign-on provider did not answer discovery', {
        cause: e instanceof Error ? e.name : 'unknown',
      });
    });
    return discovered;
  };

  return {
    issuer: settings.issuer,
    begin: async () => {
      const config = await configuration();
      const pending: PendingSignIn = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope ?? 'openid profile',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { redirectUrl: url.href, pending };
    },
    complete: async (callback, pending) => {
      const config = await configuration();
      // The URL the provider redirected to: our registered redirect URI with the callback's query.
      const current = new URL(settings.redirectUri);
      current.search = new URLSearchParams(callback).toString();
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (e) {
        // The provider's error text may echo request values: keep only its kind.
        throw new DomainError('UNAUTHENTICATED', 'the sign-on provider did not confirm this sign-in', {
          cause: e instanceof Error ? e.name : 'unknown',
        });
      }
      if (!claims) throw new DomainError('UNAUTHENTICATED', 'the sign-on provider sent no ID token');
      const identity: ExternalIdentity = {
        issuer: claims.iss,
        subject: claims.sub,
        name: typeof claims['name'] === 'string' ? claims['name'] : undefined,
      };
      return identity;
    },
  };
}

async function discover(settings: OidcSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
  return oidc.discovery(
    issuer,
    settings.clientId,
    settings.clientSecret === undefined ? undefined : { client_secret: settings.clientSecret },
    settings.clientSecret === undefined ? oidc.None() : oidc.ClientSecretBasic(settings.clientSecret),
    { timeout: 10, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
  );
}
