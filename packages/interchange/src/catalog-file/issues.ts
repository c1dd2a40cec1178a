import type { ImportIssue } from '@tongban/domain';
import { SHEET_ORDER, type SheetName } from './xlsx-layout.js';

/** Where a JSON Pointer of the parsed document lies in the file. */
export type Locate = (pointer: string) => {
  readonly line?: number | undefined;
  readonly sheet?: SheetName | undefined;
  readonly row?: number | undefined;
  /** XLSX: the column's header, prefixed to the message (ImportIssue has no column property). */
  readonly header?: string | undefined;
};

/** Issues listed before the rest are summarised in one final issue. */
export const DEFAULT_MAX_ISSUES = 1_000;

function located(issue: ImportIssue, locate: Locate, file: string): ImportIssue {
  const out: ImportIssue = { ...issue, file };
  if (issue.pointer === undefined || issue.line !== undefined || issue.sheet !== undefined) return out;
  const at = locate(issue.pointer);
  return {
    ...out,
    ...(at.line === undefined ? {} : { line: at.line }),
    ...(at.sheet === undefined ? {} : { sheet: at.sheet }),
    ...(at.row === undefined ? {} : { row: at.row }),
    ...(at.header === undefined ? {} : { message: `${at.header}: ${issue.message}` }),
  };
}

/** File-level issues first, then by line, or by sheet (in workbook order) and row. */
function order(i: ImportIssue): [number, number] {
  if (i.sheet !== undefined) return [1 + SHEET_ORDER.indexOf(i.sheet as SheetName), i.row ?? 0];
  return [0, i.line ?? 0];
}

/**
 * Gives every issue the file name and its location (line, or sheet and row), orders them as they
 * appear in the file (a stable sort: issues of one place keep their order), and keeps at most
 * `maxIssues`, the rest summarised in one final issue.
 */
export function finishIssues(
  issues: readonly ImportIssue[],
  locate: Locate,
  options: { readonly fileName: string; readonly maxIssues?: number | undefined },
): ImportIssue[] {
  const max = Math.max(1, options.maxIssues ?? DEFAULT_MAX_ISSUES);
  const all = issues
    .map((i) => located(i, locate, options.fileName))
    .map((issue, index) => ({ issue, index, key: order(issue) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.index - b.index)
    .map((x) => x.issue);
  if (all.length <= max) return all;
  const kept = all.slice(0, max);
  const rest = all.slice(max);
  const errors = rest.filter((i) => i.severity === 'error').length;
  kept.push({
    severity: errors > 0 ? 'error' : 'warning',
    code: 'ISSUES_TRUNCATED',
    message: `${rest.length} more issues (${errors} errors) are not listed; fix the ones above and import again`,
    file: options.fileName,
  });
  return kept;
}
