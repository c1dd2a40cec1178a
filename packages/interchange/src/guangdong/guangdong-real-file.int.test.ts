import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMaterialNormaliser,
  hasErrors,
  isDomainError,
  validateCatalog,
  validateCreditCode,
} from '@tongban/domain';
import { sharedPath } from '@tongban/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  importGuangdongFile,
  importGuangdongItems,
  loadMaterialSynonyms,
  loadNationalCertificateTypes,
  MATERIAL_SYNONYMS_PATH,
  NATIONAL_CERTIFICATE_TYPES_PATH,
} from './index.js';

/**
 * The real Guangdong file (shared/data/gd-service-items/items.jsonl) through the shipped data files
 * (data/national-certificate-types.yaml, data/material-synonyms.yaml). The counts are pinned: when the
 * dictionary is edited on purpose, update them here and say why in the change.
 */

const ITEMS_PATH = sharedPath('data', 'gd-service-items', 'items.jsonl');
const text = readFileSync(ITEMS_PATH, 'utf8');
const certificateTypes = loadNationalCertificateTypes();
const dictionary = loadMaterialSynonyms();
const options = { fileName: 'items.jsonl', certificateTypes, dictionary };
const result = importGuangdongItems(text, options);

const ID = '11100000000013127D001';
const LICENCE = '11100000MB0143028R001';

describe('national-certificate-types.yaml', () => {
  it('loads, with unique codes, each its defining department’s valid credit code + 3 digits', () => {
    expect(certificateTypes.length).toBeGreaterThanOrEqual(25);
    expect(new Set(certificateTypes.map((t) => t.code)).size).toBe(certificateTypes.length);
    for (const t of certificateTypes) {
      expect(t.code).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/);
      expect(t.code.slice(0, 18)).toBe(t.definingDeptCode);
      expect(validateCreditCode(t.definingDeptCode)).toMatchObject({ ok: true, warnings: [] });
      expect(t.fields.required?.length ?? 0).toBeGreaterThan(0);
      for (const [name, f] of Object.entries(t.fields.properties))
        expect(f.title, name).toMatch(/\p{Script=Han}/u);
    }
  });

  it('uses the real national codes for 居民身份证 and 营业执照', () => {
    expect(certificateTypes.find((t) => t.code === ID)?.name).toBe('居民身份证');
    expect(certificateTypes.find((t) => t.code === LICENCE)?.name).toBe('营业执照');
  });

  it('passes validateCatalog', () => {
    expect(validateCatalog({ departments: [], certificateTypes, items: [] })).toEqual([]);
  });
});

describe('material-synonyms.yaml', () => {
  it('names only types of national-certificate-types.yaml, under their names', () => {
    const byCode = new Map(certificateTypes.map((t) => [t.code, t.name]));
    for (const e of dictionary.types) expect(byCode.get(e.code), e.code).toBe(e.name);
  });

  const n = createMaterialNormaliser(dictionary);
  const name = (code: string): string => certificateTypes.find((t) => t.code === code)?.name ?? code;
  const mapNames = (material: string): string[] => n.map(material).typeCodes.map(name);

  it.each([
    ['居民身份证', ['居民身份证']],
    ['身份证', ['居民身份证']],
    ['二代身份证', ['居民身份证']],
    ['申请人身份证明', ['居民身份证']],
    ['营业执照', ['营业执照']],
    ['企业营业执照或法人证书', ['营业执照', '事业单位法人证书']],
    ['营业执照等申请人身份证明文件', ['营业执照']],
    ['申请人未满16周岁未办理身份证的交验户口簿', ['居民户口簿']],
    ['《医师资格证书》', ['医师资格证书']],
    ['居民身份证或营业执照或事业单位登记证书', ['居民身份证', '营业执照', '事业单位法人证书']],
    ['法定登记注册文件（民办非企业单位登记证）', ['民办非企业单位登记证书']],
    ['律师事务所执业许可证副本', ['律师事务所执业许可证']],
    ['外国人永久居留身份证', ['外国人永久居留身份证']],
    ['原律师执业证（工作证）', ['律师执业证']],
    ['供养亲属居民身份证或户口簿', ['居民身份证', '居民户口簿']],
  ])('%s → %j', (material, expected) => {
    expect(mapNames(material)).toEqual(expected);
  });

  // Known false positives of a naive substring match, pinned.
  it.each([
    '持有的军队《医师资格证书》',
    '《军队医师换领地方〈医师资格证书〉申请表》',
    '申请方（外国公民、组织和国际组织）的身份证明',
    '香港或澳门特别行政区永久性居民身份证',
    '台湾地区永久性居民身份证明材料',
    '法定代表人（负责人）身份证明书',
    '中华人民共和国残疾人证申请表（补办申请）',
    '执业药师本人手持身份证彩照。',
    '手持身份证照片',
    'A05005《中国税收居民身份证明》申请表',
    '其他身份证件',
    '市场监管机关发出的吊销工商营业执照决定',
    '聘请单位的组织机构代码证或法人登记证书',
    '广东省残疾人证迁移证明',
    '律师执业证书注销审核申请表格',
    '外国专家最高学历证书或专业资格证书',
    '水域滩涂养殖证申请表',
  ])('%s → nothing', (material) => {
    expect(mapNames(material)).toEqual([]);
  });
});

describe('the real Guangdong file', () => {
  it('imports exactly 2,024 items without errors', () => {
    expect(result.catalog.items).toHaveLength(2024);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(hasErrors(result.issues)).toBe(false);
    expect(new Set(result.catalog.items.map((i) => i.itemCode)).size).toBe(2024);
  });

  it('reads every time limit and item type in the file', () => {
    expect(
      result.issues.filter((i) => i.code === 'INVALID_TIME_LIMIT' || i.code === 'INVALID_ITEM_TYPE'),
    ).toEqual([]);
    const limits = result.catalog.items.flatMap((i) => [i.statutoryDays, i.promisedDays]);
    expect(limits.filter((l) => l === null)).toHaveLength(713 + 539);
    expect(limits.filter((l) => l?.unit === 'natural')).toHaveLength(11 + 2);
    expect(result.catalog.items.filter((i) => i.type === '公共服务')).toHaveLength(1586);
    expect(result.catalog.items.every((i) => /^\d{12}$/.test(i.baseCode))).toBe(true);
  });

  it('flags exactly two department codes: one failing the check character, one not a credit code', () => {
    expect(result.report.flaggedDepartments).toEqual([
      expect.objectContaining({
        creditCode: 'TE440000GD030003VV',
        name: '广东省文献编目中心',
        flags: ['CREDIT_CODE_INVALID'],
        firstLine: 1834,
        items: 3,
      }),
      expect.objectContaining({
        creditCode: '13440000515356094L',
        name: '广东省红十字会',
        // Its organisation code (characters 9-17) fails GB 11714 as well, hence both flags.
        flags: ['CREDIT_CODE_CHECK_MISMATCH', 'CREDIT_CODE_INVALID'],
        firstLine: 1932,
        items: 3,
      }),
    ]);
    const deptIssues = result.issues.filter(
      (i) => i.code === 'INVALID_CREDIT_CODE' || i.code === 'CREDIT_CODE_CHECK_MISMATCH',
    );
    expect(deptIssues.map((i) => [i.code, i.line])).toEqual([
      ['INVALID_CREDIT_CODE', 1834],
      ['CREDIT_CODE_CHECK_MISMATCH', 1932],
    ]);
    const flagged = result.catalog.departments.filter((d) => d.flags !== undefined);
    expect(flagged.map((d) => d.creditCode)).toEqual(['TE440000GD030003VV', '13440000515356094L']);
  });

  it('has 166 departments, all provincial and named', () => {
    expect(result.catalog.departments).toHaveLength(166);
    for (const d of result.catalog.departments) {
      expect(d.level).toBe('province');
      expect(d.name).toBe(d.name.trim());
      expect(d.name).not.toBe('');
    }
  });

  it('reports the material mapping (pinned counts)', () => {
    expect(result.report.counts).toEqual({
      lines: 2024,
      items: 2024,
      skippedLines: 0,
      departments: 166,
      flaggedDepartments: 2,
      materials: 2137,
      duplicateMaterialsRemoved: 0,
      blankMaterialsSkipped: 0,
      distinctMaterialNames: 1122,
      mapped: 534,
      unmapped: 1603,
      distinctMappedNames: 134,
      distinctUnmappedNames: 988,
      alternatives: 28,
      catalogMaterials: 2168,
      certificateTypes: 28,
    });
    const c = result.report.counts;
    expect(c.mapped + c.unmapped).toBe(c.materials);
    expect(result.issues.filter((i) => i.code === 'UNMAPPED_MATERIAL')).toHaveLength(c.distinctUnmappedNames);
    expect(result.report.unmapped.reduce((s, u) => s + u.items, 0)).toBe(c.unmapped);
    const counts = result.report.unmapped.map((u) => u.items);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('maps the frequent certificate names', () => {
    const byType = new Map(result.report.mappedByType.map((t) => [t.name, t]));
    expect(byType.get('居民身份证')?.items).toBe(243);
    expect(byType.get('营业执照')?.items).toBe(52);
    expect(byType.get('事业单位法人证书')?.items).toBe(40);
    expect(byType.get('居民户口簿')?.items).toBe(22);
    for (const name of ['医师资格证书', '医师执业证书', '专业技术职务任职资格证书'])
      expect(byType.get(name)?.items).toBe(18);
    const mapped = new Set(
      result.catalog.items.flatMap((i) =>
        i.materials.filter((m) => m.source.kind === 'certificate').map((m) => m.name),
      ),
    );
    for (const name of [
      '居民身份证',
      '《医师资格证书》',
      '医师执业证书',
      '专业技术职务任职资格证书',
      '营业执照',
      '事业单位法人证书',
      '企业营业执照或法人证书',
      '居民户口簿',
      '营业性演出许可证',
      '与拟申请医师资格类别相应的医学专业学历证书',
      '纳税人身份证件',
      '工伤职工身份证',
      '代办人身份证',
      '营业执照或事业单位法人证书',
      '律师事务所执业许可证副本',
      '身份证',
      '社会保障卡',
      '原律师执业证（工作证）',
      '申请人身份证明',
      '身份证明',
      '广东省居民户口簿',
      '有效身份证件原件',
      '中华人民共和国残疾人证',
    ]) {
      expect(mapped.has(name), name).toBe(true);
    }
    expect(result.report.unmapped.some((u) => u.name === '持有的军队《医师资格证书》')).toBe(true);
  });

  it('declares the type’s required fields on every certificate material', () => {
    const types = new Map(result.catalog.certificateTypes.map((t) => [t.code, t]));
    for (const item of result.catalog.items) {
      for (const m of item.materials) {
        if (m.source.kind !== 'certificate') continue;
        expect(m.source.fields).toEqual(types.get(m.source.typeCode)?.fields.required);
      }
    }
  });

  it('produces a catalog that validateCatalog accepts (warnings only)', () => {
    const issues = validateCatalog(result.catalog);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('reports a doctored copy: a broken line in the middle and a truncated last line', () => {
    const lines = text.split('\n');
    expect(lines[2024]).toBe('');
    lines[999] = (lines[999] ?? '').slice(0, 300);
    const doctored = lines.slice(0, 2023).join('\n') + '\n' + (lines[2023] ?? '').slice(0, 500);
    const r = importGuangdongItems(doctored, options);
    expect(r.catalog.items).toHaveLength(2022);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.line])).toEqual([
      ['MALFORMED_FILE', 1000],
      ['MALFORMED_FILE', 2024],
    ]);
    expect(r.issues.find((i) => i.line === 2024 && i.code === 'MALFORMED_FILE')?.message).toMatch(
      /truncated/,
    );
    expect(r.report.counts.skippedLines).toBe(2);
  });

  it('imports the same through importGuangdongFile', () => {
    const r = importGuangdongFile(ITEMS_PATH);
    expect(r.report).toEqual(result.report);
  });
});

describe('loading broken data files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-gd-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const failure = (f: () => unknown): Error => {
    try {
      f();
    } catch (e) {
      expect(isDomainError(e)).toBe(true);
      return e as Error;
    }
    throw new Error('expected a failure');
  };

  it('names a missing file', () => {
    expect(failure(() => loadMaterialSynonyms(join(dir, 'missing.yaml'))).message).toMatch(
      /missing\.yaml: cannot be read \(ENOENT\)/,
    );
    expect(failure(() => loadNationalCertificateTypes(join(dir, 'missing.yaml'))).message).toMatch(
      /cannot be read/,
    );
  });

  it('names a file that is not YAML', () => {
    const p = file('broken.yaml', 'version: 1\nstrip: [\n  - a: b\n');
    expect(failure(() => loadMaterialSynonyms(p)).message).toMatch(/broken\.yaml: not valid YAML/);
  });

  it('lists what is wrong with a dictionary', () => {
    const p = file(
      'bad-synonyms.yaml',
      "version: 1\nstrip: []\nignore: {synonyms: []}\ntypes:\n  - code: X\n    name: x\n    synonyms: ['(']\n    patterns: ['(']\n",
    );
    const e = failure(() => loadMaterialSynonyms(p));
    expect(e.message).toMatch(/bad-synonyms\.yaml: synonym dictionary: types\[0\]\.code/);
  });

  it('lists what is wrong with the certificate types', () => {
    const original = readFileSync(NATIONAL_CERTIFICATE_TYPES_PATH, 'utf8');
    const noLegalBasis = original.replace(/\n {4}legalBasis: 《中华人民共和国居民身份证法》[^\n]*/u, '');
    expect(noLegalBasis).not.toBe(original);
    expect(failure(() => loadNationalCertificateTypes(file('t1.yaml', noLegalBasis))).message).toMatch(
      /t1\.yaml: .*sharing class conditional needs the legal basis/,
    );
    const badDept = original.replace(
      'definingDeptCode: 11100000MB0143028R',
      'definingDeptCode: 11100000MB0143028Q',
    );
    expect(failure(() => loadNationalCertificateTypes(file('t2.yaml', badDept))).message).toMatch(
      /营业执照\)\.definingDeptCode: The check character does not match/,
    );
    const badShape =
      'certificateTypes:\n  - code: 11100000000013127D001\n    name: 居民身份证\n    grade: 9\n';
    const e = failure(() => loadNationalCertificateTypes(file('t3.yaml', badShape)));
    expect(e.message).toMatch(/certificateTypes\[0\]\.grade must be 1, 2, 3 or 4/);
    expect(e.message).toMatch(/certificateTypes\[0\]\.fields must be/);
    expect(failure(() => loadNationalCertificateTypes(file('t4.yaml', '- a\n- b\n'))).message).toMatch(
      /expected a mapping with a certificateTypes list/,
    );
  });

  it('ships its data files beside the package', () => {
    expect(MATERIAL_SYNONYMS_PATH).toMatch(/packages[/\\]interchange[/\\]data[/\\]material-synonyms\.yaml$/);
  });
});
