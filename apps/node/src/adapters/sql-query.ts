import { normaliseIdentifier, type SourceQuery } from '@tongban/domain';
import { SQL_IDENTIFIER, type Scalar, type SqlAdapterConfig } from './adapter-config.js';
import { keyOfCertificateId } from './map-record.js';

/** One parameterised SELECT: values travel apart from the text, never inside it. */
export interface SelectStatement {
  readonly text: string;
  readonly values: readonly Scalar[];
  /** The selected columns, in the order of each row array. */
  readonly columns: readonly string[];
}

/** More rows than this for one lookup is not a certificate's history but a wrong mapping. */
export const MAX_ROWS = 100;

/** The longest holder or identifier value sent upstream; anything longer cannot match. */
const MAX_LOOKUP_VALUE = 200;

/**
 * Quotes an identifier already validated against {@link SQL_IDENTIFIER}; validated again here, so
 * that no path can put an unvalidated name into SQL text.
 */
export function quoteIdentifier(dialect: SqlAdapterConfig['dialect'], name: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || parts.some((p) => !SQL_IDENTIFIER.test(p)))
    throw new RangeError('not a valid SQL identifier');
  return parts.map((p) => (dialect === 'mariadb' ? `\`${p}\`` : `"${p}"`)).join('.');
}

/** Every column the mapping reads, once, in a fixed order. */
export function mappedColumns(config: SqlAdapterConfig): string[] {
  const refs = [
    config.holder.ref,
    ...[
      config.issuer,
      config.certificateId,
      config.key,
      config.version,
      config.status,
      config.validFrom,
      config.validUntil,
      ...Object.values(config.fields),
    ].flatMap((s) => (s?.kind === 'read' ? [s.ref] : [])),
  ];
  return [...new Set(refs)];
}

/**
 * The SELECT for one lookup: only the mapped columns, the lookup value and the `where` values as
 * parameters, identifiers quoted, at most {@link MAX_ROWS} + 1 rows (so that too many can be told).
 * Undefined when the query cannot match anything (another type or holder kind, an identifier this
 * mapping did not generate, an over-long value): the upstream is not asked at all.
 */
export function buildSelect(config: SqlAdapterConfig, query: SourceQuery): SelectStatement | undefined {
  if (query.typeCode !== config.typeCode) return undefined;
  let column: string;
  let value: string;
  if (query.by === 'holder') {
    if (query.holder.kind !== config.holder.kind) return undefined;
    column = config.holder.ref;
    value = normaliseIdentifier(query.holder.id);
  } else if (config.certificateId) {
    column = config.certificateId.ref;
    value = normaliseIdentifier(query.certificateId);
  } else if (config.key) {
    const key = keyOfCertificateId(config, query.certificateId);
    if (key === undefined) return undefined;
    column = config.key.ref;
    value = key;
  } else return undefined;
  if (value === '' || value.length > MAX_LOOKUP_VALUE) return undefined;

  const q = (name: string) => quoteIdentifier(config.dialect, name);
  const values: Scalar[] = [];
  const param = (v: Scalar): string => {
    values.push(v);
    return config.dialect === 'mariadb' ? '?' : `$${values.length}`;
  };
  const conditions = [
    `${q(column)} = ${param(value)}`,
    ...config.where.map((w) => `${q(w.column)} = ${param(w.value)}`),
  ];
  const columns = mappedColumns(config);
  const text = `SELECT ${columns.map(q).join(', ')} FROM ${q(config.table)} WHERE ${conditions.join(
    ' AND ',
  )} LIMIT ${MAX_ROWS + 1}`;
  return { text, values, columns };
}
