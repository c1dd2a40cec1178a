import { createHash } from 'node:crypto';
import { DomainError, type IdempotencyRepository } from '@tongban/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requirePrincipal } from '../identity/identity-plugin.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request holds an Idempotency-Key claim: its answer is stored on send. */
    idempotency?: { readonly principalId: string; readonly key: string };
  }
}

/** The `Idempotency-Key` request header, for a route's schema (and so the OpenAPI document). */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      pattern: '^[A-Za-z0-9._:-]+$',
      description: 'Send the same key again (a retry, a double click) and get the first answer back',
    }),
  ),
});

/**
 * `Idempotency-Key` on creating POSTs (DESIGN §8). The first request with a key (per caller) runs
 * and its answer is kept for a day; the same request again gets that answer back, with
 * `Idempotent-Replayed: true`. The same key on a different request, or while the first still runs,
 * is a 409 CONFLICT. A 5xx answer is not kept, so the caller may retry with the same key.
 */
export function idempotencyHooks(repo: IdempotencyRepository, clock: () => Date) {
  return {
    preHandler: async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string') return undefined;
      const principal = requirePrincipal(req);
      const digest = createHash('sha256')
        .update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`)
        .digest('hex');
      const claim = await repo.claim(principal.id, key, digest, clock());
      if (claim.state === 'claimed') {
        req.idempotency = { principalId: principal.id, key };
        return undefined;
      }
      if (claim.requestDigest !== digest)
        throw new DomainError('CONFLICT', 'this Idempotency-Key was used for another request', {
          field: 'Idempotency-Key',
        });
      if (claim.state === 'running')
        throw new DomainError('CONFLICT', 'the request with this Idempotency-Key is still running', {
          field: 'Idempotency-Key',
        });
      // Answered from the store: an async hook that sends must return the reply.
      return reply
        .code(claim.status)
        .header('idempotent-replayed', 'true')
        .type(
          claim.status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
        )
        .send(claim.body);
    },
    onSend: async (req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
      const held = req.idempotency;
      if (!held) return payload;
      req.idempotency = undefined;
      if (reply.statusCode >= 500 || typeof payload !== 'string')
        await repo.release(held.principalId, held.key);
      else await repo.complete(held.principalId, held.key, reply.statusCode, payload);
      return payload;
    },
  };
}
