import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { LookupRequestSchema } from '@tongban/contracts';
import type { Signer } from '@tongban/crypto';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sendSignedJson } from '../http/signed-answer.js';
import { lookupCertificate, type LookupDeps } from './lookup-certificate.js';

export interface LookupRouteOptions extends LookupDeps {
  readonly signer: () => Signer;
  readonly clock: () => Date;
  readonly deptCode: string;
  readonly verifyPlatform: (req: FastifyRequest) => Promise<void>;
}

/** `POST /node/v1/lookup`: one record for the platform, by identifier or by holder and type. */
export const lookupRoutes: FastifyPluginCallbackTypebox<LookupRouteOptions> = (app, options, done) => {
  app.post(
    '/lookup',
    {
      preValidation: options.verifyPlatform,
      schema: {
        tags: ['lookup'],
        summary:
          'Look up one certificate for an open case (signed by the platform; answer signed by the node)',
        body: LookupRequestSchema,
        response: { 200: Type.Ref('LookupAnswer'), 401: Type.Ref('Problem'), 400: Type.Ref('Problem') },
      },
    },
    async (req, reply) => {
      const actor = `platform:${req.platform?.kid ?? ''}`;
      const outcome = await lookupCertificate(req.body, actor, options);
      const now = options.clock();
      return sendSignedJson(
        req,
        reply,
        options.signer(),
        200,
        {
          requestId: req.body.requestId,
          nodeId: options.deptCode,
          answeredAt: now.toISOString(),
          ...outcome,
        },
        now,
      );
    },
  );
  done();
};
