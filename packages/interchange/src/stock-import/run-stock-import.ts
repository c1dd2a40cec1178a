import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  DomainError,
  type AuditLog,
  type Catalog,
  type CertificateStore,
  type ImportBatchResult,
  type ImportRecord,
  type ImportRunReport,
  type QuarantineInput,
} from '@tongban/domain';
import { assertMappingFits } from './check-mapping-against.js';
import type { ImportMapping } from './import-mapping.js';
import { mapRow } from './map-row.js';
import { readCsvRows } from './read-csv-rows.js';
import { readXlsxRows } from './read-xlsx-rows.js';
import type { RowSource, SourceRow } from './row-source.js';

/** Columns a corrected quarantine export adds; they are not data. */
export const QUARANTINE_ID_COLUMN = '_quarantine_id';
export const QUARANTINE_REASONS_COLUMN = '_reasons';

export interface RunStockImportOptions {
  readonly file: string;
  /** The name recorded with the run and the quarantine (default: the path). */
  readonly fileName?: string;
  readonly mapping: ImportMapping;
  readonly catalog: Catalog;
  readonly store: CertificateStore;
  readonly log: AuditLog;
  /** Who runs it (a staff id, or `cli`). */
  readonly startedBy: string;
  /** Rows per transaction (1,000 by default). */
  readonly batchSize?: number;
  /** Called after each stored batch with the rows read so far. */
  readonly progress?: (read: number) => void;
}

/**
 * Imports one CSV or XLSX file of stock data (存量数据) through a mapping: streams its rows, cleans
 * and checks each, and stores them in batches; refused rows go to quarantine with their reasons.
 * Idempotent: the same file again changes nothing (every row is unchanged, every refusal already
 * quarantined); a corrected file makes new versions, not duplicates. Each batch is one transaction,
 * so a failure mid-file leaves whole batches only, and running the file again completes it.
 *
 * Memory is bounded by two batches plus a set of 64-bit key hashes, to tell a row repeated further
 * down the file (about 50 bytes a distinct key: 50 MB for a million rows).
 */
export async function runStockImport(options: RunStockImportOptions): Promise<ImportRunReport> {
  const { mapping, store } = options;
  const type = options.catalog.certificateTypes.find((t) => t.code === mapping.typeCode);
  if (!type)
    throw new DomainError(
      'CERTIFICATE_TYPE_NOT_FOUND',
      'the mapping names a type the catalog does not have',
      {
        field: 'typeCode',
      },
    );
  const fileDigest = await sha256File(options.file);
  const rows = await openRows(options.file, mapping);
  const totals = { read: 0, imported: 0, updated: 0, unchanged: 0, quarantined: 0 };
  let runId: number | undefined;
  try {
    assertMappingFits(
      mapping,
      type,
      rows.headers.filter((h) => !h.startsWith('_')),
    );
    const fileName = options.fileName ?? options.file;
    const run = await store.startImport({
      fileName,
      fileDigest,
      typeCode: type.code,
      startedBy: options.startedBy,
    });
    runId = run.id;
    const seen = new Set<string>();
    const batchSize = options.batchSize ?? 1000;
    let records: ImportRecord[] = [];
    let refused: QuarantineInput[] = [];
    let inFlight: Promise<void> = Promise.resolve();
    // One batch is written while the next is read and checked: the file and the database work at once.
    const flush = async (): Promise<void> => {
      const [r, q, read] = [records, refused, totals.read];
      records = [];
      refused = [];
      await inFlight;
      inFlight = store.importBatch(run, r, q).then((result: ImportBatchResult) => {
        totals.imported += result.imported;
        totals.updated += result.updated;
        totals.unchanged += result.unchanged;
        totals.quarantined += result.quarantined;
        options.progress?.(read);
      });
    };
    for await (const row of rows) {
      totals.read += 1;
      const raw = rawOf(row);
      const mapped = mapRow(row, mapping, type);
      if (!mapped.ok) {
        for (const p of mapped.problems)
          refused.push({ rowNumber: row.rowNumber, field: p.field, code: p.code, message: p.message, raw });
      } else {
        const hashed = keyHash(mapped.sourceKey);
        if (seen.has(hashed))
          refused.push({
            rowNumber: row.rowNumber,
            field: 'key',
            code: 'DUPLICATE_IN_FILE',
            message: 'the same certificate appears earlier in this file',
            raw,
            sourceKey: mapped.sourceKey,
          });
        else {
          seen.add(hashed);
          const corrects = quarantineIdsOf(raw);
          records.push({
            rowNumber: row.rowNumber,
            sourceKey: mapped.sourceKey,
            content: mapped.content,
            raw,
            ...(corrects.length > 0 ? { correctsQuarantineIds: corrects } : {}),
          });
        }
      }
      if (records.length + refused.length >= batchSize) await flush();
    }
    await flush();
    await inFlight;
    const report = await store.finishImport(run.id, totals, 'completed');
    await options.log.append({
      operation: 'node.import.completed',
      actor: options.startedBy,
      outcome: 'ok',
      requestId: `import-${run.id}`,
      details: { run: run.id, typeCode: type.code, ...totals },
    });
    return report;
  } catch (e) {
    if (runId !== undefined) await store.finishImport(runId, totals, 'failed').catch(() => undefined);
    throw e;
  } finally {
    await rows.close();
  }
}

async function openRows(file: string, mapping: ImportMapping): Promise<RowSource> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.xlsx'))
    return readXlsxRows(file, {
      headerRow: mapping.format.headerRow,
      ...(mapping.format.sheet ? { sheet: mapping.format.sheet } : {}),
    });
  if (lower.endsWith('.csv') || lower.endsWith('.txt'))
    return readCsvRows(file, {
      headerRow: mapping.format.headerRow,
      delimiter: mapping.format.delimiter,
      encoding: mapping.format.encoding,
    });
  throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'stock data is read from .csv or .xlsx files', {
    field: 'file',
  });
}

/** The row as read, as text, for quarantine (so it can be exported, corrected and imported again). */
function rawOf(row: SourceRow): Record<string, string> {
  if (!('values' in row)) return {};
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(row.values)) {
    if (v === undefined) continue;
    raw[k] = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  }
  return raw;
}

function quarantineIdsOf(raw: Readonly<Record<string, string>>): number[] {
  const cell = raw[QUARANTINE_ID_COLUMN];
  if (!cell) return [];
  return cell
    .split(/\s+/)
    .filter((s) => /^\d{1,15}$/.test(s))
    .map(Number);
}

/**
 * 64 bits of SHA-256 as an 8-character one-byte string (about 50 bytes a key in a Set): a false
 * duplicate among a million distinct keys has odds of about 3 in 10^8.
 */
function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest().toString('latin1', 0, 8);
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (e) {
    throw new DomainError(
      'NOT_FOUND',
      `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        field: 'file',
      },
    );
  }
  return hash.digest('hex');
}
