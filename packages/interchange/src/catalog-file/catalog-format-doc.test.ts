import { readFileSync } from 'node:fs';
import { importIssueCodes, itemTypes } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { importCatalogFile } from './import-catalog-file.js';
import { SHEET, SHEET_COLUMNS, type ColumnSpec } from './xlsx-layout.js';

const doc = readFileSync(new URL('../../../../docs/catalog-format.md', import.meta.url), 'utf8');
const block = (lang: string): string => {
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(doc);
  if (!m) throw new Error(`no ${lang} example in docs/catalog-format.md`);
  return m[1]!;
};

describe('docs/catalog-format.md', () => {
  it('documents every sheet, and every column of each under its own heading', () => {
    for (const [name, columns] of Object.entries<readonly ColumnSpec[]>(SHEET_COLUMNS)) {
      const section = doc.split(`### Sheet ${name}`)[1]?.split('\n### ')[0]?.split('\n## ')[0];
      expect(section, `no section for the sheet ${name}`).toBeDefined();
      if (name === SHEET.about) continue; // a key/value table, documented by its rows
      const headers = [...section!.matchAll(/^\|\s*([^\s|]+)\s*\|/gm)]
        .map((m) => m[1])
        .filter((h) => h !== 'column' && !/^-+$/.test(h!));
      expect(headers, `columns of ${name}`).toEqual(columns.map((c) => c.header));
    }
  });

  it('names every enum label the workbook uses', () => {
    for (const columns of Object.values(SHEET_COLUMNS)) {
      for (const column of columns)
        for (const label of Object.keys(column.labels ?? {})) expect(doc).toContain(label);
    }
    for (const type of itemTypes) expect(doc).toContain(type);
  });

  it('explains every issue code', () => {
    for (const code of importIssueCodes) expect(doc).toMatch(new RegExp(`^\\| \`${code}\` +\\| \\S`, 'm'));
  });

  it('gives JSON and YAML examples that import, and hold the same catalog', async () => {
    const json = await importCatalogFile(new TextEncoder().encode(block('json')), {
      fileName: 'example.json',
    });
    const yaml = await importCatalogFile(new TextEncoder().encode(block('yaml')), {
      fileName: 'example.yaml',
    });
    expect(json.issues).toEqual([]);
    expect(yaml.issues).toEqual([]);
    expect(yaml.catalog).toEqual(json.catalog);
  });
});
