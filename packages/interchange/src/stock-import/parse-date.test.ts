import { describe, expect, it } from 'vitest';
import { excelSerialToIsoDate, parseDate } from './parse-date.js';

const ok = (value: string) => ({ ok: true, value });

describe('parseDate', () => {
  it.each([
    '2021年5月26日',
    '2021年05月26日',
    '2021 年 5 月 26 日',
    '2021年5月26',
    '2021.5.26',
    '2021/5/26',
    '2021-5-26',
    '2021-05-26',
    '20210526',
    '２０２１－０５－２６',
    ' 2021/05/26 ',
    '2021-05-26 00:00:00',
    '2021-05-26T08:30',
    '2021/5/26 23:59:59.0',
    '44342',
    '44342.75',
  ])('reads %j as 2021-05-26', (text) => {
    expect(parseDate(text)).toEqual(ok('2021-05-26'));
  });

  it('reads Excel serial numbers and date cells', () => {
    expect(parseDate(44342)).toEqual(ok('2021-05-26'));
    expect(parseDate(new Date(Date.UTC(2021, 4, 26)))).toEqual(ok('2021-05-26'));
    // A date cell with a time keeps its UTC day: exceljs reads Excel dates as UTC.
    expect(parseDate(new Date(Date.UTC(2021, 4, 26, 23, 59)))).toEqual(ok('2021-05-26'));
  });

  it('knows leap years', () => {
    expect(parseDate('2020-02-29')).toEqual(ok('2020-02-29'));
    expect(parseDate('2000-02-29')).toEqual(ok('2000-02-29'));
    expect(parseDate('1900-02-29')).toMatchObject({ ok: false, code: 'DATE_INVALID' });
    expect(parseDate('2021-02-29')).toMatchObject({ ok: false, code: 'DATE_INVALID' });
  });

  it.each([
    '2021-02-30',
    '2021-04-31',
    '2021-13-01',
    '2021-00-10',
    '2021-05-00',
    '20210230',
    '2021年2月30日',
    '0202-05-26',
    '2021-05/26',
    '2021-05-26 25',
    '26/05/2021',
    '05/26/2021',
    '2021',
    '',
    '   ',
    '长期',
    'NaN',
    'Infinity',
    '-44342',
    '1e5',
    '0x10',
    '2021-05-26; DROP TABLE',
    '2021\u00005\u000026',
    '44342'.repeat(10),
    '9'.repeat(100_000),
  ])('refuses %j with DATE_INVALID', (text) => {
    const r = parseDate(text);
    expect(r).toMatchObject({ ok: false, code: 'DATE_INVALID' });
    if (!r.ok && text.length > 3) expect(r.message).not.toContain(text);
  });

  it('refuses invalid numbers and dates', () => {
    for (const n of [NaN, Infinity, -Infinity, 0, -1, 0.5, 2958466, 1e300])
      expect(parseDate(n)).toMatchObject({ ok: false, code: 'DATE_INVALID' });
    expect(parseDate(new Date(NaN))).toMatchObject({ ok: false, code: 'DATE_INVALID' });
    expect(parseDate(new Date(Date.UTC(1700, 0, 1)))).toMatchObject({ ok: false, code: 'DATE_INVALID' });
  });
});

describe('excelSerialToIsoDate', () => {
  it('follows the 1900 date system, fake leap day included', () => {
    expect(excelSerialToIsoDate(1)).toEqual(ok('1900-01-01'));
    expect(excelSerialToIsoDate(59)).toEqual(ok('1900-02-28'));
    expect(excelSerialToIsoDate(60)).toMatchObject({ ok: false, code: 'DATE_INVALID' });
    expect(excelSerialToIsoDate(61)).toEqual(ok('1900-03-01'));
    expect(excelSerialToIsoDate(36526)).toEqual(ok('2000-01-01'));
    expect(excelSerialToIsoDate(1799)).toEqual(ok('1904-12-03'));
    expect(excelSerialToIsoDate(2021)).toMatchObject({ ok: false, message: 'a year alone is not a date' });
    expect(excelSerialToIsoDate(2200)).toEqual(ok('1906-01-08'));
    expect(excelSerialToIsoDate(2958465)).toEqual(ok('9999-12-31'));
    expect(excelSerialToIsoDate(2958466)).toMatchObject({ ok: false });
  });
});
