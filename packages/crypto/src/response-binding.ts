import {
  checkContentDigest,
  contentDigest,
  findSha256Digest,
  type DigestAlgorithm,
} from './content-digest.js';
import { bytesEqual } from './bytes.js';
import { headerValue, type HeaderSource } from './http-headers.js';
import {
  DEFAULT_SIGNATURE_LABEL,
  digestOfBase,
  fail,
  signMessage,
  verifyMessage,
  type HttpSignatureFailure,
  type HttpSignatureFailureCode,
  type KeyLookup,
} from './message-signature.js';
import { parseSignatureFields } from './signature-fields.js';
import { signatureBase } from './signature-base.js';
import type { HttpRequestLike } from './sign-request.js';
import type { Signer } from './signer.js';

/**
 * Binding a response to the request it answers (X-Road's request hash): the node puts the digest
 * of the platform's signed request into `Tongban-Request-Digest` and signs its response over
 * `@status`, `content-digest`, `content-type` and that field. The platform checks the digest
 * against the request it sent, so a genuine response cannot be replayed as the answer to
 * another request.
 */

/** The response field that carries the request digest. */
export const REQUEST_DIGEST_HEADER = 'tongban-request-digest';

/**
 * The digest of a signed request as the node will compute it: SHA-256 of its signature base.
 * Call it on the request as sent (with the fields from `signRequest`). Undefined when the request
 * carries no readable signature.
 */
export function requestDigestOf(
  request: HttpRequestLike,
  label = DEFAULT_SIGNATURE_LABEL,
): string | undefined {
  const parsed = parseSignatureFields(request.headers, label);
  if ('code' in parsed) return undefined;
  const base = signatureBase(request, parsed.components, parsed.params);
  return base === undefined ? undefined : digestOfBase(base);
}

/** A response to sign or verify; `body` the exact bytes on the wire. */
export interface HttpResponseLike {
  readonly status: number;
  readonly headers: HeaderSource;
  readonly body?: Uint8Array | string;
}

/** Options for {@link signResponse}. */
export interface SignResponseOptions {
  /** The `requestDigest` that `verifyRequest` returned for the request being answered. */
  readonly requestDigest: string;
  readonly now: Date;
  readonly ttlSeconds: number;
  readonly label?: string;
  readonly digestAlgorithms?: readonly DigestAlgorithm[];
}

/** The header fields {@link signResponse} adds (lower-case names). */
export interface SignedResponseHeaders {
  'content-digest': string;
  'tongban-request-digest': string;
  'signature-input': string;
  signature: string;
}

/** Signs a response and binds it to its request. */
export async function signResponse(
  response: HttpResponseLike,
  signer: Signer,
  options: SignResponseOptions,
): Promise<SignedResponseHeaders> {
  if (findSha256Digest(options.requestDigest) === undefined)
    throw new TypeError('requestDigest is not a sha-256 digest field');
  const digest = contentDigest(response.body, options.digestAlgorithms);
  const contentType = headerValue(response.headers, 'content-type');
  const components = [
    '@status',
    'content-digest',
    REQUEST_DIGEST_HEADER,
    ...(contentType !== undefined ? ['content-type'] : []),
  ];
  const headers = {
    'content-digest': digest,
    [REQUEST_DIGEST_HEADER]: options.requestDigest,
    'content-type': contentType,
  };
  const fields = await signMessage({ status: response.status, headers }, signer, {
    components,
    now: options.now,
    ttlSeconds: options.ttlSeconds,
    ...(options.label !== undefined ? { label: options.label } : {}),
  });
  return {
    'content-digest': digest,
    [REQUEST_DIGEST_HEADER]: options.requestDigest,
    'signature-input': fields['signature-input'],
    signature: fields.signature,
  };
}

/** Options for {@link verifyResponse}. */
export interface VerifyResponseOptions {
  /** The digest of the request this response should answer (from {@link requestDigestOf}). */
  readonly requestDigest: string;
  readonly keyLookup: KeyLookup;
  readonly now: Date;
  readonly maxAgeSeconds?: number;
  readonly clockSkewSeconds?: number;
  readonly label?: string;
}

/** Outcome of {@link verifyResponse}. */
export type ResponseVerification =
  | {
      ok: true;
      keyid: string;
      /** SHA-256 of the response's signature base: the "digest of the node's signed response" a seal records. */
      responseDigest: string;
    }
  | HttpSignatureFailure<HttpSignatureFailureCode | 'REQUEST_MISMATCH'>;

/**
 * Verifies a signed response and that it answers the given request. `REQUEST_MISMATCH` means a
 * validly signed response to some other request.
 */
export async function verifyResponse(
  response: HttpResponseLike,
  options: VerifyResponseOptions,
): Promise<ResponseVerification> {
  const hasContentType = headerValue(response.headers, 'content-type') !== undefined;
  const verified = await verifyMessage(
    { status: response.status, headers: response.headers },
    {
      keyLookup: options.keyLookup,
      now: options.now,
      maxAgeSeconds: options.maxAgeSeconds ?? 300,
      clockSkewSeconds: options.clockSkewSeconds ?? 30,
      label: options.label ?? DEFAULT_SIGNATURE_LABEL,
      requireNonce: false,
      coverageProblem: (covered) => {
        for (const c of ['@status', 'content-digest', REQUEST_DIGEST_HEADER])
          if (!covered.has(c)) return `${c} not covered`;
        return hasContentType && !covered.has('content-type') ? 'content-type not covered' : undefined;
      },
    },
  );
  if (!verified.ok) return verified;
  const digest = checkContentDigest(headerValue(response.headers, 'content-digest'), response.body);
  if (digest !== 'ok') return fail('DIGEST_MISMATCH', `content digest ${digest}`);
  const expected = findSha256Digest(options.requestDigest);
  const actual = findSha256Digest(headerValue(response.headers, REQUEST_DIGEST_HEADER));
  if (!expected || !actual || !bytesEqual(expected, actual))
    return fail('REQUEST_MISMATCH', 'answers another request');
  return { ok: true, keyid: verified.verifier.kid, responseDigest: digestOfBase(verified.base) };
}
