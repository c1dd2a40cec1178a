import type { HashFn, SubtreeHashFn, SubtreeRange } from '@tongban/domain';
import type { Kysely } from 'kysely';
import type { AuditDatabase } from '../schema.js';
import { toBytes, toCount } from './column-values.js';
import { nodeKey, subtreeHashFrom, subtreeNeeds } from './subtree-plan.js';

/**
 * A SubtreeHashFn answering the given ranges (those of one proof) from the database: it fetches, in
 * two queries, just the stored nodes and leaf hashes those ranges need, then hashes in memory.
 */
export async function storedSubtrees(
  db: Kysely<AuditDatabase>,
  hash: HashFn,
  ranges: readonly SubtreeRange[],
  treeSize: number,
): Promise<SubtreeHashFn> {
  const needs = subtreeNeeds(ranges);
  const [nodeRows, leafRows] = await Promise.all([
    needs.nodes.length === 0
      ? []
      : db
          .selectFrom('audit_node')
          .select(['level', 'start', 'hash'])
          .where((eb) =>
            eb.or(needs.nodes.map((n) => eb.and([eb('level', '=', n.level), eb('start', '=', n.start)]))),
          )
          .execute(),
    needs.leafRanges.length === 0
      ? []
      : db
          .selectFrom('audit_leaf')
          .select(['index', 'leaf_hash'])
          .where((eb) =>
            eb.or(needs.leafRanges.map((r) => eb.and([eb('index', '>=', r.start), eb('index', '<', r.end)]))),
          )
          .execute(),
  ]);
  const nodes = new Map(nodeRows.map((r) => [nodeKey(r.level, toCount(r.start)), toBytes(r.hash)]));
  const leaves = new Map(leafRows.map((r) => [toCount(r.index), toBytes(r.leaf_hash)]));
  return subtreeHashFrom(hash, { nodes, leaves }, treeSize);
}
