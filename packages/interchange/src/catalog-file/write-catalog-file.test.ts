import { readFileSync } from 'node:fs';
import type {
  Catalog,
  CertificateType,
  Department,
  FieldSchema,
  Material,
  ServiceItem,
  TimeLimit,
} from '@tongban/domain';
import { itemTypes } from '@tongban/domain';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { canonicalCatalog } from './canonical.js';
import { readCatalogFile, type CatalogFileFormat } from './read-catalog-file.js';
import { validateCatalogDocument } from './validate-document.js';
import { writeCatalogFile } from './write-catalog-file.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const formats: readonly CatalogFileFormat[] = ['json', 'yaml', 'xlsx'];

let catalog: Catalog;
beforeAll(async () => {
  catalog = (await readCatalogFile(fixture('catalog.json'), { fileName: 'catalog.json' })).catalog!;
});
afterEach(() => {
  vi.useRealTimers();
});

async function roundTrip(c: Catalog, format: CatalogFileFormat): Promise<Catalog | undefined> {
  const read = await readCatalogFile(await writeCatalogFile(c, format), { fileName: `catalog.${format}` });
  expect(read.issues).toEqual([]);
  return read.catalog;
}

/** A shuffled copy: the writer must not depend on the order it is given. */
const reversed = (c: Catalog): Catalog => ({
  departments: [...c.departments].reverse(),
  certificateTypes: [...c.certificateTypes].reverse(),
  items: [...c.items].reverse(),
});

describe('writeCatalogFile', () => {
  it('writes the JSON fixture as it is, key for key and entry for entry (the fixture is canonical)', async () => {
    const bytes = await writeCatalogFile(reversed(catalog), 'json');
    // The fixture is formatted by prettier; our output is JSON.stringify's, with two spaces.
    const fixtureText = new TextDecoder().decode(fixture('catalog.json'));
    expect(new TextDecoder().decode(bytes)).toBe(`${JSON.stringify(JSON.parse(fixtureText), null, 2)}\n`);
  });

  it.each(formats)('round-trips the fixture exactly through %s', async (format) => {
    expect(await roundTrip(reversed(catalog), format)).toEqual(catalog);
  });

  it.each(formats)('writes %s deterministically, whatever the input order and the clock', async (format) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2021-03-04T05:06:07Z'));
    const first = await writeCatalogFile(catalog, format);
    vi.setSystemTime(new Date('2031-08-09T10:11:12Z'));
    const second = await writeCatalogFile(reversed(catalog), format);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    // And rewriting what was read gives the same bytes again.
    const again = await writeCatalogFile(
      (await readCatalogFile(first, { fileName: `c.${format}` })).catalog!,
      format,
    );
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  it('orders departments by credit code, types by code and items by item code', async () => {
    const text = new TextDecoder().decode(await writeCatalogFile(reversed(catalog), 'yaml'));
    const codes = [...text.matchAll(/^ {2}- (?:creditCode|code|itemCode): (\S+)$/gm)].map((m) => m[1]!);
    expect(codes.slice(0, 6)).toEqual([...codes.slice(0, 6)].sort());
    expect(codes.slice(6, 11)).toEqual([...codes.slice(6, 11)].sort());
    expect(codes.slice(11)).toEqual([...codes.slice(11)].sort());
    expect(codes).toHaveLength(
      catalog.departments.length + catalog.certificateTypes.length + catalog.items.length,
    );
  });

  it('writes the XLSX sheets with Chinese headers and labels', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await writeCatalogFile(catalog, 'xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '说明',
      '部门',
      '证照类型',
      '证照字段',
      '事项',
      '申请材料',
    ]);
    expect(wb.getWorksheet('部门')!.getRow(1).values).toEqual([
      undefined,
      '统一社会信用代码',
      '名称',
      '层级',
      '是否垂管',
      '上级部门代码',
      '标记',
    ]);
    expect(wb.getWorksheet('部门')!.getRow(2).values).toEqual([
      undefined,
      '11330000T00000079N',
      '示范省公安厅',
      '省级',
      '否',
    ]);
    const marriage = wb.getWorksheet('事项')!.getRow(4).values as unknown[];
    expect(marriage.slice(5, 10)).toEqual(['行政确认', '无', undefined, 1, '自然日']);
  });

  it('leaves out empty optional values, so that all formats agree', async () => {
    const loose: Catalog = {
      ...catalog,
      departments: catalog.departments.map((d) => ({ ...d, flags: [], parentCode: undefined })),
      certificateTypes: catalog.certificateTypes.map((t) => ({
        ...t,
        legalBasis: t.legalBasis ?? '',
        fields: {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          ...t.fields,
          required: [...(t.fields.required ?? [])].reverse(),
        },
      })),
    };
    const expected = canonicalCatalog(loose);
    expect(expected.departments.every((d) => !('flags' in d) && !('parentCode' in d))).toBe(true);
    expect(expected.certificateTypes[0]!.fields).not.toHaveProperty('$schema');
    expect(expected.certificateTypes[0]!.fields.required).toEqual(['name', 'idNumber']);
    for (const format of formats) expect(await roundTrip(loose, format)).toEqual(expected);
  });
});

/* Random catalogs, valid against the schema, with the values most likely to break a format: codes
 * that look like numbers, text with spaces, quotes, YAML and spreadsheet syntax, line breaks. */

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditCode = fc.string({ unit: fc.constantFrom(...CODE_CHARS), minLength: 18, maxLength: 18 });
const digits3 = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
const code = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...'0123456789ABCXYZ-_.abc中'), minLength: 1, maxLength: 32 }),
  fc.constantFrom('true', 'null', '1e3', '0x1F', '010', '=SUM(A1)', '[x]', '#1', '-', '~'),
);
const tricky = fc.constantFrom(
  '示范市',
  ' 前后有空格 ',
  'a: b',
  '- item',
  '"quoted"',
  "it's",
  '=1+1',
  '@x',
  '[not a list]',
  'yes',
  'null',
  '123',
  '0.10',
  '第一行\n第二行',
  'tab\there',
  '#hash',
  '&anchor',
  '*alias',
  '!tag',
  '%',
  '~',
  '😀',
  '<b>&amp;</b>',
  '_x000D_',
);
const text = fc
  .array(fc.oneof(tricky, fc.string({ minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''))
  // eslint-disable-next-line no-control-regex -- the control characters the format refuses
  .filter((s) => /\S/.test(s) && !/[\u0000-\u0008\u000B-\u001F\u007F]/.test(s));
const listEntry = text
  // eslint-disable-next-line no-control-regex -- the control characters the format refuses
  .map((s) => s.replace(/[;；\u0000-\u001F\u007F]/g, '').trim())
  .filter((s) => s !== '');
const uniqueList = <T>(arb: fc.Arbitrary<T>, maxLength = 3) => fc.uniqueArray(arb, { maxLength });
const fieldName = fc.oneof(
  fc.constantFrom('name', 'idNumber', '姓名', '1', '__proto__', 'a~b/c', 'constructor'),
  code,
);
const limit: fc.Arbitrary<TimeLimit | null> = fc.option(
  fc.record({
    days: fc.oneof(fc.integer({ min: 1, max: 365 }), fc.constantFrom(0.5, 1.25, 30)),
    unit: fc.constantFrom('working' as const, 'natural' as const),
  }),
);

const fieldSchema = (depth: number): fc.Arbitrary<FieldSchema> =>
  fc
    .record(
      {
        type: fc.constantFrom(
          'string' as const,
          'number' as const,
          'integer' as const,
          'boolean' as const,
          'array' as const,
          'object' as const,
        ),
        title: text,
        description: text,
        format: code,
        pattern: fc.constantFrom('^[0-9]+$', 'a b', ' ^x', '[;]'),
        maxLength: fc.integer({ min: 0, max: 1000 }),
        minimum: fc.oneof(
          fc.integer({ min: -1000, max: 1000 }),
          fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
        ),
        enum: fc.oneof(
          fc.uniqueArray(text, { minLength: 1, maxLength: 3 }),
          fc.uniqueArray(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 3 }),
          fc.constant(['a;b', 1, ' x ']),
        ),
        ...(depth > 0 ? { items: fieldSchema(depth - 1) } : {}),
      },
      { requiredKeys: ['type', 'title'] },
    )
    .map((f) => f as FieldSchema);

const department: fc.Arbitrary<Department> = fc
  .record(
    {
      creditCode,
      name: text,
      level: fc.constantFrom('province' as const, 'city' as const, 'district' as const),
      vertical: fc.boolean(),
      parentCode: creditCode,
      flags: fc.subarray(['CREDIT_CODE_CHECK_MISMATCH' as const, 'CREDIT_CODE_INVALID' as const], {
        minLength: 1,
      }),
    },
    { requiredKeys: ['creditCode', 'name', 'level', 'vertical'] },
  )
  .map((d) => d as Department);

const certificateType: fc.Arbitrary<CertificateType> = fc
  .record({
    prefix: creditCode,
    suffix: digits3,
    name: text,
    issuingDeptCodes: uniqueList(creditCode),
    holderKind: fc.constantFrom('person' as const, 'organisation' as const),
    properties: fc.uniqueArray(fc.tuple(fieldName, fieldSchema(1), fc.boolean()), {
      maxLength: 4,
      selector: ([n]) => n,
    }),
    additionalProperties: fc.option(fc.boolean(), { nil: undefined }),
    sharing: fc.constantFrom('unconditional' as const, 'conditional' as const, 'none' as const),
    legalBasis: fc.option(text, { nil: undefined }),
    grade: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
    trust: fc.constantFrom('A' as const, 'B' as const, 'C' as const, 'D' as const),
    validity: fc.oneof(
      fc.constant({ kind: 'permanent' as const }),
      fc.constant({ kind: 'stated' as const }),
      fc.integer({ min: 1, max: 100 }).map((years) => ({ kind: 'term' as const, years })),
    ),
  })
  .map((t) => {
    const properties: Record<string, FieldSchema> = {};
    for (const [name, schema] of t.properties) {
      Object.defineProperty(properties, name, {
        value: schema,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    const required = t.properties.filter(([, , r]) => r).map(([n]) => n);
    return {
      code: t.prefix + t.suffix,
      name: t.name,
      definingDeptCode: t.prefix,
      issuingDeptCodes: t.issuingDeptCodes,
      holderKind: t.holderKind,
      fields: {
        type: 'object' as const,
        properties,
        ...(required.length > 0 ? { required } : {}),
        ...(t.additionalProperties === undefined ? {} : { additionalProperties: t.additionalProperties }),
      },
      sharing: t.sharing,
      ...(t.legalBasis === undefined ? {} : { legalBasis: t.legalBasis }),
      grade: t.grade,
      trust: t.trust,
      validity: t.validity,
    };
  });

const typeCode = fc.tuple(creditCode, digits3).map(([a, b]) => a + b);
const material: fc.Arbitrary<Material> = fc.record({
  name: text,
  required: fc.boolean(),
  source: fc.oneof(
    fc.record({ kind: fc.constant('certificate' as const), typeCode, fields: uniqueList(fieldName) }),
    fc.constant({ kind: 'applicant' as const }),
    fc.record({ kind: fc.constant('prior-case' as const), itemCode: code }),
  ),
});

const item: fc.Arbitrary<ServiceItem> = fc.record({
  itemCode: code,
  baseCode: code,
  name: text,
  deptCode: code,
  type: fc.constantFrom(...itemTypes),
  statutoryDays: limit,
  promisedDays: limit,
  materials: fc.array(material, { maxLength: 4 }),
  outputs: uniqueList(typeCode),
  followUps: uniqueList(code),
  serviceObjects: uniqueList(listEntry),
});

const arbitraryCatalog: fc.Arbitrary<Catalog> = fc.record({
  // Unique keys: the XLSX sheets join materials and fields to their item or type by code.
  departments: fc.uniqueArray(department, { maxLength: 4, selector: (d) => d.creditCode }),
  certificateTypes: fc.uniqueArray(certificateType, { maxLength: 3, selector: (t) => t.code }),
  items: fc.uniqueArray(item, { maxLength: 3, selector: (i) => i.itemCode }),
});

describe('round trips of random catalogs', () => {
  it('generates catalogs that the schema accepts (the control for the property below)', () => {
    fc.assert(
      fc.property(arbitraryCatalog, (c) => {
        expect(validateCatalogDocument({ format: 'tongban-catalog', formatVersion: 1, ...c })).toEqual([]);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it.each(formats)('reads back what it wrote, in %s', async (format) => {
    await fc.assert(
      fc.asyncProperty(arbitraryCatalog, async (c) => {
        expect(await roundTrip(c, format)).toEqual(canonicalCatalog(c));
      }),
      {
        seed: Number(process.env.SEED ?? 20240601),
        numRuns: Number(process.env.RUNS ?? (format === 'xlsx' ? 60 : 150)),
      },
    );
  });
});
