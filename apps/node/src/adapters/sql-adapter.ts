import type { CertificateSource, CertificateType, SourceQuery, SourceRecord } from '@tongban/domain';
import { SourceUnavailableError } from '@tongban/domain';
import type { SqlAdapterConfig } from './adapter-config.js';
import { withDeadline } from './deadline.js';
import { openMariadbDriver } from './mariadb-driver.js';
import { openPostgresDriver } from './postgres-driver.js';
import { resolveRecord } from './resolve-record.js';
import type { SqlDriver } from './sql-driver.js';
import { buildSelect, MAX_ROWS } from './sql-query.js';
import { errorCodeOf, unavailable } from './upstream-error.js';

export interface SqlAdapterOptions {
  /** The catalog's type for `config.typeCode`: records are checked against it before they leave. */
  readonly certificateType?: CertificateType | undefined;
  /** The database access; by default a pool for `config.dialect` (tests pass a fake). */
  readonly driver?: SqlDriver | undefined;
}

/**
 * A {@link CertificateSource} onto a table or view of a vertically managed department's database
 * (MariaDB or PostgreSQL), read in place. Each lookup is one parameterised SELECT of the mapped
 * columns, bounded by `config.timeoutMs` and the caller's signal; rows become records through the
 * mapping and the answer is chosen and checked by {@link resolveRecord}.
 *
 * Nothing connects until the first lookup: a node starts even when the upstream is down, and
 * answers `unavailable` for its types meanwhile.
 */
export function openSqlAdapter(config: SqlAdapterConfig, options: SqlAdapterOptions = {}): CertificateSource {
  const name = `sql:${config.name}`;
  const driver =
    options.driver ?? (config.dialect === 'mariadb' ? openMariadbDriver(config) : openPostgresDriver(config));
  const context = { source: name, mapping: config, type: options.certificateType };
  let closed = false;

  return {
    name,
    typeCodes: new Set([config.typeCode]),
    async find(query: SourceQuery, signal?: AbortSignal): Promise<SourceRecord | undefined> {
      if (closed) throw unavailable(name, 'the adapter is closed');
      const statement = buildSelect(config, query);
      if (!statement) return undefined;
      const rows = await withDeadline(name, config.timeoutMs, signal, async (deadline) => {
        try {
          return await driver.select(statement, config.timeoutMs, deadline);
        } catch (e) {
          if (e instanceof SourceUnavailableError) throw e;
          // Only a code: driver messages can quote the value that failed (an ID number).
          throw unavailable(name, `query failed (${errorCodeOf(e)})`);
        }
      });
      if (rows.length > MAX_ROWS) throw unavailable(name, `more than ${MAX_ROWS} rows for one lookup`);
      const index = new Map(statement.columns.map((c, i) => [c, i]));
      const readers = rows.map((row) => (ref: string) => {
        const i = index.get(ref);
        return i === undefined ? undefined : row[i];
      });
      return resolveRecord(context, readers, query);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await driver.close();
    },
  };
}
