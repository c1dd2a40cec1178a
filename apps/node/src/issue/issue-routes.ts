import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { IssueRequestSchema } from '@tongban/contracts';
import type { Signer } from '@tongban/crypto';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sendSignedJson } from '../http/signed-answer.js';
import { issueCertificate, type IssueDeps } from './issue-certificate.js';

export interface IssueRouteOptions extends IssueDeps {
  readonly signer: () => Signer;
  readonly clock: () => Date;
  readonly verifyPlatform: (req: FastifyRequest) => Promise<void>;
}

/** `POST /node/v1/certificates`: the platform writes the certificate a concluded case produced. */
export const issueRoutes: FastifyPluginCallbackTypebox<IssueRouteOptions> = (app, options, done) => {
  app.post(
    '/certificates',
    {
      preValidation: options.verifyPlatform,
      schema: {
        tags: ['issue'],
        summary: 'Issue a certificate from a concluded case (idempotent on case and output)',
        body: IssueRequestSchema,
        response: {
          200: Type.Ref('IssueAnswer'),
          201: Type.Ref('IssueAnswer'),
          400: Type.Ref('Problem'),
          401: Type.Ref('Problem'),
          403: Type.Ref('Problem'),
        },
      },
    },
    async (req, reply) => {
      const actor = `platform:${req.platform?.kid ?? ''}`;
      const { record, created } = await issueCertificate(
        req.body,
        actor,
        req.platform?.requestDigest ?? '',
        options,
      );
      const {
        certificateId,
        version,
        origin: _o,
        recordedAt: _a,
        recordedBy: _b,
        reason: _r,
        ...rest
      } = record;
      return sendSignedJson(
        req,
        reply,
        options.signer(),
        created ? 201 : 200,
        { certificateId, version, created, record: { certificateId, version, ...rest } },
        options.clock(),
      );
    },
  );
  done();
};
