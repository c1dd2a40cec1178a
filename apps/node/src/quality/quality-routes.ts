import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { QualityReport } from '@tongban/domain';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';

/** `GET /node/v1/quality`: 谁提供、谁负责, for the platform (signed request). */
export const qualityRoutes: FastifyPluginCallbackTypebox<{
  readonly measure: () => Promise<QualityReport>;
  readonly verifyPlatform: (req: FastifyRequest) => Promise<void>;
}> = (app, { measure, verifyPlatform }, done) => {
  app.get(
    '/quality',
    {
      preValidation: verifyPlatform,
      schema: {
        tags: ['quality'],
        summary: 'Completeness, validity, timeliness and duplicates per certificate type',
        response: { 200: Type.Ref('QualityReport'), 401: Type.Ref('Problem') },
      },
    },
    () => measure(),
  );
  done();
};
