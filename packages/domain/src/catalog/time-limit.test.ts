import { describe, expect, it } from 'vitest';
import { MAX_TIME_LIMIT_DAYS, parseTimeLimit } from './time-limit.js';

describe('parseTimeLimit', () => {
  it.each([
    // The spellings present in the Guangdong file (handle_time, handle_time_limit).
    ['20(工作日)', { days: 20, unit: 'working' }],
    ['1(工作日)', { days: 1, unit: 'working' }],
    ['365(工作日)', { days: 365, unit: 'working' }],
    ['90(自然日)', { days: 90, unit: 'natural' }],
    ['30(自然日)', { days: 30, unit: 'natural' }],
    // Other spellings seen in catalogs of other provinces.
    ['20（工作日）', { days: 20, unit: 'working' }],
    ['２０（工作日）', { days: 20, unit: 'working' }],
    [' 20 ( 工作日 ) ', { days: 20, unit: 'working' }],
    ['20\u3000(工作日)', { days: 20, unit: 'working' }],
    ['0.5(工作日)', { days: 0.5, unit: 'working' }],
    ['20个工作日', { days: 20, unit: 'working' }],
    ['20工作日', { days: 20, unit: 'working' }],
    ['20(个工作日)', { days: 20, unit: 'working' }],
    ['60日历日', { days: 60, unit: 'natural' }],
  ])('reads %j', (text, value) => {
    expect(parseTimeLimit(text)).toEqual({ ok: true, value });
  });

  it.each(['无', ' 无 ', '', '   ', '无时限', '不限'])('reads %j as no limit', (text) => {
    expect(parseTimeLimit(text)).toEqual({ ok: true, value: null });
  });

  it.each([
    '二十(工作日)',
    '20',
    '20(工作日',
    '20)工作日(',
    '(工作日)',
    '-5(工作日)',
    '20(小时)',
    '20(工作日)20(工作日)',
    'abc',
    '1e3(工作日)',
    'NaN(工作日)',
    '20(工作日)；特殊情况延长10日',
    '0(工作日)',
    '0.0(自然日)',
    '即办',
  ])('refuses %j with a reason', (text) => {
    const r = parseTimeLimit(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/time limit/);
  });

  it('refuses a bare 天 or 日 as ambiguous between working and natural days', () => {
    for (const text of ['20天', '20日']) {
      const r = parseTimeLimit(text);
      expect(r).toEqual({ ok: false, reason: expect.stringMatching(/工作日.*自然日/) as unknown });
    }
  });

  it('refuses absurd lengths', () => {
    expect(parseTimeLimit(`${MAX_TIME_LIMIT_DAYS}(自然日)`).ok).toBe(true);
    expect(parseTimeLimit(`${MAX_TIME_LIMIT_DAYS + 1}(自然日)`).ok).toBe(false);
    expect(parseTimeLimit('9'.repeat(5000) + '(工作日)').ok).toBe(false);
  });

  it('does not throw on values of the wrong type from untyped callers', () => {
    expect(parseTimeLimit(20 as unknown as string).ok).toBe(false);
    expect(parseTimeLimit(null as unknown as string).ok).toBe(false);
  });
});
