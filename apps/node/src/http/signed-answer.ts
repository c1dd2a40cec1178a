import { signResponse, type Signer } from '@tongban/crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends a JSON answer signed by the node (RFC 9421 over @status, content-digest, content-type and
 * tongban-request-digest), bound to the platform request it answers. The body is serialised here,
 * once, so the signature covers exactly the bytes sent.
 */
export async function sendSignedJson(
  req: FastifyRequest,
  reply: FastifyReply,
  signer: Signer,
  status: number,
  answer: unknown,
  now: Date,
): Promise<FastifyReply> {
  const body = JSON.stringify(answer);
  const contentType = 'application/json; charset=utf-8';
  const headers = await signResponse({ status, headers: { 'content-type': contentType }, body }, signer, {
    requestDigest: req.platform?.requestDigest ?? '',
    now,
    ttlSeconds: 300,
  });
  return reply
    .code(status)
    .headers({ ...headers })
    .type(contentType)
    .send(body);
}
