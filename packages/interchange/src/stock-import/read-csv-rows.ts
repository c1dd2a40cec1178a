import { createReadStream } from 'node:fs';
import { DomainError } from '@tongban/domain';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer.js';
import type { CsvEncoding } from './import-mapping.js';
import {
  headerNames,
  isBlankRecord,
  malformedRow,
  startRowSource,
  valuesBuilder,
  type RowEvent,
  type RowSource,
} from './row-source.js';

export interface CsvReadOptions {
  /** One character; ',' by default. */
  readonly delimiter?: string | undefined;
  /** 'utf8' (default; a byte-order mark is dropped) or 'gb18030' (also reads GBK and GB2312). */
  readonly encoding?: CsvEncoding | undefined;
  /** 1-based line of the header; lines above it are skipped (1 by default). */
  readonly headerRow?: number | undefined;
  /** Characters in one record (64 KiB by default); a longer record is a ROW_MALFORMED row. */
  readonly maxRecordLength?: number | undefined;
  /** Lines one record may span through quoted line breaks (50 by default). */
  readonly maxRecordLines?: number | undefined;
}

const ENCODING_NAMES: Readonly<Record<CsvEncoding, string>> = { utf8: 'UTF-8', gb18030: 'GB18030' };

/** How much of the start of the file is examined to tell text from something else. */
const SNIFF_BYTES = 64 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  prefix.every((b, i) => bytes[i] === b);

/**
 * Refuses, before any row, a file that is not CSV text in the expected encoding: a workbook, a PDF,
 * UTF-16 (Excel's "Unicode text"), binary data, or bytes that are not valid in the encoding.
 */
function assertCsvText(head: Uint8Array, encoding: CsvEncoding): void {
  const refuse = (message: string): never => {
    throw new DomainError('MALFORMED_INPUT', message);
  };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]))
    refuse('this is a zip archive (an XLSX workbook?), not CSV text: import it as XLSX');
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0]))
    refuse('this is an old .xls workbook, not CSV text: save it as .xlsx or as CSV');
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]))
    refuse('this is UTF-16 text (Excel\'s "Unicode text"): save it as "CSV UTF-8"');
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) refuse('this is a PDF document, not CSV text');
  if (head.includes(0)) refuse('this is a binary file, not CSV text');
  let text: string;
  try {
    text = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'gb18030', { fatal: true }).decode(head, {
      stream: true,
    });
  } catch {
    return refuse(
      encoding === 'utf8'
        ? 'the file is not UTF-8 text: if Excel on Chinese Windows saved it, set format.encoding to gb18030'
        : 'the file is not GB18030 (GBK) text: if it is UTF-8, set format.encoding to utf8',
    );
  }
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = text.match(/[\u0001-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > text.length / 100) refuse('this is a binary file, not CSV text');
}

function describe(record: CsvRecord, o: { maxRecordLength: number; maxRecordLines: number }): string {
  const lines =
    record.line === record.lastLine ? `line ${record.line}` : `lines ${record.line}–${record.lastLine}`;
  switch (record.problem) {
    case 'quote-not-closed':
      return `a quoted value opened on line ${record.line} is not closed before the end of the file (${lines} read as one record)`;
    case 'too-long':
      return `the record is longer than ${o.maxRecordLength} characters (${lines})`;
    case 'too-many-lines':
      return `a quoted value opened on line ${record.line} runs over more than ${o.maxRecordLines} lines: its closing quote is probably missing (${lines} skipped)`;
    case 'text-after-quote':
      return `a quoted value has text after its closing quote (${lines})`;
    case undefined:
      return `the record cannot be read (${lines})`;
  }
}

async function* csvEvents(path: string, options: CsvReadOptions): AsyncGenerator<RowEvent, void, undefined> {
  const encoding = options.encoding ?? 'utf8';
  const headerRow = options.headerRow ?? 1;
  const limits = {
    maxRecordLength: options.maxRecordLength ?? 64 * 1024,
    maxRecordLines: options.maxRecordLines ?? 50,
  };
  const tokenizer = new CsvTokenizer({ delimiter: options.delimiter, ...limits });
  // Not fatal: a bad byte in row 500,000 spoils that row (U+FFFD, reported below), not the file.
  const decoder = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'gb18030');
  let header: { width: number; build: ReturnType<typeof valuesBuilder> } | undefined;

  const eventOf = (record: CsvRecord): RowEvent | undefined => {
    if (!header) {
      if (record.line < headerRow || (!record.problem && isBlankRecord(record.fields))) return undefined;
      if (record.problem)
        throw new DomainError('MALFORMED_INPUT', `the header cannot be read: ${describe(record, limits)}`);
      const headers = headerNames(record.fields);
      if (headers.every((h) => h === ''))
        throw new DomainError('MALFORMED_INPUT', 'the header row has no column names');
      header = { width: headers.length, build: valuesBuilder(headers) };
      return { kind: 'header', rowNumber: record.line, headers };
    }
    if (record.problem) return malformedRow(record.line, describe(record, limits));
    const cells = record.fields;
    if (isBlankRecord(cells)) return undefined;
    if (cells.some((c) => c.includes('\uFFFD')))
      return malformedRow(
        record.line,
        `the line has bytes that are not valid ${ENCODING_NAMES[encoding]} text`,
      );
    // A different count means the values cannot be matched to the header column by column. Even extra
    // empty values are refused: an unquoted comma in a row whose last cell is empty looks just like
    // a trailing comma, and would shift every value after it into the wrong column.
    if (cells.length !== header.width)
      return malformedRow(
        record.line,
        `the line has ${cells.length} values where the header has ${header.width}${cells.length < header.width ? ': cut short?' : ''}`,
      );
    return { kind: 'row', rowNumber: record.line, values: header.build(cells) };
  };

  const stream = createReadStream(path, { highWaterMark: SNIFF_BYTES });
  let sniffed = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!sniffed) {
        assertCsvText(chunk, encoding);
        sniffed = true;
      }
      for (const record of tokenizer.push(decoder.decode(chunk, { stream: true }))) {
        const e = eventOf(record);
        if (e) yield e;
      }
    }
    for (const record of [...tokenizer.push(decoder.decode()), ...tokenizer.end()]) {
      const e = eventOf(record);
      if (e) yield e;
    }
  } finally {
    stream.destroy();
  }
}

/**
 * Opens a CSV file of stock data and reads its header; rows then stream from the returned source
 * with bounded memory (one record at a time), so a file of a million rows is fine.
 *
 * A row that cannot be read (a different number of values than the header, an unclosed quote, a
 * record over the length limit, bytes invalid in the encoding) is yielded as a ROW_MALFORMED row and
 * reading goes on. Blank lines (and lines of only delimiters) are skipped.
 *
 * @throws DomainError MALFORMED_INPUT when the file is not CSV text (a workbook, binary, another
 *   encoding) or has no header, before any row.
 */
export async function readCsvRows(path: string, options: CsvReadOptions = {}): Promise<RowSource> {
  return startRowSource(csvEvents(path, options));
}
