import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { HolderSchema } from '@tongban/contracts';
import type { CertificateStore } from '@tongban/domain';
import { Type } from 'typebox';

export interface PassthroughRouteOptions {
  readonly store: CertificateStore;
}

/**
 * BENCHMARK BASELINE ONLY: never enable in production (NODE_BENCH_PASSTHROUGH=1 turns it on, and
 * the node warns at start when it is).
 *
 * `POST /node/v1/bench/passthrough` reads the current record of a holder and type from the node's
 * store and returns it as plain JSON: no platform signature checked, no sharing rules, no field
 * subset, no audit entry, no signed answer. It is what `npm run bench -- consult` measures the
 * real `/node/v1/lookup` against (bench/consult.js), so that the cost of the checks, signatures
 * and logging shows as a ratio. Anyone who can reach it can read any record: that is why it is
 * off unless configured, and must stay so outside a benchmark.
 */
export const passthroughRoutes: FastifyPluginCallbackTypebox<PassthroughRouteOptions> = (
  app,
  { store },
  done,
) => {
  app.post(
    '/bench/passthrough',
    {
      schema: {
        hide: true,
        body: Type.Object(
          {
            typeCode: Type.String({ pattern: '^[0-9A-Z]{18}[0-9]{3}$' }),
            holder: HolderSchema,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const record = await store.find({ by: 'holder', typeCode: req.body.typeCode, holder: req.body.holder });
      return record ? { outcome: 'found', record } : { outcome: 'not_found' };
    },
  );
  done();
};
