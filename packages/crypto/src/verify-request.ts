import { checkContentDigest } from './content-digest.js';
import { headerValue } from './http-headers.js';
import {
  DEFAULT_SIGNATURE_LABEL,
  digestOfBase,
  fail,
  verifyMessage,
  type HttpSignatureFailure,
  type KeyLookup,
} from './message-signature.js';
import type { NonceStore } from './nonce-store.js';
import type { HttpRequestLike } from './sign-request.js';

/** Options for {@link verifyRequest}. */
export interface VerifyRequestOptions {
  readonly keyLookup: KeyLookup;
  readonly now: Date;
  /** Oldest acceptable `created`, in seconds before now (300 by default). */
  readonly maxAgeSeconds?: number;
  /** Tolerated clock difference between the peers, in seconds (30 by default). */
  readonly clockSkewSeconds?: number;
  readonly nonceStore: NonceStore;
  readonly label?: string;
}

/** Outcome of {@link verifyRequest}. */
export type RequestVerification =
  | {
      ok: true;
      keyid: string;
      /** Digest of this request's signature base: echo it in the response (see `signResponse`). */
      requestDigest: string;
    }
  | HttpSignatureFailure;

/**
 * What a request signature must cover: the method, the target (whole, or authority, path and
 * query), the content digest, and the content type whenever the request has one, so that none of
 * them can be changed in transit.
 */
function requestCoverageProblem(hasContentType: boolean) {
  return (covered: ReadonlySet<string>): string | undefined => {
    if (!covered.has('@method')) return '@method not covered';
    if (!covered.has('@target-uri') && !['@authority', '@path', '@query'].every((c) => covered.has(c)))
      return 'target URI not covered';
    if (!covered.has('content-digest')) return 'content-digest not covered';
    if (hasContentType && !covered.has('content-type')) return 'content-type not covered';
    return undefined;
  };
}

/**
 * Verifies a signed request (RFC 9421 + RFC 9530): the signature, its age, the body against
 * Content-Digest, and that its nonce was not seen before. Checks run cheapest first and the
 * nonce is recorded last, so a forged request cannot burn a genuine one's nonce. Hostile input
 * yields a code, never an exception; a failing keyLookup or nonce store does propagate (that is
 * our outage, not the caller's fault).
 */
export async function verifyRequest(
  request: HttpRequestLike,
  options: VerifyRequestOptions,
): Promise<RequestVerification> {
  const verified = await verifyMessage(
    { method: request.method, url: request.url, headers: request.headers },
    {
      keyLookup: options.keyLookup,
      now: options.now,
      maxAgeSeconds: options.maxAgeSeconds ?? 300,
      clockSkewSeconds: options.clockSkewSeconds ?? 30,
      label: options.label ?? DEFAULT_SIGNATURE_LABEL,
      requireNonce: true,
      coverageProblem: requestCoverageProblem(headerValue(request.headers, 'content-type') !== undefined),
    },
  );
  if (!verified.ok) return verified;

  const digest = checkContentDigest(headerValue(request.headers, 'content-digest'), request.body);
  if (digest !== 'ok') return fail('DIGEST_MISMATCH', `content digest ${digest}`);

  // Nonces are per key; the verifier's kid (the thumbprint) rather than the keyid parameter, so
  // a lookup that accepts several names for one key still gives it one nonce space.
  const { kid } = verified.verifier;
  const nonce = verified.signature.nonce ?? ''; // requireNonce guarantees one
  if (!(await options.nonceStore.checkAndRemember(kid, nonce, verified.acceptableUntil)))
    return fail('REPLAYED', 'nonce seen before');
  return { ok: true, keyid: kid, requestDigest: digestOfBase(verified.base) };
}
