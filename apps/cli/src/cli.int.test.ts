import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedPath, smallCatalog } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real `tongban` binary (built by `npm test`), run as a script would run it: exit codes, stdout,
 * and what ends up stored. Always on embedded PGlite in a temporary data folder.
 */
const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('tongban CLI', () => {
  let dataDir: string;
  const run = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, TONGBAN_DATA_DIR: dataDir };
      delete env['DATABASE_URL'];
      execFile(
        process.execPath,
        [bin, ...args],
        { env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 70) : 0, stdout, stderr });
        },
      );
    });
  const file = async (name: string, content: string | Uint8Array): Promise<string> => {
    const path = join(dataDir, name);
    await writeFile(path, content);
    return path;
  };

  beforeAll(async () => {
    if (!existsSync(bin))
      throw new Error('apps/cli/dist/main.js is missing: run `npm run build` first (npm test does)');
    dataDir = await mkdtemp(join(tmpdir(), 'tongban-cli-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports the real Guangdong file: 2,024 items, the two bad department codes flagged', async () => {
    const gd = sharedPath('data', 'gd-service-items', 'items.jsonl');
    const r = await run('catalog', 'import', gd, '--format', 'guangdong', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.counts.items).toBe(2024);
    expect(report.report.counts.items).toBe(2024);
    expect(report.report.flaggedDepartments.map((d: { creditCode: string }) => d.creditCode).sort()).toEqual([
      '13440000515356094L',
      'TE440000GD030003VV',
    ]);
    expect(report.published).toEqual({ version: 1, created: true });
    const human = await run('catalog', 'import', gd, '--format', 'guangdong');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('items: 2024');
    expect(human.stdout).toContain('unchanged: catalog version 1 already holds this catalog');
  });

  it('rejects malformed files with a clear error and leaves the stored catalog unchanged', async () => {
    const cases: [string, string | Uint8Array, string][] = [
      ['broken.json', '{"format":"tongban-catalog",', 'MALFORMED_FILE'],
      [
        'wrong-types.json',
        JSON.stringify({
          format: 'tongban-catalog',
          formatVersion: 1,
          departments: 'many',
          certificateTypes: [],
          items: [],
        }),
        'SCHEMA_VIOLATION',
      ],
      [
        'unknown-type.json',
        JSON.stringify({
          format: 'tongban-catalog',
          formatVersion: 1,
          ...smallCatalog,
          items: smallCatalog.items.map((i) => ({ ...i, outputs: ['11100000000013127D999'] })),
        }),
        'UNKNOWN_CERTIFICATE_TYPE',
      ],
      [
        'duplicates.json',
        JSON.stringify({
          format: 'tongban-catalog',
          formatVersion: 1,
          ...smallCatalog,
          items: [...smallCatalog.items, smallCatalog.items[0]],
        }),
        'DUPLICATE_CODE',
      ],
      ['not-a-workbook.xlsx', 'this is not a zip file', 'MALFORMED_FILE'],
    ];
    for (const [name, content, code] of cases) {
      const r = await run('catalog', 'import', await file(name, content), '--json');
      expect(r.code, name).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.accepted, name).toBe(false);
      expect(
        report.issues.map((i: { code: string }) => i.code),
        name,
      ).toContain(code);
    }
    const big = await file('big.json', Buffer.alloc(50 * 1024 * 1024, 0x20));
    const r = await run('catalog', 'import', big);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FILE_TOO_LARGE');
    expect(r.stdout).toContain('rejected: nothing was stored');
    const versions = await run('catalog', 'diff', '1', 'latest', '--json');
    expect(JSON.parse(versions.stdout)).toMatchObject({ from: 1, to: 1 });
  });

  it('exports a version, re-imports it unchanged, and diffs two versions', async () => {
    for (const format of ['json', 'yaml', 'xlsx'] as const) {
      const out = join(dataDir, `export.${format}`);
      const e = await run('catalog', 'export', '--format', format, '--out', out);
      expect(e.code, format).toBe(0);
      const again = await run('catalog', 'import', out);
      expect(again.code, format).toBe(0);
      expect(again.stdout, format).toContain('unchanged: catalog version 1');
    }
    const small = await file(
      'small.json',
      JSON.stringify({ format: 'tongban-catalog', formatVersion: 1, ...smallCatalog }),
    );
    expect((await run('catalog', 'import', small)).stdout).toContain('published catalog version 2');
    const diff = await run('catalog', 'diff', '1', '2', '--json');
    expect(diff.code).toBe(0);
    const d = JSON.parse(diff.stdout);
    expect(d.items.removed).toHaveLength(2024);
    expect(d.items.added).toHaveLength(3);
    const human = await run('catalog', 'diff', '1', '2');
    expect(human.stdout).toContain('items: 3 added, 2024 removed, 0 changed');
  });

  it('answers usage errors and missing things with documented exit codes', async () => {
    expect((await run('catalog', 'import')).code).toBe(2);
    expect((await run('catalog', 'import', join(dataDir, 'nope.json'))).code).toBe(3);
    expect((await run('catalog', 'import', await file('x.txt', 'x'))).code).toBe(2);
    expect((await run('catalog', 'diff', '1', '99')).code).toBe(1);
    expect((await run('catalog', 'diff', '1', 'DROP TABLE')).code).toBe(2);
    expect((await run('catalog', 'export', '--format', 'xlsx')).code).toBe(2);
    expect((await run('no-such-command')).code).toBe(2);
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('catalog');
  });

  it('generates the same demo city from the same seed', async () => {
    const a = join(dataDir, 'demo-a');
    const b = join(dataDir, 'demo-b');
    expect((await run('demo', 'generate', '--out', a, '--no-publish')).code).toBe(0);
    expect((await run('demo', 'generate', '--out', b, '--no-publish')).code).toBe(0);
    const ma = JSON.parse(await readFile(join(a, 'manifest.json'), 'utf8'));
    const mb = JSON.parse(await readFile(join(b, 'manifest.json'), 'utf8'));
    expect(ma.files).toEqual(mb.files);
    expect(ma.files.persons.count).toBe(20000);
    expect(ma.files.organisations.count).toBe(3000);
    expect((await run('demo', 'generate', '--scale', '0')).code).toBe(2);
  });
});
