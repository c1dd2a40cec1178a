import { describe, expect, it } from 'vitest';
import { normaliseColumnName, normaliseIdNumber, toHalfwidth, trimText } from './clean-text.js';

describe('toHalfwidth', () => {
  it('turns full-width ASCII and the ideographic space into ASCII', () => {
    expect(toHalfwidth('ＡＢＣ１２３，（）：；ｘ\u3000！～')).toBe('ABC123,():;x !~');
  });
  it('leaves Chinese text and CJK punctuation alone', () => {
    expect(toHalfwidth('示范市、《营业执照》。')).toBe('示范市、《营业执照》。');
  });
  it('is total on hostile input', () => {
    expect(toHalfwidth('')).toBe('');
    expect(toHalfwidth('\u0000\uFFFF\uD800')).toBe('\u0000\uFFFF\uD800');
    expect(toHalfwidth('１'.repeat(1_000_000))).toBe('1'.repeat(1_000_000));
  });
});

describe('trimText', () => {
  it('trims and collapses every run of whitespace, the ideographic space included', () => {
    expect(trimText('  示范市 \u3000 解放路\t\t9号\r\n ')).toBe('示范市 解放路 9号');
    expect(trimText('\u00A0名称\u3000')).toBe('名称');
  });
  it('removes zero-width characters and a stray byte-order mark', () => {
    expect(trimText('\uFEFF林\u200B晓\u200D东\u2060')).toBe('林晓东');
  });
  it('keeps other control characters (map-row refuses them)', () => {
    expect(trimText(' a\u0007b ')).toBe('a\u0007b');
  });
  it('is linear on a huge string', () => {
    expect(trimText(' '.repeat(2_000_000) + 'x' + ' \u3000'.repeat(1_000_000))).toBe('x');
  });
});

describe('normaliseIdNumber', () => {
  it('accepts spaces, full-width digits and a lower-case x', () => {
    expect(normaliseIdNumber('110105 19491231 002x')).toBe('11010519491231002X');
    expect(normaliseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(normaliseIdNumber('\u200B91330100ma2000019m\u3000')).toBe('91330100MA2000019M');
  });
});

describe('normaliseColumnName', () => {
  it('makes the header cell and the mapping agree', () => {
    expect(normaliseColumnName(' 注册资本\u3000')).toBe('注册资本');
    expect(normaliseColumnName('注册资本\n（万元）')).toBe('注册资本 (万元)');
  });
});
