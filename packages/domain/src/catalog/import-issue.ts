/**
 * One problem found while reading or validating a catalog. Importing is all-or-nothing: a report with
 * any `error` issue leaves the stored catalog unchanged. Warnings are kept and shown, never dropped.
 */
export const importIssueCodes = [
  /** The file cannot be parsed at all (broken JSON/YAML, not an XLSX workbook, truncated line). */
  'MALFORMED_FILE',
  /** The file is larger than the importer accepts. */
  'FILE_TOO_LARGE',
  /** The file's format is not one we read. */
  'UNSUPPORTED_FORMAT',
  /** A value has the wrong type or shape for our catalog format. */
  'SCHEMA_VIOLATION',
  /** Two entries share a key (credit code, type code, item code). */
  'DUPLICATE_CODE',
  'UNKNOWN_DEPARTMENT',
  'UNKNOWN_CERTIFICATE_TYPE',
  /** A material asks for a field its certificate type does not define. */
  'UNKNOWN_FIELD',
  'UNKNOWN_ITEM',
  /** Not a 统一社会信用代码 (length, alphabet, embedded organisation code). */
  'INVALID_CREDIT_CODE',
  /** A credit code whose check character does not match: kept with a warning (early legal codes). */
  'CREDIT_CODE_CHECK_MISMATCH',
  'INVALID_TIME_LIMIT',
  'INVALID_ITEM_TYPE',
  /** Conditional or non-shared certificate types need a legal basis. */
  'LEGAL_BASIS_REQUIRED',
  /** A certificate type's field schema is not a valid JSON Schema 2020-12 object schema. */
  'INVALID_FIELDS_SCHEMA',
  /** A certificate type code is not the defining department's credit code + 3 digits. */
  'TYPE_CODE_MISMATCH',
  /** A material name that no synonym maps to a certificate type: stays applicant-provided. */
  'UNMAPPED_MATERIAL',
  /** More issues were found than a report lists; this one counts the rest. */
  'ISSUES_TRUNCATED',
] as const;

export type ImportIssueCode = (typeof importIssueCodes)[number];

export interface ImportIssue {
  readonly severity: 'error' | 'warning';
  readonly code: ImportIssueCode;
  /** Plain-language reason, safe to show (no personal data). */
  readonly message: string;
  /** Where in the parsed document, as a JSON Pointer (`/items/3/materials/1/source/typeCode`). */
  readonly pointer?: string | undefined;
  /** The file, and the line (text formats) or sheet and row (XLSX), when the reader knows them. */
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly sheet?: string | undefined;
  readonly row?: number | undefined;
  /** The field at fault (`typeCode`, `statutoryDays`, ...). */
  readonly field?: string | undefined;
}

export const hasErrors = (issues: readonly ImportIssue[]): boolean =>
  issues.some((i) => i.severity === 'error');
