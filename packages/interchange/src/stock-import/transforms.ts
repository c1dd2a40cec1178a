import { certificateStatusNames, parseCertificateStatus, type CertificateStatus } from '@tongban/domain';
import { normaliseIdNumber, toHalfwidth, trimText } from './clean-text.js';
import { cleaned, refused, type TransformOutcome } from './import-problem.js';
import { parseAmount } from './parse-amount.js';
import { parseDate } from './parse-date.js';
import { parseInteger, parseNumber } from './parse-number.js';

/** The transforms named by a bare word in a mapping file. */
export const simpleTransformNames = [
  'trim',
  'halfwidth',
  'upper',
  'idNumber',
  'date',
  'longTerm',
  'amount',
  'number',
  'integer',
  'status',
  'empty',
] as const;
export type SimpleTransformName = (typeof simpleTransformNames)[number];

/** A JSON scalar: what a cleaned cell, a constant or a map entry can be. */
export type Scalar = string | number | boolean;

/** One step of a column's transform list, as {@link parseImportMapping} reads it. */
export type TransformSpec =
  | { readonly name: SimpleTransformName }
  /** Replaces a value by its entry (男 → 男, M → 男); a value with no entry fails VALUE_NOT_MAPPED. */
  | { readonly name: 'map'; readonly table: Readonly<Record<string, Scalar>> }
  /** Cuts a text into a list at any of the separators; empty parts are dropped. */
  | { readonly name: 'split'; readonly separators: readonly string[] }
  /** The value of an empty cell. */
  | { readonly name: 'default'; readonly value: Scalar };

/** A cell as a row source gives it (undefined: empty). */
export type CellValue = string | number | Date | undefined;

/** A cleaned value: a scalar or a list of scalars; null means "no end" (长期); undefined, missing. */
export type CleanValue = Scalar | readonly Scalar[] | null | undefined;

type Working = Scalar | Date;

/**
 * Words that `longTerm` reads as "no end date". Legacy systems also write these into date columns,
 * so `longTerm` is checked before `date` whatever the order in the list.
 */
export const LONG_TERM_WORDS: ReadonlySet<string> = new Set([
  '长期',
  '永久',
  '长期有效',
  '无固定期限',
  '永久有效',
]);

/** Placeholders that `empty` reads as an empty cell. Without `empty` they are values like any other. */
export const EMPTY_WORDS: ReadonlySet<string> = new Set(['-', '--', '—', '——', '/', '无', 'NULL', 'null']);

const STATUS_LIST = Object.values(certificateStatusNames).join('、');

/** A cell's text for the text transforms: numbers in plain digits, a date cell as YYYY-MM-DD. */
export function textOf(value: Working): string {
  if (value instanceof Date) {
    const d = parseDate(value);
    return d.ok ? d.value : '';
  }
  return String(value);
}

function status(text: string): TransformOutcome<CertificateStatus> {
  const t = trimText(toHalfwidth(text));
  const s = parseCertificateStatus(t) ?? parseCertificateStatus(t.toLowerCase());
  return s ? cleaned(s) : refused('STATUS_INVALID', `not a certificate status (${STATUS_LIST})`);
}

function mapped(table: Readonly<Record<string, Scalar>>, text: string): TransformOutcome<Scalar> {
  // Own properties only: a cell reading "constructor" must not find Object.prototype's.
  for (const key of [text, trimText(text), trimText(toHalfwidth(text))]) {
    if (Object.hasOwn(table, key)) return cleaned(table[key]!);
  }
  return refused('VALUE_NOT_MAPPED', 'the value map has no entry for this value');
}

function split(separators: readonly string[], text: string): string[] {
  let parts = [text];
  for (const sep of separators) parts = parts.flatMap((p) => p.split(sep));
  return parts.map(trimText).filter((p) => p !== '');
}

/** Applies one transform to one value (not a list). `empty`, `longTerm` and `default` are no-ops here. */
function applyOne(spec: TransformSpec, value: Working): TransformOutcome<Working | readonly Scalar[]> {
  switch (spec.name) {
    case 'trim':
      return cleaned(trimText(textOf(value)));
    case 'halfwidth':
      return cleaned(toHalfwidth(textOf(value)));
    case 'upper':
      return cleaned(textOf(value).toUpperCase());
    case 'idNumber':
      return cleaned(normaliseIdNumber(textOf(value)));
    case 'date':
      return parseDate(typeof value === 'boolean' ? String(value) : value);
    case 'amount':
      return parseAmount(typeof value === 'number' ? value : textOf(value));
    case 'number':
      return parseNumber(typeof value === 'number' ? value : textOf(value));
    case 'integer':
      return parseInteger(typeof value === 'number' ? value : textOf(value));
    case 'status':
      return status(textOf(value));
    case 'map':
      return mapped(spec.table, textOf(value));
    case 'split':
      return cleaned(split(spec.separators, textOf(value)));
    case 'empty':
    case 'longTerm':
    case 'default':
      return cleaned(value);
  }
}

/** Whether a cell counts as empty: nothing, only whitespace, or (with `empty`) a placeholder. */
export function isEmptyCell(value: CellValue, placeholders: boolean): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'string') return false;
  const t = trimText(toHalfwidth(value));
  return t === '' || (placeholders && EMPTY_WORDS.has(t));
}

/**
 * Cleans one cell through a column's transform list.
 *
 * Three transforms are about empty cells and apply first, wherever they stand in the list: `empty`
 * widens "empty" to placeholders ('-', '/', '无'); `longTerm` turns an empty cell or a long-term word
 * (长期, 永久, ...) into null; `default` gives an empty cell a value. Otherwise an empty cell is missing
 * (undefined), and the other transforms run in order on the rest. After `split`, each later transform
 * runs on every part. A date cell left as a `Date` at the end becomes YYYY-MM-DD.
 */
export function applyTransforms(
  specs: readonly TransformSpec[],
  cell: CellValue,
): TransformOutcome<CleanValue> {
  const has = (name: TransformSpec['name']) => specs.some((s) => s.name === name);
  if (has('longTerm')) {
    if (isEmptyCell(cell, true)) return cleaned(null);
    if (typeof cell === 'string' && LONG_TERM_WORDS.has(trimText(toHalfwidth(cell)))) return cleaned(null);
  }
  if (cell === undefined || isEmptyCell(cell, has('empty'))) {
    const fallback = specs.find((s) => s.name === 'default');
    return cleaned(fallback?.name === 'default' ? fallback.value : undefined);
  }
  let value: Working | readonly Scalar[] = cell;
  for (const spec of specs) {
    if (Array.isArray(value)) {
      const parts: Scalar[] = [];
      for (const part of value as readonly Scalar[]) {
        const r = applyOne(spec, part);
        if (!r.ok) return r;
        const v = r.value;
        if (Array.isArray(v)) parts.push(...(v as readonly Scalar[]));
        else parts.push(v instanceof Date ? textOf(v) : (v as Scalar));
      }
      value = parts;
    } else {
      const r = applyOne(spec, value as Working);
      if (!r.ok) return r;
      value = r.value;
    }
  }
  if (value instanceof Date) {
    const d = parseDate(value);
    return d.ok ? cleaned(d.value) : d;
  }
  return cleaned(value);
}
