import {
  canonicalJson,
  hashFromHex,
  hashToHex,
  isDomainError,
  leafHash,
  locateTampering,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type AuditLog,
  type SignedTreeHead,
} from '@tongban/domain';
import {
  contractEntry,
  openTestDatabase,
  sha256Hash,
  testDatabaseKind,
  testTreeHeadSigner,
} from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { auditMigrations } from '../migrations/index.js';
import type { AuditDatabase } from '../schema.js';
import { resolveAuditSchema } from './audit-schema.js';
import { createAuditLog, type AuditLogOptions } from './create-audit-log.js';
import { exportAuditLog } from './export-audit-log.js';
import { listMonthPartitions } from './month-partitions.js';
import { pruneAuditLog } from './prune-audit-log.js';
import { readAuditLog } from './read-audit-log.js';

type Line = Record<string, unknown> & { type: string };

async function exportLines(db: Database<AuditDatabase>['db'], range = {}): Promise<Line[]> {
  const lines: Line[] = [];
  for await (const line of exportAuditLog(db, range)) {
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    lines.push(JSON.parse(line) as Line);
  }
  return lines;
}

const codeOf = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (isDomainError(e) ? e.code : e),
  );

describe(`export and retention (${testDatabaseKind()})`, () => {
  let database: Database<AuditDatabase>;
  let log: AuditLog;
  let now = Date.parse('2024-01-15T02:00:00Z');
  const options: AuditLogOptions = {
    hash: sha256Hash,
    hashAlg: 'sha-256',
    logSigner: testTreeHeadSigner('log').signer,
    clock: () => new Date(now),
  };
  const utf8 = new TextEncoder();

  // 100 entries in January 2024, 100 in February, 50 in March; a head after each month.
  beforeAll(async () => {
    database = await openTestDatabase<AuditDatabase>(auditMigrations);
    log = await createAuditLog(database.db, options);
    for (const [month, count, first] of [
      ['2024-01-15', 100, 0],
      ['2024-02-15', 100, 100],
      ['2024-03-15', 50, 200],
    ] as const) {
      now = Date.parse(`${month}T02:00:00Z`);
      await Promise.all(Array.from({ length: count }, (_, i) => log.append(contractEntry(first + i))));
      await log.signTreeHead();
    }
  });
  afterAll(async () => {
    await log?.close();
    await database?.close();
  });

  it('exports the whole log as JSON Lines a verifier can check on its own', async () => {
    const lines = await exportLines(database.db);
    expect(lines[0]).toMatchObject({
      type: 'header',
      format: 'tongban-audit-log',
      version: 1,
      hashAlg: 'sha-256',
      fromIndex: 0,
      toIndex: 250,
      size: 250,
    });
    expect(lines[lines.length - 1]).toEqual({ type: 'end', entries: 250, exportedThrough: 249 });
    const heads = lines.filter((l) => l.type === 'head') as unknown as (SignedTreeHead & { type: string })[];
    expect(heads.map((h) => h.treeSize)).toEqual([100, 200, 250]);
    const entries = lines.filter((l) => l.type === 'entry');
    expect(entries.map((e) => e['index'])).toEqual(Array.from({ length: 250 }, (_, i) => i));
    // The canonical text's own UTF-8 bytes are the leaf: no re-serialisation needed or wanted.
    const leaves = entries.map((e) => leafHash(sha256Hash, utf8.encode(e['canonical'] as string)));
    expect(leaves.map(hashToHex)).toEqual(entries.map((e) => e['leafHash']));
    expect(entries.map((e) => e['canonical'])).toEqual(
      entries.map((e) => canonicalJson(JSON.parse(e['canonical'] as string))),
    );
    const stored = lines.filter((l) => l.type === 'leaves').flatMap((l) => l['leafHashes'] as string[]);
    expect(stored).toEqual(entries.map((e) => e['leafHash']));
    for (const h of heads)
      expect(h.rootHash).toBe(hashToHex(rootFromLeafHashes(sha256Hash, leaves.slice(0, h.treeSize))));
  });

  it('exports a range with every leaf hash below it and the heads it can check', async () => {
    const lines = await exportLines(database.db, { fromIndex: 100, toIndex: 200 });
    expect(lines[0]).toMatchObject({ fromIndex: 100, toIndex: 200, size: 250 });
    expect(lines.filter((l) => l.type === 'head').map((h) => h['treeSize'])).toEqual([100, 200]);
    expect(lines.filter((l) => l.type === 'leaves').flatMap((l) => l['leafHashes'] as string[])).toHaveLength(
      200,
    );
    const entries = lines.filter((l) => l.type === 'entry');
    expect([entries[0]?.['index'], entries.length]).toEqual([100, 100]);
    expect(lines[lines.length - 1]).toEqual({ type: 'end', entries: 100, exportedThrough: 199 });
    expect(await codeOf(exportLines(database.db, { toIndex: 251 }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(exportLines(database.db, { fromIndex: 10, toIndex: 5 }))).toBe('VALIDATION_FAILED');
  });

  it('keeps twelve months and anything not yet exported, whatever is asked', async () => {
    const at = new Date('2025-02-20T00:00:00Z'); // twelve months back: 2024-02-20
    const notExported = await pruneAuditLog(database.db, { before: at, exportedThrough: 98, now: at });
    expect(notExported).toMatchObject({ pruned: [], notExported: ['audit_entry_y2024m01'] });
    const tooYoung = await pruneAuditLog(database.db, {
      before: new Date('2024-03-01T00:00:00Z'),
      exportedThrough: 249,
      now: new Date('2024-12-31T00:00:00Z'),
    });
    expect(tooYoung.pruned).toEqual([]);
    expect(tooYoung.cutoff).toBe('2023-12-31T00:00:00.000Z');
    expect(await codeOf(pruneAuditLog(database.db, { before: at, exportedThrough: 1.5 }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('drops an old, exported month whole, and proofs and heads still hold', async () => {
    const at = new Date('2025-02-20T00:00:00Z');
    const result = await pruneAuditLog(database.db, { before: at, exportedThrough: 249, now: at });
    expect(result.pruned).toEqual([
      { partition: 'audit_entry_y2024m01', fromIndex: 0, toIndex: 100, entryCount: 100 },
    ]);
    expect(result.cutoff).toBe('2024-02-20T00:00:00.000Z'); // February ends after it: kept
    const schema = await resolveAuditSchema(database.db);
    expect((await listMonthPartitions(database.db, schema)).map((p) => p.name)[0]).toBe(
      'audit_entry_y2024m02',
    );

    // The leaf hashes outlive the entries: the tree, its heads and proofs are unchanged.
    await log.close();
    log = await createAuditLog(database.db, options);
    expect(await log.size()).toBe(250);
    expect(await log.findEntry(5)).toBeUndefined();
    expect((await log.findEntry(150))?.index).toBe(150);
    const stored = await readAuditLog(database.db);
    expect(stored.entries).toHaveLength(150);
    expect(stored.leafHashes).toHaveLength(250);
    expect(stored.pruned).toMatchObject([
      { fromIndex: 0, toIndex: 100, partition: 'audit_entry_y2024m01', exportedThrough: 249 },
    ]);
    const head = await log.signTreeHead();
    expect(head.treeSize).toBe(250);
    const root = hashFromHex(head.rootHash);
    const proof = (await log.inclusionProof(5, 250)).map((h) => hashFromHex(h));
    expect(verifyInclusion(sha256Hash, 5, 250, hashFromHex(stored.leafHashes[5] ?? ''), proof, root)).toBe(
      true,
    );
    const first = (await log.findTreeHead(100)) as SignedTreeHead;
    const consistency = (await log.consistencyProof(100, 250)).map((h) => hashFromHex(h));
    expect(verifyConsistency(sha256Hash, 100, 250, hashFromHex(first.rootHash), root, consistency)).toBe(
      true,
    );
    // A verifier sees exactly the pruned range missing, and nothing else.
    const report = locateTampering(sha256Hash, stored.entries, stored.heads, {
      leafHashes: stored.leafHashes.map((h) => hashFromHex(h)),
    });
    expect(report.findings).toEqual([{ kind: 'removed', fromIndex: 0, toIndex: 100 }]);
    expect(report.leafHashesVerifiedSize).toBe(250);

    const lines = await exportLines(database.db);
    expect(lines.filter((l) => l.type === 'pruned')).toMatchObject([{ fromIndex: 0, toIndex: 100 }]);
    expect(lines.filter((l) => l.type === 'entry')).toHaveLength(150);
    expect((await log.append(contractEntry(250))).index).toBe(250);
  });
});
