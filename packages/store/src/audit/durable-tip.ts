import { DomainError } from '@tongban/domain';
import { sql, type Kysely } from 'kysely';
import type { AuditDatabase } from '../schema.js';
import type { AuditSchema } from './audit-schema.js';
import { toBytes, toCount } from './column-values.js';
import { decodePeaks, emptyTip, type AuditTip } from './merkle-tip.js';

interface TipRow {
  readonly size: string | number | bigint;
  readonly peaks: Uint8Array;
  readonly last_time: Date | string;
}

function toTip(row: TipRow | undefined, hashSize: number): AuditTip {
  if (row === undefined) return emptyTip;
  const size = toCount(row.size);
  return { size, peaks: decodePeaks(toBytes(row.peaks), size, hashSize), lastTime: new Date(row.last_time) };
}

/** The committed tip: the frontier row of the largest size (one index probe), or the empty tree. */
export async function readDurableTip(db: Kysely<AuditDatabase>, hashSize: number): Promise<AuditTip> {
  const row = await db
    .selectFrom('audit_frontier')
    .select(['size', 'peaks', 'last_time'])
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return toTip(row, hashSize);
}

/**
 * Inside the append transaction: takes the log's advisory lock, then reads the committed tip
 * (`audit_lock_tip()`, one round trip). This is the truth every batch starts from, whichever
 * process wrote the batches before it.
 */
export async function lockDurableTip(
  tx: Kysely<AuditDatabase>,
  schema: AuditSchema,
  hashSize: number,
): Promise<AuditTip> {
  const { rows } = await sql<TipRow>`select * from ${schema.table('audit_lock_tip')}()`.execute(tx);
  return toTip(rows[0], hashSize);
}

/** The size of the log as committed, without reading the peaks. */
export async function readDurableSize(db: Kysely<AuditDatabase>): Promise<number> {
  const row = await db
    .selectFrom('audit_frontier')
    .select('size')
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? 0 : toCount(row.size);
}

/**
 * Refuses to start on a log whose leaf table and frontier disagree (both are written in one
 * transaction, so they can differ only if someone edited the tables by hand).
 */
export async function assertTipMatchesLeaves(db: Kysely<AuditDatabase>, tip: AuditTip): Promise<void> {
  const row = await db
    .selectFrom('audit_leaf')
    .select((eb) => eb.fn.max('index').as('last'))
    .executeTakeFirst();
  const last = row?.last === null || row?.last === undefined ? -1 : toCount(row.last);
  if (last !== tip.size - 1)
    throw new DomainError('INTERNAL', 'the audit log frontier does not match its leaf hashes', {
      frontierSize: tip.size,
      leafCount: last + 1,
    });
}
