import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '@tongban/domain';
import { Type } from 'typebox';

/** Liveness (the process answers) and readiness (its database answers). */
export const healthRoutes: FastifyPluginCallbackTypebox<{ ping: () => Promise<boolean> }> = (
  app,
  { ping },
  done,
) => {
  const Status = Type.Object({ status: Type.String() });
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Liveness', response: { 200: Status } } },
    () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers',
        response: { 200: Status, 503: Type.Ref('Problem') },
      },
    },
    async () => {
      if (!(await ping())) throw new DomainError('NOT_READY', 'the database does not answer');
      return { status: 'ready' };
    },
  );
  done();
};
