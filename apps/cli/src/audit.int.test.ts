import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashFor, openFileKeyStore } from '@tongban/crypto';
import { createAuditLog, openDatabase, platformMigrations, type PlatformDatabase } from '@tongban/store';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `tongban audit verify|export|prove` against a real log of 100,000 entries on embedded storage,
 * tampered with directly in the database as an insider with superuser rights would.
 */
const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const platformMain = fileURLToPath(new URL('../../platform/dist/main.js', import.meta.url));
const ENTRIES = 100_000;

describe('tongban audit', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [bin, ...args],
        { env, maxBuffer: 256 * 1024 * 1024, timeout: 180_000 },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 70) : 0, stdout, stderr });
        },
      );
    });
  const withDatabase = async (f: (db: PlatformDatabaseHandle) => Promise<void>): Promise<void> => {
    const database = await openDatabase<PlatformDatabase>(
      { kind: 'pglite', dataDir: join(dataDir, 'platform') },
      platformMigrations,
    );
    try {
      await f(database.db);
    } finally {
      await database.close();
    }
  };
  type PlatformDatabaseHandle = Awaited<ReturnType<typeof openDatabase<PlatformDatabase>>>['db'];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tongban-audit-'));
    env = { ...process.env, TONGBAN_DATA_DIR: dataDir };
    delete env['DATABASE_URL'];
    const keys = await openFileKeyStore(join(dataDir, 'keys', 'platform'), { profile: 'international' });
    const witness = await openFileKeyStore(join(dataDir, 'keys', 'witness'), { profile: 'international' });
    const hash = hashFor('international');
    await withDatabase(async (db) => {
      const log = await createAuditLog(db, {
        hash: (d) => hash.digest(d),
        hashAlg: 'sha-256',
        logSigner: keys.signer(new Date()),
        witness: witness.signer(new Date()),
        headEvery: { entries: 1000, milliseconds: 3_600_000 },
      });
      for (let start = 0; start < ENTRIES; start += 5000) {
        await Promise.all(
          Array.from({ length: 5000 }, (_, i) =>
            log.append({
              operation: (start + i) % 7 === 0 ? 'consult.denied' : 'consult.granted',
              actor: `clerk-${(start + i) % 13}`,
              subject: '11010519491231002X',
              purpose: { itemCode: 'ITEM-1', caseNo: `C-${start + i}` },
              outcome: (start + i) % 7 === 0 ? 'denied' : 'granted',
              requestId: `req-${start + i}`,
            }),
          ),
        );
      }
      await log.signTreeHead();
      await log.close();
    });
    await writeFile(join(dataDir, 'jwks.json'), JSON.stringify(keys.jwks(new Date())));
    await writeFile(join(dataDir, 'witness.jwks.json'), JSON.stringify(witness.jwks(new Date())));
  }, 300_000);
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finds an untouched log of 100,000 entries intact, live and exported', async () => {
    const live = await run('audit', 'verify');
    expect(live.stderr).toBe('');
    expect(live.stdout).toContain(`${ENTRIES} entries`);
    expect(live.stdout).toContain('intact');
    expect(live.code).toBe(0);
    expect((await run('audit', 'export', '--out', join(dataDir, 'export.jsonl'))).code).toBe(0);
    const outsider = await run(
      'audit',
      'verify',
      '--file',
      join(dataDir, 'export.jsonl'),
      '--jwks',
      join(dataDir, 'jwks.json'),
      '--witness-jwks',
      join(dataDir, 'witness.jwks.json'),
    );
    expect(outsider.stdout).toContain('intact');
    expect(outsider.code).toBe(0);
  });

  it('proves one entry against a saved head through the running platform', async () => {
    const port = 18000 + Math.floor(Math.random() * 2000);
    const token = 'audit-test-token-0123456789abcdef';
    const child: ChildProcess = spawn(process.execPath, [platformMain], {
      env: {
        ...env,
        PLATFORM_PORT: String(port),
        PLATFORM_DATA_DIR: join(dataDir, 'platform'),
        PLATFORM_KEY_DIR: join(dataDir, 'keys', 'platform'),
        WITNESS_KEY_DIR: join(dataDir, 'keys', 'witness'),
        AUDIT_READ_TOKENS: token,
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      let head: unknown;
      for (let i = 0; i < 100 && head === undefined; i++) {
        head = await fetch(`${url}/api/v1/audit/tree-heads/latest`).then(
          (r) => (r.ok ? r.json() : undefined),
          () => undefined,
        );
        if (head === undefined) await new Promise((r) => setTimeout(r, 200));
      }
      expect(head).toMatchObject({ treeSize: ENTRIES });
      await writeFile(join(dataDir, 'head.json'), JSON.stringify(head));
      const proved = await run(
        'audit',
        'prove',
        '--index',
        '4321',
        '--head',
        join(dataDir, 'head.json'),
        '--jwks',
        join(dataDir, 'jwks.json'),
        '--url',
        url,
        '--token',
        token,
      );
      expect(proved.stdout).toContain('entry 4321 (consult.granted');
      expect(proved.code).toBe(0);
      const noToken = await run(
        'audit',
        'prove',
        '--index',
        '4321',
        '--head',
        join(dataDir, 'head.json'),
        '--jwks',
        join(dataDir, 'jwks.json'),
        '--url',
        url,
      );
      expect(noToken.code).toBe(1);
      await writeFile(
        join(dataDir, 'forged-head.json'),
        JSON.stringify({ ...(head as object), rootHash: '0'.repeat(64) }),
      );
      const forged = await run(
        'audit',
        'prove',
        '--index',
        '1',
        '--head',
        join(dataDir, 'forged-head.json'),
        '--jwks',
        join(dataDir, 'jwks.json'),
        '--url',
        url,
        '--token',
        token,
      );
      expect(forged.code).toBe(5);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('catches and locates an altered, a deleted and two swapped entries', async () => {
    await withDatabase(async (db) => {
      // An insider with superuser rights switches the append-only triggers off for the session.
      await sql`set session_replication_role = replica`.execute(db);
      await sql`update audit_entry set canonical = replace(canonical, '"granted"', '"denied"') where "index" = 500`.execute(
        db,
      );
      await sql`delete from audit_entry where "index" = 70000`.execute(db);
      await sql`update audit_entry set canonical = case "index" when 30000 then (select canonical from audit_entry where "index" = 30001) else (select canonical from audit_entry where "index" = 30000) end where "index" in (30000, 30001)`.execute(
        db,
      );
    });
    const r = await run('audit', 'verify', '--json');
    expect(r.code).toBe(5);
    const result = JSON.parse(r.stdout);
    expect(result.intact).toBe(false);
    expect(result.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'altered', index: 500 }),
        expect.objectContaining({ kind: 'removed', fromIndex: 70000, toIndex: 70001 }),
        expect.objectContaining({ kind: 'reordered', index: expect.any(Number) }),
      ]),
    );
    const reordered = result.findings
      .filter((f: { kind: string }) => f.kind === 'reordered')
      .map((f: { index: number }) => f.index);
    expect(reordered.some((i: number) => i === 30000 || i === 30001)).toBe(true);
    const human = await run('audit', 'verify');
    expect(human.stdout).toContain('entry 500 was ALTERED');
    expect(human.stdout).toContain('entry 70000 was REMOVED');
    expect(human.stdout).toContain('NOT INTACT');
  });

  it('refuses a truncated or foreign export file with a clear message', async () => {
    await writeFile(
      join(dataDir, 'truncated.jsonl'),
      '{"type":"header","format":"tongban-audit-log","version":1,"hashAlg":"sha-256"}\n{"type":"entry","index":0',
    );
    const t = await run(
      'audit',
      'verify',
      '--file',
      join(dataDir, 'truncated.jsonl'),
      '--jwks',
      join(dataDir, 'jwks.json'),
    );
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('truncated.jsonl:2');
    await writeFile(join(dataDir, 'foreign.jsonl'), '{"type":"header","format":"something-else"}\n');
    expect((await run('audit', 'verify', '--file', join(dataDir, 'foreign.jsonl'))).code).toBe(1);
    expect((await run('audit', 'verify', '--file', join(dataDir, 'missing.jsonl'))).code).toBe(3);
  });
});
