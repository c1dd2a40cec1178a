import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DomainError } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { parseImportMapping } from './import-mapping.js';

const BASE = `
typeCode: 11100000MB0143028R001
issuerCode: 11330100MB0000019K
holder: {column: 统一社会信用代码}
validFrom: {column: 成立日期}
status: {value: valid}
`;

/** The DomainError a mapping text throws. */
function refusal(yaml: string): DomainError {
  try {
    parseImportMapping(yaml);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('the mapping was accepted');
}

describe('parseImportMapping', () => {
  it('reads the fixture mapping in full', () => {
    const text = readFileSync(
      fileURLToPath(new URL('./fixtures/business-licences.mapping.yaml', import.meta.url)),
      'utf8',
    );
    const m = parseImportMapping(text);
    expect(m.typeCode).toBe('11100000MB0143028R001');
    expect(m.issuer).toEqual({ kind: 'constant', value: '11330100MB0000019K' });
    expect(m.format).toEqual({ sheet: '营业执照', headerRow: 2, delimiter: ',', encoding: 'utf8' });
    expect(m.holder).toEqual({
      kind: 'column',
      column: '统一社会信用代码',
      transforms: [{ name: 'idNumber' }],
      holderKind: 'organisation',
    });
    expect(m.key).toEqual(['holder']);
    expect(m.validUntil).toEqual({
      kind: 'column',
      column: '营业期限至',
      transforms: [{ name: 'date' }, { name: 'longTerm' }],
    });
    expect(m.fields['entityType']).toEqual({
      kind: 'column',
      column: '类型',
      transforms: [
        { name: 'trim' },
        {
          name: 'map',
          table: {
            有限责任公司: '有限责任公司',
            有限公司: '有限责任公司',
            股份有限公司: '股份有限公司',
            股份公司: '股份有限公司',
          },
        },
      ],
    });
    expect(m.fields['businessScope']).toEqual({
      kind: 'column',
      column: '经营范围',
      transforms: [{ name: 'halfwidth' }, { name: 'split', separators: [';', '、'] }],
    });
    expect(Object.keys(m.fields)).toHaveLength(9);
  });

  it('fills defaults: first sheet, header on line 1, comma, UTF-8, the holder as key, no end date', () => {
    const m = parseImportMapping(BASE);
    expect(m.format).toEqual({ headerRow: 1, delimiter: ',', encoding: 'utf8' });
    expect(m.key).toEqual(['holder']);
    expect(m.validUntil).toBeUndefined();
    expect(m.holder.holderKind).toBeUndefined();
    expect(m.status).toEqual({ kind: 'constant', value: 'valid' });
    expect(m.fields).toEqual({});
  });

  it('reads issuer columns, constants, CSV options, a field key and normalises column names', () => {
    const m = parseImportMapping(`
typeCode: "11100000MB0143028R001"
issuer: {column: " 发证机关代码\u3000", transforms: [idNumber]}
format: {delimiter: tab, encoding: GBK}
holder: {kind: person, column: 公民身份号码, transforms: [idNumber]}
key: [licenceNumber, validFrom]
validFrom: {value: 2021年5月26日}
validUntil: {value: 长期}
status: {value: 有效}
fields:
  licenceNumber: {column: 证号}
  note: {value: 存量导入}
  tags: {value: [a, b]}
  sex: {column: 性别, transforms: [{map: {男: 男, M: 男, F: 女}}, {default: 男}]}
`);
    expect(m.issuer).toEqual({ kind: 'column', column: '发证机关代码', transforms: [{ name: 'idNumber' }] });
    expect(m.format).toEqual({ headerRow: 1, delimiter: '\t', encoding: 'gb18030' });
    expect(m.key).toEqual(['licenceNumber', 'validFrom']);
    expect(m.validFrom).toEqual({ kind: 'constant', value: '2021-05-26' });
    expect(m.validUntil).toEqual({ kind: 'constant', value: null });
    expect(m.status).toEqual({ kind: 'constant', value: 'valid' });
    expect(m.fields['note']).toEqual({ kind: 'constant', value: '存量导入' });
    expect(m.fields['tags']).toEqual({ kind: 'constant', value: ['a', 'b'] });
    expect(m.fields['sex']).toEqual({
      kind: 'column',
      column: '性别',
      transforms: [
        { name: 'map', table: { 男: '男', M: '男', F: '女' } },
        { name: 'default', value: '男' },
      ],
    });
  });

  it.each([
    ['typeCode: 123\n', 'typeCode', 'typeCode must be text: put it in quotes'],
    ['typeCode: 11100000MB0143028R\n', 'typeCode', 'typeCode must be a certificate type code'],
    ['issuerCode: 11330100MB00000I9K\n', 'issuerCode', 'not a unified social credit code'],
    ['issuer: {column: 发证机关}\n', 'issuerCode', 'give either issuerCode'],
    ['holder: {column: 名称, kind: company}\n', 'holder.kind', 'kind must be person or organisation'],
    ['holder: {value: x}\n', 'holder.value', 'unknown key'],
    ['colum: 名称\n', 'colum', 'unknown key'],
    ['validFrom: {column: 成立日期, transforms: [dat]}\n', 'validFrom.transforms[0]', 'unknown transform'],
    [
      'validFrom: {column: 成立日期, transforms: date}\n',
      'validFrom.transforms',
      'transforms must be a list',
    ],
    [
      'validFrom: {column: 成立日期, transforms: [{split: ""}]}\n',
      'validFrom.transforms[0].split',
      'split needs',
    ],
    ['validFrom: {column: 成立日期, transforms: [{map: {}}]}\n', 'validFrom.transforms[0].map', 'map needs'],
    [
      'validFrom: {column: 成立日期, transforms: [{map: {a: [1]}}]}\n',
      'validFrom.transforms[0].map.a',
      'a replacement',
    ],
    [
      'validFrom: {column: 成立日期, transforms: [{map: {}, split: ","}]}\n',
      'validFrom.transforms[0]',
      'one key',
    ],
    [
      'validFrom: {column: 成立日期, transforms: [{default: [1]}]}\n',
      'validFrom.transforms[0].default',
      'default must',
    ],
    ['validFrom: {value: 2021-02-30}\n', 'validFrom.value', 'not a real calendar date'],
    ['validFrom: {column: ""}\n', 'validFrom.column', 'column must be non-empty text'],
    ['validFrom: 成立日期\n', 'validFrom', 'expected {column'],
    ['status: {value: 正常}\n', 'status.value', 'expected a certificate status'],
    ['format: {headerRow: 0}\n', 'format.headerRow', 'headerRow must be'],
    ['format: {delimiter: ";;"}\n', 'format.delimiter', 'delimiter must be one character'],
    ['format: {delimiter: "\\""}\n', 'format.delimiter', 'delimiter must be one character'],
    ['format: {encoding: latin1}\n', 'format.encoding', 'encoding must be'],
    ['key: [licenceNumber]\n', 'key[0]', 'is not holder'],
    ['key: [holder, holder]\n', 'key', 'key names a part twice'],
    ['key: []\n', 'key', 'key must be a list'],
    ['fields: [a, b]\n', 'fields', 'fields must map'],
    ['fields: {name: {column: 名称, value: x}}\n', 'fields.name.column', 'unknown key'],
    ['fields: {name: {value: {a: 1}}}\n', 'fields.name.value', 'a constant is'],
  ])('refuses %j at %s', (extra, field, message) => {
    // Later keys replace BASE's: the YAML is BASE with one line changed or added.
    const key = extra.split(':')[0]!;
    const base = BASE.split('\n')
      .filter((l) => !l.startsWith(`${key}:`))
      .join('\n');
    const e = refusal(`${base}\n${extra}`);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details['field']).toBe(field);
    expect(e.message).toContain(message);
    expect(typeof e.details['line']).toBe('number');
  });

  it('lists every problem, the first in the message', () => {
    const e = refusal('typeCode: x\nholder: 3\nfoo: 1\n');
    expect(e.message).toMatch(/^typeCode: .* \(line 1\) \(and \d+ more\)$/);
    const fields = (e.details['problems'] as { field: string }[]).map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['foo', 'typeCode', 'issuerCode', 'holder', 'validFrom', 'status']),
    );
  });

  it('refuses what is not a mapping, and hostile YAML, with VALIDATION_FAILED', () => {
    for (const text of ['', '- a\n- b\n', 'just text', 'a: [', '!!js/function "x"', 'a: &a [*a]'])
      expect(refusal(text).code).toBe('VALIDATION_FAILED');
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9)
          .fill(`*${i === 0 ? 'a' : 'bcdefghi'[i - 1]}`)
          .join(', ')}]`,
      );
    expect(refusal(bomb.join('\n')).code).toBe('VALIDATION_FAILED');
    expect(refusal('a: 1\n'.repeat(100_000)).message).toContain('larger than');
    expect(refusal(`${BASE}fields:\n${'  '.repeat(1)}x: ${'['.repeat(100)}${']'.repeat(100)}\n`).code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('keeps hostile field and map keys as plain data', () => {
    const m = parseImportMapping(
      `${BASE}fields:\n  __proto__: {column: a, transforms: [{map: {__proto__: x, constructor: y}}]}\n`,
    );
    expect(Object.keys(m.fields)).toEqual(['__proto__']);
    const source = m.fields['__proto__'];
    expect(source?.kind === 'column' && source.transforms[0]).toEqual({
      name: 'map',
      table: Object.fromEntries([
        ['__proto__', 'x'],
        ['constructor', 'y'],
      ]),
    });
    expect(Object.getPrototypeOf(m.fields)).toBe(Object.prototype);
  });
});
