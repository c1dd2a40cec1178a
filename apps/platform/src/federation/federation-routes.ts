import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import {
  FederationConsultSchema,
  keepRawJsonBody,
  signatureProblemCode,
  targetUriOf,
} from '@tongban/contracts';
import { signJsonAnswer, verifyRequest, type NonceStore } from '@tongban/crypto';
import { DomainError, type DirectoryEntry } from '@tongban/domain';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { answerFederatedConsult, type FederationDeps } from './answer-federated-consult.js';

export interface FederationRouteOptions extends FederationDeps {
  readonly nonceStore: NonceStore;
  /** The base URL peers sign; undefined to take it from the Host header. */
  readonly publicUrl: string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once a peer platform's signature verified. */
    peer?: { readonly entry: DirectoryEntry; readonly requestDigest: string };
  }
}

/**
 * `POST /api/v1/federation/consult`: a peer platform forwards a consult for a type this platform's
 * nodes hold. Only a registered peer's RFC 9421 signature (fresh, unseen nonce) gets in; the answer
 * is signed and bound to the request, and carries this platform's seal.
 */
export const federationRoutes: FastifyPluginCallbackTypebox<FederationRouteOptions> = (
  app,
  options,
  done,
) => {
  keepRawJsonBody(app);
  const verifyPeer = async (req: FastifyRequest): Promise<void> => {
    let peer: DirectoryEntry | undefined;
    const result = await verifyRequest(
      {
        method: req.method,
        url: targetUriOf(req, options.publicUrl),
        headers: req.headers,
        body: req.rawBody ?? new Uint8Array(0),
      },
      {
        keyLookup: (kid) => {
          const found = options.directory.peerVerifier(kid);
          peer = found?.entry;
          return found?.verifier;
        },
        now: options.clock(),
        maxAgeSeconds: 60,
        nonceStore: options.nonceStore,
      },
    );
    if (!result.ok) throw new DomainError(signatureProblemCode(result.code), result.detail);
    if (!peer) throw new DomainError('UNKNOWN_KEY', 'not a registered peer platform');
    req.peer = { entry: peer, requestDigest: result.requestDigest };
  };

  app.post(
    '/federation/consult',
    {
      preValidation: verifyPeer,
      schema: {
        tags: ['federation'],
        summary: 'A consult forwarded by a peer platform (signed; the answer is signed and sealed)',
        body: FederationConsultSchema,
        response: {
          200: Type.Unknown({
            description: 'signed answer: found (with the seal), not_found, unavailable or denied',
          }),
          400: Type.Ref('Problem'),
          401: Type.Ref('Problem'),
        },
      },
    },
    async (req, reply) => {
      const peer = req.peer!;
      if (req.body.platformId !== peer.entry.entryId)
        throw new DomainError('FORBIDDEN', 'platformId is not the signing peer', { field: 'platformId' });
      const answer = await answerFederatedConsult(req.body, peer.entry, options);
      const now = options.clock();
      const signed = await signJsonAnswer(
        {
          requestId: req.body.requestId,
          platformId: options.platformId,
          answeredAt: now.toISOString(),
          ...answer,
        },
        200,
        options.signer(),
        peer.requestDigest,
        now,
      );
      return reply
        .code(200)
        .headers({ ...signed.headers })
        .send(signed.body);
    },
  );
  done();
};
