import { DomainError } from '@tongban/domain';
import type { Kysely } from 'kysely';
import type { AuditDatabase } from '../schema.js';
import { entryRows, leafRows, prunedRanges, storedHashAlg } from './audit-rows.js';
import { hex } from './column-values.js';
import { readDurableSize } from './durable-tip.js';
import { listTreeHeads } from './tree-head-rows.js';

/** The `format` of the header line, and its version. */
export const auditExportFormat = { format: 'tongban-audit-log', version: 1 } as const;

/** Leaf hashes per `leaves` line. */
const LEAVES_PER_LINE = 1000;

/** Which entries to export: [fromIndex, toIndex), by default the whole committed log. */
export interface ExportAuditLogOptions {
  readonly fromIndex?: number | undefined;
  /** Exclusive; at most the committed size, which is the default. */
  readonly toIndex?: number | undefined;
}

/**
 * The log as JSON Lines, one string per line (each ending in "\n"), in this order (docs/DATABASE.md
 * describes every field):
 *
 * 1. `{"type":"header","format":"tongban-audit-log","version":1,"hashAlg",…,"fromIndex","toIndex","size","exportedAt"}`
 * 2. `{"type":"head",…}` for every signed head with treeSize ≤ toIndex (a SignedTreeHead as is);
 * 3. `{"type":"pruned","fromIndex","toIndex","partition","exportedThrough","prunedAt"}` per pruned month;
 * 4. `{"type":"leaves","fromIndex","leafHashes":[hex,…]}`: every stored leaf hash below toIndex, so
 *    the heads can be checked even where entries are not in the file (before fromIndex, pruned);
 * 5. `{"type":"entry","index","leafHash","canonical"}` per entry row in [fromIndex, toIndex): the
 *    canonical JSON as a string, whose UTF-8 bytes are the leaf input (hash them, never re-serialise);
 * 6. `{"type":"end","entries","exportedThrough"}`: the last line, so a truncated file is evident;
 *    `exportedThrough` is toIndex − 1, the last index of the exported range (null if empty), the
 *    value `pruneAuditLog` asks for once the file is safely stored.
 *
 * Reads page by page at a fixed size taken at the start, so appends during the export are not in it.
 */
export async function* exportAuditLog<DB extends AuditDatabase>(
  database: Kysely<DB>,
  options: ExportAuditLogOptions = {},
): AsyncGenerator<string> {
  const db = database as unknown as Kysely<AuditDatabase>;
  const size = await readDurableSize(db);
  const fromIndex = options.fromIndex ?? 0;
  const toIndex = options.toIndex ?? size;
  if (!Number.isSafeInteger(fromIndex) || fromIndex < 0)
    throw new DomainError('VALIDATION_FAILED', 'must be a non-negative integer', { field: 'fromIndex' });
  if (!Number.isSafeInteger(toIndex) || toIndex < fromIndex || toIndex > size)
    throw new DomainError('VALIDATION_FAILED', 'must lie between fromIndex and the size of the log', {
      field: 'toIndex',
    });
  const line = (record: object): string => `${JSON.stringify(record)}\n`;

  yield line({
    type: 'header',
    ...auditExportFormat,
    hashAlg: (await storedHashAlg(db)) ?? null,
    fromIndex,
    toIndex,
    size,
    exportedAt: new Date().toISOString(),
  });
  for (const head of await listTreeHeads(db, toIndex)) yield line({ type: 'head', ...head });
  for (const p of await prunedRanges(db)) if (p.fromIndex < toIndex) yield line({ type: 'pruned', ...p });

  let chunk: string[] = [];
  let chunkStart = 0;
  for await (const row of leafRows(db, 0, toIndex)) {
    if (chunk.length === 0) chunkStart = row.index;
    else if (row.index !== chunkStart + chunk.length || chunk.length === LEAVES_PER_LINE) {
      yield line({ type: 'leaves', fromIndex: chunkStart, leafHashes: chunk });
      chunk = [];
      chunkStart = row.index;
    }
    chunk.push(hex(row.leafHash));
  }
  if (chunk.length > 0) yield line({ type: 'leaves', fromIndex: chunkStart, leafHashes: chunk });

  let entries = 0;
  for await (const row of entryRows(db, fromIndex, toIndex)) {
    entries++;
    yield line({ type: 'entry', index: row.index, leafHash: hex(row.leafHash), canonical: row.canonical });
  }
  yield line({ type: 'end', entries, exportedThrough: toIndex > fromIndex ? toIndex - 1 : null });
}
