import {
  checkCertificate,
  type CertificateContent,
  type CertificateStatus,
  type CertificateType,
  type FieldSchema,
} from '@tongban/domain';
import { normaliseIdNumber } from './clean-text.js';
import type { ImportProblem, ImportProblemCode } from './import-problem.js';
import { mappedColumns } from './check-mapping-against.js';
import type { ImportMapping, ValueSource } from './import-mapping.js';
import { parseDate } from './parse-date.js';
import { parseInteger, parseNumber } from './parse-number.js';
import type { SourceRow, SourceValues } from './row-source.js';
import { applyTransforms, type CleanValue, type Scalar } from './transforms.js';

/** A row mapped to a certificate's content, or the reasons it cannot be (for the quarantine). */
export type MappedRow =
  | {
      readonly ok: true;
      readonly rowNumber: number;
      readonly content: CertificateContent;
      /** `typeCode|key values`: the same certificate gets the same key in every run of the import. */
      readonly sourceKey: string;
    }
  | { readonly ok: false; readonly rowNumber: number; readonly problems: readonly ImportProblem[] };

/** C0 and C1 control characters other than tab and line breaks: never part of a certificate's text. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** What "no end" (null, from `longTerm`) becomes in a text field: catalogs type such fields "date or 长期". */
const LONG_TERM_TEXT = '长期';

const FAILED = Symbol('failed');
/** Field → column of each mapping, worked out once per mapping rather than once per row. */
const columnsByMapping = new WeakMap<ImportMapping, ReadonlyMap<string, string>>();

function columnsOf(mapping: ImportMapping): ReadonlyMap<string, string> {
  let columns = columnsByMapping.get(mapping);
  if (!columns) {
    columns = new Map(mappedColumns(mapping).map(({ field, source }) => [field, source.column]));
    columnsByMapping.set(mapping, columns);
  }
  return columns;
}
type Resolved = CleanValue | typeof FAILED;

/** `|` separates key parts; escaping it (and the escape) keeps keys from two different rows apart. */
const keyPart = (v: string): string => v.replaceAll('\\', '\\\\').replaceAll('|', '\\|');

function canonical(v: CleanValue): string | undefined {
  if (v === undefined) return undefined;
  if (v === null) return '';
  if (Array.isArray(v)) return JSON.stringify(v);
  return String(v);
}

/**
 * Maps one row of a stock-data file to a certificate's content: applies each column's transforms,
 * normalises the holder's ID and the issuer's code (they are what lookups match on), coerces each
 * field to its schema type (text → number, a date field → YYYY-MM-DD, one value → a one-item list),
 * then checks the content with the domain's `checkCertificate` (schema, check characters, real
 * dates, issuer, validity order).
 *
 * Every problem is reported with the certificate part at fault and the column it came from; a part
 * that failed its transforms is not reported again by the check. Messages never contain a value.
 * A row the reader could not read (ROW_MALFORMED) comes back with that problem.
 *
 * Call {@link assertMappingFits} once per file first: a missing column here reads as an empty cell.
 */
export function mapRow(row: SourceRow, mapping: ImportMapping, type: CertificateType): MappedRow {
  if ('problem' in row) return { ok: false, rowNumber: row.rowNumber, problems: [row.problem] };
  const values: SourceValues = row.values;
  const problems: ImportProblem[] = [];
  const columnOf = columnsOf(mapping);
  const add = (code: ImportProblemCode, field: string, message: string) => {
    const column = columnOf.get(field);
    problems.push({ code, field, ...(column === undefined ? {} : { column }), message });
  };
  const titleOf = (field: string): string =>
    field.startsWith('fields.')
      ? (type.fields.properties[field.slice(7)]?.title ?? field.slice(7))
      : (PART_TITLES[field] ?? field);

  const resolve = (source: ValueSource, field: string): Resolved => {
    if (source.kind === 'constant') return source.value;
    const cell = Object.hasOwn(values, source.column) ? values[source.column] : undefined;
    const r = applyTransforms(source.transforms, cell);
    if (r.ok) return r.value;
    add(r.code, field, `${titleOf(field)}: ${r.message}`);
    return FAILED;
  };

  /** One text value for the holder, issuer, dates and status; undefined when missing or failed. */
  const single = (v: Resolved, field: string): string | null | undefined => {
    if (v === FAILED || v === undefined) return undefined;
    if (v === null || typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    add('FIELD_INVALID', field, `${titleOf(field)}: expected one value, not a list`);
    return undefined;
  };

  const holderValue = resolve(mapping.holder, 'holder.id');
  const holderId = normaliseIdNumber(single(holderValue, 'holder.id') ?? '');
  const issuerValue = resolve(mapping.issuer, 'issuerCode');
  const issuerCode = normaliseIdNumber(single(issuerValue, 'issuerCode') ?? '');

  const dateOf = (field: 'validFrom' | 'validUntil', source: ValueSource): string | null | undefined => {
    const resolved = resolve(source, field);
    const v = single(resolved, field);
    if (v === undefined) {
      if (resolved === undefined)
        add(
          'FIELD_REQUIRED',
          field,
          field === 'validUntil'
            ? `${titleOf(field)} is empty: add longTerm to its transforms if empty means no end date`
            : `${titleOf(field)} is empty`,
        );
      return undefined;
    }
    if (v === null) {
      if (field === 'validUntil') return null;
      add('DATE_INVALID', field, `${titleOf(field)} cannot be 长期`);
      return undefined;
    }
    const d = parseDate(v);
    if (d.ok) return d.value;
    add(d.code, field, `${titleOf(field)}: ${d.message}`);
    return undefined;
  };
  const validFrom = dateOf('validFrom', mapping.validFrom);
  const validUntil = mapping.validUntil === undefined ? null : dateOf('validUntil', mapping.validUntil);

  let status: CertificateStatus | undefined;
  const statusResolved = resolve(mapping.status, 'status');
  const statusText = single(statusResolved, 'status');
  if (statusText === undefined || statusText === null) {
    if (statusResolved === undefined || statusResolved === null)
      add('STATUS_INVALID', 'status', 'the status is empty');
  } else {
    // The status transform is idempotent, so a mapping may leave it out and a constant may be '有效'.
    const s = applyTransforms([{ name: 'status' }], statusText);
    if (s.ok && typeof s.value === 'string') status = s.value as CertificateStatus;
    else if (!s.ok) add(s.code, 'status', s.message);
  }

  const fields: [string, unknown][] = [];
  for (const [name, source] of Object.entries(mapping.fields)) {
    const field = `fields.${name}`;
    const schema = Object.hasOwn(type.fields.properties, name) ? type.fields.properties[name] : undefined;
    if (!schema) {
      add('FIELD_UNKNOWN', field, 'not a field of this certificate type');
      continue;
    }
    const v = resolve(source, field);
    if (v === FAILED || v === undefined) continue;
    const coerced = coerce(v, schema);
    if (!coerced.ok) {
      add(coerced.code, field, `${schema.title}: ${coerced.message}`);
      continue;
    }
    if (coerced.value === undefined) continue;
    const texts = Array.isArray(coerced.value) ? coerced.value : [coerced.value];
    if (texts.some((t) => typeof t === 'string' && CONTROL.test(t))) {
      add('FIELD_INVALID', field, `${schema.title}: contains control characters`);
      continue;
    }
    fields.push([name, coerced.value]);
  }

  const content: CertificateContent = {
    typeCode: mapping.typeCode,
    holder: { kind: mapping.holder.holderKind ?? type.holderKind, id: holderId },
    issuerCode,
    // fromEntries defines own properties: a field named "__proto__" cannot reach the prototype.
    fields: Object.fromEntries(fields),
    status: status ?? 'valid',
    validFrom: validFrom ?? '',
    validUntil: validUntil === undefined ? null : validUntil,
  };
  // A part already refused above is not reported again (an empty holder, a field left out).
  const faulty = new Set(problems.map((p) => p.field));
  for (const p of checkCertificate(content, type)) if (!faulty.has(p.field)) add(p.code, p.field, p.message);

  const key: string[] = [];
  if (problems.length === 0) {
    for (const part of mapping.key) {
      const v = keyValueOf(part, content);
      if (v === undefined || v === '')
        add(
          'FIELD_REQUIRED',
          keyField(part),
          `${titleOf(keyField(part))} is part of the import key and is empty`,
        );
      else key.push(keyPart(v));
    }
  }
  if (problems.length > 0) return { ok: false, rowNumber: row.rowNumber, problems };
  return {
    ok: true,
    rowNumber: row.rowNumber,
    content,
    sourceKey: [keyPart(mapping.typeCode), ...key].join('|'),
  };
}

const PART_TITLES: Readonly<Record<string, string>> = {
  'holder.id': '持证主体证件号码',
  issuerCode: '发证机关代码',
  validFrom: '有效期起始日期',
  validUntil: '有效期截止日期',
  status: '证照状态',
};

const keyField = (part: string): string =>
  part === 'holder'
    ? 'holder.id'
    : ['issuerCode', 'validFrom', 'validUntil'].includes(part)
      ? part
      : `fields.${part}`;

function keyValueOf(part: string, content: CertificateContent): string | undefined {
  switch (part) {
    case 'holder':
      return content.holder.id;
    case 'issuerCode':
      return content.issuerCode;
    case 'validFrom':
      return content.validFrom;
    case 'validUntil':
      return content.validUntil ?? '';
    default:
      return canonical(
        Object.hasOwn(content.fields, part) ? (content.fields[part] as CleanValue) : undefined,
      );
  }
}

type Coerced =
  | { readonly ok: true; readonly value: CleanValue }
  | { readonly ok: false; readonly code: ImportProblemCode; readonly message: string };

/**
 * Brings a cleaned value to its field's JSON Schema type where that is unambiguous, so that a mapping
 * need not list `number` for a number column or `date` for a date field. Anything else is left for
 * the schema check to refuse.
 */
function coerce(v: Exclude<CleanValue, undefined>, schema: FieldSchema): Coerced {
  const ok = (value: CleanValue): Coerced => ({ ok: true, value });
  switch (schema.type) {
    case 'string':
      if (v === null) return ok(LONG_TERM_TEXT);
      if (typeof v === 'number' || typeof v === 'boolean') return ok(String(v));
      if (typeof v === 'string' && schema.format === 'date') {
        const d = parseDate(v);
        return d.ok ? ok(d.value) : d;
      }
      return ok(v);
    case 'number':
    case 'integer':
      if (typeof v === 'string') {
        const n = schema.type === 'number' ? parseNumber(v) : parseInteger(v);
        return n.ok ? ok(n.value) : n;
      }
      return ok(v === null ? undefined : v);
    case 'array':
      if (v === null) return ok(undefined);
      return ok(Array.isArray(v) ? v : [v as Scalar]);
    case 'boolean':
      if (v === 'true' || v === 'false') return ok(v === 'true');
      return ok(v === null ? undefined : v);
    case 'object':
      return ok(v === null ? undefined : v);
  }
}
