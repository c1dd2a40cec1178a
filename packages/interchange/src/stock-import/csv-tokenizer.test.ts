import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvRecord, type CsvTokenizerOptions } from './csv-tokenizer.js';

/** Tokenizes `text` fed in chunks of `size` characters. */
function tokenize(text: string, size = text.length || 1, options: CsvTokenizerOptions = {}): CsvRecord[] {
  const t = new CsvTokenizer(options);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...t.push(text.slice(i, i + size)));
  out.push(...t.end());
  return out;
}
const brief = (records: CsvRecord[]) =>
  records.map((r) => [r.line, r.lastLine, r.fields, ...(r.problem ? [r.problem] : [])]);

describe('CsvTokenizer', () => {
  const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"multi\r\nline",\n3,4,5';
  const expected = [
    [1, 1, ['a', 'b', 'c']],
    [2, 2, ['1', 'x, y', 'say "hi"']],
    [3, 3, ['']],
    [4, 5, ['2', 'multi\nline', '']],
    [6, 6, ['3', '4', '5']],
  ];

  it('reads RFC 4180 records with the lines they span', () => {
    expect(brief(tokenize(text))).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries (a CRLF split in two included)', () => {
    for (const size of [1, 2, 3, 5, 7, 13]) expect(brief(tokenize(text, size))).toEqual(expected);
  });

  it('takes lone CRs as line breaks and a final line without one', () => {
    expect(brief(tokenize('a,b\r1,2\r3,4'))).toEqual([
      [1, 1, ['a', 'b']],
      [2, 2, ['1', '2']],
      [3, 3, ['3', '4']],
    ]);
    expect(brief(tokenize('a,b\r'))).toEqual([[1, 1, ['a', 'b']]]);
    expect(brief(tokenize(''))).toEqual([]);
  });

  it('keeps a quote inside an unquoted value as a character', () => {
    expect(brief(tokenize('1,ab"c,2\n'))).toEqual([[1, 1, ['1', 'ab"c', '2']]]);
  });

  it('flags text after a closing quote and carries on', () => {
    expect(brief(tokenize('1,"2"x,3\n4,5,6\n'))).toEqual([
      [1, 1, ['1', '2x', '3'], 'text-after-quote'],
      [2, 2, ['4', '5', '6']],
    ]);
  });

  it('reports a quote not closed at the end of the file', () => {
    expect(brief(tokenize('a,b\n1,2\n3,"abc\n4,5\n'))).toEqual([
      [1, 1, ['a', 'b']],
      [2, 2, ['1', '2']],
      [3, 5, ['3', 'abc\n4,5\n'], 'quote-not-closed'],
    ]);
  });

  it('cuts a stray quote off after the line limit and resumes at the next line', () => {
    const lines = ['a,b', '1,"stray', ...Array.from({ length: 10 }, (_, i) => `${i},x`)];
    const records = tokenize(lines.join('\n') + '\n', 4, { maxRecordLines: 3 });
    expect(brief(records)).toEqual([
      [1, 1, ['a', 'b']],
      [2, 4, ['1', 'stray\n0,x\n1,x'], 'too-many-lines'],
      [5, 5, ['2', 'x']],
      ...Array.from({ length: 7 }, (_, i) => [6 + i, 6 + i, [String(3 + i), 'x']]),
    ]);
  });

  it('drops an over-long record, keeping memory bounded, and resumes at the next line', () => {
    const huge = 'x'.repeat(200_000);
    const records = tokenize(`a,b\n1,${huge}\n2,"${huge}"\n3,${'y,'.repeat(100_000)}\n4,ok\n`, 65_536, {
      maxRecordLength: 1000,
    });
    expect(brief(records)).toEqual([
      [1, 1, ['a', 'b']],
      [2, 2, [], 'too-long'],
      [3, 3, [], 'too-long'],
      [4, 4, [], 'too-long'],
      [5, 5, ['4', 'ok']],
    ]);
  });

  it('treats a quoted value over the length limit as ending at the next line', () => {
    const records = tokenize(`a\n"${'z'.repeat(50)}\nb\nc\n`, 7, { maxRecordLength: 20 });
    expect(brief(records)).toEqual([
      [1, 1, ['a']],
      [2, 2, [], 'too-long'],
      [3, 3, ['b']],
      [4, 4, ['c']],
    ]);
  });

  it('uses another delimiter', () => {
    expect(brief(tokenize('a\tb\n1,2\t3\n', 100, { delimiter: '\t' }))).toEqual([
      [1, 1, ['a', 'b']],
      [2, 2, ['1,2', '3']],
    ]);
    expect(() => new CsvTokenizer({ delimiter: '"' })).toThrow(RangeError);
    expect(() => new CsvTokenizer({ delimiter: ',,' })).toThrow(RangeError);
  });

  it('passes control characters and NULs through as text (the reader and map-row judge them)', () => {
    expect(brief(tokenize('\u0000,\u0007\n'))).toEqual([[1, 1, ['\u0000', '\u0007']]]);
  });
});
