import { readFileSync } from 'node:fs';
import type { Catalog, ImportIssue } from '@tongban/domain';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCatalogFile } from './import-catalog-file.js';
import { readCatalogFile } from './read-catalog-file.js';
import { writeCatalogFile } from './write-catalog-file.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const fixtureText = (name: string): string => new TextDecoder().decode(fixture(name));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const UNKNOWN_TYPE = '11100000000013127D999';
const where = (issues: readonly ImportIssue[]) =>
  issues.map(({ code, severity, line, sheet, row, pointer, field }) => ({
    code,
    severity,
    line,
    sheet,
    row,
    pointer,
    field,
  }));

let catalog: Catalog;
beforeAll(async () => {
  catalog = (await readCatalogFile(fixture('catalog.json'), { fileName: 'catalog.json' })).catalog!;
});

describe('importCatalogFile', () => {
  it.each(['catalog.json', 'catalog.yaml', 'catalog.xlsx'])('imports the fixture %s', async (name) => {
    const result = await importCatalogFile(fixture(name), { fileName: name });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.catalog).toBeDefined();
  });

  it('reports an unknown certificate type at its line in JSON', async () => {
    const text = fixtureText('catalog.json').replace(
      '"typeCode": "11100000MB0143028R001"',
      `"typeCode": "${UNKNOWN_TYPE}"`,
    );
    const line = text.split('\n').findIndex((l) => l.includes(UNKNOWN_TYPE)) + 1;
    const result = await importCatalogFile(utf8(text), { fileName: 'catalog.json' });
    expect(result.catalog).toBeUndefined();
    expect(where(result.issues)).toEqual([
      {
        code: 'UNKNOWN_CERTIFICATE_TYPE',
        severity: 'error',
        line,
        sheet: undefined,
        row: undefined,
        pointer: '/items/1/materials/0/source/typeCode',
        field: 'typeCode',
      },
    ]);
    expect(result.issues[0]!.file).toBe('catalog.json');
  });

  it('reports an unknown certificate type at its line in YAML', async () => {
    const text = fixtureText('catalog.yaml').replace(
      'typeCode: 11100000MB0143028R001',
      `typeCode: ${UNKNOWN_TYPE}`,
    );
    const line = text.split('\n').findIndex((l) => l.includes(UNKNOWN_TYPE)) + 1;
    const result = await importCatalogFile(utf8(text), { fileName: 'catalog.yaml' });
    expect(where(result.issues)).toEqual([
      {
        code: 'UNKNOWN_CERTIFICATE_TYPE',
        severity: 'error',
        line,
        sheet: undefined,
        row: undefined,
        pointer: '/items/1/materials/0/source/typeCode',
        field: 'typeCode',
      },
    ]);
  });

  it('reports an unknown certificate type at its sheet and row in XLSX, with the column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await writeCatalogFile(catalog, 'xlsx')) as unknown as ArrayBuffer);
    // 申请材料 row 4: the first material of the second item (营业执照).
    wb.getWorksheet('申请材料')!.getRow(4).getCell(6).value = UNKNOWN_TYPE;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const result = await importCatalogFile(bytes, { fileName: 'catalog.xlsx' });
    expect(where(result.issues)).toEqual([
      {
        code: 'UNKNOWN_CERTIFICATE_TYPE',
        severity: 'error',
        line: undefined,
        sheet: '申请材料',
        row: 4,
        pointer: '/items/1/materials/0/source/typeCode',
        field: 'typeCode',
      },
    ]);
    expect(result.issues[0]!.message).toMatch(/^证照类型代码: /);
  });

  it('reports duplicate codes at the line of the second one', async () => {
    const doc = JSON.parse(fixtureText('catalog.json')) as Catalog & { departments: object[] };
    doc.departments.push({ ...doc.departments[2]!, name: '重复的部门' });
    const text = JSON.stringify(doc, null, 2);
    const result = await importCatalogFile(utf8(text), { fileName: 'catalog.json' });
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('重复的部门')); // creditCode: the line before name
    expect(where(result.issues)).toEqual([
      {
        code: 'DUPLICATE_CODE',
        severity: 'error',
        line,
        sheet: undefined,
        row: undefined,
        pointer: '/departments/6/creditCode',
        field: 'creditCode',
      },
    ]);
  });

  it('reports duplicate codes in XLSX at the sheet and row of the second one', async () => {
    const doubled: Catalog = {
      ...catalog,
      items: [...catalog.items, { ...catalog.items[0]!, name: '重复的事项', materials: [] }],
    };
    const result = await importCatalogFile(await writeCatalogFile(doubled, 'xlsx'), {
      fileName: 'catalog.xlsx',
    });
    expect(where(result.issues)).toEqual([
      {
        code: 'DUPLICATE_CODE',
        severity: 'error',
        line: undefined,
        sheet: '事项',
        row: 3,
        pointer: '/items/1/itemCode',
        field: 'itemCode',
      },
    ]);
  });

  it('keeps warnings, and returns the catalog when there are only warnings', async () => {
    const text = fixtureText('catalog.json').replace('"days": 10,', '"days": 30,'); // promised > statutory 20
    const result = await importCatalogFile(utf8(text), { fileName: 'catalog.json' });
    expect(result.issues.map((i) => [i.code, i.severity, i.pointer])).toEqual([
      ['INVALID_TIME_LIMIT', 'warning', '/items/1/promisedDays/days'],
    ]);
    expect(result.catalog).toBeDefined();
  });

  it('does not run the catalog checks on a file that failed the schema', async () => {
    const text = fixtureText('catalog.json')
      .replace('"typeCode": "11100000MB0143028R001"', `"typeCode": "${UNKNOWN_TYPE}"`)
      .replace('"vertical": true', '"vertical": 1');
    const result = await importCatalogFile(utf8(text), { fileName: 'catalog.json' });
    expect(result.issues.map((i) => i.code)).toEqual(['SCHEMA_VIOLATION']);
  });

  it('passes file-level refusals through', async () => {
    const result = await importCatalogFile(utf8('{'), { fileName: 'catalog.json' });
    expect(result.issues.map((i) => [i.code, i.line])).toEqual([['MALFORMED_FILE', 1]]);
    const big = await importCatalogFile(new Uint8Array(11), { fileName: 'catalog.json', maxBytes: 10 });
    expect(big.issues.map((i) => i.code)).toEqual(['FILE_TOO_LARGE']);
  });
});
