import { DomainError } from '@tongban/domain';
import { normaliseColumnName, trimText } from './clean-text.js';
import type { ImportProblem } from './import-problem.js';
import type { CellValue } from './transforms.js';

/** A row's cells by column name (normalised; see {@link normaliseColumnName}). Empty cells are undefined. */
export type SourceValues = Readonly<Record<string, CellValue>>;

/**
 * One data row of a file: its values, or why it cannot be read (ROW_MALFORMED, field ''). `rowNumber`
 * is the 1-based line (CSV; where the record starts) or row (XLSX) a person sees, the header's being 1
 * when it is on the first line.
 */
export type SourceRow =
  | { readonly rowNumber: number; readonly values: SourceValues }
  | { readonly rowNumber: number; readonly problem: ImportProblem };

/**
 * The rows of one file, read lazily: the header has been read (and the file recognised) when the
 * reader's promise resolves; rows stream from the iterator, which can be taken once. Stopping early
 * (`break`, or `close()`) releases the file.
 */
export interface RowSource extends AsyncIterable<SourceRow> {
  /** Column names in file order, normalised; '' for a column without a name. May repeat. */
  readonly headers: readonly string[];
  readonly headerRowNumber: number;
  close(): Promise<void>;
}

/** What a reader's generator produces: the header first, then rows. */
export type RowEvent =
  | { readonly kind: 'header'; readonly rowNumber: number; readonly headers: readonly string[] }
  | ({ readonly kind: 'row' } & SourceRow);

/** A ROW_MALFORMED row. The message says what is wrong and where, never what the cells hold. */
export const malformedRow = (rowNumber: number, message: string): RowEvent => ({
  kind: 'row',
  rowNumber,
  problem: { code: 'ROW_MALFORMED', field: '', message },
});

/** A record whose cells are all empty or whitespace (a blank line, or ",,,," from an Excel export). */
export const isBlankRecord = (cells: readonly CellValue[]): boolean =>
  cells.every((c) => c === undefined || (typeof c === 'string' && trimText(c) === ''));

/** The header's cells as column names. */
export const headerNames = (cells: readonly CellValue[]): string[] =>
  cells.map((c) =>
    c === undefined ? '' : normaliseColumnName(c instanceof Date ? c.toISOString() : String(c)),
  );

/**
 * Builds rows' value records for one header. A column named twice keeps its first cell (the mapping
 * check refuses to read such a column); unnamed columns are dropped. Records are built with
 * `Object.fromEntries`, so a column named "__proto__" is a plain property, never the prototype.
 */
export function valuesBuilder(headers: readonly string[]): (cells: readonly CellValue[]) => SourceValues {
  const seen = new Set<string>();
  const columns: [number, string][] = [];
  headers.forEach((name, i) => {
    if (name !== '' && !seen.has(name)) {
      seen.add(name);
      columns.push([i, name]);
    }
  });
  return (cells) =>
    Object.fromEntries(
      columns.map(([i, name]) => {
        const c = cells[i];
        return [name, c === '' ? undefined : c];
      }),
    );
}

/**
 * Starts a reader's generator, waits for the header, and hands out the rest as a {@link RowSource}.
 *
 * @throws DomainError MALFORMED_INPUT when the file ends before a header.
 */
export async function startRowSource(events: AsyncGenerator<RowEvent, void, undefined>): Promise<RowSource> {
  let first: IteratorResult<RowEvent, void>;
  try {
    first = await events.next();
  } catch (e) {
    await events.return(undefined);
    throw e;
  }
  if (first.done || first.value.kind !== 'header') {
    await events.return(undefined);
    throw new DomainError('MALFORMED_INPUT', 'the file has no header row');
  }
  const { headers, rowNumber } = first.value;
  let taken = false;
  async function* rows(): AsyncGenerator<SourceRow, void, undefined> {
    try {
      for await (const e of events) {
        if (e.kind !== 'row') continue;
        yield 'values' in e
          ? { rowNumber: e.rowNumber, values: e.values }
          : { rowNumber: e.rowNumber, problem: e.problem };
      }
    } finally {
      await events.return(undefined);
    }
  }
  return {
    headers,
    headerRowNumber: rowNumber,
    [Symbol.asyncIterator]() {
      if (taken) throw new Error('the rows of a file can be read once');
      taken = true;
      return rows();
    },
    async close() {
      await events.return(undefined);
    },
  };
}
