import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { Signer } from '@tongban/crypto';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sendSignedJson } from '../http/signed-answer.js';
import { checkStatus, type StatusDeps } from './check-status.js';

export interface StatusRouteOptions extends StatusDeps {
  readonly signer: () => Signer;
  readonly clock: () => Date;
  readonly deptCode: string;
  readonly verifyPlatform: (req: FastifyRequest) => Promise<void>;
}

const StatusRequestSchema = Type.Object(
  {
    requestId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z._:-]+$' }),
    typeCode: Type.String({ pattern: '^[0-9A-Z]{18}[0-9]{3}$' }),
    certificateId: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

/** `POST /node/v1/status`: the current status of one certificate, to check a seal against its source. */
export const statusRoutes: FastifyPluginCallbackTypebox<StatusRouteOptions> = (app, options, done) => {
  app.post(
    '/status',
    {
      preValidation: options.verifyPlatform,
      schema: {
        tags: ['lookup'],
        summary: 'The current status and version of one certificate (signed; no fields released)',
        body: StatusRequestSchema,
        response: { 401: Type.Ref('Problem'), 400: Type.Ref('Problem') },
      },
    },
    async (req, reply) => {
      const outcome = await checkStatus(req.body, `platform:${req.platform?.kid ?? ''}`, options);
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
          certificateId: req.body.certificateId,
          ...outcome,
        },
        now,
      );
    },
  );
  done();
};
