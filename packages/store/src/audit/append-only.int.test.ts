import type { AuditLog } from '@tongban/domain';
import {
  contractEntry,
  openTestDatabase,
  sha256Hash,
  testDatabaseKind,
  testTreeHeadSigner,
} from '@tongban/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { auditMigrations } from '../migrations/index.js';
import type { AuditDatabase } from '../schema.js';
import { resolveAuditSchema, type AuditSchema } from './audit-schema.js';
import { createAuditLog } from './create-audit-log.js';
import { listMonthPartitions } from './month-partitions.js';

/** A column each table has, to write an UPDATE against. */
const tables = {
  audit_meta: 'hash_alg',
  audit_entry: 'actor',
  audit_leaf: 'leaf_hash',
  audit_node: 'hash',
  audit_frontier: 'peaks',
  audit_tree_head: 'root_hash',
  audit_prune: 'partition',
} as const;

describe(`the audit tables are append-only (${testDatabaseKind()})`, () => {
  let database: Database<AuditDatabase>;
  let schema: AuditSchema;
  let log: AuditLog;
  // Entries in January and March 2025: the month in between is created ahead, as are next months.
  let now = Date.parse('2025-01-20T08:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase<AuditDatabase>(auditMigrations);
    schema = await resolveAuditSchema(database.db);
    log = await createAuditLog(database.db, {
      hash: sha256Hash,
      hashAlg: 'sha-256',
      logSigner: testTreeHeadSigner('log').signer,
      clock: () => new Date(now),
    });
    await Promise.all(Array.from({ length: 300 }, (_, i) => log.append(contractEntry(i))));
    now = Date.parse('2025-03-05T08:00:00Z');
    await Promise.all(Array.from({ length: 10 }, (_, i) => log.append(contractEntry(300 + i))));
    await log.signTreeHead();
    // audit_prune is empty until something is pruned, and row triggers need a row to fire on.
    await database.db
      .insertInto('audit_prune')
      .values({
        partition: 'audit_entry_y2000m01',
        from_index: 0,
        to_index: 0,
        entry_count: 0,
        exported_through: -1,
        range_start: '2000-01-01T00:00:00Z',
        range_end: '2000-02-01T00:00:00Z',
      })
      .execute();
  });
  afterAll(async () => {
    await log?.close();
    await database?.close();
  });

  it('keeps entries in UTC month partitions, created ahead of need', async () => {
    const months = (await listMonthPartitions(database.db, schema)).map((p) => p.name);
    expect(months).toEqual([
      'audit_entry_y2025m01',
      'audit_entry_y2025m02',
      'audit_entry_y2025m03',
      'audit_entry_y2025m04',
    ]);
    const { rows } = await sql<{
      n: string | number;
    }>`select count(*) as n from ${sql.id(schema.name, 'audit_entry_y2025m03')}`.execute(database.db);
    expect(Number(rows[0]?.n)).toBe(10);
  });

  it.each(Object.entries(tables))('refuses UPDATE, DELETE and TRUNCATE on %s', async (table, column) => {
    const t = schema.table(table);
    await expect(
      sql`update ${t} set ${sql.ref(column)} = ${sql.ref(column)}`.execute(database.db),
    ).rejects.toThrow(/append-only: UPDATE/);
    await expect(sql`delete from ${t}`.execute(database.db)).rejects.toThrow(/append-only: DELETE/);
    await expect(sql`truncate ${t}`.execute(database.db)).rejects.toThrow(/append-only: TRUNCATE/);
  });

  it('refuses TRUNCATE and DELETE on a month partition itself', async () => {
    const part = sql.id(schema.name, 'audit_entry_y2025m01');
    await expect(sql`truncate ${part}`.execute(database.db)).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(sql`delete from ${part} where "index" = 0`.execute(database.db)).rejects.toThrow(
      /append-only: DELETE/,
    );
  });

  it('still holds every entry afterwards', async () => {
    expect(await log.size()).toBe(310);
    const head = await log.signTreeHead();
    expect(head.treeSize).toBe(310);
    expect((await log.findEntry(0))?.actor).toBe(contractEntry(0).actor);
  });
});
