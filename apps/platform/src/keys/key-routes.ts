import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { Jwks } from '@tongban/crypto';
import { Type } from 'typebox';

export interface KeyRoutesOptions {
  /** The platform's public keys valid now (current and those still within a rotation overlap). */
  readonly platformJwks: () => Jwks;
  /** The witness's public keys, for checking tree-head cosignatures. */
  readonly witnessJwks: () => Jwks | undefined;
}

/** Public keys, so that anyone can check seals and tree heads offline with a saved copy. */
export const keyRoutes: FastifyPluginCallbackTypebox<KeyRoutesOptions> = (
  app,
  { platformJwks, witnessJwks },
  done,
) => {
  app.get(
    '/keys/jwks.json',
    {
      schema: {
        tags: ['keys'],
        summary: "The platform's public keys (JWKS)",
        response: { 200: Type.Ref('Jwks') },
      },
    },
    () => platformJwks(),
  );
  app.get(
    '/keys/witness.jwks.json',
    {
      schema: {
        tags: ['keys'],
        summary: "The witness's public keys (JWKS)",
        response: { 200: Type.Ref('Jwks'), 404: Type.Ref('Problem') },
      },
    },
    (_req, reply) => {
      const jwks = witnessJwks();
      return jwks ? jwks : reply.callNotFound();
    },
  );
  done();
};
