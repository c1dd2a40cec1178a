import {
  DomainError,
  parseCertificateStatus,
  validateCreditCode,
  type CertificateStatus,
  type HolderKind,
} from '@tongban/domain';
import { TYPE_CODE_PATTERN } from '../catalog-file/catalog-schema.js';
import { joinPointer } from '../catalog-file/pointer.js';
import { parseYamlText } from '../catalog-file/yaml-text.js';
import { normaliseColumnName, toHalfwidth, trimText } from './clean-text.js';
import { parseDate } from './parse-date.js';
import { LONG_TERM_WORDS, simpleTransformNames, type Scalar, type TransformSpec } from './transforms.js';

/** Where one certificate value comes from: a column of the file, cleaned, or a constant. */
export type ValueSource =
  | {
      readonly kind: 'column';
      /** The column name, normalised as headers are (half-width, trimmed). */
      readonly column: string;
      readonly transforms: readonly TransformSpec[];
    }
  | { readonly kind: 'constant'; readonly value: Scalar | readonly Scalar[] | null };

/** A {@link ValueSource} that reads a column. */
export type ColumnSource = Extract<ValueSource, { kind: 'column' }>;

/** CSV text encodings: UTF-8, or GB18030 (which covers GBK and GB2312, what Excel on Chinese Windows saves). */
export type CsvEncoding = 'utf8' | 'gb18030';

/** How to read the file. `sheet` is for XLSX; `delimiter` and `encoding` for CSV. */
export interface ImportFormat {
  /** The worksheet's name; the first worksheet when absent. */
  readonly sheet?: string | undefined;
  /** 1-based row (XLSX) or line (CSV) where the header is; rows above it (a title) are skipped. */
  readonly headerRow: number;
  readonly delimiter: string;
  readonly encoding: CsvEncoding;
}

/** The parts of a certificate, other than its fields, that the key may name. */
export const KEY_PARTS = ['holder', 'issuerCode', 'validFrom', 'validUntil'] as const;

/**
 * A stock-data import mapping: how the columns of a department's legacy file become the certificates
 * of one type. Read from YAML by {@link parseImportMapping}; see docs/stock-import.md.
 */
export interface ImportMapping {
  /** Certificate type code (catalog). */
  readonly typeCode: string;
  /** The issuing department's credit code: a constant (`issuerCode:`) or a column. */
  readonly issuer: ValueSource;
  readonly format: ImportFormat;
  /** The holder's ID column; `kind` defaults to the type's holder kind. */
  readonly holder: ColumnSource & { readonly holderKind?: HolderKind | undefined };
  /**
   * What identifies one certificate in the source, so that importing the same file twice gives the
   * same certificates: `holder`, `issuerCode`, `validFrom`, `validUntil` or names of `fields`.
   */
  readonly key: readonly string[];
  readonly validFrom: ValueSource;
  /** Absent: the certificates have no end date (null). */
  readonly validUntil?: ValueSource | undefined;
  readonly status: ValueSource;
  /** Certificate field name → where its value comes from. */
  readonly fields: Readonly<Record<string, ValueSource>>;
  readonly description?: string | undefined;
}

/** Limits that keep a hostile mapping file cheap to refuse. */
export const MAPPING_LIMITS = {
  maxChars: 256 * 1024,
  maxFields: 500,
  maxTransforms: 20,
  maxMapEntries: 2000,
  maxTextLength: 200,
} as const;

type Path = readonly (string | number)[];

interface MappingProblem {
  readonly path: Path;
  readonly field: string;
  readonly message: string;
}

const fieldOf = (path: Path): string =>
  path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

const TYPE_CODE = new RegExp(TYPE_CODE_PATTERN);
const ENCODINGS: Readonly<Record<string, CsvEncoding>> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
};

/** Collects every problem of a mapping file, so that a clerk fixes them all in one pass. */
class MappingReader {
  readonly problems: MappingProblem[] = [];

  fail(path: Path, message: string): undefined {
    this.problems.push({ path, field: fieldOf(path), message });
    return undefined;
  }

  keys(obj: Record<string, unknown>, path: Path, allowed: readonly string[]): void {
    for (const k of Object.keys(obj))
      if (!allowed.includes(k))
        this.fail([...path, k], `unknown key (expected ${allowed.map((a) => `'${a}'`).join(', ')})`);
  }

  /** Text; whole numbers are accepted as their digits (YAML reads a sheet named 2021 as a number). */
  text(v: unknown, path: Path, what: string): string | undefined {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (typeof v !== 'string' || trimText(v) === '') return this.fail(path, `${what} must be non-empty text`);
    if (v.length > MAPPING_LIMITS.maxTextLength)
      return this.fail(path, `${what} is longer than ${MAPPING_LIMITS.maxTextLength} characters`);
    return v;
  }

  /** A code: must be text in the file, as YAML turns an all-digit code into a number and loses digits. */
  code(v: unknown, path: Path, what: string): string | undefined {
    if (typeof v === 'number') return this.fail(path, `${what} must be text: put it in quotes`);
    const t = this.text(v, path, what);
    return t === undefined ? undefined : trimText(toHalfwidth(t));
  }

  transforms(v: unknown, path: Path): TransformSpec[] | undefined {
    if (v === undefined) return [];
    if (!Array.isArray(v)) return this.fail(path, 'transforms must be a list');
    if (v.length > MAPPING_LIMITS.maxTransforms)
      return this.fail(path, `at most ${MAPPING_LIMITS.maxTransforms} transforms`);
    const specs: TransformSpec[] = [];
    v.forEach((item: unknown, i) => {
      const spec = this.transform(item, [...path, i]);
      if (spec) specs.push(spec);
    });
    return specs.length === v.length ? specs : undefined;
  }

  transform(v: unknown, path: Path): TransformSpec | undefined {
    const known = `${simpleTransformNames.join(', ')}, {map: …}, {split: …}, {default: …}`;
    if (typeof v === 'string') {
      const name = simpleTransformNames.find((n) => n === v);
      return name ? { name } : this.fail(path, `unknown transform (known: ${known})`);
    }
    if (!isRecord(v) || Object.keys(v).length !== 1)
      return this.fail(path, `a transform is a name or an object with one key (known: ${known})`);
    const [name, arg] = Object.entries(v)[0]!;
    if (name === 'map') {
      if (!isRecord(arg) || Object.keys(arg).length === 0)
        return this.fail([...path, 'map'], 'map needs a table of value: replacement');
      const entries = Object.entries(arg);
      if (entries.length > MAPPING_LIMITS.maxMapEntries)
        return this.fail([...path, 'map'], `at most ${MAPPING_LIMITS.maxMapEntries} entries`);
      const bad = entries.find(([, to]) => !isScalar(to));
      if (bad)
        return this.fail([...path, 'map', bad[0]], 'a replacement must be text, a number or true/false');
      // fromEntries defines own properties, so a key "__proto__" is an entry, not a prototype.
      return { name: 'map', table: Object.fromEntries(entries as [string, Scalar][]) };
    }
    if (name === 'split') {
      const seps: unknown[] = Array.isArray(arg) ? arg : [arg];
      if (seps.length === 0 || seps.some((s) => typeof s !== 'string' || s === '' || s.length > 8))
        return this.fail(
          [...path, 'split'],
          'split needs a separator (text of 1 to 8 characters) or a list of them',
        );
      return { name: 'split', separators: seps as string[] };
    }
    if (name === 'default') {
      if (!isScalar(arg))
        return this.fail([...path, 'default'], 'default must be text, a number or true/false');
      return { name: 'default', value: arg };
    }
    return this.fail([...path, name], `unknown transform (known: ${known})`);
  }

  column(v: Record<string, unknown>, path: Path): ColumnSource | undefined {
    const column = this.text(v['column'], [...path, 'column'], 'column');
    const transforms = this.transforms(v['transforms'], [...path, 'transforms']);
    if (column === undefined || transforms === undefined) return undefined;
    return { kind: 'column', column: normaliseColumnName(column), transforms };
  }

  /** `{column: …, transforms: […]}` or `{value: …}`. */
  source(
    v: unknown,
    path: Path,
    constant: (value: unknown, path: Path) => Scalar | readonly Scalar[] | null | undefined,
  ): ValueSource | undefined {
    if (!isRecord(v)) return this.fail(path, 'expected {column: …, transforms: […]} or {value: …}');
    if ('value' in v) {
      this.keys(v, path, ['value']);
      const value = constant(v['value'], [...path, 'value']);
      return value === undefined ? undefined : { kind: 'constant', value };
    }
    this.keys(v, path, ['column', 'transforms']);
    return this.column(v, path);
  }
}

const anyConstant =
  (r: MappingReader) =>
  (v: unknown, path: Path): Scalar | readonly Scalar[] | undefined => {
    if (isScalar(v)) return v;
    if (Array.isArray(v) && v.every(isScalar)) return v;
    return r.fail(path, 'a constant is text, a number, true/false or a list of them');
  };

const dateConstant =
  (r: MappingReader, longTerm: boolean) =>
  (v: unknown, path: Path): string | null | undefined => {
    if (longTerm && (v === null || (typeof v === 'string' && LONG_TERM_WORDS.has(trimText(v))))) return null;
    if (typeof v !== 'string' && typeof v !== 'number') return r.fail(path, 'expected a date (YYYY-MM-DD)');
    const d = parseDate(v);
    return d.ok ? d.value : r.fail(path, d.message);
  };

const statusConstant =
  (r: MappingReader) =>
  (v: unknown, path: Path): CertificateStatus | undefined =>
    (typeof v === 'string' ? parseCertificateStatus(v) : undefined) ??
    r.fail(path, 'expected a certificate status (valid, suspended, revoked, cancelled, expired, withdrawn)');

const issuerConstant =
  (r: MappingReader) =>
  (v: unknown, path: Path): string | undefined => {
    const code = r.code(v, path, 'the issuing department code');
    if (code === undefined) return undefined;
    // Lenient like checkCertificate: some real early department codes have a wrong 18th character.
    return validateCreditCode(code, { lenientCheck: true }).ok
      ? code
      : r.fail(path, 'not a unified social credit code');
  };

function readFormat(r: MappingReader, v: unknown): ImportFormat | undefined {
  const defaults: ImportFormat = { headerRow: 1, delimiter: ',', encoding: 'utf8' };
  if (v === undefined) return defaults;
  const path = ['format'];
  if (!isRecord(v)) return r.fail(path, 'format must be an object');
  r.keys(v, path, ['sheet', 'headerRow', 'delimiter', 'encoding']);
  const sheet = v['sheet'] === undefined ? undefined : r.text(v['sheet'], [...path, 'sheet'], 'sheet');
  let headerRow = defaults.headerRow;
  if (v['headerRow'] !== undefined) {
    const h = v['headerRow'];
    if (typeof h === 'number' && Number.isInteger(h) && h >= 1 && h <= 10_000) headerRow = h;
    else r.fail([...path, 'headerRow'], 'headerRow must be a whole number from 1 to 10000');
  }
  let delimiter = defaults.delimiter;
  if (v['delimiter'] !== undefined) {
    const d = v['delimiter'] === 'tab' ? '\t' : v['delimiter'];
    if (typeof d === 'string' && [...d].length === 1 && !['"', '\n', '\r'].includes(d)) delimiter = d;
    else
      r.fail(
        [...path, 'delimiter'],
        "delimiter must be one character other than a quote or a line break (or 'tab')",
      );
  }
  let encoding = defaults.encoding;
  if (v['encoding'] !== undefined) {
    const e = typeof v['encoding'] === 'string' ? ENCODINGS[v['encoding'].toLowerCase()] : undefined;
    if (e) encoding = e;
    else r.fail([...path, 'encoding'], 'encoding must be utf8 or gb18030 (gbk)');
  }
  return { ...(sheet === undefined ? {} : { sheet: trimText(sheet) }), headerRow, delimiter, encoding };
}

const TOP_KEYS = [
  'typeCode',
  'issuerCode',
  'issuer',
  'format',
  'holder',
  'key',
  'validFrom',
  'validUntil',
  'status',
  'fields',
  'description',
] as const;

function readMapping(r: MappingReader, root: unknown): ImportMapping | undefined {
  if (!isRecord(root)) return r.fail([], 'the mapping must be a YAML mapping (key: value lines)');
  r.keys(root, [], TOP_KEYS);

  const typeCode = r.code(root['typeCode'], ['typeCode'], 'typeCode');
  if (typeCode !== undefined && !TYPE_CODE.test(typeCode))
    r.fail(['typeCode'], 'typeCode must be a certificate type code: a credit code and 3 digits');

  let issuer: ValueSource | undefined;
  if ((root['issuerCode'] === undefined) === (root['issuer'] === undefined)) {
    r.fail(['issuerCode'], 'give either issuerCode (one department) or issuer: {column: …}');
  } else if (root['issuerCode'] !== undefined) {
    const code = issuerConstant(r)(root['issuerCode'], ['issuerCode']);
    if (code !== undefined) issuer = { kind: 'constant', value: code };
  } else issuer = r.source(root['issuer'], ['issuer'], issuerConstant(r));

  const format = readFormat(r, root['format']);

  let holder: ImportMapping['holder'] | undefined;
  const h = root['holder'];
  if (!isRecord(h))
    r.fail(['holder'], 'holder is required: {kind: person|organisation, column: …, transforms: […]}');
  else {
    r.keys(h, ['holder'], ['kind', 'column', 'transforms']);
    const kind = h['kind'];
    if (kind !== undefined && kind !== 'person' && kind !== 'organisation')
      r.fail(['holder', 'kind'], 'kind must be person or organisation');
    const column = r.column(h, ['holder']);
    if (column)
      holder = {
        ...column,
        ...(kind === 'person' || kind === 'organisation' ? { holderKind: kind } : {}),
      };
  }

  const need = (name: 'validFrom' | 'status', hint: string) =>
    root[name] === undefined ? r.fail([name], `${name} is required: ${hint}`) : undefined;
  need('validFrom', '{column: …, transforms: [date]} or {value: YYYY-MM-DD}');
  need('status', '{column: …, transforms: [status]} or {value: valid}');
  const validFrom =
    root['validFrom'] === undefined
      ? undefined
      : r.source(root['validFrom'], ['validFrom'], dateConstant(r, false));
  const validUntil =
    root['validUntil'] === undefined
      ? undefined
      : r.source(root['validUntil'], ['validUntil'], dateConstant(r, true));
  const status =
    root['status'] === undefined ? undefined : r.source(root['status'], ['status'], statusConstant(r));

  const fields: [string, ValueSource][] = [];
  const f = root['fields'];
  if (f !== undefined && !isRecord(f))
    r.fail(['fields'], 'fields must map certificate field names to columns');
  else if (f !== undefined) {
    const entries = Object.entries(f);
    if (entries.length > MAPPING_LIMITS.maxFields)
      r.fail(['fields'], `at most ${MAPPING_LIMITS.maxFields} fields`);
    else
      for (const [name, v] of entries) {
        const s = r.source(v, ['fields', name], anyConstant(r));
        if (s) fields.push([name, s]);
      }
  }

  let key: string[] = ['holder'];
  if (root['key'] !== undefined) {
    const k = root['key'];
    if (!Array.isArray(k) || k.length === 0 || k.some((x) => typeof x !== 'string'))
      r.fail(['key'], 'key must be a list of certificate field names (or holder)');
    else {
      key = k as string[];
      const named = new Set(fields.map(([n]) => n));
      key.forEach((part, i) => {
        if (!(KEY_PARTS as readonly string[]).includes(part) && !named.has(part))
          r.fail(['key', i], `'${part}' is not holder, issuerCode, validFrom, validUntil or a mapped field`);
      });
      if (new Set(key).size !== key.length) r.fail(['key'], 'key names a part twice');
    }
  }

  const description = root['description'];
  if (description !== undefined && typeof description !== 'string')
    r.fail(['description'], 'description must be text');

  if (
    r.problems.length > 0 ||
    typeCode === undefined ||
    issuer === undefined ||
    format === undefined ||
    holder === undefined ||
    validFrom === undefined ||
    status === undefined
  )
    return undefined;
  return {
    typeCode,
    issuer,
    format,
    holder,
    key,
    validFrom,
    ...(validUntil === undefined ? {} : { validUntil }),
    status,
    fields: Object.fromEntries(fields),
    ...(typeof description === 'string' ? { description } : {}),
  };
}

/**
 * Reads and validates an import mapping file (YAML 1.2, see docs/stock-import.md). Column names are
 * normalised as file headers are; constants are checked (the issuer's credit code, dates, status).
 *
 * @throws DomainError VALIDATION_FAILED listing every problem: `details.field` is the path of the
 *   first one in the YAML (`fields.registeredCapital.transforms[1]`), `details.line` its line, and
 *   `details.problems` all of them.
 */
export function parseImportMapping(yamlText: string): ImportMapping {
  if (yamlText.length > MAPPING_LIMITS.maxChars)
    throw new DomainError(
      'VALIDATION_FAILED',
      `the mapping file is larger than ${MAPPING_LIMITS.maxChars} characters`,
      {
        field: '',
      },
    );
  const parsed = parseYamlText(yamlText, { maxDepth: 16 });
  const syntax = parsed.problems[0];
  if (syntax)
    throw new DomainError(
      'VALIDATION_FAILED',
      `the mapping is not valid YAML: ${syntax.message} (line ${syntax.line})`,
      {
        field: '',
        line: syntax.line,
      },
    );
  const r = new MappingReader();
  const mapping = readMapping(r, parsed.value);
  const first = r.problems[0];
  if (mapping && !first) return mapping;
  // In file order, so that a clerk can work down the file; a missing key counts as line 1.
  const problems = r.problems
    .map(({ path, field, message }) => ({ field, message, line: parsed.lineOf(joinPointer(path)) ?? 1 }))
    .sort((a, b) => a.line - b.line);
  const head = problems[0] ?? { field: '', message: 'the mapping is invalid', line: 1 };
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new DomainError(
    'VALIDATION_FAILED',
    `${head.field === '' ? '' : `${head.field}: `}${head.message} (line ${head.line})${more}`,
    { field: head.field, line: head.line, problems },
  );
}
