import { certificateProblemCodes } from '@tongban/domain';

/**
 * Every code a stock-data import reports: the domain's certificate problems (so that a quarantined
 * row and a refused certificate speak the same language; DATE_INVALID and STATUS_INVALID come from
 * there), the transform failures, and the two that are about the file rather than a value. Stable:
 * quarantine rows keep them.
 */
export const importProblemCodes = [
  ...certificateProblemCodes,
  /** An amount (注册资本, ...) that cannot be read as a number of 万元. */
  'AMOUNT_INVALID',
  /** Not a plain decimal number (or not an integer where one is needed). */
  'NUMBER_INVALID',
  /** A value that a `map` transform has no entry for. */
  'VALUE_NOT_MAPPED',
  /** The row cannot be read as a record: wrong number of values, unclosed quote, too long, bad bytes. */
  'ROW_MALFORMED',
  /** A column the mapping reads is not in the file's header. */
  'COLUMN_MISSING',
  /** A column the mapping reads is named twice in the file's header. */
  'COLUMN_AMBIGUOUS',
] as const;
export type ImportProblemCode = (typeof importProblemCodes)[number];

/** The codes a transform fails with. */
export const transformProblemCodes = [
  'DATE_INVALID',
  'AMOUNT_INVALID',
  'NUMBER_INVALID',
  'STATUS_INVALID',
  'VALUE_NOT_MAPPED',
] as const satisfies readonly ImportProblemCode[];
export type TransformProblemCode = (typeof transformProblemCodes)[number];

/**
 * One reason a row (or a mapping) was refused. `field` names the certificate part at fault
 * (`fields.registeredCapital`, `holder.id`, `validFrom`, ...; '' for the whole row); `column` is the
 * file's column it was read from, when there is one. The message is plain words and never repeats the
 * value: cells hold ID numbers.
 */
export interface ImportProblem {
  readonly code: ImportProblemCode;
  readonly field: string;
  readonly column?: string | undefined;
  readonly message: string;
}

/** What a transform returns: the cleaned value, or why the value cannot be cleaned (no value in it). */
export type TransformOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: TransformProblemCode; readonly message: string };

/** Shorthands for building a {@link TransformOutcome}. */
export const cleaned = <T>(value: T): TransformOutcome<T> => ({ ok: true, value });
export const refused = <T = never>(code: TransformProblemCode, message: string): TransformOutcome<T> => ({
  ok: false,
  code,
  message,
});
