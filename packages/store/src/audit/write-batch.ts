import {
  canonicalJson,
  leafHash,
  type AppendResult,
  type AuditEntry,
  type AuditEntryInput,
  type HashFn,
} from '@tongban/domain';
import { sql, type Kysely } from 'kysely';
import type { AuditDatabase } from '../schema.js';
import type { AuditSchema } from './audit-schema.js';
import { hex } from './column-values.js';
import { lockDurableTip } from './durable-tip.js';
import { appendLeaves, encodePeaks, type AuditTip } from './merkle-tip.js';

/** What one batch needs besides its entries. */
export interface BatchContext {
  readonly db: Kysely<AuditDatabase>;
  readonly schema: AuditSchema;
  readonly hash: HashFn;
  readonly hashSize: number;
  readonly clock: () => Date;
}

/** The committed outcome of a batch: each entry's index and leaf hash, and the new tip. */
export interface WrittenBatch {
  readonly results: AppendResult[];
  readonly tip: AuditTip;
}

const utf8 = new TextEncoder();

/**
 * Appends validated entries as one transaction: lock the log, read the durable tip, number and hash
 * the entries, and insert entries, leaf hashes, completed subtrees and the new frontier in one
 * statement. Resolves only after COMMIT; on any error nothing is committed and it rejects, and
 * since the tip is re-read under the lock every time, the next batch starts from the durable state
 * whatever happened before, in this process or another.
 *
 * Why the lock and the re-read: several platform processes may append to one PostgreSQL log. The
 * transaction-scoped advisory lock (`audit_lock_tip()`) serialises their batches; it is released by
 * COMMIT or ROLLBACK, also when a connection dies. The tip is read after the lock is held, so a
 * batch committed by another process just before is always seen. Primary keys on `audit_leaf` and
 * `audit_frontier` would reject a second writer at the same index anyway (defence in depth).
 */
export async function writeBatch(
  ctx: BatchContext,
  inputs: readonly AuditEntryInput[],
): Promise<WrittenBatch> {
  const { db, schema, hash } = ctx;
  const t = schema.table;
  return db.transaction().execute(async (tx) => {
    const tip = await lockDurableTip(tx, schema, ctx.hashSize);
    // One time for the whole batch, never before the tip's: entry times then never go backwards
    // across processes with slightly different clocks, so each month partition holds one run of
    // indices and pruning old months removes a prefix of the log.
    const now = ctx.clock();
    const time = tip.lastTime !== undefined && tip.lastTime > now ? tip.lastTime : now;
    const timeText = time.toISOString();

    const indices: number[] = [];
    const canonical: string[] = [];
    const leaves: Uint8Array[] = [];
    inputs.forEach((input, i) => {
      const index = tip.size + i;
      const entry: AuditEntry = { ...input, index, time: timeText };
      const text = canonicalJson(entry);
      indices.push(index);
      canonical.push(text);
      leaves.push(leafHash(hash, utf8.encode(text)));
    });
    const { peaks, nodes } = appendLeaves(hash, tip.size, tip.peaks, leaves);
    const size = tip.size + inputs.length;
    const leafHex = leaves.map(hex);

    // Arrays through unnest: one statement and a fixed number of parameters whatever the batch size.
    await sql`
      with entries as (
        insert into ${t('audit_entry')} ("index", time, operation, actor, subject, request_id, leaf_hash, canonical)
        select i, ${timeText}::timestamptz, op, actor, subject, request_id, decode(leaf, 'hex'), canonical
        from unnest(${indices}::bigint[], ${inputs.map((e) => e.operation)}::text[],
                    ${inputs.map((e) => e.actor)}::text[], ${inputs.map((e) => e.subject ?? null)}::text[],
                    ${inputs.map((e) => e.requestId)}::text[], ${leafHex}::text[], ${canonical}::text[])
          as u(i, op, actor, subject, request_id, leaf, canonical)
      ), leaves as (
        insert into ${t('audit_leaf')} ("index", leaf_hash)
        select i, decode(leaf, 'hex') from unnest(${indices}::bigint[], ${leafHex}::text[]) as u(i, leaf)
      ), nodes as (
        insert into ${t('audit_node')} (level, start, hash)
        select level, start, decode(node, 'hex')
        from unnest(${nodes.map((n) => n.level)}::smallint[], ${nodes.map((n) => n.start)}::bigint[],
                    ${nodes.map((n) => hex(n.hash))}::text[]) as u(level, start, node)
      )
      insert into ${t('audit_frontier')} (size, peaks, last_time)
      values (${size}, decode(${hex(encodePeaks(peaks))}, 'hex'), ${timeText}::timestamptz)`.execute(tx);

    return {
      results: indices.map((index, i) => ({ index, leafHash: leafHex[i] as string })),
      tip: { size, peaks, lastTime: time },
    };
  });
}
