import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readXlsxRows, type XlsxReadOptions } from './read-xlsx-rows.js';
import type { SourceRow } from './row-source.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function readAll(name: string, options: XlsxReadOptions = {}) {
  const source = await readXlsxRows(fixture(name), options);
  const rows: SourceRow[] = [];
  for await (const row of source) rows.push(row);
  return { source, rows };
}
const valuesAt = (rows: SourceRow[], n: number) => {
  const r = rows.find((x) => x.rowNumber === n);
  if (!r || !('values' in r)) throw new Error(`row ${n} has no values`);
  return r.values;
};

describe('readXlsxRows', () => {
  it('reads the named sheet: title skipped, blank rows skipped, cells as Excel keeps them', async () => {
    const { source, rows } = await readAll('business-licences.xlsx', { sheet: '营业执照', headerRow: 2 });
    expect(source.headerRowNumber).toBe(2);
    expect(source.headers).toHaveLength(12);
    expect(source.headers[5]).toBe('注册资本');
    expect(rows.map((r) => r.rowNumber)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
      33,
    ]);
    expect(rows.every((r) => 'values' in r)).toBe(true);
    expect(valuesAt(rows, 3)['成立日期']).toEqual(new Date(Date.UTC(2021, 4, 26)));
    expect(valuesAt(rows, 15)['成立日期']).toBe(44342);
    expect(valuesAt(rows, 6)['注册资本']).toBe(50);
    expect(valuesAt(rows, 4)['名称']).toBe('示范市明川贸易有限公司');
    expect(valuesAt(rows, 5)['注册资本']).toBe(100);
    expect(valuesAt(rows, 14)['住所']).toBe('示范市\n湖滨路3号');
    expect(valuesAt(rows, 33)).toEqual({
      统一社会信用代码: '91330100MA200030XK',
      名称: '示范市未完成',
      类型: undefined,
      法定代表人: undefined,
      法定代表人身份证号: undefined,
      注册资本: undefined,
      成立日期: undefined,
      营业期限至: undefined,
      经营范围: undefined,
      住所: undefined,
      登记状态: undefined,
      备注: undefined,
    });
  });

  it('reads the first sheet when none is named', async () => {
    const { source, rows } = await readAll('business-licences.xlsx');
    expect(source.headers).toEqual(['本表为示范市营业执照存量数据,数据均为虚构。']);
    expect(rows).toEqual([]);
  });

  it('reports rows over the length limit', async () => {
    const { rows } = await readAll('business-licences.xlsx', {
      sheet: '营业执照',
      headerRow: 2,
      maxRecordLength: 92,
    });
    const tooLong = rows.filter((r) => 'problem' in r);
    expect(tooLong.length).toBeGreaterThan(0);
    expect(tooLong.length).toBeLessThan(rows.length);
    expect(tooLong[0]).toMatchObject({
      problem: { code: 'ROW_MALFORMED', message: 'the row holds more than 92 characters' },
    });
  });

  it.each([
    [
      'business-licences.xlsx',
      { sheet: '不存在' },
      'MALFORMED_INPUT',
      'the workbook has no sheet named "不存在" (it has: 说明, 营业执照, 错误)',
    ],
    [
      'business-licences.xlsx',
      { sheet: '营业执照', headerRow: 500 },
      'MALFORMED_INPUT',
      'the file has no header row',
    ],
    ['not-a-workbook.zip', {}, 'MALFORMED_INPUT', 'this zip archive is not an XLSX workbook'],
    ['truncated.xlsx', {}, 'MALFORMED_INPUT', 'the workbook is incomplete'],
    ['binary.bin', {}, 'MALFORMED_INPUT', 'this is not an XLSX workbook (not a zip archive)'],
    ['business-licences.csv', {}, 'MALFORMED_INPUT', 'this is not an XLSX workbook (not a zip archive)'],
    ['business-licences.xlsx', { maxEntries: 3 }, 'MALFORMED_INPUT', 'more than 3 parts'],
    [
      'business-licences.xlsx',
      { maxSharedStringsBytes: 100 },
      'PAYLOAD_TOO_LARGE',
      'text table is larger than 100 bytes',
    ],
    [
      'business-licences.xlsx',
      { maxUncompressedBytes: 1000 },
      'PAYLOAD_TOO_LARGE',
      'inflate to more than 1000 bytes',
    ],
  ] as const)('refuses %s %j before any row', async (name, options, code, message) => {
    await expect(readXlsxRows(fixture(name), options)).rejects.toMatchObject({
      code,
      message: expect.stringContaining(message),
    });
  });
});
