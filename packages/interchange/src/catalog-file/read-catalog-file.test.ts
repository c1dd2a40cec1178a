import { readFileSync } from 'node:fs';
import type { ImportIssue } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { canonicalCatalog } from './canonical.js';
import { formatOfFileName, readCatalogFile } from './read-catalog-file.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const fixtureText = (name: string): string => new TextDecoder().decode(fixture(name));

/** The issues without messages: codes and locations are the stable part. */
const where = (issues: readonly ImportIssue[]) =>
  issues.map(({ code, severity, line, pointer, field, sheet, row }) => ({
    code,
    severity,
    line,
    pointer,
    field,
    sheet,
    row,
  }));

describe('readCatalogFile: valid files', () => {
  it('reads the JSON fixture', async () => {
    const read = await readCatalogFile(fixture('catalog.json'), { fileName: 'catalog.json' });
    expect(read.issues).toEqual([]);
    expect(read.catalog?.departments).toHaveLength(6);
    expect(read.catalog?.certificateTypes).toHaveLength(5);
    expect(read.catalog?.items.map((i) => i.materials.length)).toEqual([2, 3, 2]);
    expect(read.catalog).not.toHaveProperty('format');
  });

  it('reads the hand-written YAML fixture to the same catalog as the JSON one', async () => {
    const json = await readCatalogFile(fixture('catalog.json'), { fileName: 'catalog.json' });
    const yaml = await readCatalogFile(fixture('catalog.yaml'), { fileName: 'catalog.yaml' });
    expect(yaml.issues).toEqual([]);
    expect(yaml.catalog).not.toEqual(json.catalog); // another order...
    expect(canonicalCatalog(yaml.catalog!)).toEqual(json.catalog); // ...same content
  });

  it('reads the hand-made XLSX fixture to the same catalog, with a warning for its extra column', async () => {
    const json = await readCatalogFile(fixture('catalog.json'), { fileName: 'catalog.json' });
    const xlsx = await readCatalogFile(fixture('catalog.xlsx'), { fileName: 'catalog.xlsx' });
    expect(where(xlsx.issues)).toEqual([
      {
        code: 'SCHEMA_VIOLATION',
        severity: 'warning',
        sheet: '部门',
        row: 1,
        line: undefined,
        pointer: undefined,
        field: undefined,
      },
    ]);
    expect(xlsx.issues[0]!.message).toContain('备注');
    expect(canonicalCatalog(xlsx.catalog!)).toEqual(json.catalog);
  });

  it('takes the format from the extension, or from the option', async () => {
    expect(formatOfFileName('a.JSON')).toBe('json');
    expect(formatOfFileName('目录.yml')).toBe('yaml');
    expect(formatOfFileName('x.tar.yaml')).toBe('yaml');
    expect(formatOfFileName('book.xlsx')).toBe('xlsx');
    expect(formatOfFileName('catalog')).toBeUndefined();
    const read = await readCatalogFile(fixture('catalog.yaml'), { fileName: 'upload.bin', format: 'yaml' });
    expect(read.issues).toEqual([]);
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...fixture('catalog.json')]);
    expect((await readCatalogFile(bytes, { fileName: 'catalog.json' })).catalog).toBeDefined();
  });
});

describe('readCatalogFile: refusals before parsing', () => {
  it('refuses a 50 MB file as FILE_TOO_LARGE, fast and without parsing it', async () => {
    // 50 MiB of "[": parsed, it would be MALFORMED_FILE (nesting) after a long scan.
    const bytes = new Uint8Array(50 * 1024 * 1024).fill(0x5b);
    const started = performance.now();
    const read = await readCatalogFile(bytes, { fileName: 'huge.json' });
    expect(performance.now() - started).toBeLessThan(50);
    expect(read).toEqual({
      issues: [
        {
          severity: 'error',
          code: 'FILE_TOO_LARGE',
          file: 'huge.json',
          message: `the file has ${50 * 1024 * 1024} bytes; at most ${20 * 1024 * 1024} are accepted`,
        },
      ],
    });
  });

  it('refuses one byte over maxBytes and accepts maxBytes exactly', async () => {
    const bytes = fixture('catalog.json');
    const over = await readCatalogFile(bytes, { fileName: 'c.json', maxBytes: bytes.length - 1 });
    expect(over.issues.map((i) => i.code)).toEqual(['FILE_TOO_LARGE']);
    const exact = await readCatalogFile(bytes, { fileName: 'c.json', maxBytes: bytes.length });
    expect(exact.catalog).toBeDefined();
  });

  it('checks the size before the format: a huge file of any name is FILE_TOO_LARGE', async () => {
    const read = await readCatalogFile(new Uint8Array(21 * 1024 * 1024), { fileName: 'huge.csv' });
    expect(read.issues.map((i) => i.code)).toEqual(['FILE_TOO_LARGE']);
  });

  it.each(['catalog.csv', 'catalog.txt', 'catalog', 'catalog.xls', 'catalog.json.gz'])(
    'refuses %s as UNSUPPORTED_FORMAT',
    async (fileName) => {
      const read = await readCatalogFile(fixture('catalog.json'), { fileName });
      expect(where(read.issues)).toEqual(
        [{ code: 'UNSUPPORTED_FORMAT', severity: 'error' }].map((i) => ({
          ...i,
          line: undefined,
          pointer: undefined,
          field: undefined,
          sheet: undefined,
          row: undefined,
        })),
      );
      expect(read.issues[0]!.file).toBe(fileName);
      expect(read.catalog).toBeUndefined();
    },
  );
});

describe('readCatalogFile: broken text', () => {
  it('reports broken JSON as MALFORMED_FILE with its line and column', async () => {
    const text = fixtureText('catalog.json').replace('"name": "示范市公安局",', '"name": "示范市公安局"');
    const read = await readCatalogFile(utf8(text), { fileName: 'catalog.json' });
    expect(read.catalog).toBeUndefined();
    expect(read.issues).toEqual([
      {
        severity: 'error',
        code: 'MALFORMED_FILE',
        file: 'catalog.json',
        line: 14,
        message: `line 14, column 7: expected ',' or '}' in an object, found '"'`,
      },
    ]);
    // The comma is missing at the end of line 13: the parser stumbles on the next property.
    expect(text.split('\n')[12]).toBe('      "name": "示范市公安局"');
    expect(text.split('\n')[13]).toBe('      "level": "city",');
  });

  it.each([
    ['catalog.json', ''],
    ['catalog.json', ' \n\n '],
    ['catalog.yaml', ''],
    ['catalog.yaml', '# only a comment\n'],
  ])('reports an empty %s as MALFORMED_FILE', async (fileName, text) => {
    const read = await readCatalogFile(utf8(text), { fileName });
    expect(read.issues.map((i) => [i.code, i.message.endsWith('the file is empty')])).toEqual([
      ['MALFORMED_FILE', true],
    ]);
  });

  it('refuses deeply nested JSON without exhausting the stack', async () => {
    const read = await readCatalogFile(utf8('{"departments":' + '['.repeat(200_000)), {
      fileName: 'deep.json',
    });
    expect(where(read.issues)).toEqual([
      {
        code: 'MALFORMED_FILE',
        severity: 'error',
        line: 1,
        pointer: undefined,
        field: undefined,
        sheet: undefined,
        row: undefined,
      },
    ]);
    expect(read.issues[0]!.message).toBe('line 1, column 79: values are nested more than 64 levels deep');
  });

  it('refuses deeply nested YAML', async () => {
    const block = Array.from({ length: 80 }, (_, i) => `${'  '.repeat(i)}a${i}:`).join('\n') + ' x\n';
    const read = await readCatalogFile(utf8(block), { fileName: 'deep.yaml' });
    expect(read.issues.map((i) => [i.code, i.line])).toEqual([['MALFORMED_FILE', 65]]); // the 65th level
    expect(read.issues[0]!.message).toContain('nested more than 64 levels deep');
    const flow = await readCatalogFile(utf8('['.repeat(5_000) + ']'.repeat(5_000)), {
      fileName: 'deep.yaml',
    });
    expect(flow.issues.map((i) => i.code)).toEqual(['MALFORMED_FILE']);
  });

  it('refuses billion-laughs YAML as MALFORMED_FILE, quickly', async () => {
    const laughs = [
      'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
      ...'bcdefghi'.split('').map((x, i) => {
        const prev = 'abcdefghi'[i]!;
        return `${x}: &${x} [${Array(9).fill(`*${prev}`).join(', ')}]`;
      }),
    ].join('\n');
    const started = performance.now();
    const read = await readCatalogFile(utf8(laughs), { fileName: 'lol.yaml' });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(read.issues).toHaveLength(1);
    expect(read.issues[0]).toMatchObject({ code: 'MALFORMED_FILE', line: 1 });
    expect(read.issues[0]!.message).toContain('YAML bomb');
  });

  it('allows a few aliases', async () => {
    // The YAML fixture reuses one list through an alias.
    expect(fixtureText('catalog.yaml')).toContain('*natural');
    expect((await readCatalogFile(fixture('catalog.yaml'), { fileName: 'c.yaml' })).catalog).toBeDefined();
  });

  it.each([
    ['a custom tag', 'format: !!js/function "return 1"\n', 1],
    ['a local tag', 'formatVersion: 1\nformat: !catalog tongban-catalog\n', 2],
    ['a duplicate key', 'format: tongban-catalog\nformatVersion: 1\nformat: x\n', 3],
    ['two documents', 'format: tongban-catalog\n---\nformatVersion: 1\n', 2],
    ['a broken flow list', 'departments: [1, 2\nitems: []\n', 2],
    ['a tab for indentation', 'departments:\n\t- 1\n', 2],
  ])('refuses YAML with %s as MALFORMED_FILE at its line', async (_what, text, line) => {
    const read = await readCatalogFile(utf8(text), { fileName: 'bad.yaml' });
    expect(read.catalog).toBeUndefined();
    expect(read.issues[0]).toMatchObject({ code: 'MALFORMED_FILE', line });
    // The message is one line: yaml's excerpt of the source is not repeated.
    expect(read.issues[0]!.message).not.toContain('\n');
  });

  it('refuses YAML merge keys: the format has none', async () => {
    const text = fixtureText('catalog.yaml').replace(
      '  - { creditCode: 11330100T00000028K, name: 示范市市场监督管理局, level: city, vertical: false }',
      '  - &m { creditCode: 11330100T00000028K, name: 示范市市场监督管理局, level: city, vertical: false }\n  - { <<: *m, creditCode: 11330100T000000991 }',
    );
    const read = await readCatalogFile(utf8(text), { fileName: 'merge.yaml' });
    expect(where(read.issues)).toContainEqual({
      code: 'SCHEMA_VIOLATION',
      severity: 'error',
      line: 8,
      pointer: '/departments/1/<<',
      field: '<<',
      sheet: undefined,
      row: undefined,
    });
    expect(text.split('\n')[7]).toContain('<<: *m');
  });

  it('reads YAML 1.2: yes, no and 010 stay what they are', async () => {
    const text = fixtureText('catalog.yaml').replace("baseCode: '000300001000'", 'baseCode: yes');
    const read = await readCatalogFile(utf8(text), { fileName: 'c.yaml' });
    expect(read.catalog?.items.find((i) => i.name === '户口迁移（婚迁）')?.baseCode).toBe('yes');
    const octal = fixtureText('catalog.yaml').replace("baseCode: '000300001000'", 'baseCode: 000300001000');
    const wrong = await readCatalogFile(utf8(octal), { fileName: 'c.yaml' });
    expect(octal.split('\n')[125]).toBe('    baseCode: 000300001000');
    expect(where(wrong.issues)).toEqual([
      {
        code: 'SCHEMA_VIOLATION',
        severity: 'error',
        line: 126,
        pointer: '/items/0/baseCode',
        field: 'baseCode',
        sheet: undefined,
        row: undefined,
      },
    ]);
    expect(wrong.issues[0]!.message).toBe('must be text');
  });

  it.each([
    [
      'UTF-16',
      new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
      'the file is UTF-16 text: save it as UTF-8',
    ],
    ['not UTF-8', new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'the file is not UTF-8 text'],
    [
      'a zip archive',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]),
      'this is a zip archive (an XLSX workbook?), not text: name it .xlsx',
    ],
  ])('refuses %s in a .json file as MALFORMED_FILE', async (_what, bytes, message) => {
    const read = await readCatalogFile(bytes, { fileName: 'c.json' });
    expect(read.issues).toEqual([{ severity: 'error', code: 'MALFORMED_FILE', file: 'c.json', message }]);
  });
});

describe('readCatalogFile: schema violations', () => {
  it('reports wrong types with pointer, field and line, in JSON', async () => {
    const text = fixtureText('catalog.json')
      .replace('"vertical": true,', '"vertical": "是",')
      .replace('"days": 20,', '"days": "20",')
      .replace('"grade": 4,', '"grade": 5,');
    const lines = text.split('\n');
    const lineOf = (s: string): number => lines.findIndex((l) => l.includes(s)) + 1;
    const read = await readCatalogFile(utf8(text), { fileName: 'catalog.json' });
    expect(read.catalog).toBeUndefined();
    expect(where(read.issues)).toEqual([
      {
        code: 'SCHEMA_VIOLATION',
        severity: 'error',
        line: lineOf('"vertical": "是"'),
        pointer: '/departments/4/vertical',
        field: 'vertical',
        sheet: undefined,
        row: undefined,
      },
      {
        code: 'SCHEMA_VIOLATION',
        severity: 'error',
        line: lineOf('"grade": 5'),
        pointer: '/certificateTypes/4/grade',
        field: 'grade',
        sheet: undefined,
        row: undefined,
      },
      {
        code: 'SCHEMA_VIOLATION',
        severity: 'error',
        line: lineOf('"days": "20"'),
        pointer: '/items/1/statutoryDays/days',
        field: 'days',
        sheet: undefined,
        row: undefined,
      },
    ]);
    expect(read.issues.map((i) => i.message)).toEqual([
      'must be true or false',
      'must be one of: 1, 2, 3, 4',
      'must be a number',
    ]);
    expect(read.issues.every((i) => i.file === 'catalog.json')).toBe(true);
  });

  it('reports wrong types with pointer, field and line, in YAML', async () => {
    const text = fixtureText('catalog.yaml').replace('    vertical: true # 垂管', '    vertical: 是');
    const read = await readCatalogFile(utf8(text), { fileName: 'catalog.yaml' });
    expect(where(read.issues)).toEqual([
      {
        code: 'SCHEMA_VIOLATION',
        severity: 'error',
        line: 29,
        pointer: '/departments/5/vertical',
        field: 'vertical',
        sheet: undefined,
        row: undefined,
      },
    ]);
  });

  it('puts a missing property on the line of the object that lacks it', async () => {
    const text = fixtureText('catalog.yaml').replace('    name: 示范省公安厅\n', '');
    const read = await readCatalogFile(utf8(text), { fileName: 'catalog.yaml' });
    expect(where(read.issues)).toEqual([
      {
        code: 'SCHEMA_VIOLATION',
        severity: 'error',
        line: 13,
        pointer: '/departments/2/name',
        field: 'name',
        sheet: undefined,
        row: undefined,
      },
    ]);
    expect(text.split('\n')[12]).toBe("  - creditCode: '11330000T00000079N'");
    expect(read.issues[0]!.message).toBe('name is missing');
  });

  it('reports all issues, not just the first, in file order', async () => {
    const doc = JSON.parse(fixtureText('catalog.json')) as {
      items: { name: unknown }[];
      departments: { level: unknown }[];
    };
    doc.items[2]!.name = 1;
    doc.departments[0]!.level = 'county';
    doc.items[0]!.name = null;
    const read = await readCatalogFile(utf8(JSON.stringify(doc, null, 2)), { fileName: 'c.json' });
    expect(read.issues.map((i) => i.pointer)).toEqual([
      '/departments/0/level',
      '/items/0/name',
      '/items/2/name',
    ]);
    const lines = read.issues.map((i) => i.line!);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });

  it('caps the list at maxIssues, with a final issue counting the rest', async () => {
    const departments = Array.from({ length: 1_500 }, (_, i) => ({
      creditCode: `X${i}`,
      name: 'x',
      level: 'city',
      vertical: false,
    }));
    const text = JSON.stringify({
      format: 'tongban-catalog',
      formatVersion: 1,
      departments,
      certificateTypes: [],
      items: [],
    });
    const read = await readCatalogFile(utf8(text), { fileName: 'many.json' });
    expect(read.issues).toHaveLength(1_001);
    expect(read.issues[1_000]).toEqual({
      severity: 'error',
      code: 'ISSUES_TRUNCATED',
      file: 'many.json',
      message: '500 more issues (500 errors) are not listed; fix the ones above and import again',
    });
    const few = await readCatalogFile(utf8(text), { fileName: 'many.json', maxIssues: 10 });
    expect(few.issues).toHaveLength(11);
  });

  it('does not return the catalog when there is an error, and does with warnings only', async () => {
    const bad = await readCatalogFile(utf8('{"format": "tongban-catalog", "formatVersion": 1}'), {
      fileName: 'c.json',
    });
    expect(bad.catalog).toBeUndefined();
    expect(bad.issues.map((i) => i.pointer)).toEqual(['/departments', '/certificateTypes', '/items']);
    const fine = await readCatalogFile(fixture('catalog.xlsx'), { fileName: 'c.xlsx' });
    expect(fine.issues.map((i) => i.severity)).toEqual(['warning']);
    expect(fine.catalog).toBeDefined();
  });

  it('refuses a document that is not an object', async () => {
    const read = await readCatalogFile(utf8('[]'), { fileName: 'c.json' });
    expect(where(read.issues)).toEqual([
      {
        code: 'SCHEMA_VIOLATION',
        severity: 'error',
        line: 1,
        pointer: '',
        field: undefined,
        sheet: undefined,
        row: undefined,
      },
    ]);
  });
});
