import {
  hashFromHex,
  hashToHex,
  leafHash,
  rootFromLeafHashes,
  verifyConsistency,
  type AuditLog,
} from '@tongban/domain';
import {
  contractEntry,
  openTestDatabase,
  sha256Hash,
  testDatabaseKind,
  testTreeHeadSigner,
} from '@tongban/testing';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { auditMigrations } from '../migrations/index.js';
import type { AuditDatabase } from '../schema.js';
import { resolveAuditSchema } from './audit-schema.js';
import { createAuditLog, type AuditLogOptions } from './create-audit-log.js';
import { readAuditLog } from './read-audit-log.js';

const options: AuditLogOptions = {
  hash: sha256Hash,
  hashAlg: 'sha-256',
  logSigner: testTreeHeadSigner('log').signer,
  maxBatch: 50,
  headEvery: { entries: 1000, milliseconds: 3_600_000 },
};

// Several platform processes appending to one log. On PostgreSQL each "process" has a pool of its
// own (as N platform copies would); on PGlite, which one process owns, two logs share the database.
describe(`several writers on one log (${testDatabaseKind()})`, () => {
  let database: Database<AuditDatabase>;
  const writers: { log: AuditLog; db: Kysely<AuditDatabase> }[] = [];
  beforeAll(async () => {
    database = await openTestDatabase<AuditDatabase>(auditMigrations);
    const url = process.env['TEST_DATABASE_URL'];
    const { name: schema } = await resolveAuditSchema(database.db);
    for (let i = 0; i < 3; i++) {
      const db = url
        ? new Kysely<AuditDatabase>({
            dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
          }).withSchema(schema)
        : database.db;
      writers.push({ log: await createAuditLog(db, options), db });
    }
  });
  afterAll(async () => {
    for (const w of writers) {
      await w.log.close();
      if (w.db !== database.db) await w.db.destroy();
    }
    await database?.close();
  });

  it('interleaves their batches without a gap or a repeated index, and keeps one tree', async () => {
    const [a, b, c] = writers.map((w) => w.log) as [AuditLog, AuditLog, AuditLog];
    const early = await a.append(contractEntry(0));
    const oldHead = await a.signTreeHead();
    const results = await Promise.all(
      Array.from({ length: 1500 }, (_, i) => [a, b, c][i % 3]!.append(contractEntry(1 + i))),
    );
    const indices = [early, ...results].map((r) => r.index).sort((x, y) => x - y);
    expect(indices).toEqual(Array.from({ length: 1501 }, (_, i) => i));

    // Every writer sees the same durable tip and signs the same root, whoever wrote last.
    const stored = await readAuditLog(database.db);
    expect(stored.entries).toHaveLength(1501);
    const leaves = stored.entries.map((e) => leafHash(sha256Hash, e.bytes));
    expect(leaves.map(hashToHex)).toEqual(stored.leafHashes);
    const root = hashToHex(rootFromLeafHashes(sha256Hash, leaves));
    for (const log of [c, b, a]) {
      expect(await log.size()).toBe(1501);
      expect((await log.signTreeHead()).rootHash).toBe(root);
    }
    const proof = (await b.consistencyProof(1, 1501)).map((h) => hashFromHex(h));
    expect(
      verifyConsistency(sha256Hash, 1, 1501, hashFromHex(oldHead.rootHash), hashFromHex(root), proof),
    ).toBe(true);
    // The cadence is the log's: about one head per 1,000 entries in all, not one per writer; and
    // one head per size, though three writers signed the last.
    const heads = (await readAuditLog(database.db)).heads.map((h) => h.treeSize);
    expect(heads[0]).toBe(1);
    expect(heads[heads.length - 1]).toBe(1501);
    expect(heads.length).toBeLessThanOrEqual(3);
  });
});
