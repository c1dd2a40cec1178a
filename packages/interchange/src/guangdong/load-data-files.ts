import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DomainError,
  parseSynonymDictionary,
  validateCatalog,
  validateCreditCode,
  type CertificateType,
  type SynonymDictionary,
} from '@tongban/domain';
import { parse as parseYaml } from 'yaml';
import { importGuangdongItems, type GuangdongImport } from './import-guangdong.js';

/**
 * The data files shipped with this package (packages/interchange/data), found relative to this module
 * so that the same path works from src/ (tests) and dist/ (built).
 */
export const NATIONAL_CERTIFICATE_TYPES_PATH = fileURLToPath(
  new URL('../../data/national-certificate-types.yaml', import.meta.url),
);
export const MATERIAL_SYNONYMS_PATH = fileURLToPath(
  new URL('../../data/material-synonyms.yaml', import.meta.url),
);

function readYaml(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DomainError(
      'NOT_FOUND',
      `${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        path,
      },
    );
  }
  try {
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    throw new DomainError('MALFORMED_INPUT', `${path}: not valid YAML: ${(e as Error).message}`, { path });
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'];

/** The shape checks a JSON Schema of our catalog format would make, with paths in the messages. */
function shapeProblems(t: unknown, at: string): string[] {
  const p: string[] = [];
  if (!isRecord(t)) return [`${at} must be a mapping`];
  const str = (k: string): void => {
    const v = t[k];
    if (typeof v !== 'string' || v.trim() === '') p.push(`${at}.${k} must be non-empty text`);
  };
  str('code');
  str('name');
  str('definingDeptCode');
  if (!Array.isArray(t['issuingDeptCodes']) || t['issuingDeptCodes'].some((c) => typeof c !== 'string')) {
    p.push(`${at}.issuingDeptCodes must be a list of credit codes (may be empty)`);
  }
  if (!['person', 'organisation'].includes(t['holderKind'] as string))
    p.push(`${at}.holderKind must be person or organisation`);
  if (!['unconditional', 'conditional', 'none'].includes(t['sharing'] as string)) {
    p.push(`${at}.sharing must be unconditional, conditional or none`);
  }
  if (t['legalBasis'] !== undefined && typeof t['legalBasis'] !== 'string')
    p.push(`${at}.legalBasis must be text`);
  if (![1, 2, 3, 4].includes(t['grade'] as number)) p.push(`${at}.grade must be 1, 2, 3 or 4`);
  if (!['A', 'B', 'C', 'D'].includes(t['trust'] as string)) p.push(`${at}.trust must be A, B, C or D`);
  const v = t['validity'];
  if (
    !isRecord(v) ||
    !(
      v['kind'] === 'permanent' ||
      v['kind'] === 'stated' ||
      (v['kind'] === 'term' && typeof v['years'] === 'number' && v['years'] > 0)
    )
  ) {
    p.push(`${at}.validity must be {kind: permanent}, {kind: stated} or {kind: term, years: N}`);
  }
  const f = t['fields'];
  if (!isRecord(f) || f['type'] !== 'object' || !isRecord(f['properties'])) {
    p.push(`${at}.fields must be a JSON Schema object schema (type: object, properties)`);
  } else {
    for (const [name, s] of Object.entries(f['properties'])) {
      if (!isRecord(s) || !FIELD_TYPES.includes(s['type'] as string)) {
        p.push(`${at}.fields.properties.${name}.type must be one of ${FIELD_TYPES.join(', ')}`);
      }
    }
    if (
      f['required'] !== undefined &&
      (!Array.isArray(f['required']) || f['required'].some((r) => typeof r !== 'string'))
    ) {
      p.push(`${at}.fields.required must be a list of field names`);
    }
  }
  return p;
}

/**
 * Reads the national certificate types (data/national-certificate-types.yaml, or `path`): a mapping with
 * `certificateTypes`, a list in our catalog format. Checks the shape, that every code is valid (the
 * defining department's credit code, which must pass GB 32100, + 3 digits), unique, and that the rest
 * passes validateCatalog (legal basis, field schemas). Throws a DomainError naming every entry at fault.
 */
export function loadNationalCertificateTypes(
  path: string = NATIONAL_CERTIFICATE_TYPES_PATH,
): readonly CertificateType[] {
  const doc = readYaml(path);
  if (!isRecord(doc) || !Array.isArray(doc['certificateTypes'])) {
    throw new DomainError('VALIDATION_FAILED', `${path}: expected a mapping with a certificateTypes list`, {
      path,
    });
  }
  const list: unknown[] = doc['certificateTypes'];
  const problems = list.flatMap((t, i) => shapeProblems(t, `certificateTypes[${i}]`));
  if (problems.length === 0) {
    const types = list as CertificateType[];
    types.forEach((t, i) => {
      const check = validateCreditCode(t.definingDeptCode);
      if (!check.ok) problems.push(`certificateTypes[${i}] (${t.name}).definingDeptCode: ${check.reason}`);
    });
    for (const issue of validateCatalog({ departments: [], certificateTypes: types, items: [] })) {
      if (issue.severity === 'error') problems.push(`${issue.pointer ?? ''}: ${issue.message}`);
    }
  }
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `${path}: ${problems.join('; ')}`, { path, problems });
  }
  return list as CertificateType[];
}

/** Reads the synonym dictionary (data/material-synonyms.yaml, or `path`) and checks it (parseSynonymDictionary). */
export function loadMaterialSynonyms(path: string = MATERIAL_SYNONYMS_PATH): SynonymDictionary {
  const doc = readYaml(path);
  try {
    return parseSynonymDictionary(doc);
  } catch (e) {
    if (e instanceof DomainError)
      throw new DomainError(e.code, `${path}: ${e.message}`, { ...e.details, path });
    throw e;
  }
}

/**
 * Reads a Guangdong items file and imports it with the shipped data files (or the given ones).
 * For the CLI; tests and servers that already hold the text call importGuangdongItems.
 */
export function importGuangdongFile(
  path: string,
  data: { certificateTypesPath?: string; synonymsPath?: string } = {},
): GuangdongImport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DomainError(
      'NOT_FOUND',
      `${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        path,
      },
    );
  }
  return importGuangdongItems(text, {
    fileName: path,
    certificateTypes: loadNationalCertificateTypes(data.certificateTypesPath),
    dictionary: loadMaterialSynonyms(data.synonymsPath),
  });
}
