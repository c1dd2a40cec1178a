import type { ImportIssue } from '@tongban/domain';

/** `file:line` (text) or `file[sheet]:row` (XLSX), as editors and CI logs expect. */
export function locationOf(issue: ImportIssue): string {
  const file = issue.file ?? '';
  if (issue.sheet !== undefined)
    return `${file}[${issue.sheet}]${issue.row !== undefined ? `:${issue.row}` : ''}`;
  if (issue.line !== undefined) return `${file}:${issue.line}`;
  return file;
}

/** One line per issue: `items.json:12: error UNKNOWN_CERTIFICATE_TYPE typeCode: ...`. */
export function formatIssue(issue: ImportIssue): string {
  const where = locationOf(issue);
  return `${where ? `${where}: ` : ''}${issue.severity} ${issue.code}${issue.field ? ` ${issue.field}` : ''}: ${issue.message}${
    issue.pointer && issue.line === undefined && issue.row === undefined ? ` (at ${issue.pointer})` : ''
  }`;
}

export function countBySeverity(issues: readonly ImportIssue[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const i of issues) if (i.severity === 'error') errors++;
  return { errors, warnings: issues.length - errors };
}
