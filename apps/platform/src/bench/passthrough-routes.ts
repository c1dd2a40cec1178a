import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { CaseNoParams } from '@tongban/contracts';
import { DomainError, type CaseRepository } from '@tongban/domain';
import { Pool } from 'undici';
import type { CatalogCache } from '../consult/catalog-cache.js';
import type { DirectoryService } from '../directory/directory-service.js';

export interface PassthroughRouteOptions {
  readonly cases: CaseRepository;
  readonly catalog: CatalogCache;
  readonly directory: DirectoryService;
  readonly deadlineMs: number;
}

/** The node's own baseline endpoint (apps/node/src/bench/passthrough-routes.ts). */
const NODE_PASSTHROUGH_PATH = '/node/v1/bench/passthrough';

/**
 * BENCHMARK BASELINE ONLY: never enable in production (PLATFORM_BENCH_PASSTHROUGH=1 turns it on,
 * and the platform warns at start when it is).
 *
 * `POST /api/v1/bench/passthrough/:caseNo` does the consult's plumbing and nothing else: it loads
 * the case and its item (the same repository and catalog cache calls the consult makes), finds
 * the node of the item's first certificate material in the directory, asks that node's
 * pass-through endpoint over a keep-alive pool like the signed client's, and returns the record.
 * No identity, no policy, no request or answer signature, no seal, no audit entry, no sealed copy.
 * `npm run bench -- consult` (bench/consult.js) measures the real consult against it, so the cost
 * of what the consult adds shows as a ratio. Anyone who can reach it can read any record of any
 * case: that is why it is off unless configured, and must stay so outside a benchmark.
 */
export const passthroughRoutes: FastifyPluginCallbackTypebox<PassthroughRouteOptions> = (
  app,
  options,
  done,
) => {
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });
      pools.set(origin, pool);
    }
    return pool;
  };
  app.addHook('onClose', async () => {
    await Promise.all([...pools.values()].map((p) => p.close()));
  });

  app.post(
    '/bench/passthrough/:caseNo',
    { schema: { hide: true, params: CaseNoParams } },
    async (req, reply) => {
      const caseFile = await options.cases.find(req.params.caseNo);
      if (!caseFile) throw new DomainError('CASE_NOT_FOUND', 'no such case', { field: 'caseNo' });
      const catalog = await options.catalog.get(caseFile.catalogVersion);
      const item = catalog.items.get(caseFile.itemCode);
      if (!item) throw new DomainError('ITEM_NOT_FOUND', 'the case names an item its catalog version lacks');
      const material = item.materials.find((m) => m.source.kind === 'certificate');
      if (!material || material.source.kind !== 'certificate')
        throw new DomainError('VALIDATION_FAILED', 'the item has no certificate material');
      const typeCode = material.source.typeCode;
      const node = options.directory.sourcesFor(typeCode).find((s) => s.entry.kind === 'node');
      if (!node) return reply.code(503).send({ outcome: 'unavailable', typeCode });
      const url = new URL(NODE_PASSTHROUGH_PATH, node.entry.baseUrl);
      const res = await poolFor(url.origin).request({
        method: 'POST',
        path: url.pathname,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ typeCode, holder: caseFile.applicant }),
        headersTimeout: options.deadlineMs,
        bodyTimeout: options.deadlineMs,
      });
      const answer = (await res.body.json()) as { outcome?: string; record?: unknown };
      if (res.statusCode !== 200) return reply.code(502).send({ outcome: 'unavailable', typeCode });
      return { caseNo: caseFile.caseNo, typeCode, outcome: answer.outcome, record: answer.record ?? null };
    },
  );
  done();
};
