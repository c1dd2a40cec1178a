import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertMappingFits } from './check-mapping-against.js';
import { parseImportMapping } from './import-mapping.js';
import { mapRow, type MappedRow } from './map-row.js';
import { readCsvRows } from './read-csv-rows.js';
import { readXlsxRows } from './read-xlsx-rows.js';
import type { RowSource } from './row-source.js';
import { businessLicence, ISSUER } from './fixtures/business-licence-type.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const mapping = parseImportMapping(readFileSync(fixture('business-licences.mapping.yaml'), 'utf8'));

async function importAll(source: RowSource): Promise<MappedRow[]> {
  assertMappingFits(mapping, businessLicence, source.headers);
  const out: MappedRow[] = [];
  for await (const row of source) out.push(mapRow(row, mapping, businessLicence));
  return out;
}

/** Row number → the problems of a refused row, as `code field` strings. */
const refusals = (rows: readonly MappedRow[]) =>
  Object.fromEntries(
    rows.flatMap((r) => (r.ok ? [] : [[r.rowNumber, r.problems.map((p) => `${p.code} ${p.field}`)]])),
  );
const okRow = (rows: readonly MappedRow[], rowNumber: number) => {
  const r = rows.find((x) => x.rowNumber === rowNumber);
  if (!r?.ok) throw new Error(`row ${rowNumber} did not map`);
  return r;
};

describe('importing the dirty business-licence CSV', async () => {
  const source = await readCsvRows(fixture('business-licences.csv'), mapping.format);
  const rows = await importAll(source);

  it('reads the header on line 2, normalised', () => {
    expect(source.headerRowNumber).toBe(2);
    expect(source.headers).toContain('注册资本');
    expect(source.headers).toContain('成立日期');
  });

  it('maps exactly the good rows and refuses the bad ones with the field at fault', () => {
    expect(rows).toHaveLength(29);
    expect(rows.filter((r) => r.ok).map((r) => r.rowNumber)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 21, 22, 25,
    ]);
    expect(refusals(rows)).toEqual({
      23: ['HOLDER_ID_INVALID holder.id', 'CHECK_CHARACTER fields.creditCode'],
      24: ['DATE_INVALID validFrom', 'DATE_INVALID fields.establishedOn'],
      26: ['FIELD_REQUIRED fields.legalRepresentative'],
      27: ['CHECK_CHARACTER fields.legalRepresentativeId'],
      28: ['AMOUNT_INVALID fields.registeredCapital'],
      29: ['STATUS_INVALID status'],
      30: ['VALUE_NOT_MAPPED fields.entityType'],
      31: ['VALIDITY_ORDER validUntil'],
      32: ['ROW_MALFORMED '],
      33: ['FIELD_REQUIRED fields.address'],
      34: ['ROW_MALFORMED '],
    });
  });

  it('names the column of each problem and never repeats a value', () => {
    const bad = rows.flatMap((r) => (r.ok ? [] : r.problems));
    expect(bad.find((p) => p.field === 'holder.id')?.column).toBe('统一社会信用代码');
    expect(bad.find((p) => p.field === 'fields.registeredCapital')?.column).toBe('注册资本');
    // Each refused row's messages against that row's own cells (line breaks inside quotes aside).
    const lines = readFileSync(fixture('business-licences.csv'), 'utf8').split('\r\n');
    for (const r of rows) {
      if (r.ok) continue;
      const cells = (lines[r.rowNumber - 1] ?? '').split(',').filter((c) => c.length >= 3);
      for (const p of r.problems) for (const c of cells) expect(p.message).not.toContain(c);
    }
  });

  it('cleans what departments write', () => {
    const first = okRow(rows, 3).content;
    expect(first).toEqual({
      typeCode: '11100000MB0143028R001',
      holder: { kind: 'organisation', id: '91330100MA2000019M' },
      issuerCode: ISSUER,
      status: 'valid',
      validFrom: '2021-05-26',
      validUntil: null,
      fields: {
        creditCode: '91330100MA2000019M',
        name: '示范市青禾科技有限公司',
        entityType: '有限责任公司',
        legalRepresentative: '林晓东',
        legalRepresentativeId: '330106198503120116',
        registeredCapital: 100,
        establishedOn: '2021-05-26',
        businessScope: ['软件开发', '信息技术咨询服务'],
        address: '示范市钱塘路1号',
      },
    });
    expect(okRow(rows, 4).content).toMatchObject({
      validFrom: '2021-05-26',
      validUntil: '2041-05-25',
      fields: { registeredCapital: 100, entityType: '有限责任公司' },
    });
    expect(okRow(rows, 5).content).toMatchObject({
      validFrom: '2019-03-08',
      fields: { registeredCapital: 100, businessScope: ['道路货物运输', '仓储服务'] },
    });
    expect(okRow(rows, 6).content).toMatchObject({ validUntil: null, fields: { registeredCapital: 50 } });
    expect(okRow(rows, 7).content.holder.id).toBe('91330100MA20000511');
    expect(okRow(rows, 7).content.validUntil).toBeNull();
    expect(okRow(rows, 8).content).toMatchObject({
      validFrom: '2020-06-01',
      fields: {
        name: 'ABC科技有限公司',
        entityType: '股份有限公司',
        legalRepresentative: '周杰',
        registeredCapital: 200,
        businessScope: ['技术服务', '技术开发'],
      },
    });
    expect(okRow(rows, 9).content.fields['legalRepresentativeId']).toBe('33010619850312052X');
    expect(okRow(rows, 10).content.fields['legalRepresentativeId']).toBe('330106198503120597');
    expect(okRow(rows, 11).content).toMatchObject({ status: 'cancelled', validUntil: null });
    expect(okRow(rows, 12).content.status).toBe('withdrawn');
    expect(okRow(rows, 13).content.fields['name']).toBe('示范市甲乙,丙贸易有限公司');
    expect(okRow(rows, 14).content.fields['address']).toBe('示范市 湖滨路3号');
    expect(okRow(rows, 16).content.validFrom).toBe('2021-05-26');
    expect(okRow(rows, 17).content.validFrom).toBe('2021-05-26');
    expect(okRow(rows, 18).content).toMatchObject({
      validFrom: '2021-05-26',
      fields: { registeredCapital: 100 },
    });
    expect(okRow(rows, 21).content).toMatchObject({ status: 'valid', validFrom: '2020-02-29' });
    expect(okRow(rows, 22).content.fields['address']).toBe('示范市 解放路 9号');
  });

  it('gives a duplicate row the same source key, and different certificates different keys', () => {
    expect(okRow(rows, 25).sourceKey).toBe(okRow(rows, 3).sourceKey);
    expect(okRow(rows, 3).sourceKey).toBe('11100000MB0143028R001|91330100MA2000019M');
    const keys = rows.flatMap((r) => (r.ok ? [r.sourceKey] : []));
    expect(new Set(keys).size).toBe(keys.length - 1);
  });

  it('says why the malformed lines are malformed', () => {
    const messages = rows.flatMap((r) =>
      !r.ok && r.problems[0]?.code === 'ROW_MALFORMED' ? [r.problems[0].message] : [],
    );
    expect(messages).toEqual([
      'the line has 13 values where the header has 12',
      'the line has 2 values where the header has 12: cut short?',
    ]);
  });
});

describe('importing the same data from XLSX', async () => {
  const csvRows = await importAll(await readCsvRows(fixture('business-licences.csv'), mapping.format));
  const source = await readXlsxRows(fixture('business-licences.xlsx'), mapping.format);
  const rows = await importAll(source);

  it('reads the named sheet with its title row skipped', () => {
    expect(source.headerRowNumber).toBe(2);
  });

  it('maps the good rows, including the one whose comma needed quotes in CSV', () => {
    expect(rows).toHaveLength(29);
    expect(rows.filter((r) => r.ok).map((r) => r.rowNumber)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 24, 31,
    ]);
    expect(refusals(rows)).toEqual({
      22: ['HOLDER_ID_INVALID holder.id', 'CHECK_CHARACTER fields.creditCode'],
      23: ['DATE_INVALID validFrom', 'DATE_INVALID fields.establishedOn'],
      25: ['FIELD_REQUIRED fields.legalRepresentative'],
      26: ['CHECK_CHARACTER fields.legalRepresentativeId'],
      27: ['AMOUNT_INVALID fields.registeredCapital'],
      28: ['STATUS_INVALID status'],
      29: ['VALUE_NOT_MAPPED fields.entityType'],
      30: ['VALIDITY_ORDER validUntil'],
      32: ['FIELD_REQUIRED fields.address'],
      33: [
        'FIELD_REQUIRED validFrom',
        'STATUS_INVALID status',
        'FIELD_REQUIRED fields.legalRepresentative',
        'FIELD_REQUIRED fields.establishedOn',
        'FIELD_REQUIRED fields.address',
      ],
    });
  });

  it('gives every certificate the CSV gives, identical: date cells, serials, numbers, rich text, formulas', () => {
    const byKey = new Map(rows.flatMap((r) => (r.ok ? [[r.sourceKey, r.content]] : [])));
    const csvOk = csvRows.filter((r) => r.ok);
    expect(csvOk).toHaveLength(18);
    for (const r of csvOk) expect(byKey.get(r.sourceKey)).toEqual(r.content);
  });

  it('turns Excel error values and uncomputed formulas into malformed rows, in named columns only', async () => {
    const errors = await readXlsxRows(fixture('business-licences.xlsx'), { sheet: '错误' });
    const got = [];
    for await (const row of errors) got.push(row);
    expect(got).toEqual([
      {
        rowNumber: 2,
        problem: {
          code: 'ROW_MALFORMED',
          field: '',
          message: 'column 名称 (B) holds an Excel error value (#N/A)',
        },
      },
      {
        rowNumber: 3,
        problem: {
          code: 'ROW_MALFORMED',
          field: '',
          message:
            'column 名称 (B) holds a formula without a computed value: open and save the file in Excel',
        },
      },
      {
        rowNumber: 4,
        problem: {
          code: 'ROW_MALFORMED',
          field: '',
          message: 'column 备注 (C) holds an Excel error value (#REF!)',
        },
      },
      {
        rowNumber: 5,
        values: { 统一社会信用代码: '91330100MA20000436', 名称: '示范市正常有限公司', 备注: undefined },
      },
    ]);
  });
});
