import { describe, expect, it } from 'vitest';
import { applyMap, applyTransform, toIsoDate, toNumber, toValidUntil } from './convert-value.js';

describe('toIsoDate', () => {
  it.each([
    ['2021-05-26', '2021-05-26'],
    ['20210526', '2021-05-26'],
    [20210526, '2021-05-26'],
    ['2021/05/26', '2021-05-26'],
    [' 2021-05-26 00:00:00 ', '2021-05-26'],
    ['2021-05-26 23:59:59.123456', '2021-05-26'],
    // An instant is a day in China: 16:00 UTC is midnight of the next day at UTC+8.
    ['2021-05-26T16:00:00Z', '2021-05-27'],
    ['2021-05-26 08:00:00+08', '2021-05-26'],
    ['2021-05-26T23:30:00+0800', '2021-05-26'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %j as %s', (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });

  it.each([
    ['2021-02-30'],
    ['2023-02-29'],
    ['26/05/2021'],
    ['2021-5-26'],
    ['yesterday'],
    [''],
    [2021.5],
    [null],
    [new Date()],
    ['2'.repeat(100)],
  ])('refuses %j', (input) => {
    expect(toIsoDate(input)).toBeUndefined();
  });
});

describe('toValidUntil', () => {
  it('reads no end date from NULL, empty text and 长期', () => {
    for (const v of [null, undefined, '', '  ', '长期', '长期有效']) expect(toValidUntil(v)).toBeNull();
    expect(toValidUntil('2030-12-31')).toBe('2030-12-31');
    expect(toValidUntil('never')).toBeUndefined();
  });
});

describe('toNumber and transforms', () => {
  it('reads DECIMAL text and bigints exactly or not at all', () => {
    expect(toNumber('1234.50')).toBe(1234.5);
    expect(toNumber(' -7 ')).toBe(-7);
    expect(toNumber(12n)).toBe(12);
    expect(toNumber(2n ** 60n)).toBeUndefined();
    expect(toNumber('1e3')).toBeUndefined();
    expect(toNumber('1,000')).toBeUndefined();
    expect(toNumber(Number.NaN)).toBeUndefined();
  });

  it('passes values without a transform, refusing binary and driver objects', () => {
    expect(applyTransform(' 示范市某某有限公司 ', undefined)).toBe('示范市某某有限公司');
    expect(applyTransform({ a: 1 }, undefined)).toEqual({ a: 1 });
    expect(applyTransform(2n ** 60n, undefined)).toBe(String(2n ** 60n));
    expect(applyTransform(Buffer.from('x'), undefined)).toBeUndefined();
    expect(applyTransform(new Date(), undefined)).toBeUndefined();
    expect(applyTransform(null, 'number')).toBeNull();
    expect(applyTransform('12', 'integer')).toBe(12);
    expect(applyTransform('12.5', 'integer')).toBeUndefined();
    expect(applyTransform(12, 'text')).toBe('12');
  });

  it('maps by the value as text and lets unlisted values through', () => {
    const map = new Map<string, string | null>([
      ['1', 'valid'],
      ['9999-12-31', null],
    ]);
    expect(applyMap(1, map)).toBe('valid');
    expect(applyMap(' 1 ', map)).toBe('valid');
    expect(applyMap('9999-12-31', map)).toBeNull();
    expect(applyMap('2', map)).toBe('2');
    expect(applyMap('__proto__', map)).toBe('__proto__');
  });
});
