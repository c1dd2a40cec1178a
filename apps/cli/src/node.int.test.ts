import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCatalogFile } from '@tongban/interchange';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  businessLicence,
  ISSUER,
} from '../../../packages/interchange/src/stock-import/fixtures/business-licence-type.js';

/** The real `tongban` binary (built by `npm test`) on a department node in a temporary folder. */
const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../../packages/interchange/src/stock-import/fixtures/${name}`, import.meta.url));

describe('tongban node', () => {
  let dir: string;
  const run = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        TONGBAN_DATA_DIR: dir,
        NODE_DEPT_CODE: ISSUER,
        NODE_CATALOG: join(dir, 'catalog.json'),
      };
      delete env['DATABASE_URL'];
      execFile(process.execPath, [bin, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 70) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tongban-node-cli-'));
    const catalog = {
      departments: [
        { creditCode: ISSUER, name: '示范市市场监督管理局', level: 'city' as const, vertical: false },
      ],
      certificateTypes: [businessLicence],
      items: [],
    };
    await writeFile(join(dir, 'catalog.json'), await writeCatalogFile(catalog, 'json'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const mapping = fixture('business-licences.mapping.yaml');

  it('imports a dirty file with a closing report, and the same file again changes nothing', async () => {
    const first = await run(
      'node',
      'import',
      fixture('business-licences.csv'),
      '--mapping',
      mapping,
      '--json',
    );
    expect(first.code).toBe(1); // some rows went to quarantine
    expect(JSON.parse(first.stdout)).toMatchObject({ read: 29, imported: 17, quarantined: 12 });
    const again = await run('node', 'import', fixture('business-licences.csv'), '--mapping', mapping);
    expect(again.stdout).toMatch(/unchanged\s+17/);
    expect(again.stdout).toMatch(/imported\s+0/);
  });

  it('lists and exports the quarantine as a CSV ready to correct', async () => {
    const list = await run('node', 'quarantine', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/business-licences\.csv:\d+/);
    const out = join(dir, 'fix.csv');
    expect((await run('node', 'quarantine', 'export', '--out', out)).code).toBe(0);
    const csv = await readFile(out, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFF_quarantine_id,_reasons,/);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(13);
  });

  it('reports data quality, changes a status as a new version, and rotates keys', async () => {
    const quality = JSON.parse((await run('node', 'quality', '--json')).stdout) as {
      types: { typeCode: string; records: number; quarantined: number }[];
    };
    expect(quality.types[0]).toMatchObject({ typeCode: businessLicence.code, records: 17, quarantined: 12 });
    expect((await run('node', 'keys', 'rotate')).stdout).toMatch(/new signing key/);
    expect(
      (await run('node', 'certificate', 'status', 'no-such-id', '暂扣', '--reason', 'x', '--by', 'y')).code,
    ).toBe(1);
    expect((await run('node', 'import', fixture('binary.bin'), '--mapping', mapping)).code).toBe(1);
  });

  it('needs NODE_DEPT_CODE', async () => {
    const res = await new Promise<number>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, TONGBAN_DATA_DIR: dir };
      delete env['NODE_DEPT_CODE'];
      execFile(process.execPath, [bin, 'node', 'quarantine', 'list'], { env }, (e) =>
        resolve(e ? Number(e.code) : 0),
      );
    });
    expect(res).toBe(78);
  });
});
