import {
  checkCertificate,
  normaliseIdentifier,
  pickCurrent,
  type CertificateType,
  type SourceQuery,
  type SourceRecord,
} from '@tongban/domain';
import type { RecordMapping } from './adapter-config.js';
import { mapRecord, type MappingProblem, type ReadValue } from './map-record.js';
import { unavailable } from './upstream-error.js';

/** What an adapter knows when it turns upstream rows into the answer of one lookup. */
export interface ResolveContext {
  /** `sql:tax`, for messages. */
  readonly source: string;
  readonly mapping: RecordMapping;
  /** The catalog's type, when the node passed it: then the chosen record is checked against it. */
  readonly type?: CertificateType | undefined;
}

const describe = (problems: readonly { code: string; field: string }[]): string =>
  [...new Set(problems.map((p) => `${p.code} ${p.field}`))].join(', ');

/** The record asked about, not merely one the upstream sent back. */
function matches(record: SourceRecord, query: SourceQuery): boolean {
  if (record.typeCode !== query.typeCode) return false;
  return query.by === 'id'
    ? record.certificateId === normaliseIdentifier(query.certificateId)
    : record.holder.kind === query.holder.kind && record.holder.id === normaliseIdentifier(query.holder.id);
}

/**
 * Turns the upstream rows of one lookup into its answer, failing closed:
 *
 * - every row must map (a row that cannot be read might be the current one, so no row is skipped);
 * - rows that are not the one asked about are dropped (an HTTP upstream may answer more);
 * - rows of one certificate collapse to its highest version (a history table keeps old versions,
 *   and an old `valid` version must not outrank a newer `cancelled` one); two different rows with the
 *   same identifier and version are ambiguous;
 * - by holder, {@link pickCurrent} chooses among the certificates;
 * - the chosen record must pass checkCertificate against the type, when known.
 *
 * @throws SourceUnavailableError naming problem codes and parts, never values.
 */
export function resolveRecord(
  context: ResolveContext,
  rows: readonly ReadValue[],
  query: SourceQuery,
): SourceRecord | undefined {
  const { source, mapping, type } = context;
  const records: SourceRecord[] = [];
  const problems: MappingProblem[] = [];
  for (const read of rows) {
    const outcome = mapRecord(mapping, read);
    if (outcome.ok) records.push(outcome.record);
    else problems.push(...outcome.problems);
  }
  if (problems.length > 0) throw unavailable(source, `upstream record invalid: ${describe(problems)}`);

  const latest = new Map<string, SourceRecord>();
  for (const record of records.filter((r) => matches(r, query))) {
    const seen = latest.get(record.certificateId);
    if (seen && seen.version === record.version && JSON.stringify(seen) !== JSON.stringify(record))
      throw unavailable(source, 'upstream ambiguous: two different rows with one identifier and version');
    if (!seen || record.version > seen.version) latest.set(record.certificateId, record);
  }
  const chosen = pickCurrent([...latest.values()]);
  if (!chosen) return undefined;
  if (type) {
    const invalid = checkCertificate(chosen, type);
    // Bad data is never released: the node answers `unavailable` and the operator's log says why.
    if (invalid.length > 0) throw unavailable(source, `upstream record invalid: ${describe(invalid)}`);
  }
  return chosen;
}
