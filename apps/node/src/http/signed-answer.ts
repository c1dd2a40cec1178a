import { signJsonAnswer, type Signer } from '@tongban/crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends a JSON answer signed by the node and bound to the platform request it answers. The body
 * is serialised once, so the signature covers exactly the bytes sent.
 */
export async function sendSignedJson(
  req: FastifyRequest,
  reply: FastifyReply,
  signer: Signer,
  status: number,
  answer: unknown,
  now: Date,
): Promise<FastifyReply> {
  const signed = await signJsonAnswer(answer, status, signer, req.platform?.requestDigest ?? '', now);
  return reply
    .code(status)
    .headers({ ...signed.headers })
    .send(signed.body);
}
