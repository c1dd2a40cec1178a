/** Why a CSV record could not be read whole. */
export type CsvRecordProblem =
  /** The file ends inside a quoted value. */
  | 'quote-not-closed'
  /** The record is longer than the limit; its text was dropped. */
  | 'too-long'
  /** A quoted value runs over more lines than the limit: its closing quote is probably missing. */
  | 'too-many-lines'
  /** Text follows a closing quote before the delimiter (`"abc"x`). */
  | 'text-after-quote';

/** One record: its values, and the lines it spans (1-based; a quoted value may hold line breaks). */
export interface CsvRecord {
  readonly line: number;
  readonly lastLine: number;
  /** Empty when the record was too long: its text is not kept. */
  readonly fields: readonly string[];
  readonly problem?: CsvRecordProblem | undefined;
}

export interface CsvTokenizerOptions {
  /** One character; ',' by default. */
  readonly delimiter?: string | undefined;
  /** Characters in one record, delimiters included (64 KiB by default). */
  readonly maxRecordLength?: number | undefined;
  /** Lines one record may span through quoted line breaks (50 by default). */
  readonly maxRecordLines?: number | undefined;
}

export const DEFAULT_MAX_RECORD_LENGTH = 64 * 1024;
export const DEFAULT_MAX_RECORD_LINES = 50;

const QUOTE = 0x22;
const NL = 0x0a;

const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** Just read a quote inside a quoted value: a doubled quote, or the closing one. */
  QuoteInQuoted: 3,
} as const;
type State = (typeof State)[keyof typeof State];

/**
 * An incremental RFC 4180 CSV tokenizer: feed it text in chunks, get whole records with the lines they
 * span. Pure; memory is bounded by one record.
 *
 * Why not csv-parse: with `skip_records_with_error` (needed so that one bad row does not abort a file
 * of a million), csv-parse 6.2 stops emitting anything after a record exceeds `max_record_size`: every
 * later row is lost without a word. Bounding the record size is not optional for an upload, so the
 * import uses this tokenizer, which reports a bad record and carries on at the next line.
 *
 * Rules: `""` inside quotes is a quote; a quote inside an unquoted value is a plain character (as
 * Excel and most exporters write it); CRLF, LF and lone CR all end lines (line breaks inside quoted
 * values become LF); a leading byte-order mark is dropped. Recovery: a record over the length or
 * line limit is reported with the lines it covered and reading resumes at the next line; a file ending
 * inside quotes reports that record.
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly maxLength: number;
  private readonly maxLines: number;

  private state: State = State.FieldStart;
  private fields: string[] = [];
  private field = '';
  private line = 1;
  private recordLine = 1;
  private recordLength = 0;
  private recordStarted = false;
  private overflow = false;
  private problem: CsvRecordProblem | undefined;
  private pendingCr = false;
  private started = false;

  constructor(options: CsvTokenizerOptions = {}) {
    const delimiter = options.delimiter ?? ',';
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')
      throw new RangeError('the delimiter must be one character other than a quote or a line break');
    this.delimiter = delimiter.charCodeAt(0);
    this.maxLength = options.maxRecordLength ?? DEFAULT_MAX_RECORD_LENGTH;
    this.maxLines = options.maxRecordLines ?? DEFAULT_MAX_RECORD_LINES;
  }

  /** Reads the next chunk of text; returns the records it completes. */
  push(chunk: string): CsvRecord[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.pendingCr) {
      text = '\r' + text;
      this.pendingCr = false;
    }
    // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
    if (text.endsWith('\r')) {
      this.pendingCr = true;
      text = text.slice(0, -1);
    }
    const out: CsvRecord[] = [];
    this.scan(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text, out);
    return out;
  }

  /** Ends the input; returns the last record, if the text did not end with a line break. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.pendingCr) {
      this.pendingCr = false;
      this.scan('\n', out);
    }
    if (this.recordStarted) {
      if (this.state === State.Quoted) this.problem ??= 'quote-not-closed';
      this.emit(out);
    }
    return out;
  }

  private scan(text: string, out: CsvRecord[]): void {
    const n = text.length;
    const delimiter = this.delimiter;
    let i = 0;
    while (i < n) {
      this.recordStarted = true;
      switch (this.state) {
        case State.FieldStart: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.count(1);
            i++;
          } else if (c === delimiter) {
            this.pushField();
            this.count(1);
            i++;
          } else if (c === NL) {
            this.endRecord(out);
            i++;
          } else this.state = State.Unquoted;
          break;
        }
        case State.Unquoted: {
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === delimiter || c === NL) break;
            j++;
          }
          this.append(text, i, j);
          i = j;
          if (j < n) {
            if (text.charCodeAt(j) === delimiter) {
              this.pushField();
              this.count(1);
              this.state = State.FieldStart;
            } else this.endRecord(out);
            i = j + 1;
          }
          break;
        }
        case State.Quoted: {
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === QUOTE || c === NL) break;
            j++;
          }
          this.append(text, i, j);
          i = j;
          if (j < n) {
            i = j + 1;
            if (text.charCodeAt(j) === QUOTE) {
              this.count(1);
              this.state = State.QuoteInQuoted;
            } else if (this.overflow || this.line + 1 - this.recordLine + 1 > this.maxLines) {
              // Most likely a stray quote: end the record here and read the next line afresh,
              // rather than swallow the rest of the file into one value.
              if (!this.overflow) this.problem = 'too-many-lines';
              this.endRecord(out);
            } else {
              this.append('\n', 0, 1);
              this.line++;
            }
          }
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.append('"', 0, 1);
            this.state = State.Quoted;
            i++;
          } else if (c === delimiter) {
            this.pushField();
            this.count(1);
            this.state = State.FieldStart;
            i++;
          } else if (c === NL) {
            this.endRecord(out);
            i++;
          } else {
            this.problem ??= 'text-after-quote';
            this.state = State.Unquoted;
          }
          break;
        }
      }
    }
  }

  private count(chars: number): void {
    this.recordLength += chars;
    if (this.recordLength > this.maxLength && !this.overflow) {
      // Drop what was kept: memory stays bounded whatever the record's length.
      this.overflow = true;
      this.problem = 'too-long';
      this.fields = [];
      this.field = '';
    }
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.count(to - from);
    if (!this.overflow) this.field += text.slice(from, to);
  }

  private pushField(): void {
    if (!this.overflow) this.fields.push(this.field);
    this.field = '';
  }

  /** Ends the record at a line break, which it consumes. */
  private endRecord(out: CsvRecord[]): void {
    this.emit(out);
    this.line++;
    this.recordLine = this.line;
  }

  private emit(out: CsvRecord[]): void {
    this.pushField();
    out.push({
      line: this.recordLine,
      lastLine: this.line,
      fields: this.fields,
      ...(this.problem ? { problem: this.problem } : {}),
    });
    this.state = State.FieldStart;
    this.fields = [];
    this.field = '';
    this.recordLength = 0;
    this.recordStarted = false;
    this.overflow = false;
    this.problem = undefined;
  }
}
