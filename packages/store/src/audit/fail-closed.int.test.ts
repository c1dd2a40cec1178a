import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  hashToHex,
  isDomainError,
  rootFromLeafHashes,
  type AppendResult,
  type AuditLog,
} from '@tongban/domain';
import {
  contractEntry,
  openTestDatabase,
  sha256Hash,
  testDatabaseKind,
  testTreeHeadSigner,
} from '@tongban/testing';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../database.js';
import { auditMigrations } from '../migrations/index.js';
import type { AuditDatabase } from '../schema.js';
import { lockClass, resolveAuditSchema } from './audit-schema.js';
import { createAuditLog, type AuditLogOptions } from './create-audit-log.js';
import { readAuditLog } from './read-audit-log.js';

const options: AuditLogOptions = {
  hash: sha256Hash,
  hashAlg: 'sha-256',
  logSigner: testTreeHeadSigner('log').signer,
  maxBatch: 100,
};

/** Fires `n` appends at once and sorts out what became of each. */
async function appendAll(log: AuditLog, n: number, first = 0) {
  const settled = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => log.append(contractEntry(first + i))),
  );
  const fulfilled = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const rejected = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  return { fulfilled, rejected };
}

const codeOf = (e: unknown): unknown => (isDomainError(e) ? e.code : e);

/** The indices reported durable are exactly 0 … n − 1, and the stored log is exactly those entries. */
async function expectExactly(
  db: Database<AuditDatabase>['db'],
  reported: readonly AppendResult[],
): Promise<void> {
  expect(reported.map((r) => r.index).sort((a, b) => a - b)).toEqual(reported.map((_, i) => i));
  const stored = await readAuditLog(db);
  expect(stored.size).toBe(reported.length);
  expect(stored.entries.map((e) => e.storedLeafHash)).toEqual(
    [...reported].sort((a, b) => a.index - b.index).map((r) => r.leafHash),
  );
  expect(stored.leafHashes).toEqual(stored.entries.map((e) => e.storedLeafHash));
}

describe(`the audit log fails closed (${testDatabaseKind()})`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('rejects the batch the database refuses and everything queued behind it, and then goes on', async () => {
    const database = await openTestDatabase<AuditDatabase>(auditMigrations);
    cleanups.push(() => database.close());
    const { table: t } = await resolveAuditSchema(database.db);
    // A fault the database raises half-way through a batch: any entry whose actor is "poison".
    await sql`create function ${t('poison')}() returns trigger language plpgsql as $$
      begin raise exception 'disk on fire'; end $$`.execute(database.db);
    await sql`create trigger poison before insert on ${t('audit_entry')} for each row
      when (new.actor = 'poison') execute function ${t('poison')}()`.execute(database.db);
    const log = await createAuditLog(database.db, options);
    cleanups.push(() => log.close());

    const before = await appendAll(log, 10);
    const settled = await Promise.allSettled(
      Array.from({ length: 500 }, (_, i) =>
        log.append(i === 250 ? { ...contractEntry(10 + i), actor: 'poison' } : contractEntry(10 + i)),
      ),
    );
    // Batches of 100: the first two commit, the third holds the poison; it and all behind it fail.
    const after = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    expect(after).toHaveLength(200);
    expect(failed).toHaveLength(300);
    expect(new Set(failed.map(codeOf))).toEqual(new Set(['AUDIT_UNAVAILABLE']));
    expect(((failed[0] as Error).cause as Error).message).toMatch(/disk on fire/);
    expect(await log.size()).toBe(210);

    // The next batch starts from the durable tip: no gap, no reuse, and the tree is whole.
    const next = await log.append(contractEntry(999));
    expect(next.index).toBe(210);
    const all = [...before.fulfilled, ...after, next];
    await expectExactly(database.db, all);
    const head = await log.signTreeHead();
    const leaves = [...all].sort((a, b) => a.index - b.index).map((r) => Buffer.from(r.leafHash, 'hex'));
    expect(head.rootHash).toBe(hashToHex(rootFromLeafHashes(sha256Hash, leaves)));
  });

  it.runIf(testDatabaseKind() === 'pglite')(
    'PGlite closed under the log: what is pending rejects, and the reopened log holds what committed',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'tongban-audit-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      await (await openDatabase<AuditDatabase>({ kind: 'pglite', dataDir }, auditMigrations)).close();
      // Our own handle on the embedded engine, to pull it away while the log is writing. PGlite
      // checks that it is open before it queues a query, so a query queued behind close() would
      // run on a dead engine and spin: the handle refuses new queries first, then closes the
      // engine once the queries already queued are done, as a crashed engine would look.
      const pglite = await PGlite.create(dataDir);
      let crashed = false;
      const handle = {
        query: (text: string, params?: unknown[]) =>
          crashed ? Promise.reject(new Error('PGlite is closed')) : pglite.query(text, params),
        close: () => Promise.resolve(),
      } as unknown as PGlite;
      const crash = (): Promise<void> => {
        crashed = true;
        return pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(() => pglite.close()));
      };
      const log = await createAuditLog(
        new Kysely<AuditDatabase>({ dialect: new PGliteDialect(handle) }),
        options,
      );
      let closing: Promise<void> | undefined;
      const settled = await Promise.allSettled(
        Array.from({ length: 3000 }, (_, i) =>
          log.append(contractEntry(i)).then((r) => {
            closing ??= crash(); // as soon as the first batch is durable: the next is on its way
            return r;
          }),
        ),
      );
      await closing;
      const fulfilled = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const rejected = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
      expect(fulfilled.length).toBeGreaterThanOrEqual(100);
      expect(rejected.length).toBeGreaterThan(0);
      expect(new Set(rejected.map(codeOf))).toEqual(new Set(['AUDIT_UNAVAILABLE']));
      await log.close();

      const again = await openDatabase<AuditDatabase>({ kind: 'pglite', dataDir }, auditMigrations);
      cleanups.push(() => again.close());
      const reopened = await createAuditLog(again.db, options);
      cleanups.push(() => reopened.close());
      expect(await reopened.size()).toBe(fulfilled.length);
      await expectExactly(again.db, fulfilled);
      expect((await reopened.append(contractEntry(0))).index).toBe(fulfilled.length);
    },
  );

  it.runIf(testDatabaseKind() === 'postgres')(
    'PostgreSQL connections killed mid-batch: every pending append rejects, and nothing is half-written',
    async () => {
      const database = await openTestDatabase<AuditDatabase>(auditMigrations);
      cleanups.push(() => database.close());
      const { name: schema } = await resolveAuditSchema(database.db);
      // The log's own pool, with a name to find its connections by.
      const applicationName = `tb-audit-${schema}`;
      // A killed connection also emits 'error' on its client, idle (the pool's) or checked out (no
      // listener: an uncaught exception); the query in flight gets the error either way.
      class Client extends pg.Client {
        constructor(config?: pg.ClientConfig) {
          super(config);
          this.on('error', () => {});
        }
      }
      const pool = new pg.Pool({
        connectionString: process.env['TEST_DATABASE_URL'],
        max: 3,
        application_name: applicationName,
        Client,
      });
      pool.on('error', () => {});
      const appDb = new Kysely<AuditDatabase>({ dialect: new PostgresDialect({ pool }) }).withSchema(schema);
      cleanups.push(() => appDb.destroy());
      const log = await createAuditLog(appDb, options);
      cleanups.push(() => log.close());
      const before = await appendAll(log, 150);
      expect(before.rejected).toEqual([]);

      // Another process holds the append lock, so the log's batch is stuck inside its transaction
      // (BEGIN done, lock awaited): exactly "mid-batch". Then its connections are killed.
      let release = (): void => {};
      const held = new Promise<void>((r) => (release = r));
      let locked = (): void => {};
      const lockTaken = new Promise<void>((r) => (locked = r));
      const holder = database.db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(${lockClass.append}, hashtext(${schema}))`.execute(tx);
        locked();
        await held;
      });
      await lockTaken;
      const pending = appendAll(log, 400, 150);
      await expect
        .poll(
          async () =>
            (
              await sql<{ n: string }>`select count(*) as n from pg_stat_activity
                where application_name = ${applicationName} and wait_event_type = 'Lock'`.execute(database.db)
            ).rows[0]?.n,
          { timeout: 10_000 },
        )
        .toBe('1');
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = ${applicationName}`.execute(database.db);
      const { fulfilled, rejected } = await pending;
      release();
      await holder;
      expect(fulfilled).toEqual([]);
      expect(rejected).toHaveLength(400);
      expect(new Set(rejected.map(codeOf))).toEqual(new Set(['AUDIT_UNAVAILABLE']));

      // A fresh log (new connections) finds exactly what was committed before.
      const reopened = await createAuditLog(appDb, options);
      cleanups.push(() => reopened.close());
      expect(await reopened.size()).toBe(150);
      await expectExactly(database.db, before.fulfilled);
      expect((await reopened.append(contractEntry(0))).index).toBe(150);
    },
  );
});
