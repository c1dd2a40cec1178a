import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { AuditEntryWithLeafSchema, ConsistencyProofSchema, InclusionProofSchema } from '@tongban/contracts';
import {
  canonicalJson,
  DomainError,
  hasRole,
  hashToHex,
  leafHash,
  type AuditLog,
  type HashFn,
} from '@tongban/domain';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';

const Size = Type.Integer({ minimum: 0, maximum: 2 ** 48 });
const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
};

export interface AuditRoutesOptions {
  readonly log: AuditLog;
  readonly hash: HashFn;
  /** Bearer tokens allowed to read entries (they name data subjects). */
  readonly readTokens: readonly string[];
}

/**
 * The audit log's public face: signed tree heads and Merkle proofs are public (hashes only, no
 * personal data), so anyone can check the log's consistency; entries name data subjects and need a
 * signed-in principal with the `auditor` role, or one of the configured AUDIT_READ_TOKENS.
 */
export const auditRoutes: FastifyPluginCallbackTypebox<AuditRoutesOptions> = (
  app,
  { log, hash, readTokens },
  done,
) => {
  const tokens = readTokens.map((t) => Buffer.from(t, 'utf8'));
  const assertAuditor = (req: FastifyRequest): void => {
    if (req.principal) {
      if (hasRole(req.principal, 'auditor')) return;
      throw new DomainError('FORBIDDEN', 'reading audit entries needs the auditor role');
    }
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '', 'utf8');
    const ok = tokens.some((t) => t.length === given.length && timingSafeEqual(t, given));
    if (!ok)
      throw new DomainError(
        'UNAUTHENTICATED',
        'reading audit entries needs an auditor token (Authorization: Bearer ...)',
      );
  };
  const assertWithin = async (sizes: Record<string, number>): Promise<number> => {
    const size = await log.size();
    for (const [field, value] of Object.entries(sizes))
      if (value > size)
        throw new DomainError('VALIDATION_FAILED', `${field} ${value} is beyond the log's ${size} entries`, {
          field,
        });
    return size;
  };

  app.get(
    '/audit/tree-heads/latest',
    {
      schema: {
        tags: ['audit'],
        summary: 'The latest signed tree head (log signature and witness cosignature)',
        response: { 200: Type.Ref('SignedTreeHead'), ...problems },
      },
    },
    async () => {
      const head = await log.latestTreeHead();
      if (!head) throw new DomainError('TREE_HEAD_NOT_FOUND', 'no tree head has been signed yet');
      return head;
    },
  );

  app.get(
    '/audit/tree-heads/:treeSize',
    {
      schema: {
        tags: ['audit'],
        summary: 'The signed tree head of exactly this size',
        params: Type.Object({ treeSize: Size }),
        response: { 200: Type.Ref('SignedTreeHead'), ...problems },
      },
    },
    async (req) => {
      const head = await log.findTreeHead(req.params.treeSize);
      if (!head)
        throw new DomainError(
          'TREE_HEAD_NOT_FOUND',
          `no tree head was signed at size ${req.params.treeSize}`,
        );
      return head;
    },
  );

  app.get(
    '/audit/entries/:index',
    {
      schema: {
        tags: ['audit'],
        summary: 'One entry and its leaf hash (the auditor role, or an audit read token)',
        security: [{ bearer: [] }],
        params: Type.Object({ index: Size }),
        response: { 200: AuditEntryWithLeafSchema, ...problems },
      },
    },
    async (req) => {
      assertAuditor(req);
      const entry = await log.findEntry(req.params.index);
      if (!entry) throw new DomainError('AUDIT_ENTRY_NOT_FOUND', `no entry at index ${req.params.index}`);
      return { entry, leafHash: hashToHex(leafHash(hash, new TextEncoder().encode(canonicalJson(entry)))) };
    },
  );

  app.get(
    '/audit/proofs/inclusion',
    {
      schema: {
        tags: ['audit'],
        summary: 'Inclusion proof of entry `index` in the tree of `treeSize` entries',
        querystring: Type.Object({ index: Size, treeSize: Type.Integer({ minimum: 1, maximum: 2 ** 48 }) }),
        response: { 200: InclusionProofSchema, ...problems },
      },
    },
    async (req) => {
      const { index, treeSize } = req.query;
      if (index >= treeSize)
        throw new DomainError('VALIDATION_FAILED', 'index must be below treeSize', { field: 'index' });
      await assertWithin({ treeSize });
      return { index, treeSize, proof: [...(await log.inclusionProof(index, treeSize))] };
    },
  );

  app.get(
    '/audit/proofs/consistency',
    {
      schema: {
        tags: ['audit'],
        summary: 'Consistency proof between the trees of `from` and `to` entries',
        querystring: Type.Object({ from: Size, to: Size }),
        response: { 200: ConsistencyProofSchema, ...problems },
      },
    },
    async (req) => {
      const { from, to } = req.query;
      if (from > to) throw new DomainError('VALIDATION_FAILED', 'from must not exceed to', { field: 'from' });
      await assertWithin({ to });
      return { from, to, proof: [...(await log.consistencyProof(from, to))] };
    },
  );
  done();
};
