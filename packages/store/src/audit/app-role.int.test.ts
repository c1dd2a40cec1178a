import { randomBytes } from 'node:crypto';
import { contractEntry, openTestDatabase, sha256Hash, testTreeHeadSigner } from '@tongban/testing';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { auditMigrations } from '../migrations/index.js';
import type { AuditDatabase } from '../schema.js';
import { resolveAuditSchema } from './audit-schema.js';
import { createAuditLog } from './create-audit-log.js';
import { pruneAuditLog } from './prune-audit-log.js';

const url = process.env['TEST_DATABASE_URL'];

/** Each audit table, with a column to write an UPDATE against. */
const COLUMNS: Record<string, string> = {
  audit_meta: 'hash_alg',
  audit_entry: 'actor',
  audit_leaf: 'leaf_hash',
  audit_node: 'hash',
  audit_frontier: 'peaks',
  audit_tree_head: 'root_hash',
  audit_prune: 'partition',
};
const TABLES = Object.keys(COLUMNS);

/** The grants of docs/DATABASE.md ("Roles"), for schema `s` and application role `app`. */
function appRoleGrants(s: string, app: string): RawBuilder<unknown>[] {
  const t = (name: string) => sql.id(s, name);
  const all = sql.join(TABLES.map(t));
  const writable = sql.join(TABLES.filter((x) => x !== 'audit_prune').map(t));
  return [
    sql`grant usage on schema ${sql.id(s)} to ${sql.id(app)}`,
    sql`grant select, insert on ${writable} to ${sql.id(app)}`,
    sql`grant select on ${t('audit_prune')} to ${sql.id(app)}`,
    sql`revoke update, delete, truncate on ${all} from ${sql.id(app)}`,
    sql`grant execute on function ${t('audit_ensure_partition')}(date), ${t('audit_lock_tip')}() to ${sql.id(app)}`,
    // The app runs the migrator at start too: with nothing pending it only reads.
    sql`grant select on ${t('kysely_migration')}, ${t('kysely_migration_lock')} to ${sql.id(app)}`,
  ];
}

const sqlState = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'succeeded',
    (e: unknown) => (e as { code?: unknown }).code,
  );

describe.runIf(url !== undefined)('the application role on PostgreSQL', () => {
  it('appends, but can neither UPDATE, DELETE, TRUNCATE nor drop anything of the log', async () => {
    const database = await openTestDatabase<AuditDatabase>(auditMigrations); // as the owner
    const { name: schema } = await resolveAuditSchema(database.db);
    const role = `tb_audit_app_${randomBytes(4).toString('hex')}`;
    await sql`create role ${sql.id(role)} nologin`.execute(database.db);
    const appDb = new Kysely<AuditDatabase>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: url, max: 2 }),
        onCreateConnection: async (c) => {
          await c.executeQuery(CompiledQuery.raw(`set role "${role}"`));
        },
      }),
    }).withSchema(schema);
    try {
      for (const grant of appRoleGrants(schema, role)) await grant.execute(database.db);
      const { rows } = await sql<{ who: string }>`select current_user as who`.execute(appDb);
      expect(rows[0]?.who).toBe(role);
      const migrator = new Migrator({
        db: appDb,
        provider: { getMigrations: () => Promise.resolve(auditMigrations) },
        migrationTableSchema: schema,
      });
      expect(await migrator.migrateToLatest()).toEqual({ results: [] });

      // Everything the log needs, including a new month partition (made by the owner's function).
      let now = Date.parse('2025-05-31T23:59:59.995Z');
      const log = await createAuditLog(appDb, {
        hash: sha256Hash,
        hashAlg: 'sha-256',
        logSigner: testTreeHeadSigner('log').signer,
        clock: () => new Date(now++),
      });
      for (let i = 0; i < 20; i++) await log.append(contractEntry(i));
      expect((await log.signTreeHead()).treeSize).toBe(20);
      await log.close();

      const t = (name: string) => sql.id(schema, name);
      // 42501: insufficient_privilege, refused by the grants before any trigger would run.
      for (const [table, column] of Object.entries(COLUMNS)) {
        const c = sql.ref(column);
        expect(await sqlState(sql`update ${t(table)} set ${c} = ${c}`.execute(appDb)), table).toBe('42501');
        expect(await sqlState(sql`delete from ${t(table)}`.execute(appDb)), table).toBe('42501');
        expect(await sqlState(sql`truncate ${t(table)}`.execute(appDb)), table).toBe('42501');
      }
      expect(await sqlState(sql`drop table ${t('audit_entry_y2025m05')}`.execute(appDb))).toBe('42501');
      expect(await sqlState(sql`alter table ${t('audit_entry')} disable trigger user`.execute(appDb))).toBe(
        '42501',
      );
      const at = new Date('2027-01-01T00:00:00Z');
      expect(await sqlState(pruneAuditLog(appDb, { before: at, exportedThrough: 19, now: at }))).toBe(
        '42501',
      );
      // The owner could: retention runs as the owner.
      const { pruned } = await pruneAuditLog(database.db, { before: at, exportedThrough: 19, now: at });
      expect(pruned.map((p) => [p.partition, p.entryCount])).toEqual([
        ['audit_entry_y2025m05', 2],
        ['audit_entry_y2025m06', 18],
        ['audit_entry_y2025m07', 0], // made ahead, never used
      ]);
    } finally {
      await appDb.destroy();
      await sql`drop owned by ${sql.id(role)}`.execute(database.db);
      await sql`drop role ${sql.id(role)}`.execute(database.db);
      await database.close();
    }
  });
});
