import { Ajv2020 } from 'ajv/dist/2020.js';
import { validateCreditCode } from '../identifiers/index.js';
import type { ImportIssue, ImportIssueCode } from './import-issue.js';
import { itemTypes, type Catalog, type CertificateType, type Department, type ServiceItem } from './types.js';

/**
 * Checks a whole catalog for what a JSON Schema cannot see: duplicate keys, references between
 * departments, certificate types and items, credit codes, legal bases, and the field schemas of
 * certificate types. Returns every issue found (never stops at the first), each with a JSON Pointer.
 */
export function validateCatalog(catalog: Catalog): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const add = (
    severity: ImportIssue['severity'],
    code: ImportIssueCode,
    pointer: string,
    field: string,
    message: string,
  ): void => {
    issues.push({ severity, code, pointer, field, message });
  };

  const deptCodes = indexUnique(catalog.departments, (d) => d.creditCode, '/departments', 'creditCode', add);
  const typesByCode = new Map<string, CertificateType>();
  for (const t of catalog.certificateTypes) if (!typesByCode.has(t.code)) typesByCode.set(t.code, t);
  indexUnique(catalog.certificateTypes, (t) => t.code, '/certificateTypes', 'code', add);
  const itemCodes = indexUnique(catalog.items, (it) => it.itemCode, '/items', 'itemCode', add);

  catalog.departments.forEach((d, i) => checkDepartment(d, `/departments/${i}`, deptCodes, add));
  catalog.certificateTypes.forEach((t, i) =>
    checkCertificateType(t, `/certificateTypes/${i}`, deptCodes, add),
  );
  catalog.items.forEach((it, i) => checkItem(it, `/items/${i}`, deptCodes, typesByCode, itemCodes, add));
  return issues;
}

type Add = (
  severity: ImportIssue['severity'],
  code: ImportIssueCode,
  pointer: string,
  field: string,
  message: string,
) => void;

function indexUnique<T>(
  list: readonly T[],
  key: (t: T) => string,
  base: string,
  field: string,
  add: Add,
): Set<string> {
  const firstAt = new Map<string, number>();
  list.forEach((entry, i) => {
    const k = key(entry);
    const first = firstAt.get(k);
    if (first === undefined) firstAt.set(k, i);
    else
      add(
        'error',
        'DUPLICATE_CODE',
        `${base}/${i}/${field}`,
        field,
        `${field} ${k} already used at ${base}/${first}`,
      );
  });
  return new Set(firstAt.keys());
}

function checkDepartment(d: Department, at: string, deptCodes: Set<string>, add: Add): void {
  const check = validateCreditCode(d.creditCode, { lenientCheck: true });
  const flags = d.flags ?? [];
  if (!check.ok) {
    // An importer may keep a department whose key is not a credit code, flagged: a warning then.
    if (flags.includes('CREDIT_CODE_INVALID'))
      add(
        'warning',
        'INVALID_CREDIT_CODE',
        `${at}/creditCode`,
        'creditCode',
        `not a 统一社会信用代码 (${check.reason}); kept, flagged`,
      );
    else
      add(
        'error',
        'INVALID_CREDIT_CODE',
        `${at}/creditCode`,
        'creditCode',
        `not a 统一社会信用代码: ${check.reason}`,
      );
  } else if (check.warnings.includes('CHECK_CHARACTER_MISMATCH')) {
    add(
      'warning',
      'CREDIT_CODE_CHECK_MISMATCH',
      `${at}/creditCode`,
      'creditCode',
      'check character does not match GB 32100; accepted as an early code',
    );
  }
  if (d.parentCode !== undefined && !deptCodes.has(d.parentCode))
    add(
      'error',
      'UNKNOWN_DEPARTMENT',
      `${at}/parentCode`,
      'parentCode',
      `parent department ${d.parentCode} is not in the catalog`,
    );
  if (d.parentCode === d.creditCode)
    add(
      'error',
      'SCHEMA_VIOLATION',
      `${at}/parentCode`,
      'parentCode',
      'a department cannot be its own parent',
    );
}

const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });

function checkCertificateType(t: CertificateType, at: string, deptCodes: Set<string>, add: Add): void {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/.test(t.code) || t.code.slice(0, 18) !== t.definingDeptCode)
    add(
      'error',
      'TYPE_CODE_MISMATCH',
      `${at}/code`,
      'code',
      'a certificate type code is the defining department’s credit code followed by 3 digits',
    );
  const defining = validateCreditCode(t.definingDeptCode, { lenientCheck: true });
  if (!defining.ok)
    add(
      'error',
      'INVALID_CREDIT_CODE',
      `${at}/definingDeptCode`,
      'definingDeptCode',
      `not a 统一社会信用代码: ${defining.reason}`,
    );
  t.issuingDeptCodes.forEach((code, j) => {
    if (!deptCodes.has(code))
      add(
        'error',
        'UNKNOWN_DEPARTMENT',
        `${at}/issuingDeptCodes/${j}`,
        'issuingDeptCodes',
        `issuing department ${code} is not in the catalog`,
      );
  });
  if (t.sharing !== 'unconditional' && !(t.legalBasis ?? '').trim())
    add(
      'error',
      'LEGAL_BASIS_REQUIRED',
      `${at}/legalBasis`,
      'legalBasis',
      `sharing class ${t.sharing} needs the legal basis that restricts it`,
    );
  checkFieldsSchema(t, at, add);
}

function checkFieldsSchema(t: CertificateType, at: string, add: Add): void {
  const props = t.fields.properties;
  for (const name of t.fields.required ?? []) {
    if (!Object.hasOwn(props, name))
      add(
        'error',
        'INVALID_FIELDS_SCHEMA',
        `${at}/fields/required`,
        'fields',
        `required field ${name} is not among the properties`,
      );
  }
  for (const [name, schema] of Object.entries(props)) {
    if (!schema.title?.trim())
      add(
        'error',
        'INVALID_FIELDS_SCHEMA',
        `${at}/fields/properties/${escapePointer(name)}/title`,
        'fields',
        `field ${name} has no Chinese label (title)`,
      );
  }
  try {
    ajv.compile({ ...t.fields, $schema: undefined });
  } catch (e) {
    add(
      'error',
      'INVALID_FIELDS_SCHEMA',
      `${at}/fields`,
      'fields',
      `not a valid JSON Schema 2020-12: ${(e as Error).message}`,
    );
  }
}

function checkItem(
  it: ServiceItem,
  at: string,
  deptCodes: Set<string>,
  types: Map<string, CertificateType>,
  itemCodes: Set<string>,
  add: Add,
): void {
  if (!deptCodes.has(it.deptCode))
    add(
      'error',
      'UNKNOWN_DEPARTMENT',
      `${at}/deptCode`,
      'deptCode',
      `department ${it.deptCode} is not in the catalog`,
    );
  if (!(itemTypes as readonly string[]).includes(it.type))
    add('error', 'INVALID_ITEM_TYPE', `${at}/type`, 'type', `unknown item type ${it.type}`);
  for (const key of ['statutoryDays', 'promisedDays'] as const) {
    const limit = it[key];
    if (limit !== null && !(Number.isFinite(limit.days) && limit.days > 0))
      add(
        'error',
        'INVALID_TIME_LIMIT',
        `${at}/${key}/days`,
        key,
        'a time limit is a positive number of days, or null for 无',
      );
  }
  const s = it.statutoryDays;
  const p = it.promisedDays;
  if (s && p && s.unit === p.unit && p.days > s.days)
    add(
      'warning',
      'INVALID_TIME_LIMIT',
      `${at}/promisedDays/days`,
      'promisedDays',
      'the promised time limit is longer than the statutory one',
    );
  it.materials.forEach((m, j) => {
    const mAt = `${at}/materials/${j}/source`;
    switch (m.source.kind) {
      case 'certificate': {
        const type = types.get(m.source.typeCode);
        if (!type) {
          add(
            'error',
            'UNKNOWN_CERTIFICATE_TYPE',
            `${mAt}/typeCode`,
            'typeCode',
            `certificate type ${m.source.typeCode} is not in the catalog`,
          );
          break;
        }
        if (m.source.fields.length === 0)
          add(
            'error',
            'UNKNOWN_FIELD',
            `${mAt}/fields`,
            'fields',
            'a certificate material names the fields the item needs',
          );
        m.source.fields.forEach((f, k) => {
          if (!Object.hasOwn(type.fields.properties, f))
            add(
              'error',
              'UNKNOWN_FIELD',
              `${mAt}/fields/${k}`,
              'fields',
              `certificate type ${type.code} (${type.name}) has no field ${f}`,
            );
        });
        break;
      }
      case 'prior-case':
        if (!itemCodes.has(m.source.itemCode))
          add(
            'error',
            'UNKNOWN_ITEM',
            `${mAt}/itemCode`,
            'itemCode',
            `item ${m.source.itemCode} is not in the catalog`,
          );
        break;
      case 'applicant':
        break;
    }
  });
  it.outputs.forEach((code, j) => {
    if (!types.has(code))
      add(
        'error',
        'UNKNOWN_CERTIFICATE_TYPE',
        `${at}/outputs/${j}`,
        'outputs',
        `certificate type ${code} is not in the catalog`,
      );
  });
  it.followUps.forEach((code, j) => {
    if (!itemCodes.has(code))
      add('error', 'UNKNOWN_ITEM', `${at}/followUps/${j}`, 'followUps', `item ${code} is not in the catalog`);
  });
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export const escapePointer = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');
