import { hasErrors, type Catalog, type ImportIssue } from '@tongban/domain';
import { catalogOfDocument } from './canonical.js';
import { DEFAULT_MAX_DEPTH, parseJsonText, type TextProblem } from './json-text.js';
import { DEFAULT_MAX_ISSUES, finishIssues, type Locate } from './issues.js';
import { validateCatalogDocument } from './validate-document.js';
import { readXlsxCatalog, type Covered } from './xlsx-read.js';
import { MAX_ALIAS_COUNT, parseYamlText } from './yaml-text.js';

export type CatalogFileFormat = 'json' | 'yaml' | 'xlsx';

export interface ReadCatalogFileOptions {
  /** The file's name: issues carry it, and the format follows its extension unless `format` is given. */
  readonly fileName: string;
  readonly format?: CatalogFileFormat | undefined;
  /** Files larger than this are refused before any parsing. Default 20 MiB. */
  readonly maxBytes?: number | undefined;
  /** XLSX: data rows per sheet. Default 100,000. */
  readonly maxRowsPerSheet?: number | undefined;
  /** XLSX: the workbook's parts inflated, in total. Default 200 MiB. */
  readonly maxUncompressedBytes?: number | undefined;
  /** Issues listed before the rest are summarised in one final issue. Default 1,000. */
  readonly maxIssues?: number | undefined;
}

export interface CatalogFileRead {
  /** Set only when no issue is an error. */
  readonly catalog?: Catalog;
  readonly issues: ImportIssue[];
}

/** The limits readers apply by default (docs/catalog-format.md, section 4). */
export const CATALOG_FILE_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  maxRowsPerSheet: 100_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxIssues: DEFAULT_MAX_ISSUES,
  /** Parts of an XLSX zip archive: a catalog workbook has about twenty. */
  maxZipEntries: 1_000,
  /** JSON and YAML nesting. */
  maxDepth: DEFAULT_MAX_DEPTH,
  maxYamlAliasCount: MAX_ALIAS_COUNT,
} as const;

/** The largest catalog file read at all (20 MiB): larger files are refused before parsing. */
export const DEFAULT_MAX_BYTES = CATALOG_FILE_LIMITS.maxBytes;

/** What the readers share with `importCatalogFile`: the catalog, issues without locations, and the locator. */
export interface LocatedRead {
  readonly catalog?: Catalog | undefined;
  readonly issues: ImportIssue[];
  readonly locate: Locate;
}

const nowhere: Locate = () => ({});

/** The format a file name's extension names, if we read it. */
export function formatOfFileName(fileName: string): CatalogFileFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1];
  switch (ext) {
    case 'json':
      return 'json';
    case 'yaml':
    case 'yml':
      return 'yaml';
    case 'xlsx':
      return 'xlsx';
    default:
      return undefined;
  }
}

/**
 * Reads a catalog file in our format (JSON, YAML or XLSX), validates it against the catalog schema
 * and returns the catalog with every issue found. The catalog is returned only when no issue is an
 * error. This does not check references between entries: `importCatalogFile` does.
 */
export async function readCatalogFile(
  bytes: Uint8Array,
  options: ReadCatalogFileOptions,
): Promise<CatalogFileRead> {
  const read = await readLocated(bytes, options);
  const issues = finishIssues(read.issues, read.locate, options);
  return hasErrors(issues) || !read.catalog ? { issues } : { catalog: read.catalog, issues };
}

/** @internal Reads without locating issues, so that `importCatalogFile` can add its own first. */
export async function readLocated(bytes: Uint8Array, options: ReadCatalogFileOptions): Promise<LocatedRead> {
  const maxBytes = options.maxBytes ?? CATALOG_FILE_LIMITS.maxBytes;
  // First, before looking at a single byte: a file over the limit costs nothing more.
  if (bytes.byteLength > maxBytes) {
    return {
      issues: [
        {
          severity: 'error',
          code: 'FILE_TOO_LARGE',
          message: `the file has ${bytes.byteLength} bytes; at most ${maxBytes} are accepted`,
        },
      ],
      locate: nowhere,
    };
  }
  const format = options.format ?? formatOfFileName(options.fileName);
  if (!format) {
    const old = /\.(xls|et|csv)$/i.test(options.fileName);
    return {
      issues: [
        {
          severity: 'error',
          code: 'UNSUPPORTED_FORMAT',
          message: old
            ? 'this format is not read here: save the workbook as .xlsx'
            : 'the catalog format is told by the file name: .json, .yaml, .yml or .xlsx',
        },
      ],
      locate: nowhere,
    };
  }
  if (format === 'xlsx') return readXlsx(bytes, options);
  return readText(bytes, format);
}

function malformed(message: string, line?: number): ImportIssue {
  return { severity: 'error', code: 'MALFORMED_FILE', message, ...(line === undefined ? {} : { line }) };
}

function decodeText(bytes: Uint8Array): string | ImportIssue {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return malformed('the file is UTF-16 text: save it as UTF-8');
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return malformed('this is a zip archive (an XLSX workbook?), not text: name it .xlsx');
  }
  try {
    // fatal: a byte sequence that is not UTF-8 is an error, not a replacement character. The BOM, if
    // any, is dropped.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return malformed('the file is not UTF-8 text');
  }
}

function readText(bytes: Uint8Array, format: 'json' | 'yaml'): LocatedRead {
  const text = decodeText(bytes);
  if (typeof text !== 'string') return { issues: [text], locate: nowhere };
  const parsed = format === 'json' ? parseJsonText(text) : parseYamlText(text);
  if (parsed.problems.length > 0 || !('value' in parsed)) {
    return { issues: parsed.problems.map(problemIssue), locate: nowhere };
  }
  const locate: Locate = (pointer) => ({ line: parsed.lineOf(pointer) });
  const issues = validateCatalogDocument(parsed.value);
  return { issues, locate, ...(hasErrors(issues) ? {} : { catalog: catalogOfDocument(parsed.value) }) };
}

const problemIssue = (p: TextProblem): ImportIssue =>
  malformed(`line ${p.line}, column ${p.column}: ${p.message}`, p.line);

async function readXlsx(bytes: Uint8Array, options: ReadCatalogFileOptions): Promise<LocatedRead> {
  const read = await readXlsxCatalog(bytes, {
    maxRowsPerSheet: options.maxRowsPerSheet ?? CATALOG_FILE_LIMITS.maxRowsPerSheet,
    maxUncompressedBytes: options.maxUncompressedBytes ?? CATALOG_FILE_LIMITS.maxUncompressedBytes,
    maxEntries: CATALOG_FILE_LIMITS.maxZipEntries,
  });
  const locate: Locate = (pointer) => read.locate(pointer) ?? {};
  if (!read.doc) return { issues: read.issues, locate };
  const schemaIssues = validateCatalogDocument(read.doc).filter((i) => !isCovered(i.pointer, read.covered));
  const issues = [...read.issues, ...schemaIssues];
  return { issues, locate, ...(hasErrors(issues) ? {} : { catalog: catalogOfDocument(read.doc) }) };
}

/**
 * A schema error the sheet reader already reported in its own words: at the same pointer, below it,
 * or above it within the same row (a value left out because its cell was bad makes its parent fail).
 */
function isCovered(pointer: string | undefined, covered: readonly Covered[]): boolean {
  if (pointer === undefined) return false;
  return covered.some(
    (c) =>
      pointer === c.pointer ||
      pointer.startsWith(`${c.pointer}/`) ||
      (c.pointer.startsWith(`${pointer}/`) && pointer.length > c.entity.length),
  );
}
