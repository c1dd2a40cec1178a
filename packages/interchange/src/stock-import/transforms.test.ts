import { describe, expect, it } from 'vitest';
import { applyTransforms, type CellValue, type TransformSpec } from './transforms.js';

const t = (...names: (TransformSpec['name'] | TransformSpec)[]): TransformSpec[] =>
  names.map((n) => (typeof n === 'string' ? ({ name: n } as TransformSpec) : n));
const run = (specs: TransformSpec[], cell: CellValue) => applyTransforms(specs, cell);
const ok = (value: unknown) => ({ ok: true, value });

describe('applyTransforms: the text transforms', () => {
  it('trim, halfwidth, upper, idNumber', () => {
    expect(run(t('trim'), '  示范市\u3000\u3000解放路  ')).toEqual(ok('示范市 解放路'));
    expect(run(t('halfwidth'), 'ＡＢＣ１２３')).toEqual(ok('ABC123'));
    expect(run(t('upper'), 'ma2x')).toEqual(ok('MA2X'));
    expect(run(t('idNumber'), '330106 19850312 052x')).toEqual(ok('33010619850312052X'));
    expect(run(t('halfwidth', 'trim', 'upper'), ' ｍａ２０００ ')).toEqual(ok('MA2000'));
  });

  it('work on number and date cells through their text', () => {
    expect(run(t('trim'), 44342)).toEqual(ok('44342'));
    expect(run(t('upper'), new Date(Date.UTC(2021, 4, 26)))).toEqual(ok('2021-05-26'));
  });

  it('survive hostile text', () => {
    const huge = 'ａ'.repeat(500_000);
    expect(run(t('halfwidth', 'upper'), huge)).toEqual(ok('A'.repeat(500_000)));
    expect(run(t('trim'), '\u0000\u0007x\u001f')).toEqual(ok('\u0000\u0007x\u001f'));
    expect(run(t('idNumber'), '\uD800\uDFFF')).toEqual(ok('\uD800\uDFFF'));
  });
});

describe('applyTransforms: empty cells', () => {
  it('makes empty and whitespace-only cells missing', () => {
    for (const cell of [undefined, '', '   ', '\u3000', '\u200B'])
      expect(run(t('trim', 'date'), cell)).toEqual(ok(undefined));
  });

  it('`empty` also treats placeholders as missing, wherever it stands', () => {
    for (const cell of ['-', '/', '无', ' － ', '——', 'NULL'])
      expect(run(t('trim', 'empty'), cell)).toEqual(ok(undefined));
    expect(run(t('trim'), '无')).toEqual(ok('无'));
  });

  it('`default` gives an empty cell a value', () => {
    expect(run(t({ name: 'default', value: '有效' }, 'status'), '')).toEqual(ok('有效'));
    expect(run(t({ name: 'default', value: '有效' }, 'status'), '注销')).toEqual(ok('cancelled'));
    expect(run(t('empty', { name: 'default', value: 0 }), '-')).toEqual(ok(0));
  });

  it('`longTerm` turns empty cells and long-term words into null, before `date`', () => {
    for (const cell of [undefined, '', '长期', '永久', '长期有效', '无固定期限', ' 长期 ', '-'])
      expect(run(t('date', 'longTerm'), cell)).toEqual(ok(null));
    expect(run(t('date', 'longTerm'), '2041年5月25日')).toEqual(ok('2041-05-25'));
    expect(run(t('date', 'longTerm'), '短期')).toMatchObject({ ok: false, code: 'DATE_INVALID' });
  });
});

describe('applyTransforms: values', () => {
  it('date, amount, number, integer', () => {
    expect(run(t('date'), '2021/5/26')).toEqual(ok('2021-05-26'));
    expect(run(t('date'), '2021-02-30')).toMatchObject({ ok: false, code: 'DATE_INVALID' });
    expect(run(t('amount'), '100万元')).toEqual(ok(100));
    expect(run(t('amount'), '100 dollars')).toMatchObject({ ok: false, code: 'AMOUNT_INVALID' });
    expect(run(t('number'), '1,234.5')).toEqual(ok(1234.5));
    expect(run(t('number'), 'NaN')).toMatchObject({ ok: false, code: 'NUMBER_INVALID' });
    expect(run(t('integer'), '7')).toEqual(ok(7));
    expect(run(t('integer'), '7.5')).toMatchObject({ ok: false, code: 'NUMBER_INVALID' });
  });

  it('a date cell with no transform becomes YYYY-MM-DD', () => {
    expect(run([], new Date(Date.UTC(2021, 4, 26)))).toEqual(ok('2021-05-26'));
    expect(run([], new Date(NaN))).toMatchObject({ ok: false, code: 'DATE_INVALID' });
  });

  it('status reads Chinese names and codes', () => {
    const cases = {
      有效: 'valid',
      暂扣: 'suspended',
      撤销: 'revoked',
      注销: 'cancelled',
      失效: 'expired',
      吊销: 'withdrawn',
    };
    for (const [name, code] of Object.entries(cases)) {
      expect(run(t('status'), name)).toEqual(ok(code));
      expect(run(t('status'), ` ${code.toUpperCase()} `)).toEqual(ok(code));
    }
    const bad = run(t('status'), '正常');
    expect(bad).toMatchObject({ ok: false, code: 'STATUS_INVALID' });
    expect(run(t('status'), 'constructor')).toMatchObject({ ok: false, code: 'STATUS_INVALID' });
  });

  it('map replaces by own entries only', () => {
    const sex = { name: 'map', table: { 男: '男', M: '男', F: '女', 1: '男' } } as const;
    expect(run(t(sex), 'M')).toEqual(ok('男'));
    expect(run(t(sex), ' F ')).toEqual(ok('女'));
    expect(run(t(sex), 1)).toEqual(ok('男'));
    expect(run(t(sex), 'm')).toMatchObject({ ok: false, code: 'VALUE_NOT_MAPPED' });
    for (const hostile of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(run(t(sex), hostile)).toMatchObject({ ok: false, code: 'VALUE_NOT_MAPPED' });
    const message = run(t(sex), '330106198503120116');
    expect(!message.ok && message.message).not.toContain('330106198503120116');
  });

  it('map can give numbers and booleans, and feed status', () => {
    expect(run(t({ name: 'map', table: { 是: true, 否: false } }), '是')).toEqual(ok(true));
    expect(run(t({ name: 'map', table: { 正常: '有效', 存续: '有效' } }, 'status'), '存续')).toEqual(
      ok('valid'),
    );
  });

  it('split cuts at any separator, trims parts, drops empty ones, and later transforms run on each part', () => {
    const split = { name: 'split', separators: [';', '；', '、'] } as const;
    expect(run(t(split), '软件开发；信息技术咨询服务; 、 技术服务;')).toEqual(
      ok(['软件开发', '信息技术咨询服务', '技术服务']),
    );
    expect(run(t('halfwidth', split, 'upper'), 'ａ；ｂ')).toEqual(ok(['A', 'B']));
    expect(run(t(split, 'integer'), '1;2;3')).toEqual(ok([1, 2, 3]));
    expect(run(t(split, 'integer'), '1;x;3')).toMatchObject({ ok: false, code: 'NUMBER_INVALID' });
    expect(run(t(split, 'date'), '2021-05-26;2021/5/27')).toEqual(ok(['2021-05-26', '2021-05-27']));
    expect(run(t(split), ';;;')).toEqual(ok([]));
  });

  it('a failure stops the chain', () => {
    expect(run(t('date', 'upper'), 'tomorrow')).toMatchObject({ ok: false, code: 'DATE_INVALID' });
  });
});
