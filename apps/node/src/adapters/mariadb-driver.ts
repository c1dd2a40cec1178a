import { createPool } from 'mysql2/promise';
import type { SqlAdapterConfig } from './adapter-config.js';
import type { SqlDriver } from './sql-driver.js';

/** How long an unused connection is kept: well under MariaDB's wait_timeout, so none goes stale. */
const IDLE_MS = 30_000;
/** Lookups waiting for a connection beyond this fail at once (the upstream is clearly struggling). */
const QUEUE_LIMIT = 100;

/**
 * A {@link SqlDriver} on a mysql2 pool for MariaDB. Statements are server-side prepared (`execute`),
 * so values never enter the SQL text. Each runs under `SET STATEMENT max_statement_time=… FOR`, so
 * the server itself stops a slow view (a client-side timeout alone would leave it running). A
 * connection whose lookup is abandoned is destroyed rather than returned to the pool.
 */
export function openMariadbDriver(config: SqlAdapterConfig): SqlDriver {
  const { connection: c } = config;
  const pool = createPool({
    host: c.host,
    port: c.port,
    user: c.user,
    password: c.password?.reveal(),
    database: c.database,
    connectionLimit: config.poolSize,
    // mysql2 drops idle connections only when maxIdle < connectionLimit.
    maxIdle: config.poolSize > 1 ? 1 : 0,
    idleTimeout: IDLE_MS,
    queueLimit: QUEUE_LIMIT,
    connectTimeout: config.timeoutMs,
    enableKeepAlive: true,
    multipleStatements: false,
    dateStrings: true,
    // BIGINT keys beyond 2^53 come as text rather than rounded.
    supportBigNumbers: true,
    charset: 'utf8mb4',
    ...(config.tls ? { ssl: { rejectUnauthorized: true } } : {}),
  });
  return {
    async select(statement, timeoutMs, signal) {
      const connection = await pool.getConnection();
      // The lookup may have been abandoned while this waited for a connection.
      if (signal.aborted) {
        connection.release();
        throw new Error('aborted');
      }
      const drop = () => connection.destroy();
      signal.addEventListener('abort', drop, { once: true });
      try {
        const seconds = Math.max(0.001, timeoutMs / 1000).toFixed(3);
        const [rows] = await connection.execute({
          sql: `SET STATEMENT max_statement_time=${seconds} FOR ${statement.text}`,
          rowsAsArray: true,
          values: [...statement.values],
        });
        return rows as unknown[][];
      } finally {
        signal.removeEventListener('abort', drop);
        if (!signal.aborted) connection.release();
      }
    },
    close: () => pool.end(),
  };
}
