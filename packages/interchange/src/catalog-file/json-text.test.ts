import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from './json-text.js';

describe('parseJsonText', () => {
  it('parses what JSON.parse parses, to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const parsed = parseJsonText(text);
        expect(parsed.problems).toEqual([]);
        expect(parsed.value).toStrictEqual(JSON.parse(text));
      }),
      { seed: 20240501, numRuns: 300 },
    );
  });

  it('decodes escapes', () => {
    expect(parseJsonText('"a\\"b\\\\c\\/d\\n\\u4e2d\\ud83d\\ude00"').value).toBe('a"b\\c/d\n中😀');
  });

  it('maps a pointer to the line where its value starts, or its nearest ancestor', () => {
    const text = '{\n  "a": [\n    1,\n    {\n      "b": true\n    }\n  ],\n  "c~/": null\n}';
    const { lineOf } = parseJsonText(text);
    expect(lineOf('')).toBe(1);
    expect(lineOf('/a')).toBe(2);
    expect(lineOf('/a/0')).toBe(3);
    expect(lineOf('/a/1')).toBe(4);
    expect(lineOf('/a/1/b')).toBe(5);
    expect(lineOf('/a/1/missing')).toBe(4);
    expect(lineOf('/a/7')).toBe(2);
    expect(lineOf('/c~0~1')).toBe(8);
  });

  it.each([
    ['{"a": 1,}', 1, 9, "expected a property name in double quotes, found '}'"],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "expected ',' or '}' in an object, found '\"'"],
    ['[1, 2', 1, 6, "expected ',' or ']' in a list, found the end of the file"],
    ["{'a': 1}", 1, 2, "expected a property name in double quotes, found '''"],
    ['{"a": tru}', 1, 7, "unexpected 't'"],
    ['{"a": 01}', 1, 8, "expected ',' or '}' in an object, found '1'"],
    ['{"a": "x\ny"}', 1, 9, 'a control character (such as a line break) inside a string must be escaped'],
    ['{"a": "x', 1, 7, 'a string is not closed'],
    ['{"a": 1e999}', 1, 7, 'a number is too large'],
    ['{} {}', 1, 4, "unexpected '{' after the end of the document"],
    ['   \n\t ', 2, 3, 'the file is empty'],
    ['// comment\n{}', 1, 1, "unexpected '/'"],
  ])('reports %j at line %i, column %i', (text, line, column, message) => {
    const parsed = parseJsonText(text);
    expect(parsed.problems).toEqual([{ line, column, message }]);
    expect(parsed.value).toBeUndefined();
  });

  it('reports every duplicate key, with its line, and still parses', () => {
    const parsed = parseJsonText('{\n "a": 1,\n "b": {"x": 1, "x": 2},\n "a": 3\n}');
    expect(parsed.problems).toEqual([
      { line: 3, column: 16, message: 'the property "x" appears twice in one object' },
      { line: 4, column: 2, message: 'the property "a" appears twice in one object' },
    ]);
  });

  it('keeps "__proto__" as an own property, never as the prototype', () => {
    const value = parseJsonText('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than the limit without exhausting the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const parsed = parseJsonText(deep);
    expect(parsed.problems).toEqual([
      { line: 1, column: 65, message: 'values are nested more than 64 levels deep' },
    ]);
    expect(parseJsonText('['.repeat(64) + ']'.repeat(64)).problems).toEqual([]);
    expect(parseJsonText('[[[1]]]', { maxDepth: 2 }).problems).toHaveLength(1);
  });
});
