import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { SealVerifyRequestSchema } from '@tongban/contracts';
import { Type } from 'typebox';
import { requirePrincipal } from '../identity/identity-plugin.js';
import { checkSeal, type SealCheckDeps } from './check-seal.js';

/** `POST /api/v1/seals/verify`: is this seal good, and is the certificate still valid at its source? */
export const sealRoutes: FastifyPluginCallbackTypebox<SealCheckDeps> = (app, deps, done) => {
  app.post(
    '/seals/verify',
    {
      schema: {
        tags: ['seals'],
        summary: 'Verify a seal: signature, key, expiry, and the certificate status at its source',
        description:
          'A refused seal answers 200 with valid=false and a stable reason: MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE, EXPIRED, NOT_YET_VALID or REVOKED_AT_SOURCE.',
        security: [{ bearer: [] }],
        body: SealVerifyRequestSchema,
        response: { 200: Type.Ref('SealVerifyAnswer'), 400: Type.Ref('Problem'), 401: Type.Ref('Problem') },
      },
    },
    async (req) => checkSeal(req.body.seal.trim(), requirePrincipal(req), String(req.id), deps),
  );
  done();
};
