import { signResponse, type SignedResponseHeaders } from './response-binding.js';
import type { Signer } from './signer.js';

/** A JSON answer ready to send: the exact body bytes and the headers that sign them. */
export interface SignedJsonAnswer {
  readonly body: string;
  readonly headers: SignedResponseHeaders & { 'content-type': string };
}

/**
 * Serialises an answer once and signs it (RFC 9421 over @status, content-digest, content-type and
 * tongban-request-digest), bound to the request it answers: what nodes and peer platforms send.
 */
export async function signJsonAnswer(
  answer: unknown,
  status: number,
  signer: Signer,
  requestDigest: string,
  now: Date,
): Promise<SignedJsonAnswer> {
  const body = JSON.stringify(answer);
  const contentType = 'application/json; charset=utf-8';
  const headers = await signResponse({ status, headers: { 'content-type': contentType }, body }, signer, {
    requestDigest,
    now,
    ttlSeconds: 300,
  });
  return { body, headers: { ...headers, 'content-type': contentType } };
}
