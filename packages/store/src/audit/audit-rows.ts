import type { Kysely } from 'kysely';
import type { AuditDatabase } from '../schema.js';
import { toBytes, toCount } from './column-values.js';

/** Rows fetched per query when walking the log: bounded memory per step, few round trips. */
export const PAGE_SIZE = 5000;

/** One stored entry row: the canonical text exactly as stored, and the leaf hash stored beside it. */
export interface StoredEntryRow {
  /** The row's `index` column. */
  readonly index: number;
  readonly canonical: string;
  readonly leafHash: Uint8Array;
}

/** The entry rows with fromIndex ≤ index < toIndex, in index order, a page at a time (keyset). */
export async function* entryRows(
  db: Kysely<AuditDatabase>,
  fromIndex: number,
  toIndex: number,
): AsyncGenerator<StoredEntryRow> {
  let next = fromIndex;
  while (next < toIndex) {
    const rows = await db
      .selectFrom('audit_entry')
      .select(['index', 'canonical', 'leaf_hash'])
      .where('index', '>=', next)
      .where('index', '<', toIndex)
      .orderBy('index')
      .limit(PAGE_SIZE)
      .execute();
    for (const r of rows)
      yield { index: toCount(r.index), canonical: r.canonical, leafHash: toBytes(r.leaf_hash) };
    const last = rows[rows.length - 1];
    if (rows.length < PAGE_SIZE || last === undefined) return;
    next = toCount(last.index) + 1;
  }
}

/** The leaf-table rows with fromIndex ≤ index < toIndex, in index order, a page at a time. */
export async function* leafRows(
  db: Kysely<AuditDatabase>,
  fromIndex: number,
  toIndex: number,
): AsyncGenerator<{ readonly index: number; readonly leafHash: Uint8Array }> {
  let next = fromIndex;
  while (next < toIndex) {
    const rows = await db
      .selectFrom('audit_leaf')
      .select(['index', 'leaf_hash'])
      .where('index', '>=', next)
      .where('index', '<', toIndex)
      .orderBy('index')
      .limit(PAGE_SIZE)
      .execute();
    for (const r of rows) yield { index: toCount(r.index), leafHash: toBytes(r.leaf_hash) };
    const last = rows[rows.length - 1];
    if (rows.length < PAGE_SIZE || last === undefined) return;
    next = toCount(last.index) + 1;
  }
}

/** A range of indices whose entries were pruned (their leaf hashes remain). */
export interface PrunedRange {
  readonly fromIndex: number;
  /** Exclusive. */
  readonly toIndex: number;
  readonly partition: string;
  readonly exportedThrough: number;
  readonly prunedAt: string;
}

/** Every pruned range, by index. */
export async function prunedRanges(db: Kysely<AuditDatabase>): Promise<PrunedRange[]> {
  const rows = await db.selectFrom('audit_prune').selectAll().orderBy('from_index').execute();
  return rows.map((r) => ({
    fromIndex: toCount(r.from_index),
    toIndex: toCount(r.to_index),
    partition: r.partition,
    exportedThrough: toCount(r.exported_through),
    prunedAt: new Date(r.pruned_at).toISOString(),
  }));
}

/** The log's hash algorithm, once a log was opened on this database. */
export async function storedHashAlg(db: Kysely<AuditDatabase>): Promise<string | undefined> {
  return (await db.selectFrom('audit_meta').select('hash_alg').executeTakeFirst())?.hash_alg;
}
