import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '@tongban/store';
import type { Migration } from 'kysely';
import { sql } from 'kysely';

/**
 * A database for one integration suite: embedded PGlite in memory by default, or PostgreSQL when
 * TEST_DATABASE_URL is set. On PostgreSQL each suite gets its own schema, dropped on close, so
 * suites can run in parallel against one database.
 */
export async function openTestDatabase<DB>(migrations: Record<string, Migration>): Promise<Database<DB>> {
  const url = process.env['TEST_DATABASE_URL'];
  if (!url) return openDatabase<DB>({ kind: 'pglite' }, migrations);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase<DB>({ kind: 'postgres', url, maxConnections: 4 }, migrations, {
    schema,
  });
  return {
    ...database,
    close: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
      await database.close();
    },
  };
}

/** Which engine the integration suites run on, for test names. */
export const testDatabaseKind = (): 'postgres' | 'pglite' =>
  process.env['TEST_DATABASE_URL'] ? 'postgres' : 'pglite';
