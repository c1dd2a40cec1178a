import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.js';
import {
  createMaterialNormaliser,
  MAX_MATCHED_NAME_LENGTH,
  parseSynonymDictionary,
  type SynonymDictionary,
} from './material-normaliser.js';

const ID = '11100000000013127D001';
const HUKOU = '11100000000013127D002';
const LICENCE = '11100000MB0143028R001';
const PSI = '11100000TB0000087E001';
const DOCTOR = '11100000TB00000366001';

/** A small dictionary in the shape of material-synonyms.yaml (the real one is tested in interchange). */
const dictionary: SynonymDictionary = {
  version: 1,
  strip: [
    {
      pattern:
        '^(?:\\d{1,3}[.、:)]|\\(\\d{1,3}\\)|\\([一二三四五六七八九十]{1,3}\\)|[一二三四五六七八九十]{1,3}[、.])+',
    },
    { pattern: '[《》〈〉「」『』“”"]' },
    { pattern: '\\((?:原件|复印件|扫描件|影印件|正反面|正本|副本|及|和|与|或|、|/)+\\)' },
    { pattern: '原件|复印件|扫描件|影印件|正反面' },
    { pattern: '[。.;；,，、:：]+$' },
  ],
  ignore: {
    synonyms: ['身份证明书', '军队医师资格证书'],
    patterns: [
      '^.*(?:表|表格|申请书|决定|照片|彩照)(?:\\([^()]*\\))?$',
      '未(?:办理|领取|取得|申领|持有)[^,;、或]*?的',
      '等(?!级)[^,;、或]*$',
    ],
  },
  types: [
    {
      code: ID,
      name: '居民身份证',
      synonyms: ['居民身份证', '身份证', '身份证件', '身份证明'],
      exclude: ['外国|港澳'],
    },
    { code: LICENCE, name: '营业执照', synonyms: ['营业执照'] },
    { code: PSI, name: '事业单位法人证书', synonyms: ['事业单位法人证书', '法人证书'] },
    { code: HUKOU, name: '居民户口簿', synonyms: ['居民户口簿', '户口簿', '户口本'] },
    { code: DOCTOR, name: '医师资格证书', synonyms: [], patterns: ['医师资格证书?'] },
  ],
};

const n = createMaterialNormaliser(dictionary);

describe('createMaterialNormaliser: the cases named in the issue', () => {
  it.each([
    '居民身份证',
    '身份证',
    '二代身份证',
    '申请人身份证明',
    '居民身份证（原件及复印件）',
    '1.居民身份证',
  ])('%s → 居民身份证', (name) => {
    expect(n.map(name).typeCodes).toEqual([ID]);
  });

  it('营业执照 → 营业执照', () => {
    expect(n.map('营业执照')).toEqual({ typeCodes: [LICENCE], matched: '营业执照' });
  });

  it('企业营业执照或法人证书 → 营业执照 and 事业单位法人证书, as alternatives', () => {
    expect(n.map('企业营业执照或法人证书')).toEqual({
      typeCodes: [LICENCE, PSI],
      matched: '营业执照、法人证书',
      combination: 'one-of',
    });
  });

  it('营业执照等申请人身份证明文件 → 营业执照 only: what follows 等 is the category', () => {
    expect(n.map('营业执照等申请人身份证明文件').typeCodes).toEqual([LICENCE]);
  });

  it('申请人未满16周岁未办理身份证的交验户口簿 → 居民户口簿, not 居民身份证', () => {
    expect(n.map('申请人未满16周岁未办理身份证的交验户口簿').typeCodes).toEqual([HUKOU]);
  });

  it('《医师资格证书》 → 医师资格证书 (book-title marks stripped)', () => {
    expect(n.map('《医师资格证书》')).toEqual({ typeCodes: [DOCTOR], matched: '医师资格证书' });
  });
});

describe('createMaterialNormaliser: the more specific rule wins', () => {
  it('a longer synonym beats a shorter one inside it', () => {
    expect(n.map('事业单位法人证书').typeCodes).toEqual([PSI]);
    expect(n.map('事业单位法人证书').matched).toBe('事业单位法人证书');
  });

  it('an ignore phrase beats the certificate name it contains', () => {
    expect(n.map('法定代表人（负责人）身份证明书').typeCodes).toEqual([]);
    expect(n.map('持有的军队《医师资格证书》').typeCodes).toEqual([]);
  });

  it('a whole-name form, decision or photo maps to nothing', () => {
    expect(n.map('《军队医师换领地方〈医师资格证书〉申请表》').typeCodes).toEqual([]);
    expect(n.map('市场监管机关发出的吊销工商营业执照决定').typeCodes).toEqual([]);
    expect(n.map('执业药师本人手持身份证彩照。').typeCodes).toEqual([]);
    expect(n.map('居民身份证申请表（补办申请）').typeCodes).toEqual([]);
  });

  it('an exclude pattern keeps a type away from a whole name', () => {
    expect(n.map('申请方（外国公民、组织和国际组织）的身份证明').typeCodes).toEqual([]);
  });

  it('two different certificates joined by 、 or 和 are both needed', () => {
    expect(n.map('居民身份证、户口簿')).toMatchObject({ typeCodes: [ID, HUKOU], combination: 'all-of' });
    expect(n.map('营业执照和法人证书')).toMatchObject({ typeCodes: [LICENCE, PSI], combination: 'all-of' });
  });

  it('alternatives are recognised with 或, 或者 and /', () => {
    expect(n.map('居民身份证或营业执照或事业单位法人证书')).toMatchObject({
      typeCodes: [ID, LICENCE, PSI],
      combination: 'one-of',
    });
    expect(n.map('身份证/户口本').combination).toBe('one-of');
    expect(n.map('营业执照、身份证或者法人证书').combination).toBe('one-of');
  });

  it('a type found twice is listed once', () => {
    expect(n.map('居民身份证或有效身份证明').typeCodes).toEqual([ID]);
  });

  it('等级 is a word, not the 等 of a category', () => {
    const d: SynonymDictionary = { ...dictionary, types: [{ code: ID, name: 'x', synonyms: ['等级证书'] }] };
    expect(createMaterialNormaliser(d).map('普通话等级证书').typeCodes).toEqual([ID]);
  });
});

describe('createMaterialNormaliser: folding and bad input', () => {
  it('folds full-width characters and whitespace, and strips copy words and numbering', () => {
    expect(n.normalise(' （一）居民 身份证（正反面）；')).toBe('居民身份证');
    expect(n.normalise('２、营业执照副本（复印件）')).toBe('营业执照副本');
    expect(n.map('１．身份证\u3000原件').typeCodes).toEqual([ID]);
  });

  it('keeps parentheses that name the certificate', () => {
    expect(n.map('法定登记注册文件（营业执照）').typeCodes).toEqual([LICENCE]);
  });

  it('maps nothing for empty, blank, unknown and absurdly long names', () => {
    expect(n.map('')).toEqual({ typeCodes: [] });
    expect(n.map('   ')).toEqual({ typeCodes: [] });
    expect(n.map('航道行政许可申请书')).toEqual({ typeCodes: [] });
    expect(n.map('个人简历')).toEqual({ typeCodes: [] });
    expect(n.map('身份证'.repeat(MAX_MATCHED_NAME_LENGTH))).toEqual({ typeCodes: [] });
    expect(n.map(42 as unknown as string)).toEqual({ typeCodes: [] });
  });

  it('stays fast on a hostile name just under the length limit', () => {
    const name = '未办理'.repeat(Math.floor(MAX_MATCHED_NAME_LENGTH / 3) - 1);
    const t0 = performance.now();
    n.map(name);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('refuses an invalid regular expression, naming the entry', () => {
    const bad: SynonymDictionary = {
      ...dictionary,
      types: [{ code: ID, name: '居民身份证', synonyms: [], patterns: ['(身份证'] }],
    };
    expect(() => createMaterialNormaliser(bad)).toThrow(/types\[0\] \(居民身份证\)\.patterns\[0\]/);
  });

  it('refuses a synonym that folds to nothing', () => {
    const bad: SynonymDictionary = {
      ...dictionary,
      types: [{ code: ID, name: '居民身份证', synonyms: ['《》'] }],
    };
    expect(() => createMaterialNormaliser(bad)).toThrow(/empty after folding/);
  });
});

describe('parseSynonymDictionary', () => {
  it('accepts a well-formed document', () => {
    const parsed = parseSynonymDictionary(JSON.parse(JSON.stringify(dictionary)));
    expect(parsed.types).toHaveLength(dictionary.types.length);
    expect(createMaterialNormaliser(parsed).map('身份证').typeCodes).toEqual([ID]);
  });

  it('lists every problem with its path', () => {
    try {
      parseSynonymDictionary({
        version: 2,
        strip: [{ pattern: 3 }],
        ignore: { synonyms: 'x' },
        types: [
          { code: 'nope', name: '', synonyms: [1] },
          'x',
          { code: ID, name: 'a', synonyms: ['a'] },
          { code: ID, name: 'b', synonyms: ['b'] },
        ],
      });
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e)).toBe(true);
      const msg = (e as Error).message;
      for (const part of [
        'version must be 1',
        'strip[0]',
        'ignore.synonyms must be a list',
        'types[0].code',
        'types[0].name',
        'types[0].synonyms[0]',
        'types[0] needs at least one synonym or pattern',
        'types[1] must be a mapping',
        `types[3].code ${ID} appears twice`,
      ]) {
        expect(msg).toContain(part);
      }
    }
  });

  it('refuses a document that is not a mapping', () => {
    expect(() => parseSynonymDictionary(null)).toThrow(/must be a mapping/);
    expect(() => parseSynonymDictionary([])).toThrow(/must be a mapping/);
  });

  it('refuses an invalid pattern', () => {
    const doc = JSON.parse(JSON.stringify(dictionary)) as { ignore: { patterns: string[] } };
    doc.ignore.patterns.push('[');
    expect(() => parseSynonymDictionary(doc)).toThrow(
      /ignore\.patterns\[3\]: not a valid regular expression/,
    );
  });
});
