/** Why an identifier was rejected. Stable codes: callers branch on them, people read `reason`. */
export type IdentifierErrorCode =
  'EMPTY' | 'LENGTH' | 'FORMAT' | 'CHECK_CHARACTER' | 'DATE' | 'ORGANISATION_CODE';

/** Something accepted but worth telling the user about. */
export type IdentifierWarning = 'CHECK_CHARACTER_MISMATCH';

/**
 * The outcome of validating an identifier. `value` is always the normalised input, so a caller can
 * store exactly what was checked. `reason` is short plain English and never repeats the identifier:
 * a resident ID number is personal data and must not leak into messages or logs.
 */
export type IdentifierCheck =
  | { readonly ok: true; readonly value: string; readonly warnings: readonly IdentifierWarning[] }
  | {
      readonly ok: false;
      readonly value: string;
      readonly code: IdentifierErrorCode;
      readonly reason: string;
    };

/** Builds an accepted result (internal helper, not part of the public API). */
export function accepted(value: string, warnings: readonly IdentifierWarning[] = []): IdentifierCheck {
  return { ok: true, value, warnings: Object.freeze([...new Set(warnings)]) };
}

/** Builds a rejected result (internal helper, not part of the public API). */
export function rejected(value: string, code: IdentifierErrorCode, reason: string): IdentifierCheck {
  return { ok: false, value, code, reason };
}
