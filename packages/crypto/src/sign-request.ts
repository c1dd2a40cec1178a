import { contentDigest, type DigestAlgorithm } from './content-digest.js';
import { headerValue, type HeaderSource } from './http-headers.js';
import { signMessage } from './message-signature.js';
import type { Signer } from './signer.js';

/** A request to sign or verify. `url` is absolute; `body` the exact bytes on the wire. */
export interface HttpRequestLike {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderSource;
  readonly body?: Uint8Array | string;
}

/** Options for {@link signRequest}. */
export interface SignRequestOptions {
  readonly now: Date;
  /** Seconds until the signature's `expires`. */
  readonly ttlSeconds: number;
  /** A caller-chosen nonce (tests); a fresh 128-bit random one otherwise. */
  readonly nonce?: string;
  readonly label?: string;
  /** RFC 9530 algorithms for Content-Digest; sha-256 by default. */
  readonly digestAlgorithms?: readonly DigestAlgorithm[];
}

/** The header fields {@link signRequest} adds to a request (lower-case names). */
export interface SignedRequestHeaders {
  'content-digest': string;
  'signature-input': string;
  signature: string;
}

/**
 * Signs a request per RFC 9421 with the profile the platform and nodes agree on: covered
 * components `@method`, `@target-uri`, `content-digest` and, when the request has one,
 * `content-type`; parameters `created`, `expires`, `nonce`, `keyid`, `alg`. Returns the fields to
 * add; any Content-Digest already on the request is replaced by one computed from the body.
 */
export async function signRequest(
  request: HttpRequestLike,
  signer: Signer,
  options: SignRequestOptions,
): Promise<SignedRequestHeaders> {
  const digest = contentDigest(request.body, options.digestAlgorithms);
  const hasContentType = headerValue(request.headers, 'content-type') !== undefined;
  const components = [
    '@method',
    '@target-uri',
    'content-digest',
    ...(hasContentType ? ['content-type'] : []),
  ];
  const headers = { 'content-digest': digest, 'content-type': headerValue(request.headers, 'content-type') };
  const fields = await signMessage({ method: request.method, url: request.url, headers }, signer, {
    components,
    now: options.now,
    ttlSeconds: options.ttlSeconds,
    ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
    ...(options.label !== undefined ? { label: options.label } : {}),
  });
  return {
    'content-digest': digest,
    'signature-input': fields['signature-input'],
    signature: fields.signature,
  };
}
