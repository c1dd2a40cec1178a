import { describe, expect, it } from 'vitest';
import { chineseNumeralValue, parseAmount } from './parse-amount.js';
import { parseInteger, parseNumber } from './parse-number.js';

const ok = (value: number) => ({ ok: true, value });

describe('parseAmount (万元)', () => {
  it.each([
    ['100万元', 100],
    ['100万', 100],
    ['100 万元', 100],
    ['１００万元', 100],
    ['100.5万元', 100.5],
    ['1,000,000元', 100],
    ['1000000元', 100],
    ['１,０００,０００元', 100],
    ['12345元', 1.2345],
    ['1元', 0.0001],
    ['0.01元', 0.000001],
    ['100', 100],
    ['0', 0],
    ['1.5亿元', 15000],
    ['2亿', 20000],
    ['人民币100万元', 100],
    ['100万元人民币', 100],
    ['100万元（人民币）', 100],
    ['¥1,000,000元', 100],
    ['壹佰万元', 100],
    ['壹佰万元整', 100],
    ['一千二百三十四万五千元', 1234.5],
    ['拾万元', 10],
    ['贰亿伍仟万元', 25000],
  ])('reads %j as %d', (text, n) => {
    expect(parseAmount(text)).toEqual(ok(n));
  });

  it('takes a number cell as 万元', () => {
    expect(parseAmount(50)).toEqual(ok(50));
    expect(parseAmount(0.5)).toEqual(ok(0.5));
  });

  it.each([
    '',
    '万元',
    '100万美元',
    'USD 100',
    '100港元',
    '-100万元',
    '1,00万元',
    '1.2.3万元',
    '100万元万元',
    'abc',
    'NaN',
    'Infinity',
    '1e3',
    '0x10',
    '壹佰万',
    '壹佰美元',
    '9'.repeat(400),
    '1'.repeat(1_000_000),
    '100\u0000万元',
  ])('refuses %j with AMOUNT_INVALID', (text) => {
    const r = parseAmount(text);
    expect(r).toMatchObject({ ok: false, code: 'AMOUNT_INVALID' });
  });

  it('refuses non-finite and negative number cells', () => {
    for (const n of [NaN, Infinity, -1])
      expect(parseAmount(n)).toMatchObject({ ok: false, code: 'AMOUNT_INVALID' });
  });
});

describe('chineseNumeralValue', () => {
  it('reads whole numbers, formal and everyday', () => {
    expect(chineseNumeralValue('壹佰万')).toBe(1_000_000);
    expect(chineseNumeralValue('一亿二千万')).toBe(120_000_000);
    expect(chineseNumeralValue('十')).toBe(10);
    expect(chineseNumeralValue('三百零五')).toBe(305);
    expect(chineseNumeralValue('两千')).toBe(2000);
    expect(chineseNumeralValue('')).toBeUndefined();
    expect(chineseNumeralValue('万')).toBeUndefined();
    expect(chineseNumeralValue('壹佰x')).toBeUndefined();
  });
});

describe('parseNumber and parseInteger', () => {
  it('read plain decimals, thousands separators and full-width digits', () => {
    expect(parseNumber('1234.5')).toEqual(ok(1234.5));
    expect(parseNumber('1,234,567.89')).toEqual(ok(1234567.89));
    expect(parseNumber('-3')).toEqual(ok(-3));
    expect(parseNumber('-0')).toEqual(ok(0));
    expect(parseNumber('１２３')).toEqual(ok(123));
    expect(parseNumber(' 12 ')).toEqual(ok(12));
    expect(parseNumber(7.5)).toEqual(ok(7.5));
    expect(parseInteger('12')).toEqual(ok(12));
    expect(parseInteger('12.0')).toEqual(ok(12));
    expect(parseInteger(3)).toEqual(ok(3));
  });

  it.each([
    '',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e5',
    '0x10',
    '1,2',
    '1.',
    '.5.',
    '12abc',
    '--1',
    '9'.repeat(41),
  ])('parseNumber refuses %j', (text) => {
    expect(parseNumber(text)).toMatchObject({ ok: false, code: 'NUMBER_INVALID' });
  });

  it('refuses non-finite numbers and fractions where a whole number is needed', () => {
    expect(parseNumber(NaN)).toMatchObject({ ok: false, code: 'NUMBER_INVALID' });
    expect(parseNumber(Infinity)).toMatchObject({ ok: false, code: 'NUMBER_INVALID' });
    expect(parseInteger('12.5')).toMatchObject({ ok: false, code: 'NUMBER_INVALID' });
    expect(parseInteger(2 ** 60)).toMatchObject({ ok: false, code: 'NUMBER_INVALID' });
  });
});
