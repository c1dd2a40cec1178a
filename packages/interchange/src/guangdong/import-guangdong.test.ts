import {
  hasErrors,
  makeCreditCode,
  validateCatalog,
  type CertificateType,
  type ImportIssue,
  type SynonymDictionary,
} from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { importGuangdongItems, MAX_MATERIAL_NAME_LENGTH, type GuangdongImportOptions } from './index.js';

// Fictional departments with valid credit codes.
const DEPT_A = makeCreditCode({
  registrationAuthority: '1',
  category: '1',
  regionCode: '440000',
  organisationBody: 'TB100001',
});
const DEPT_B = makeCreditCode({
  registrationAuthority: '1',
  category: '2',
  regionCode: '440000',
  organisationBody: 'TB100002',
});
/** DEPT_A with its 18th character changed: only the GB 32100 check character is wrong. */
const DEPT_CHECK = DEPT_A.slice(0, 17) + (DEPT_A.endsWith('1') ? '2' : '1');

const ID = '11100000000013127D001';
const LICENCE = '11100000MB0143028R001';
const PSI = '11100000TB0000087E001';

const type = (
  code: string,
  name: string,
  holderKind: 'person' | 'organisation',
  required: string[],
): CertificateType => ({
  code,
  name,
  definingDeptCode: code.slice(0, 18),
  issuingDeptCodes: [],
  holderKind,
  fields: {
    type: 'object',
    properties: {
      name: { type: 'string', title: '名称' },
      number: { type: 'string', title: '号码' },
      address: { type: 'string', title: '住址' },
    },
    required,
  },
  sharing: holderKind === 'person' ? 'conditional' : 'unconditional',
  legalBasis: holderKind === 'person' ? '《中华人民共和国个人信息保护法》' : undefined,
  grade: holderKind === 'person' ? 3 : 1,
  trust: 'A',
  validity: { kind: 'stated' },
});

const certificateTypes: CertificateType[] = [
  type(ID, '居民身份证', 'person', ['name', 'number']),
  type(LICENCE, '营业执照', 'organisation', ['name', 'number', 'address']),
  type(PSI, '事业单位法人证书', 'organisation', []),
  type('11100000000013127D002', '居民户口簿', 'person', ['name']),
];

const dictionary: SynonymDictionary = {
  version: 1,
  strip: [{ pattern: '[《》]' }, { pattern: '原件|复印件' }],
  ignore: { synonyms: ['身份证明书'], patterns: ['^.*(?:表|申请书)$', '未(?:办理|领取)[^,;、或]*?的'] },
  types: [
    { code: ID, name: '居民身份证', synonyms: ['身份证', '身份证明'] },
    { code: LICENCE, name: '营业执照', synonyms: ['营业执照'] },
    { code: PSI, name: '事业单位法人证书', synonyms: ['事业单位法人证书', '法人证书'] },
    { code: '11100000000013127D002', name: '居民户口簿', synonyms: ['户口簿'] },
  ],
};

const options: GuangdongImportOptions = { fileName: 'items.jsonl', certificateTypes, dictionary };

let seq = 0;
/** One line of the file, in the scraped shape, with overrides. */
function item(overrides: Record<string, unknown> = {}): string {
  seq++;
  return JSON.stringify({
    _id: { $oid: `60ae6f94e995f7e541f0${String(seq).padStart(4, '0')}` },
    TASK_CODE: `${DEPT_A}2440101${String(seq).padStart(6, '0')}`,
    TASK_TYPE_TEXT: '行政许可',
    TASK_TYPE: '01',
    DEPT_NAME: '示范省示范厅',
    TASK_NAME: `示范事项${seq}`,
    CATAID: `4401010${String(seq).padStart(5, '0')}`,
    handle_time: '20(工作日)',
    handle_time_limit: '5(工作日)',
    service_object_name: ['自然人', '企业法人'],
    material_intro: ['居民身份证'],
    ...overrides,
  });
}

const run = (text: string, o: Partial<GuangdongImportOptions> = {}) =>
  importGuangdongItems(text, { ...options, ...o });
const codes = (issues: readonly ImportIssue[]) => issues.map((i) => `${i.severity} ${i.code}`);

describe('importGuangdongItems: a well-formed file', () => {
  const text = [
    item({ material_intro: ['居民身份证', '《营业执照》', '个人简历', '个人简历'] }),
    item({
      TASK_CODE: `${DEPT_B}2440101000999`,
      DEPT_NAME: ' 示范省示范中心 ',
      material_intro: '无',
      handle_time: '无',
    }),
    item({ material_intro: ['企业营业执照或法人证书', '个人简历'], handle_time: '90(自然日)' }),
  ].join('\n');
  const r = run(text + '\n');

  it('imports every line as an item with its fields', () => {
    expect(r.catalog.items).toHaveLength(3);
    const [first, second] = r.catalog.items;
    expect(first).toMatchObject({
      deptCode: DEPT_A,
      type: '行政许可',
      statutoryDays: { days: 20, unit: 'working' },
      promisedDays: { days: 5, unit: 'working' },
      serviceObjects: ['自然人', '企业法人'],
      outputs: [],
      followUps: [],
    });
    expect(first?.itemCode.startsWith(DEPT_A)).toBe(true);
    expect(first?.baseCode).toHaveLength(12);
    expect(second).toMatchObject({ deptCode: DEPT_B, statutoryDays: null, materials: [] });
    expect(r.catalog.items[2]?.statutoryDays).toEqual({ days: 90, unit: 'natural' });
  });

  it('keys departments by the first 18 characters of TASK_CODE, names trimmed, province level', () => {
    expect(r.catalog.departments).toEqual([
      { creditCode: DEPT_A, name: '示范省示范厅', level: 'province', vertical: false },
      { creditCode: DEPT_B, name: '示范省示范中心', level: 'province', vertical: false },
    ]);
  });

  it('maps materials: certificate with the required fields, applicant otherwise, duplicates removed', () => {
    expect(r.catalog.items[0]?.materials).toEqual([
      {
        name: '居民身份证',
        required: true,
        source: { kind: 'certificate', typeCode: ID, fields: ['name', 'number'] },
      },
      {
        name: '《营业执照》',
        required: true,
        source: { kind: 'certificate', typeCode: LICENCE, fields: ['name', 'number', 'address'] },
      },
      { name: '个人简历', required: true, source: { kind: 'applicant' } },
    ]);
  });

  it('turns alternatives (或) into one optional material per type; all fields when none is required', () => {
    expect(r.catalog.items[2]?.materials).toEqual([
      {
        name: '企业营业执照或法人证书',
        required: false,
        source: { kind: 'certificate', typeCode: LICENCE, fields: ['name', 'number', 'address'] },
      },
      {
        name: '企业营业执照或法人证书',
        required: false,
        source: { kind: 'certificate', typeCode: PSI, fields: ['name', 'number', 'address'] },
      },
      { name: '个人简历', required: true, source: { kind: 'applicant' } },
    ]);
  });

  it('reports counts, unmapped names by use, and the types used', () => {
    expect(r.report.counts).toEqual({
      lines: 3,
      items: 3,
      skippedLines: 0,
      departments: 2,
      flaggedDepartments: 0,
      materials: 5,
      duplicateMaterialsRemoved: 1,
      blankMaterialsSkipped: 0,
      distinctMaterialNames: 4,
      mapped: 3,
      unmapped: 2,
      distinctMappedNames: 3,
      distinctUnmappedNames: 1,
      alternatives: 1,
      catalogMaterials: 6,
      certificateTypes: 3,
    });
    expect(r.report.unmapped).toEqual([{ name: '个人简历', items: 2 }]);
    expect(r.report.mappedByType).toEqual([
      { typeCode: LICENCE, name: '营业执照', materials: 2, items: 2 },
      { typeCode: ID, name: '居民身份证', materials: 1, items: 1 },
      { typeCode: PSI, name: '事业单位法人证书', materials: 1, items: 1 },
    ]);
  });

  it('lists only the referenced certificate types in the catalog', () => {
    expect(r.catalog.certificateTypes.map((t) => t.code)).toEqual([ID, LICENCE, PSI]);
  });

  it('warns once per distinct unmapped name, with its item count and first line', () => {
    expect(r.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'UNMAPPED_MATERIAL',
        file: 'items.jsonl',
        line: 1,
        pointer: '/items/0/materials/2/source',
        message: expect.stringContaining('个人简历” (2 items)') as unknown,
      }),
    ]);
  });

  it('produces a catalog that validateCatalog accepts', () => {
    expect(validateCatalog(r.catalog).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('accepts a byte-order mark, CRLF line ends, blank lines and no final newline', () => {
    const r2 = run('\uFEFF' + item() + '\r\n\r\n' + item());
    expect(r2.catalog.items).toHaveLength(2);
    expect(hasErrors(r2.issues)).toBe(false);
  });
});

describe('importGuangdongItems: broken files', () => {
  it('reports an empty file', () => {
    for (const text of ['', '   \n\n  ', '\uFEFF']) {
      const r = run(text);
      expect(codes(r.issues)).toEqual(['error MALFORMED_FILE']);
      expect(r.issues[0]?.message).toMatch(/empty/);
      expect(r.catalog).toEqual({ departments: [], certificateTypes: [], items: [] });
    }
  });

  it('reports a line that is not JSON with its line number and imports the rest', () => {
    const r = run([item(), '{"TASK_CODE": "x", oops', item()].join('\n') + '\n');
    expect(r.catalog.items).toHaveLength(2);
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'MALFORMED_FILE', line: 2, file: 'items.jsonl' }),
    ]);
    expect(r.issues[0]?.message).toMatch(/line 2 is not valid JSON/);
    expect(r.report.counts.skippedLines).toBe(1);
    expect(hasErrors(r.issues)).toBe(true);
  });

  it('says so when the last line is cut off', () => {
    const last = item();
    const r = run([item(), item(), last.slice(0, last.length - 20)].join('\n'));
    expect(r.catalog.items).toHaveLength(2);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'MALFORMED_FILE', line: 3 })]);
    expect(r.issues[0]?.message).toMatch(/truncated/);
  });

  it('reports lines that are JSON but not objects', () => {
    const r = run(['[1,2]', '42', '"text"', 'null', item()].join('\n'));
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([
      ['MALFORMED_FILE', 1],
      ['MALFORMED_FILE', 2],
      ['MALFORMED_FILE', 3],
      ['MALFORMED_FILE', 4],
    ]);
    expect(r.catalog.items).toHaveLength(1);
  });

  it('refuses a line whose TASK_CODE is a number, naming the field', () => {
    const r = run([item({ TASK_CODE: 11440000006939756 }), item()].join('\n'));
    expect(r.catalog.items).toHaveLength(1);
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'SCHEMA_VIOLATION', line: 1, field: 'TASK_CODE' }),
    ]);
  });

  it('refuses lines missing their name, base code or department, one issue per field', () => {
    const r = run(item({ TASK_NAME: '', CATAID: null, DEPT_NAME: 7 }));
    expect(r.catalog.items).toEqual([]);
    expect(r.issues.map((i) => i.field)).toEqual(['TASK_NAME', 'CATAID', 'DEPT_NAME']);
    expect(r.issues.every((i) => i.severity === 'error' && i.line === 1)).toBe(true);
  });

  it('refuses a TASK_CODE of the wrong shape', () => {
    for (const code of [
      '',
      'short',
      `${DEPT_A}-2440101`,
      `${DEPT_A.toLowerCase()}2440101000001`,
      'A'.repeat(65),
    ]) {
      const r = run(item({ TASK_CODE: code }));
      expect(codes(r.issues)).toEqual(['error SCHEMA_VIOLATION']);
    }
  });

  it('keeps an item whose material_intro is an object, without materials, with an error', () => {
    const r = run(item({ material_intro: { 1: '居民身份证' } }));
    expect(r.catalog.items).toHaveLength(1);
    expect(r.catalog.items[0]?.materials).toEqual([]);
    expect(r.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'SCHEMA_VIOLATION',
        line: 1,
        field: 'material_intro',
      }),
    ]);
    expect(r.issues[0]?.message).toMatch(/not an object/);
  });

  it('reports material entries that are not text, and blank names, keeping the others', () => {
    const r = run(item({ material_intro: ['居民身份证', 3, null, '  ', { a: 1 }] }));
    expect(r.catalog.items[0]?.materials.map((m) => m.name)).toEqual(['居民身份证']);
    expect(codes(r.issues)).toEqual([
      'error SCHEMA_VIOLATION',
      'error SCHEMA_VIOLATION',
      'warning SCHEMA_VIOLATION',
      'error SCHEMA_VIOLATION',
    ]);
    expect(r.report.counts.blankMaterialsSkipped).toBe(1);
  });

  it('cuts an absurdly long material name, does not map it, and says so', () => {
    const long = '居民身份证' + '很'.repeat(200_000);
    const r = run(item({ material_intro: [long] }));
    const m = r.catalog.items[0]?.materials[0];
    expect(m?.name).toHaveLength(MAX_MATERIAL_NAME_LENGTH);
    expect(m?.source).toEqual({ kind: 'applicant' });
    expect(codes(r.issues)).toEqual(['warning SCHEMA_VIOLATION', 'warning UNMAPPED_MATERIAL']);
    expect(r.issues[0]?.message).toMatch(/200005 characters/);
  });

  it('falls back for an unknown TASK_TYPE_TEXT: from TASK_TYPE when known, else 其他行政权力', () => {
    const r = run(
      [
        item({ TASK_TYPE_TEXT: '行政许可（暂停）', TASK_TYPE: '21' }),
        item({ TASK_TYPE_TEXT: '便民服务', TASK_TYPE: '99' }),
        item({ TASK_TYPE_TEXT: 5, TASK_TYPE: undefined }),
        item({ TASK_TYPE_TEXT: ' 公共服务 ' }),
      ].join('\n'),
    );
    expect(r.catalog.items.map((i) => i.type)).toEqual([
      '公共服务',
      '其他行政权力',
      '其他行政权力',
      '公共服务',
    ]);
    expect(r.issues.map((i) => [i.code, i.line, i.field])).toEqual([
      ['INVALID_ITEM_TYPE', 1, 'TASK_TYPE_TEXT'],
      ['INVALID_ITEM_TYPE', 2, 'TASK_TYPE_TEXT'],
      ['INVALID_ITEM_TYPE', 3, 'TASK_TYPE_TEXT'],
    ]);
    expect(hasErrors(r.issues)).toBe(false);
  });

  it('keeps an item with a bad time limit as null, with a warning naming the line and field', () => {
    const r = run(item({ handle_time: '二十个工作日', handle_time_limit: 5 }));
    expect(r.catalog.items[0]).toMatchObject({ statutoryDays: null, promisedDays: null });
    expect(r.issues.map((i) => [i.severity, i.code, i.line, i.field, i.pointer])).toEqual([
      ['warning', 'INVALID_TIME_LIMIT', 1, 'statutoryDays', '/items/0/statutoryDays'],
      ['warning', 'INVALID_TIME_LIMIT', 1, 'promisedDays', '/items/0/promisedDays'],
    ]);
  });

  it('refuses a repeated TASK_CODE, keeping the first', () => {
    const code = `${DEPT_A}2440101777777`;
    const r = run(
      [item({ TASK_CODE: code, TASK_NAME: '第一' }), item({ TASK_CODE: code, TASK_NAME: '第二' })].join('\n'),
    );
    expect(r.catalog.items.map((i) => i.name)).toEqual(['第一']);
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'DUPLICATE_CODE', line: 2 }),
    ]);
  });

  it('warns when one department code carries two names, keeping the first', () => {
    const r = run([item(), item({ DEPT_NAME: '另一个名字' })].join('\n'));
    expect(r.catalog.departments).toHaveLength(1);
    expect(r.catalog.departments[0]?.name).toBe('示范省示范厅');
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'DUPLICATE_CODE', line: 2 }),
    ]);
  });

  it('ignores a service_object_name of the wrong type with a warning', () => {
    const r = run(item({ service_object_name: '自然人' }));
    expect(r.catalog.items[0]?.serviceObjects).toEqual([]);
    expect(codes(r.issues)).toEqual(['warning SCHEMA_VIOLATION']);
  });

  it('refuses a file larger than the limit', () => {
    const r = run(item() + '\n' + item(), { maxChars: 100 });
    expect(codes(r.issues)).toEqual(['error FILE_TOO_LARGE']);
    expect(r.catalog.items).toEqual([]);
  });
});

describe('importGuangdongItems: departments with bad credit codes', () => {
  const r = run(
    [
      item({ TASK_CODE: `${DEPT_CHECK}2440101000001`, DEPT_NAME: '早期代码单位' }),
      item({ TASK_CODE: 'TE440000GD030003VV2440101000002', DEPT_NAME: '非代码单位' }),
      item({ TASK_CODE: 'TE440000GD030003VV2440101000003', DEPT_NAME: '非代码单位' }),
      item({ TASK_CODE: '13440000515356094L2440101000004', DEPT_NAME: '两处校验都不符的单位' }),
      item(),
    ].join('\n'),
  );

  it('keeps them, flagged', () => {
    expect(r.catalog.departments.map((d) => [d.creditCode, d.flags])).toEqual([
      [DEPT_CHECK, ['CREDIT_CODE_CHECK_MISMATCH']],
      ['TE440000GD030003VV', ['CREDIT_CODE_INVALID']],
      ['13440000515356094L', ['CREDIT_CODE_CHECK_MISMATCH', 'CREDIT_CODE_INVALID']],
      [DEPT_A, undefined],
    ]);
    expect(r.catalog.items).toHaveLength(5);
  });

  it('warns once per code, with the first line and the number of items', () => {
    const dept = r.issues.filter((i) => i.code !== 'UNMAPPED_MATERIAL');
    expect(dept.map((i) => [i.severity, i.code, i.line, i.pointer])).toEqual([
      ['warning', 'CREDIT_CODE_CHECK_MISMATCH', 1, '/departments/0/creditCode'],
      ['warning', 'INVALID_CREDIT_CODE', 2, '/departments/1/creditCode'],
      ['warning', 'CREDIT_CODE_CHECK_MISMATCH', 4, '/departments/2/creditCode'],
    ]);
    expect(dept[1]?.message).toMatch(/TE440000GD030003VV \(非代码单位\), first on line 2, 2 items/);
    expect(dept[2]?.message).toMatch(/organisation code/);
    expect(r.report.flaggedDepartments.map((d) => [d.creditCode, d.firstLine, d.items])).toEqual([
      [DEPT_CHECK, 1, 1],
      ['TE440000GD030003VV', 2, 2],
      ['13440000515356094L', 4, 1],
    ]);
    expect(hasErrors(r.issues)).toBe(false);
  });

  it('flags them so that validateCatalog warns instead of refusing', () => {
    const errors = validateCatalog(r.catalog).filter((i) => i.severity === 'error');
    expect(errors).toEqual([]);
  });
});

describe('importGuangdongItems: options', () => {
  it('throws when the dictionary names a type that is not given', () => {
    expect(() => run(item(), { certificateTypes: certificateTypes.slice(1) })).toThrow(
      /11100000000013127D001 \(居民身份证\)/,
    );
  });

  it('throws when the dictionary names a type under another name', () => {
    const renamed = { ...dictionary, types: [{ code: ID, name: '身份证', synonyms: ['身份证'] }] };
    expect(() => run(item(), { dictionary: renamed })).toThrow(/named 居民身份证, not 身份证/);
  });
});
