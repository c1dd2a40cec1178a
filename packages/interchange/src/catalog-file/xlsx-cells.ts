import type { CellValue } from 'exceljs';
import { parseJsonText } from './json-text.js';
import { NO, NONE, YES, type ColumnSpec, type EnumValue } from './xlsx-layout.js';

/** A cell's value as the reader sees it. */
export type Cell =
  | { readonly t: 'blank' }
  | { readonly t: 'text'; readonly v: string }
  | { readonly t: 'number'; readonly v: number }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'date' }
  | { readonly t: 'error' };

const BLANK: Cell = { t: 'blank' };

/** Flattens exceljs's cell value shapes (rich text, hyperlinks, formulas) into a `Cell`. */
export function cellOf(value: CellValue | { text?: unknown }): Cell {
  if (value === null || value === undefined) return BLANK;
  if (typeof value === 'string') return value.trim() === '' ? BLANK : { t: 'text', v: value };
  if (typeof value === 'number') return Number.isFinite(value) ? { t: 'number', v: value } : { t: 'error' };
  if (typeof value === 'boolean') return { t: 'bool', v: value };
  if (value instanceof Date) return { t: 'date' };
  if (typeof value === 'object') {
    if ('error' in value) return { t: 'error' };
    if ('richText' in value && Array.isArray(value.richText)) {
      return cellOf(
        value.richText.map((r: { text?: unknown }) => (typeof r.text === 'string' ? r.text : '')).join(''),
      );
    }
    if ('result' in value || 'formula' in value || 'sharedFormula' in value) {
      return cellOf((value as { result?: CellValue }).result ?? null);
    }
    if ('text' in value) return cellOf(value.text as CellValue);
  }
  return { t: 'error' };
}

export type Converted =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

const ok = (value: unknown): Converted => ({ ok: true, value });
const bad = (message: string): Converted => ({ ok: false, message });

const NUMERIC = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const LIST_SEPARATOR = /[;；]/;

/** The values of a `;`-separated cell, trimmed, empty entries dropped. */
export const splitList = (text: string): string[] =>
  text
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');

function labelList(labels: Readonly<Record<string, EnumValue>>): string {
  const names = Object.keys(labels);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
}

function asText(cell: Cell): Converted {
  switch (cell.t) {
    case 'text':
      return ok(cell.v);
    case 'number':
      return ok(String(cell.v));
    case 'bool':
      return bad('must be text, not TRUE or FALSE');
    case 'date':
      return bad('must be text, not a date: format the column as text (文本)');
    case 'error':
      return bad('holds an Excel error value (such as #N/A)');
    case 'blank':
      return ok(undefined);
  }
}

function asCode(cell: Cell): Converted {
  if (cell.t === 'number') {
    // Excel keeps 15 significant digits: a long code typed as a number has lost its tail.
    return Number.isSafeInteger(cell.v) && cell.v >= 0
      ? ok(String(cell.v))
      : bad(
          'is stored as a number and Excel has changed it: format the column as text (文本) and type it again',
        );
  }
  const t = asText(cell);
  return t.ok && typeof t.value === 'string' ? ok(t.value.trim()) : t;
}

function asNumber(cell: Cell, integer: boolean): Converted {
  let n: number | undefined;
  if (cell.t === 'number') n = cell.v;
  else if (cell.t === 'text' && NUMERIC.test(cell.v.trim())) n = Number(cell.v.trim());
  else if (cell.t === 'blank') return ok(undefined);
  if (n === undefined || !Number.isFinite(n))
    return bad(integer ? 'must be a whole number' : 'must be a number');
  if (integer && !Number.isInteger(n)) return bad('must be a whole number');
  return ok(n);
}

function asEnum(cell: Cell, labels: Readonly<Record<string, EnumValue>>): Converted {
  const text = cell.t === 'text' ? cell.v.trim() : cell.t === 'number' ? String(cell.v) : undefined;
  if (cell.t === 'blank') return ok(undefined);
  if (text !== undefined && Object.hasOwn(labels, text)) return ok(labels[text]);
  return bad(`unknown value: use ${labelList(labels)}`);
}

/** Converts a cell by its column's kind. A blank cell converts to undefined (or [] for lists). */
export function convertCell(cell: Cell, column: ColumnSpec): Converted {
  switch (column.kind) {
    case 'text':
      return asText(cell);
    case 'code':
      return asCode(cell);
    case 'codes':
    case 'texts': {
      if (cell.t === 'blank') return ok([]);
      const one = column.kind === 'codes' ? asCode(cell) : asText(cell);
      return one.ok ? ok(splitList(one.value as string)) : one;
    }
    case 'enum':
      return asEnum(cell, column.labels ?? {});
    case 'enums': {
      if (cell.t === 'blank') return ok(undefined);
      if (cell.t !== 'text') return bad(`must be ${labelList(column.labels ?? {})}, separated by ;`);
      const values: unknown[] = [];
      for (const entry of splitList(cell.v)) {
        const v = asEnum({ t: 'text', v: entry }, column.labels ?? {});
        if (!v.ok) return v;
        values.push(v.value);
      }
      return ok(values);
    }
    case 'yesNo':
      if (cell.t === 'blank') return ok(undefined);
      if (cell.t === 'bool') return ok(cell.v);
      if (cell.t === 'text' && cell.v.trim() === YES) return ok(true);
      if (cell.t === 'text' && cell.v.trim() === NO) return ok(false);
      return bad(`must be ${YES} or ${NO}`);
    case 'number':
      return asNumber(cell, false);
    case 'integer':
      return asNumber(cell, true);
    case 'days':
      if (cell.t === 'text' && cell.v.trim() === NONE) return ok(null);
      {
        const n = asNumber(cell, false);
        return n.ok ? n : bad(`must be a number of days, or ${NONE}`);
      }
    case 'enumValues': {
      if (cell.t === 'blank') return ok(undefined);
      const t = asText(cell);
      if (!t.ok) return t;
      const text = (t.value as string).trim();
      if (!text.startsWith('[')) return ok({ list: splitList(text) });
      const parsed = parseJsonText(text, { maxDepth: 2 });
      const problem = parsed.problems[0];
      if (problem) return bad(`is not a valid JSON list (column ${problem.column}: ${problem.message})`);
      return Array.isArray(parsed.value)
        ? ok({ json: parsed.value })
        : bad('must be a JSON list when it starts with [');
    }
    case 'json': {
      if (cell.t === 'blank') return ok(undefined);
      if (cell.t !== 'text') return bad('must be JSON text');
      const parsed = parseJsonText(cell.v, { maxDepth: 16 });
      const problem = parsed.problems[0];
      return problem
        ? bad(`is not valid JSON (column ${problem.column}: ${problem.message})`)
        : ok(parsed.value);
    }
  }
}

/** The number a text spells in JSON number syntax (`12`, `-0.5`, `1e3`), if it is one. */
export function numericText(text: string): number | undefined {
  return NUMERIC.test(text) ? Number(text) : undefined;
}
