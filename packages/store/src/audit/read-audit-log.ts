import type { SignedTreeHead } from '@tongban/domain';
import type { Kysely } from 'kysely';
import type { AuditDatabase } from '../schema.js';
import { entryRows, leafRows, prunedRanges, storedHashAlg, type PrunedRange } from './audit-rows.js';
import { hex } from './column-values.js';
import { readDurableSize } from './durable-tip.js';
import { listTreeHeads } from './tree-head-rows.js';

/** One entry as stored, ready for the domain's `locateTampering`. */
export interface StoredAuditEntry {
  /**
   * The sequence number the entry claims: its own `index` field read from `bytes` (what
   * `ExportedEntry.index` means), or the row's index column when the text is not readable JSON.
   */
  readonly index: number;
  /** The canonical JSON exactly as stored, UTF-8: the bytes the leaf hash was taken over. */
  readonly bytes: Uint8Array;
  /** The leaf hash stored in the same row, lowercase hex. */
  readonly storedLeafHash: string;
}

/** The whole log as the database holds it, for `tongban audit verify`. */
export interface AuditLogContents {
  /** `sha-256` or `sm3`; undefined when no log was ever opened on this database. */
  readonly hashAlg: string | undefined;
  /** The committed size when reading began; everything below is at or under it. */
  readonly size: number;
  /** Entry rows in the order of their index column (rows, not truth: tampering shows here). */
  readonly entries: readonly StoredAuditEntry[];
  /**
   * The leaf-hash table (never pruned), lowercase hex, position = index, up to the first missing
   * row: `locateTampering`'s `leafHashes` once decoded. It outlives deleted and pruned entry rows,
   * so each altered entry is pinned exactly and a deleted one does not cut the check short.
   */
  readonly leafHashes: readonly string[];
  /** Every signed head up to `size`, by tree size (signatures unchecked: the verifier checks them). */
  readonly heads: readonly SignedTreeHead[];
  /** Index ranges pruned by retention, whose absence is expected. */
  readonly pruned: readonly PrunedRange[];
}

const utf8 = new TextEncoder();

/**
 * Reads the stored log for verification, in pages (100,000 entries take a few MB and a few
 * seconds). It verifies nothing: signatures and content are for the verifier to judge.
 */
export async function readAuditLog<DB extends AuditDatabase>(
  database: Kysely<DB>,
): Promise<AuditLogContents> {
  const db = database as unknown as Kysely<AuditDatabase>;
  const size = await readDurableSize(db);
  const entries: StoredAuditEntry[] = [];
  for await (const row of entryRows(db, 0, size))
    entries.push({
      index: claimedIndex(row.canonical, row.index),
      bytes: utf8.encode(row.canonical),
      storedLeafHash: hex(row.leafHash),
    });
  const leafHashes: string[] = [];
  for await (const row of leafRows(db, 0, size)) {
    if (row.index !== leafHashes.length) break; // a gap: the table was tampered with
    leafHashes.push(hex(row.leafHash));
  }
  return {
    hashAlg: await storedHashAlg(db),
    size,
    entries,
    leafHashes,
    heads: await listTreeHeads(db, size),
    pruned: await prunedRanges(db),
  };
}

/** The `index` an entry's text claims, else the row's. */
export function claimedIndex(canonical: string, rowIndex: number): number {
  try {
    const parsed: unknown = JSON.parse(canonical);
    if (typeof parsed === 'object' && parsed !== null && 'index' in parsed) {
      const { index } = parsed;
      if (typeof index === 'number' && Number.isSafeInteger(index)) return index;
    }
  } catch {
    // Not JSON any more: it was altered, and the row's position is the best claim there is.
  }
  return rowIndex;
}
