import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type Migration } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';

export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseTarget =
  /** PostgreSQL at a connection URL. */
  | { readonly kind: 'postgres'; readonly url: string; readonly maxConnections?: number }
  /** Embedded PGlite; `dataDir` is a directory on disk, or undefined for memory only (tests). */
  | { readonly kind: 'pglite'; readonly dataDir?: string | undefined };

export interface Database<DB> {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DB>;
  /** Answers when the database can run a query (for /readyz). */
  readonly ping: () => Promise<boolean>;
  readonly close: () => Promise<void>;
}

/** An open database connection (a pool, or an embedded instance) that several schemas can share. */
export interface Connection {
  readonly kind: DatabaseKind;
  readonly db: Kysely<unknown>;
  readonly ping: () => Promise<boolean>;
  readonly close: () => Promise<void>;
}

/** Opens a connection without touching any schema. */
export async function openConnection(target: DatabaseTarget): Promise<Connection> {
  const db = new Kysely<unknown>({ dialect: await createDialect(target) });
  return {
    kind: target.kind,
    db,
    ping: async () => {
      try {
        await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

/**
 * Opens a database and runs the given migrations before anything else uses it. Both engines speak
 * the same SQL through Kysely; PGlite is the embedded default, PostgreSQL the production one.
 */
export async function openDatabase<DB>(
  target: DatabaseTarget,
  migrations: Record<string, Migration>,
  options: { readonly schema?: string } = {},
): Promise<Database<DB>> {
  const connection = await openConnection(target);
  try {
    const database = await openSchema<DB>(connection, migrations, options);
    return { ...database, close: connection.close };
  } catch (e) {
    await connection.close();
    throw e;
  }
}

/**
 * Runs migrations in one schema of a shared connection and returns that schema's database. Its
 * `close` leaves the connection open: whoever opened the connection closes it. The demo city hosts
 * all its department nodes this way on one embedded PGlite, one schema per node.
 */
export async function openSchema<DB>(
  connection: Connection,
  migrations: Record<string, Migration>,
  options: { readonly schema?: string } = {},
): Promise<Database<DB>> {
  const db = connection.db as Kysely<DB>;
  if (options.schema) await db.schema.createSchema(options.schema).ifNotExists().execute();
  const scoped = options.schema ? db.withSchema(options.schema) : db;
  const migrator = new Migrator({
    db: scoped,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return { kind: connection.kind, db: scoped, ping: connection.ping, close: () => Promise.resolve() };
}

async function createDialect(target: DatabaseTarget): Promise<PostgresDialect | PGliteDialect> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.maxConnections ?? 10 });
    // An idle client the server drops (restart, admin termination) emits 'error' on the pool; with
    // no listener Node would end the process. The pool discards that client; queries in flight fail
    // on their own and reach their callers (the audit log then fails closed).
    pool.on('error', () => undefined);
    return new PostgresDialect({ pool });
  }
  const pglite = await PGlite.create(target.dataDir ?? 'memory://');
  return new PGliteDialect(pglite);
}
