import type { Readable } from 'node:stream';
import { DomainError } from '@tongban/domain';
import ExcelJS from 'exceljs';
import { checkXlsxArchive, type XlsxArchiveLimits } from './check-xlsx-archive.js';
import { normaliseColumnName } from './clean-text.js';
import {
  headerNames,
  isBlankRecord,
  malformedRow,
  startRowSource,
  valuesBuilder,
  type RowEvent,
  type RowSource,
} from './row-source.js';
import type { CellValue } from './transforms.js';

export interface XlsxReadOptions extends XlsxArchiveLimits {
  /** The worksheet's name; the first worksheet when absent. */
  readonly sheet?: string | undefined;
  /** 1-based row of the header; rows above it (a title) are skipped (1 by default). */
  readonly headerRow?: number | undefined;
  /** Characters of text in one row (64 KiB by default); a longer row is a ROW_MALFORMED row. */
  readonly maxRecordLength?: number | undefined;
}

/** The parts of exceljs's streaming worksheet that it does not declare in its types. */
interface SheetReader extends AsyncIterable<{ readonly number: number; readonly values: unknown }> {
  readonly name?: string;
}

type Cell = { readonly value: CellValue } | { readonly error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A cell as exceljs reads it, as a plain value; rich text is joined, a formula gives its result. */
function cellOf(v: unknown, depth = 0): Cell {
  if (v === null || v === undefined) return { value: undefined };
  if (typeof v === 'string') return { value: v };
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { error: 'not a finite number' };
  if (typeof v === 'boolean') return { value: String(v) };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { error: 'an invalid date' } : { value: v };
  if (!isObject(v) || depth > 2) return { error: 'a cell of an unsupported kind' };
  if (Array.isArray(v['richText']))
    return {
      value: (v['richText'] as unknown[])
        .map((run) => (isObject(run) && typeof run['text'] === 'string' ? run['text'] : ''))
        .join(''),
    };
  if ('error' in v) return { error: `an Excel error value (${String(v['error']).slice(0, 8)})` };
  if ('formula' in v || 'sharedFormula' in v)
    return v['result'] === undefined
      ? { error: 'a formula without a computed value: open and save the file in Excel' }
      : cellOf(v['result'], depth + 1);
  if ('hyperlink' in v) return cellOf(v['text'], depth + 1);
  return { error: 'a cell of an unsupported kind' };
}

function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

async function* sheetEvents(
  sheet: SheetReader,
  headerRow: number,
  maxRecordLength: number,
): AsyncGenerator<RowEvent, void, undefined> {
  let header: { names: string[]; build: ReturnType<typeof valuesBuilder> } | undefined;
  for await (const row of sheet) {
    // exceljs gives a sparse array with the first cell at index 1.
    const raw = Array.isArray(row.values) ? (row.values as unknown[]) : [];
    const cells: CellValue[] = [];
    let problem: string | undefined;
    let length = 0;
    for (let c = 1; c < raw.length; c++) {
      const cell = cellOf(raw[c]);
      const name = header?.names[c - 1];
      if ('error' in cell) {
        // Only a named column matters: an error in a note beside the table does not spoil the row.
        if (!header || name)
          problem ??= `column ${name ? `${name} (${columnLetters(c - 1)})` : columnLetters(c - 1)} holds ${cell.error}`;
        continue;
      }
      cells[c - 1] = cell.value;
      if (typeof cell.value === 'string') length += cell.value.length;
    }
    if (!header) {
      if (row.number < headerRow || (!problem && isBlankRecord(cells))) continue;
      if (problem)
        throw new DomainError('MALFORMED_INPUT', `the header row ${row.number} cannot be read: ${problem}`);
      const names = headerNames(Array.from(cells));
      if (names.every((h) => h === ''))
        throw new DomainError('MALFORMED_INPUT', 'the header row has no column names');
      header = { names, build: valuesBuilder(names) };
      yield { kind: 'header', rowNumber: row.number, headers: names };
      continue;
    }
    if (problem) yield malformedRow(row.number, problem);
    else if (length > maxRecordLength)
      yield malformedRow(row.number, `the row holds more than ${maxRecordLength} characters`);
    else if (!isBlankRecord(Array.from(cells)))
      yield { kind: 'row', rowNumber: row.number, values: header.build(cells) };
  }
}

async function* xlsxEvents(
  path: string,
  options: XlsxReadOptions,
): AsyncGenerator<RowEvent, void, undefined> {
  await checkXlsxArchive(path, options);
  // Styles are read because they tell a date cell from a number; hyperlinks and the rest are not.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const wanted = options.sheet === undefined ? undefined : normaliseColumnName(options.sheet);
  const seen: string[] = [];
  let found = false;
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as SheetReader;
      const name = sheet.name ?? '';
      seen.push(name);
      if (wanted !== undefined && normaliseColumnName(name) !== wanted) continue;
      found = true;
      yield* sheetEvents(sheet, options.headerRow ?? 1, options.maxRecordLength ?? 64 * 1024);
      // The other sheets are not needed: stop reading the archive.
      break;
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    // exceljs's messages can quote the file's XML, which holds personal data: say only what failed.
    throw new DomainError('MALFORMED_INPUT', 'the workbook cannot be read: a part of it is damaged');
  } finally {
    (reader as unknown as { stream?: Readable }).stream?.destroy();
  }
  if (!found)
    throw new DomainError(
      'MALFORMED_INPUT',
      wanted === undefined
        ? 'the workbook has no worksheet'
        : `the workbook has no sheet named "${options.sheet}" (it has: ${seen.join(', ')})`,
    );
}

/**
 * Opens an XLSX workbook of stock data and reads the header of its sheet; rows then stream from the
 * returned source (exceljs's streaming reader: the sheet is never held whole; only the workbook's
 * shared-text table is, bounded by {@link XlsxArchiveLimits}). Date cells arrive as `Date` (UTC
 * midnight), numbers as numbers, rich text as text, formulas as their computed results.
 *
 * A row with an Excel error value (#N/A), a formula never computed, or over the length limit is a
 * ROW_MALFORMED row; blank rows are skipped; cells right of the header are ignored.
 *
 * @throws DomainError MALFORMED_INPUT when the file is not an XLSX workbook, is damaged, or has no
 *   such sheet or no header; PAYLOAD_TOO_LARGE past the archive limits. Both before any row.
 */
export async function readXlsxRows(path: string, options: XlsxReadOptions = {}): Promise<RowSource> {
  return startRowSource(xlsxEvents(path, options));
}
