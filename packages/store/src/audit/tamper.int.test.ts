import { hashFromHex, locateTampering, type AuditLog, type TamperFinding } from '@tongban/domain';
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
import { resolveAuditSchema } from './audit-schema.js';
import { createAuditLog } from './create-audit-log.js';
import { readAuditLog } from './read-audit-log.js';

const N = 100_000;
const [ALTERED, DELETED, SWAP_A, SWAP_B] = [12_345, 23_456, 34_567, 45_678];

describe(`tampering with 100,000 stored entries is located (${testDatabaseKind()})`, () => {
  let database: Database<AuditDatabase>;
  let log: AuditLog;

  beforeAll(async () => {
    database = await openTestDatabase<AuditDatabase>(auditMigrations);
    log = await createAuditLog(database.db, {
      hash: sha256Hash,
      hashAlg: 'sha-256',
      logSigner: testTreeHeadSigner('log').signer,
      headEvery: { entries: 10_000, milliseconds: 3_600_000 },
    });
    for (let start = 0; start < N; start += 5000)
      await Promise.all(Array.from({ length: 5000 }, (_, i) => log.append(contractEntry(start + i))));
    await log.signTreeHead();
    await log.close();
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('finds an intact log intact', async () => {
    const stored = await readAuditLog(database.db);
    expect(stored.entries).toHaveLength(N);
    expect(stored.heads.length).toBeGreaterThanOrEqual(10);
    const report = locateTampering(sha256Hash, stored.entries, stored.heads, {
      leafHashes: stored.leafHashes.map((h) => hashFromHex(h)),
    });
    expect(report.findings).toEqual([]);
    expect(report.intact).toBe(true);
  });

  it('names the altered, the removed and the reordered entries', async () => {
    // An insider with the owner's rights: triggers off for this transaction, then three edits.
    const { table: t } = await resolveAuditSchema(database.db);
    await database.db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await sql`update ${t('audit_entry')} set canonical = replace(canonical, ${`"requestId":"req-${ALTERED}"`},
        '"requestId":"req-forged"') where "index" = ${ALTERED}`.execute(tx);
      await sql`delete from ${t('audit_entry')} where "index" = ${DELETED}`.execute(tx);
      await sql`update ${t('audit_entry')} e set canonical = o.canonical, leaf_hash = o.leaf_hash
        from ${t('audit_entry')} o
        where (e."index", o."index") in ((${SWAP_A}, ${SWAP_B}), (${SWAP_B}, ${SWAP_A}))`.execute(tx);
    });

    const stored = await readAuditLog(database.db);
    expect(stored.entries).toHaveLength(N - 1);
    const exact = locateTampering(sha256Hash, stored.entries, stored.heads, {
      leafHashes: stored.leafHashes.map((h) => hashFromHex(h)),
    });
    expect(exact.intact).toBe(false);
    const byKind = (kind: TamperFinding['kind']): TamperFinding[] =>
      exact.findings.filter((f) => f.kind === kind);
    expect(byKind('altered')).toEqual([{ kind: 'altered', index: ALTERED, position: ALTERED }]);
    expect(byKind('removed')).toEqual([{ kind: 'removed', fromIndex: DELETED, toIndex: DELETED + 1 }]);
    expect(byKind('reordered')).toEqual([
      { kind: 'reordered', index: SWAP_A, position: SWAP_B - 1, verified: true },
      { kind: 'reordered', index: SWAP_B, position: SWAP_A - 1, verified: true },
    ]);
    expect(exact.findings).toHaveLength(4);

    // From the signed heads alone (no stored leaf hashes), the alteration is placed between heads.
    const headsOnly = locateTampering(sha256Hash, stored.entries, stored.heads);
    const within = headsOnly.findings.find((f) => f.kind === 'altered-within');
    expect(within).toBeDefined();
    if (within?.kind === 'altered-within')
      expect(within.fromIndex <= ALTERED && ALTERED < within.toIndex).toBe(true);
  });
});
