import { DomainError } from '@tongban/domain';
import { sql, type Kysely } from 'kysely';
import type { AuditDatabase } from '../schema.js';
import { resolveAuditSchema } from './audit-schema.js';
import { toCount } from './column-values.js';
import { listMonthPartitions } from './month-partitions.js';

/** Entries are kept at least this long, whatever the caller asks. */
export const AUDIT_RETENTION_MONTHS = 12;

/** What to prune. */
export interface PruneAuditLogOptions {
  /** Only months that end on or before this instant are candidates. */
  readonly before: Date;
  /**
   * The last index safely held by exports (the `exportedThrough` of the export's last line, or the
   * smallest of several files' if they were exported in pieces): a month is dropped only if every
   * entry in it is at or below this index.
   */
  readonly exportedThrough: number;
  /** The present, for the retention bound; the real clock by default. */
  readonly now?: Date | undefined;
}

/** A month that was dropped, and the indices it held. */
export interface PrunedPartition {
  readonly partition: string;
  readonly fromIndex: number;
  /** Exclusive. */
  readonly toIndex: number;
  readonly entryCount: number;
}

/** What `pruneAuditLog` did. */
export interface PruneAuditLogResult {
  /** min(before, now − 12 months): months ending after it are kept. */
  readonly cutoff: string;
  readonly pruned: readonly PrunedPartition[];
  /** Months old enough but holding entries after `exportedThrough`. */
  readonly notExported: readonly string[];
}

/**
 * Drops whole month partitions of `audit_entry` that ended at least 12 months ago (and before
 * `before`) and whose entries all lie at or below `exportedThrough`. Each drop is recorded in
 * `audit_prune` in the same transaction. Leaf hashes, subtrees, frontiers and heads are never
 * pruned, so tree heads still verify and proofs still work for every later entry. Entry times never
 * go backwards, so the pruned months are always a prefix of the log.
 *
 * Runs as the owner (migrator) role: dropping a table is the owner's right, which the application
 * role does not have. Log the pruning itself as an audit entry (`audit.pruned`) from the caller.
 */
export async function pruneAuditLog<DB extends AuditDatabase>(
  database: Kysely<DB>,
  options: PruneAuditLogOptions,
): Promise<PruneAuditLogResult> {
  const db = database as unknown as Kysely<AuditDatabase>;
  const { before, exportedThrough } = options;
  const now = options.now ?? new Date();
  if (Number.isNaN(before.getTime()))
    throw new DomainError('VALIDATION_FAILED', 'must be a valid date', { field: 'before' });
  if (!Number.isSafeInteger(exportedThrough) || exportedThrough < -1)
    throw new DomainError('VALIDATION_FAILED', 'must be an entry index', { field: 'exportedThrough' });
  const retentionEnd = new Date(now);
  retentionEnd.setUTCMonth(retentionEnd.getUTCMonth() - AUDIT_RETENTION_MONTHS);
  const cutoff = before < retentionEnd ? before : retentionEnd;

  const schema = await resolveAuditSchema(db);
  const pruned: PrunedPartition[] = [];
  const notExported: string[] = [];
  for (const month of await listMonthPartitions(db, schema)) {
    if (month.to > cutoff) break; // partitions come by month: the rest are younger still
    const partition = sql.id(schema.name, month.name);
    const { rows } = await sql<{
      first: string | number | null;
      last: string | number | null;
      n: string | number;
    }>`select min("index") as first, max("index") as last, count(*) as n from ${partition}`.execute(db);
    const stats = rows[0];
    const entryCount = stats === undefined ? 0 : toCount(stats.n);
    const fromIndex = stats?.first == null ? 0 : toCount(stats.first);
    const toIndex = stats?.last == null ? fromIndex : toCount(stats.last) + 1;
    if (entryCount > 0 && toIndex - 1 > exportedThrough) {
      notExported.push(month.name);
      continue;
    }
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('audit_prune')
        .values({
          partition: month.name,
          from_index: fromIndex,
          to_index: toIndex,
          entry_count: entryCount,
          exported_through: exportedThrough,
          range_start: month.from.toISOString(),
          range_end: month.to.toISOString(),
        })
        .execute();
      await sql`drop table ${partition}`.execute(tx);
    });
    pruned.push({ partition: month.name, fromIndex, toIndex, entryCount });
  }
  return { cutoff: cutoff.toISOString(), pruned, notExported };
}
