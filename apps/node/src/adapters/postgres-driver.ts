import pg from 'pg';
import type { SqlAdapterConfig } from './adapter-config.js';
import type { SqlDriver } from './sql-driver.js';

/** How long an unused connection is kept. */
const IDLE_MS = 30_000;

/** DATE, TIMESTAMP, TIMESTAMPTZ, TIME and TIMETZ: kept as the server writes them, so no zone shifts a day. */
const TEXT_TYPES = new Set([1082, 1114, 1184, 1083, 1266]);

const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  TEXT_TYPES.has(oid)
    ? (value: string) => value
    : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as typeof pg.types.getTypeParser;

/**
 * A {@link SqlDriver} on a pg pool for PostgreSQL. Sessions are read-only and carry a
 * statement_timeout, so the server stops a slow view itself; a client whose lookup is abandoned is
 * destroyed rather than returned to the pool.
 */
export function openPostgresDriver(config: SqlAdapterConfig): SqlDriver {
  const { connection: c } = config;
  const pool = new pg.Pool({
    host: c.host,
    port: c.port,
    user: c.user,
    password: c.password?.reveal(),
    database: c.database,
    max: config.poolSize,
    idleTimeoutMillis: IDLE_MS,
    connectionTimeoutMillis: config.timeoutMs,
    statement_timeout: config.timeoutMs,
    // Defence in depth: the adapter only ever reads; a read-only account is still the operator's job.
    options: '-c default_transaction_read_only=on',
    application_name: 'tongban-node-adapter',
    types: { getTypeParser },
    ssl: config.tls ? { rejectUnauthorized: true } : false,
  });
  // An idle client whose server went away emits here; without a listener the process would exit.
  // The next lookup simply opens a new connection.
  pool.on('error', () => undefined);
  return {
    async select(statement, _timeoutMs, signal) {
      const client = await pool.connect();
      let released = false;
      const release = (error?: Error) => {
        if (released) return;
        released = true;
        client.release(error);
      };
      if (signal.aborted) {
        release();
        throw new Error('aborted');
      }
      // Releasing with an error makes pg-pool end the client instead of reusing it.
      const drop = () => release(new Error('lookup abandoned'));
      signal.addEventListener('abort', drop, { once: true });
      try {
        const result = await client.query<unknown[]>({
          text: statement.text,
          values: [...statement.values],
          rowMode: 'array',
        });
        return result.rows;
      } catch (e) {
        // A failed client may be broken (connection lost): do not reuse it.
        release(e instanceof Error ? e : new Error('query failed'));
        throw e;
      } finally {
        signal.removeEventListener('abort', drop);
        release();
      }
    },
    close: () => pool.end(),
  };
}
