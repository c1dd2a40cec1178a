import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ImportIssue } from '@tongban/domain';
import {
  CODE_PATTERN,
  CREDIT_CODE_PATTERN,
  LIST_ENTRY_PATTERN,
  TEXT_PATTERN,
  TYPE_CODE_PATTERN,
  catalogSchema,
} from './catalog-schema.js';
import { escapePointerSegment, fieldOfPointer } from './pointer.js';

let compiled: ValidateFunction | undefined;

/** The schema, compiled once (strict, so that a mistake in the schema itself fails loudly in tests). */
function validator(): ValidateFunction {
  compiled ??= new Ajv2020({
    strict: true,
    strictNumbers: true,
    allowUnionTypes: true,
    allErrors: true,
    validateFormats: false,
  }).compile(catalogSchema);
  return compiled;
}

/**
 * Validates a parsed document against the catalog schema. Returns one SCHEMA_VIOLATION per problem,
 * each with the JSON Pointer of the value at fault (for a missing or unexpected property, the pointer
 * of that property) and the field name; locations (line, sheet and row) are added by the caller.
 */
export function validateCatalogDocument(doc: unknown): ImportIssue[] {
  const validate = validator();
  if (validate(doc)) return [];
  const issues: ImportIssue[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const issue = issueOfAjvError(error);
    if (!issue) continue;
    // allOf/if branches can report the same fault twice; one issue per pointer and message.
    const key = `${issue.pointer ?? ''}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

const typeNames: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

const patternNames: Readonly<Record<string, string>> = {
  [CREDIT_CODE_PATTERN]:
    'a 统一社会信用代码 (18 characters: digits and capital letters except I, O, S, V, Z)',
  [TYPE_CODE_PATTERN]: 'a certificate type code (the defining department’s credit code followed by 3 digits)',
  [CODE_PATTERN]: 'a code without spaces, control characters or ";"',
  [TEXT_PATTERN]: 'text that is not blank, without control characters',
  [LIST_ENTRY_PATTERN]: 'text without ";", control characters or spaces at either end',
};

function issueOfAjvError(e: ErrorObject & { propertyName?: string }): ImportIssue | undefined {
  const at = e.instancePath;
  const p = e.params as Record<string, unknown>;
  // An error about a property name (of a certificate type's fields) points at that property.
  const name = e.propertyName;
  let pointer = name === undefined ? at : `${at}/${escapePointerSegment(name)}`;
  let message: string;
  switch (e.keyword) {
    // Summaries of errors reported on their own (an if/then branch, a property name).
    case 'if':
    case 'propertyNames':
      return undefined;
    case 'required':
      pointer = `${at}/${escapePointerSegment(String(p.missingProperty))}`;
      message = `${String(p.missingProperty)} is missing`;
      break;
    case 'additionalProperties':
      pointer = `${at}/${escapePointerSegment(String(p.additionalProperty))}`;
      message = `${String(p.additionalProperty)} is not part of the catalog format`;
      break;
    case 'type': {
      const types = String(p.type).split(',');
      message = `must be ${types.map((t) => typeNames[t] ?? t).join(' or ')}`;
      break;
    }
    case 'enum':
      message = `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'const':
      message = `must be ${JSON.stringify(p.allowedValue)}`;
      break;
    case 'pattern': {
      const pattern = String(p.pattern);
      message = `must be ${patternNames[pattern] ?? `text matching ${pattern}`}`;
      break;
    }
    case 'minLength':
      message = 'must not be empty';
      break;
    case 'maxLength':
      message = `must be at most ${String(p.limit)} characters long`;
      break;
    case 'uniqueItems':
      message = `lists the same value twice (entries ${String(p.j)} and ${String(p.i)})`;
      break;
    case 'minItems':
      message = `must have at least ${String(p.limit)} entr${p.limit === 1 ? 'y' : 'ies'}`;
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      message = `must be ${String(p.comparison)} ${String(p.limit)}`;
      break;
    default:
      message = e.message ?? `fails the ${e.keyword} rule`;
  }
  if (name !== undefined) message = `the field name ${message}`;
  return {
    severity: 'error',
    code: 'SCHEMA_VIOLATION',
    message,
    pointer,
    field: fieldOfPointer(pointer),
  };
}
