import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvRows } from './read-csv-rows.js';

const ROWS = 200_000;
/** About 700 bytes a row, 140 MB in all: more than the heap bound, so only a streaming reader passes. */
const SCOPE =
  '软件开发；信息技术咨询服务；技术服务；技术开发；技术咨询；技术交流；技术转让；技术推广；'.repeat(5);
const MB = 1024 * 1024;

describe('readCsvRows on a large file', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('streams 200,000 rows with bounded heap growth', { timeout: 120_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'stock-import-'));
    const path = join(dir, 'large.csv');
    const out = createWriteStream(path);
    out.write('\uFEFF统一社会信用代码,名称,经营范围,注册资本,成立日期\r\n');
    for (let i = 0; i < ROWS; i++) {
      const line = `91330100MA2${String(i).padStart(7, '0')},示范市第${i}号有限公司,"${SCOPE}",${i % 1000}万元,2021-05-26\r\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end('91330100MA2XXXXXXX,最后一行被截断');
    await once(out, 'finish');

    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let rows = 0;
    let malformed = 0;
    let scopeChars = 0;
    const source = await readCsvRows(path);
    for await (const row of source) {
      if ('problem' in row) malformed++;
      else {
        rows++;
        const scope = row.values['经营范围'];
        scopeChars += typeof scope === 'string' ? scope.length : 0;
      }
      if ((rows + malformed) % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed);

    expect(rows).toBe(ROWS);
    expect(malformed).toBe(1);
    expect(scopeChars).toBe(ROWS * SCOPE.length);
    expect((peak - before) / MB).toBeLessThan(100);
  });
});
