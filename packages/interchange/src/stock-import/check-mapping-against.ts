import { DomainError, type CertificateType } from '@tongban/domain';
import type { ImportProblem } from './import-problem.js';
import type { ColumnSource, ImportMapping, ValueSource } from './import-mapping.js';

/** Every column a mapping reads, with the certificate part it fills (`fields.name`, `holder.id`, ...). */
export function mappedColumns(
  mapping: ImportMapping,
): { readonly field: string; readonly source: ColumnSource }[] {
  const parts: [string, ValueSource | undefined][] = [
    ['holder.id', mapping.holder],
    ['issuerCode', mapping.issuer],
    ['validFrom', mapping.validFrom],
    ['validUntil', mapping.validUntil],
    ['status', mapping.status],
    ...Object.entries(mapping.fields).map(([name, s]): [string, ValueSource] => [`fields.${name}`, s]),
  ];
  return parts.flatMap(([field, source]) => (source?.kind === 'column' ? [{ field, source }] : []));
}

/**
 * Checks a mapping against its certificate type and the file's header before any row is read: the
 * type code, the holder kind, a constant issuer allowed to issue the type, every mapped field a field
 * of the type, every required field mapped, and every mapped column present once in the header
 * (`headers` as a row source gives them). Returns every problem; empty when the mapping fits.
 */
export function checkMappingAgainst(
  mapping: ImportMapping,
  type: CertificateType,
  headers: readonly string[],
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (mapping.typeCode !== type.code)
    problems.push({
      code: 'FIELD_INVALID',
      field: 'typeCode',
      message: `the mapping is for certificate type ${mapping.typeCode}, not ${type.code}`,
    });
  if (mapping.holder.holderKind !== undefined && mapping.holder.holderKind !== type.holderKind)
    problems.push({
      code: 'HOLDER_KIND_MISMATCH',
      field: 'holder.kind',
      message: `this type is held by a ${type.holderKind}`,
    });
  if (
    mapping.issuer.kind === 'constant' &&
    !(typeof mapping.issuer.value === 'string' && type.issuingDeptCodes.includes(mapping.issuer.value))
  )
    problems.push({
      code: 'ISSUER_NOT_ALLOWED',
      field: 'issuerCode',
      message: 'this department does not issue this certificate type',
    });
  const properties = type.fields.properties;
  for (const name of Object.keys(mapping.fields))
    if (!Object.hasOwn(properties, name))
      problems.push({
        code: 'FIELD_UNKNOWN',
        field: `fields.${name}`,
        message: 'not a field of this certificate type',
      });
  for (const name of type.fields.required ?? [])
    if (!Object.hasOwn(mapping.fields, name))
      problems.push({
        code: 'FIELD_REQUIRED',
        field: `fields.${name}`,
        message: `${properties[name]?.title ?? name} is required by the type but the mapping does not fill it`,
      });

  const counts = new Map<string, number>();
  for (const h of headers) if (h !== '') counts.set(h, (counts.get(h) ?? 0) + 1);
  for (const { field, source } of mappedColumns(mapping)) {
    const n = counts.get(source.column) ?? 0;
    if (n === 0)
      problems.push({
        code: 'COLUMN_MISSING',
        field,
        column: source.column,
        message: 'the file has no such column',
      });
    else if (n > 1)
      problems.push({
        code: 'COLUMN_AMBIGUOUS',
        field,
        column: source.column,
        message: `the file has ${n} columns of this name: rename all but one`,
      });
  }
  return problems;
}

/**
 * {@link checkMappingAgainst}, refusing the whole file when anything is wrong: a missing column or an
 * unknown field would fail every row, which is a file-level error, not a million quarantined rows.
 *
 * @throws DomainError IMPORT_REJECTED with `details.problems`.
 */
export function assertMappingFits(
  mapping: ImportMapping,
  type: CertificateType,
  headers: readonly string[],
): void {
  const problems = checkMappingAgainst(mapping, type, headers);
  const first = problems[0];
  if (!first) return;
  const where = first.column === undefined ? first.field : `${first.field} (column ${first.column})`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new DomainError('IMPORT_REJECTED', `the mapping does not fit: ${where}: ${first.message}${more}`, {
    problems,
  });
}
