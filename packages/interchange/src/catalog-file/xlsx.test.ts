import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Catalog, ImportIssue } from '@tongban/domain';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCatalogFile } from './read-catalog-file.js';
import { writeCatalogFile } from './write-catalog-file.js';
import { readZipDirectory } from './zip-guard.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

let catalog: Catalog;
let workbook: Uint8Array;
beforeAll(async () => {
  catalog = (await readCatalogFile(fixture('catalog.json'), { fileName: 'catalog.json' })).catalog!;
  workbook = await writeCatalogFile(catalog, 'xlsx');
});

/** Loads the written workbook, lets `edit` change it, and saves it again. */
async function edited(edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(workbook) as unknown as ArrayBuffer);
  edit(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const sheet = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => wb.getWorksheet(name)!;
/** Sets the cell under `header` in `row` of `name`. */
function setCell(
  wb: ExcelJS.Workbook,
  name: string,
  row: number,
  header: string,
  value: ExcelJS.CellValue,
): void {
  const ws = sheet(wb, name);
  let column = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) column = n;
  });
  if (column === 0) throw new Error(`no column ${header} in ${name}`);
  ws.getRow(row).getCell(column).value = value;
}

const read = (bytes: Uint8Array, options: Partial<Parameters<typeof readCatalogFile>[1]> = {}) =>
  readCatalogFile(bytes, { fileName: 'catalog.xlsx', ...options });

const where = (issues: readonly ImportIssue[]) =>
  issues.map(({ code, severity, sheet: s, row, field, pointer }) => ({
    code,
    severity,
    sheet: s,
    row,
    field,
    pointer,
  }));

/** A zip archive from entries, each deflated or stored, with sizes that may be declared falsely. */
function zip(
  entries: { name: string; data: Uint8Array; store?: boolean; declaredSize?: number }[],
): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.store ? Buffer.from(e.data) : deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/** The entries of a zip archive, inflated. */
function unzip(bytes: Uint8Array): { name: string; data: Uint8Array }[] {
  const dir = readZipDirectory(bytes);
  if (!('entries' in dir)) throw new Error(dir.message);
  return dir.entries.map((e) => {
    const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    return { name: e.name, data: e.method === 0 ? raw : new Uint8Array(inflateRawSync(raw)) };
  });
}

describe('readCatalogFile (XLSX): files that are not workbooks', () => {
  it.each([
    [
      'a text file',
      new TextEncoder().encode('{"format": "tongban-catalog"}'),
      'this is not an XLSX workbook (not a zip archive)',
    ],
    ['an empty file', new Uint8Array(0), 'this is not an XLSX workbook (not a zip archive)'],
    [
      'an old .xls workbook',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      'this is an old .xls workbook or a password-protected one: save it as .xlsx without a password',
    ],
  ])('refuses %s named .xlsx as MALFORMED_FILE', async (_what, bytes, message) => {
    expect(await read(bytes)).toEqual({
      issues: [{ severity: 'error', code: 'MALFORMED_FILE', file: 'catalog.xlsx', message }],
    });
  });

  it('refuses a zip archive that holds no workbook', async () => {
    const result = await read(zip([{ name: 'hello.txt', data: new TextEncoder().encode('hello') }]));
    expect(result.issues.map((i) => [i.code, i.message])).toEqual([
      ['MALFORMED_FILE', 'this zip archive is not an XLSX workbook (no xl/workbook.xml)'],
    ]);
  });

  it('refuses a truncated workbook', async () => {
    const result = await read(workbook.subarray(0, Math.floor(workbook.length / 2)));
    expect(result.issues.map((i) => i.code)).toEqual(['MALFORMED_FILE']);
    expect(result.catalog).toBeUndefined();
  });

  it('refuses a workbook whose XML parts are not XML', async () => {
    const parts = unzip(workbook).map((e) =>
      e.name === 'xl/workbook.xml' ? { ...e, data: new TextEncoder().encode('<workbook') } : e,
    );
    expect((await read(zip(parts))).issues.map((i) => [i.code, i.message])).toEqual([
      ['MALFORMED_FILE', 'the workbook cannot be read: it is damaged or not an XLSX workbook'],
    ]);
  });
});

describe('readCatalogFile (XLSX): hostile archives', () => {
  it('reads a workbook rebuilt by the test zip writer (the control for the cases below)', async () => {
    expect((await read(zip(unzip(workbook)))).catalog).toEqual(catalog);
  });

  it('refuses, as FILE_TOO_LARGE, a workbook that would inflate beyond the limit, before inflating it', async () => {
    const bomb = zip([
      ...unzip(workbook),
      { name: 'xl/media/image1.png', data: new Uint8Array(30 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(100 * 1024); // 30 MiB of zeros deflate to about 30 kB
    const result = await read(bomb, { maxUncompressedBytes: 10 * 1024 * 1024 });
    expect(result.issues.map((i) => [i.code, i.message])).toEqual([
      ['FILE_TOO_LARGE', `the workbook would inflate to more than ${10 * 1024 * 1024} bytes`],
    ]);
  });

  it('refuses a zip entry that inflates beyond the size it declares (a lying zip bomb)', async () => {
    const liar = zip([
      ...unzip(workbook),
      { name: 'xl/media/image1.png', data: new Uint8Array(64 * 1024 * 1024), declaredSize: 1_000 },
    ]);
    const started = performance.now();
    const result = await read(liar);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.issues.map((i) => [i.code, i.message])).toEqual([
      ['MALFORMED_FILE', 'a zip entry inflates beyond its declared size (a zip bomb?)'],
    ]);
  });

  it('refuses many entries sharing one compressed kernel through the total of their sizes', async () => {
    // Overlapping entries: the central directory lists one local file many times.
    const base = zip([...unzip(workbook), { name: 'xl/media/k.bin', data: new Uint8Array(4 * 1024 * 1024) }]);
    const dir = readZipDirectory(base);
    if (!('entries' in dir)) throw new Error(dir.message);
    const kernel = dir.entries.at(-1)!;
    const cdStart = dir.entries[0]!.centralOffset;
    const record = base.subarray(kernel.centralOffset, kernel.centralOffset + 46 + kernel.name.length);
    const copies = Array.from({ length: 100 }, (_, i) => {
      const copy = Buffer.from(record);
      copy.write(`xl/media/k${String(i).padStart(2, '0')}`, 46); // same length as 'xl/media/k.bin'
      return copy;
    });
    const cd = Buffer.concat([base.subarray(cdStart, base.length - 22), ...copies]);
    const end = Buffer.from(base.subarray(base.length - 22));
    end.writeUInt16LE(dir.entries.length + 100, 8);
    end.writeUInt16LE(dir.entries.length + 100, 10);
    end.writeUInt32LE(cd.length, 12);
    const overlapping = new Uint8Array(Buffer.concat([base.subarray(0, cdStart), cd, end]));
    const result = await read(overlapping);
    expect(result.issues.map((i) => i.code)).toEqual(['FILE_TOO_LARGE']);
  });

  it('refuses an XML part with a document type declaration (entity expansion)', async () => {
    const parts = unzip(workbook).map((e) =>
      e.name === 'xl/workbook.xml'
        ? {
            ...e,
            data: new TextEncoder().encode(
              new TextDecoder()
                .decode(e.data)
                .replace('?>', '?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'),
            ),
          }
        : e,
    );
    expect((await read(zip(parts))).issues.map((i) => [i.code, i.message])).toEqual([
      ['MALFORMED_FILE', 'the workbook contains an XML document type declaration, which is not allowed'],
    ]);
  });

  it('refuses a central directory that does not sit right before its end record', async () => {
    const base = zip(unzip(workbook));
    const shifted = new Uint8Array([
      ...base.subarray(0, base.length - 22),
      0,
      0,
      0,
      0,
      ...base.subarray(base.length - 22),
    ]);
    expect((await read(shifted)).issues.map((i) => [i.code, i.message])).toEqual([
      ['MALFORMED_FILE', 'the zip central directory is out of place'],
    ]);
  });
});

describe('readCatalogFile (XLSX): sheets and columns', () => {
  it('reports a missing sheet by name, and every missing sheet', async () => {
    const bytes = await edited((wb) => {
      wb.removeWorksheet(sheet(wb, '申请材料').id);
      wb.removeWorksheet(sheet(wb, '证照字段').id);
    });
    const result = await read(bytes);
    expect(result.catalog).toBeUndefined();
    expect(where(result.issues)).toEqual([
      {
        code: 'SCHEMA_VIOLATION',
        severity: 'error',
        sheet: '证照字段',
        row: undefined,
        field: undefined,
        pointer: undefined,
      },
      {
        code: 'SCHEMA_VIOLATION',
        severity: 'error',
        sheet: '申请材料',
        row: undefined,
        field: undefined,
        pointer: undefined,
      },
    ]);
    expect(result.issues.map((i) => i.message)).toEqual([
      'the sheet 证照字段 is missing',
      'the sheet 申请材料 is missing',
    ]);
  });

  it('ignores a sheet that is not part of the format, with a warning', async () => {
    const bytes = await edited((wb) => wb.addWorksheet('备注').addRow(['随便写点什么']));
    const result = await read(bytes);
    expect(
      result.issues.map(({ code, severity, sheet: s, message }) => [code, severity, s, message]),
    ).toEqual([
      [
        'SCHEMA_VIOLATION',
        'warning',
        '备注',
        'the sheet 备注 is not part of the catalog format and is ignored',
      ],
    ]);
    expect(result.catalog).toEqual(catalog);
  });

  it('reads a workbook without the optional 说明 sheet', async () => {
    const bytes = await edited((wb) => wb.removeWorksheet(sheet(wb, '说明').id));
    expect((await read(bytes)).catalog).toEqual(catalog);
  });

  it('reports a missing header by name, at row 1', async () => {
    const bytes = await edited((wb) => setCell(wb, '部门', 1, '层级', '级别'));
    const result = await read(bytes);
    expect(result.issues.map((i) => [i.code, i.severity, i.sheet, i.row, i.message])).toEqual([
      [
        'SCHEMA_VIOLATION',
        'warning',
        '部门',
        1,
        'the column 级别 is not part of the catalog format and is ignored',
      ],
      ['SCHEMA_VIOLATION', 'error', '部门', 1, 'the column 层级 is missing from the header row'],
    ]);
  });

  it('accepts columns in any order, and leaves out optional columns', async () => {
    const bytes = await edited((wb) => {
      const ws = sheet(wb, '部门');
      ws.spliceColumns(6, 1); // 标记
      ws.spliceColumns(1, 2); // 统一社会信用代码, 名称 ...
      ws.spliceColumns(
        3,
        0,
        ['名称', ...catalog.departments.map((d) => d.name)],
        ['统一社会信用代码', ...catalog.departments.map((d) => d.creditCode)],
      );
    });
    const result = await read(bytes);
    // The flag of one department is gone with its column; nothing else changed.
    expect(result.issues).toEqual([]);
    expect(result.catalog?.departments.map((d) => d.flags)).toEqual(catalog.departments.map(() => undefined));
    expect(result.catalog?.items).toEqual(catalog.items);
  });

  it('refuses a sheet with more rows than allowed as FILE_TOO_LARGE', async () => {
    const result = await read(workbook, { maxRowsPerSheet: 5 });
    expect(where(result.issues)).toEqual([
      {
        code: 'FILE_TOO_LARGE',
        severity: 'error',
        sheet: '部门',
        row: undefined,
        field: undefined,
        pointer: undefined,
      },
      {
        code: 'FILE_TOO_LARGE',
        severity: 'error',
        sheet: '证照字段',
        row: undefined,
        field: undefined,
        pointer: undefined,
      },
      {
        code: 'FILE_TOO_LARGE',
        severity: 'error',
        sheet: '申请材料',
        row: undefined,
        field: undefined,
        pointer: undefined,
      },
    ]);
  });
});

describe('readCatalogFile (XLSX): cells', () => {
  it('reports a bad enum value with sheet, row and field, once', async () => {
    const bytes = await edited((wb) => setCell(wb, '部门', 3, '层级', '市县级'));
    const result = await read(bytes);
    expect(result.catalog).toBeUndefined();
    expect(result.issues).toEqual([
      {
        severity: 'error',
        code: 'SCHEMA_VIOLATION',
        file: 'catalog.xlsx',
        sheet: '部门',
        row: 3,
        field: 'level',
        pointer: '/departments/1/level',
        message: '层级: unknown value: use 省级, 市级 or 区县级',
      },
    ]);
  });

  it('reports every bad cell of the workbook, each with its sheet, row and field', async () => {
    const bytes = await edited((wb) => {
      setCell(wb, '部门', 2, '是否垂管', 'Y');
      setCell(wb, '部门', 4, '名称', null);
      setCell(wb, '证照类型', 4, '共享类型', '部分共享');
      setCell(wb, '证照类型', 4, '有效期规则', '长期有效'); // 有效年限 5 is left: not for 长期有效
      setCell(wb, '证照字段', 3, '数据类型', '文本');
      setCell(wb, '证照字段', 5, '证照类型代码', '11100000000013127D999');
      setCell(wb, '事项', 3, '法定时限', '二十');
      setCell(wb, '事项', 2, '承诺时限单位', null);
      setCell(wb, '申请材料', 2, '来源', '邮寄');
      setCell(wb, '申请材料', 4, '前置事项编码', '11330100T00000036E4000200001000');
      setCell(wb, '申请材料', 8, '实施编码', 'NO-SUCH-ITEM');
    });
    const result = await read(bytes);
    expect(result.catalog).toBeUndefined();
    expect(
      result.issues.map(({ code, severity, sheet: s, row, field, message }) => [
        code,
        severity,
        s,
        row,
        field,
        message,
      ]),
    ).toEqual([
      ['SCHEMA_VIOLATION', 'error', '部门', 2, 'vertical', '是否垂管: must be 是 or 否'],
      ['SCHEMA_VIOLATION', 'error', '部门', 4, 'name', '名称: must not be empty'],
      [
        'SCHEMA_VIOLATION',
        'error',
        '证照类型',
        4,
        'sharing',
        '共享类型: unknown value: use 无条件共享, 有条件共享 or 不予共享',
      ],
      [
        'SCHEMA_VIOLATION',
        'error',
        '证照类型',
        4,
        'years',
        '有效年限: is only used when 有效期规则 is 固定年限',
      ],
      [
        'SCHEMA_VIOLATION',
        'error',
        '证照字段',
        3,
        'type',
        '数据类型: unknown value: use 字符串, 数值, 整数, 布尔, 数组 or 对象',
      ],
      [
        'UNKNOWN_CERTIFICATE_TYPE',
        'error',
        '证照字段',
        5,
        'typeCode',
        '证照类型代码: this certificate type is not in the 证照类型 sheet',
      ],
      [
        'SCHEMA_VIOLATION',
        'error',
        '事项',
        2,
        'unit',
        '承诺时限单位: must be given (承诺时限单位: 工作日 or 自然日)',
      ],
      ['SCHEMA_VIOLATION', 'error', '事项', 3, 'days', '法定时限: must be a number of days, or 无'],
      [
        'SCHEMA_VIOLATION',
        'error',
        '申请材料',
        2,
        'kind',
        '来源: unknown value: use 证照, 申请人提供 or 前序办件',
      ],
      [
        'SCHEMA_VIOLATION',
        'error',
        '申请材料',
        4,
        'itemCode',
        '前置事项编码: is only used when 来源 is 前序办件; leave 前置事项编码 empty',
      ],
      ['UNKNOWN_ITEM', 'error', '申请材料', 8, 'itemCode', '实施编码: this item is not in the 事项 sheet'],
    ]);
  });

  it('locates schema violations found after reading by sheet, row and column', async () => {
    const bytes = await edited((wb) => {
      setCell(wb, '部门', 5, '统一社会信用代码', '11330100T00000036');
      setCell(wb, '事项', 4, '后续事项', 'A;A');
      setCell(wb, '证照字段', 2, '最大长度', 50.5);
    });
    const result = await read(bytes);
    expect(
      result.issues.map(({ code, sheet: s, row, pointer, message }) => [code, s, row, pointer, message]),
    ).toEqual([
      [
        'SCHEMA_VIOLATION',
        '部门',
        5,
        '/departments/3/creditCode',
        '统一社会信用代码: must be a 统一社会信用代码 (18 characters: digits and capital letters except I, O, S, V, Z)',
      ],
      [
        'SCHEMA_VIOLATION',
        '证照字段',
        2,
        '/certificateTypes/0/fields/properties/name/maxLength',
        '最大长度: must be a whole number',
      ],
      [
        'SCHEMA_VIOLATION',
        '事项',
        4,
        '/items/2/followUps',
        '后续事项: lists the same value twice (entries 0 and 1)',
      ],
    ]);
  });

  it('refuses a long code that Excel stored as a number, and reads a short one', async () => {
    const long = await edited((wb) =>
      setCell(wb, '事项', 2, '实施编码', Number('1133010000000284000100001000')),
    );
    expect((await read(long)).issues.map((i) => [i.sheet, i.row, i.message])).toEqual([
      [
        '事项',
        2,
        '实施编码: is stored as a number and Excel has changed it: format the column as text (文本) and type it again',
      ],
      // The item's materials now name an item the reader could not find.
      ['申请材料', 2, '实施编码: this item is not in the 事项 sheet'],
      ['申请材料', 3, '实施编码: this item is not in the 事项 sheet'],
    ]);
    const short = await edited((wb) => setCell(wb, '事项', 2, '基本编码', 100001000));
    expect((await read(short)).catalog?.items[0]?.baseCode).toBe('100001000');
  });

  it('reads values the way a clerk types them: trimmed labels, full-width separators, numbers as text, formulas', async () => {
    const bytes = await edited((wb) => {
      setCell(wb, '部门', 2, '层级', ' 省级 ');
      setCell(wb, '证照类型', 3, '颁发部门代码', '11330100T00000028K；11330102T00000060U');
      setCell(wb, '证照类型', 3, '敏感级别', '1');
      setCell(wb, '事项', 3, '法定时限', { formula: '10*2', result: 20 });
      setCell(wb, '事项', 3, '服务对象', '企业法人 ； 个体工商户;');
    });
    const result = await read(bytes);
    expect(result.issues).toEqual([]);
    expect(result.catalog).toEqual(catalog);
  });

  it('reads 序号 as the order of materials, and reports a repeated one', async () => {
    // Rows 4 to 6 hold the three materials of the second item, 序号 1 to 3.
    const reordered = await edited((wb) => {
      setCell(wb, '申请材料', 4, '序号', 3);
      setCell(wb, '申请材料', 6, '序号', 1);
    });
    const r1 = await read(reordered);
    expect(r1.issues).toEqual([]);
    expect(r1.catalog?.items[1]?.materials.map((m) => m.name)).toEqual([
      '食品安全管理制度',
      '法定代表人身份证',
      '营业执照',
    ]);
    const repeated = await edited((wb) => setCell(wb, '申请材料', 6, '序号', 1));
    const r2 = await read(repeated);
    expect(r2.issues.map(({ code, sheet: s, row, message }) => [code, s, row, message])).toEqual([
      ['DUPLICATE_CODE', '申请材料', 6, '序号: 1 is already used for this item in row 4'],
    ]);
    const fraction = await edited((wb) => setCell(wb, '申请材料', 4, '序号', 0.5));
    expect((await read(fraction)).issues.map(({ sheet: s, row, message }) => [s, row, message])).toEqual([
      ['申请材料', 4, '序号: must be a whole number'],
    ]);
  });

  it('reports a field name repeated within a certificate type', async () => {
    const bytes = await edited((wb) => setCell(wb, '证照字段', 3, '字段名', 'name'));
    const result = await read(bytes);
    expect(result.issues.map(({ code, sheet: s, row, message }) => [code, s, row, message])).toEqual([
      [
        'DUPLICATE_CODE',
        '证照字段',
        3,
        '字段名: this field is already defined for this certificate type in row 2',
      ],
    ]);
  });

  it('checks the 说明 sheet’s format version', async () => {
    const bytes = await edited((wb) => setCell(wb, '说明', 3, '内容', 2));
    expect(where((await read(bytes)).issues)).toEqual([
      {
        code: 'SCHEMA_VIOLATION',
        severity: 'error',
        sheet: '说明',
        row: 3,
        field: 'formatVersion',
        pointer: '/formatVersion',
      },
    ]);
  });
});
