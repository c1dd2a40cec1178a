import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsvRows, type CsvReadOptions } from './read-csv-rows.js';
import type { SourceRow } from './row-source.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function readAll(
  name: string,
  options: CsvReadOptions = {},
): Promise<{ headers: readonly string[]; rows: SourceRow[] }> {
  const source = await readCsvRows(fixture(name), options);
  const rows: SourceRow[] = [];
  for await (const row of source) rows.push(row);
  return { headers: source.headers, rows };
}

const malformed = (rows: SourceRow[]) =>
  rows.flatMap((r) => ('problem' in r ? [[r.rowNumber, r.problem.message]] : []));

describe('readCsvRows', () => {
  it('streams the dirty fixture: BOM dropped, title skipped, blank lines skipped, line numbers kept', async () => {
    const { headers, rows } = await readAll('business-licences.csv', { headerRow: 2 });
    expect(headers).toEqual([
      '统一社会信用代码',
      '名称',
      '类型',
      '法定代表人',
      '法定代表人身份证号',
      '注册资本',
      '成立日期',
      '营业期限至',
      '经营范围',
      '住所',
      '登记状态',
      '备注',
    ]);
    expect(rows.map((r) => r.rowNumber)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
      34,
    ]);
    expect(malformed(rows)).toEqual([
      [32, 'the line has 13 values where the header has 12'],
      [34, 'the line has 2 values where the header has 12: cut short?'],
    ]);
    const first = rows[0]!;
    expect('values' in first && first.values).toEqual({
      统一社会信用代码: '91330100MA2000019M',
      名称: '示范市青禾科技有限公司',
      类型: '有限责任公司',
      法定代表人: '林晓东',
      法定代表人身份证号: '330106198503120116',
      注册资本: '100万元',
      成立日期: '2021-05-26',
      营业期限至: '长期',
      经营范围: '软件开发；信息技术咨询服务',
      住所: '示范市钱塘路1号',
      登记状态: '有效',
      备注: undefined,
    });
    const quoted = rows.find((r) => r.rowNumber === 14)!;
    expect('values' in quoted && quoted.values['住所']).toBe('示范市\n湖滨路3号');
  });

  it('reads the title line as the header when told the header is on line 1', async () => {
    const { headers, rows } = await readAll('business-licences.csv');
    expect(headers).toEqual(['示范市营业执照存量数据(截至2021年5月)']);
    expect(rows.every((r) => 'problem' in r)).toBe(true);
  });

  it('yields an unclosed quote at the end of the file as a malformed row, after the good rows', async () => {
    const { rows } = await readAll('unterminated-quote.csv');
    expect(rows).toEqual([
      { rowNumber: 2, values: { 统一社会信用代码: '91330100MA2000019M', 名称: '甲公司', 登记状态: '有效' } },
      { rowNumber: 3, values: { 统一社会信用代码: '91330100MA2000027G', 名称: '乙公司', 登记状态: '有效' } },
      {
        rowNumber: 4,
        problem: {
          code: 'ROW_MALFORMED',
          field: '',
          message:
            'a quoted value opened on line 4 is not closed before the end of the file (lines 4–5 read as one record)',
        },
      },
    ]);
  });

  it('reports records over the length limit and reads on', async () => {
    const { rows } = await readAll('business-licences.csv', { headerRow: 2, maxRecordLength: 120 });
    expect(malformed(rows)).toEqual([
      [5, 'the record is longer than 120 characters (line 5)'],
      [32, 'the line has 13 values where the header has 12'],
      [34, 'the line has 2 values where the header has 12: cut short?'],
    ]);
    expect(rows).toHaveLength(29);
  });

  it('reads GB18030 (GBK) text when told so', async () => {
    const { rows } = await readAll('gbk.csv', { encoding: 'gb18030' });
    expect(rows).toEqual([
      {
        rowNumber: 2,
        values: { 统一社会信用代码: '91330100MA2000019M', 名称: '示范市青禾科技有限公司', 登记状态: '有效' },
      },
      {
        rowNumber: 3,
        values: { 统一社会信用代码: '91330100MA2000027G', 名称: '示范市明川贸易有限公司', 登记状态: '注销' },
      },
    ]);
  });

  it.each([
    [
      'gbk.csv',
      {},
      'the file is not UTF-8 text: if Excel on Chinese Windows saved it, set format.encoding to gb18030',
    ],
    ['utf16.csv', {}, 'this is UTF-16 text'],
    ['binary.bin', {}, 'this is a binary file, not CSV text'],
    ['business-licences.xlsx', {}, 'this is a zip archive (an XLSX workbook?), not CSV text'],
    ['not-a-workbook.zip', {}, 'this is a zip archive'],
    ['business-licences.csv', { headerRow: 1000 }, 'the file has no header row'],
  ] as const)('refuses %s before any row with MALFORMED_INPUT', async (name, options, message) => {
    await expect(readCsvRows(fixture(name), options)).rejects.toMatchObject({
      code: 'MALFORMED_INPUT',
      message: expect.stringContaining(message),
    });
  });

  it('can be stopped early, and read only once', async () => {
    const source = await readCsvRows(fixture('business-licences.csv'), { headerRow: 2 });
    for await (const row of source) {
      expect(row.rowNumber).toBe(3);
      break;
    }
    expect(() => source[Symbol.asyncIterator]()).toThrow('read once');
    const other = await readCsvRows(fixture('business-licences.csv'), { headerRow: 2 });
    await other.close();
  });
});
