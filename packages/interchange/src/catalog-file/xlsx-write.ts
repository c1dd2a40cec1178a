import ExcelJS from 'exceljs';
import type { Catalog, FieldSchema, TimeLimit } from '@tongban/domain';
import { CATALOG_FORMAT, CATALOG_FORMAT_VERSION } from './catalog-schema.js';
import { canonicalCatalog } from './canonical.js';
import {
  ABOUT_KEYS,
  FIELD_TYPE_LABELS,
  FLAG_LABELS,
  HOLDER_LABELS,
  LEVEL_LABELS,
  NECESSITY_LABELS,
  NO,
  NONE,
  SHARING_LABELS,
  SHEET,
  SHEET_COLUMNS,
  SHEET_ORDER,
  SOURCE_LABELS,
  UNIT_LABELS,
  VALIDITY_LABELS,
  YES,
  labelOf,
  type SheetName,
} from './xlsx-layout.js';
import { withFixedZipTimestamps } from './zip-guard.js';

/** Every written workbook carries this date, so that the same catalog gives the same bytes. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

type CellOut = string | number | null;

const yesNo = (b: boolean): string => (b ? YES : NO);
const list = (values: readonly string[]): string | null => (values.length > 0 ? values.join(';') : null);

/**
 * 枚举值 as `;`-separated values when that reads back to the same list (values of the field's own
 * type, no separator or surrounding space inside, not starting with `[`), else as a JSON list.
 */
function enumCell(field: FieldSchema): string | null {
  const values = field.enum;
  if (!values || values.length === 0) return null;
  const numeric = field.type === 'number' || field.type === 'integer';
  const simple = values.every((v) =>
    numeric
      ? typeof v === 'number'
      : typeof v === 'string' && v !== '' && v.trim() === v && !/[;；]/.test(v) && !/^\s*$/.test(v),
  );
  const joined = values.map(String).join(';');
  return simple && !joined.startsWith('[') ? joined : JSON.stringify(values);
}

/**
 * Spreadsheet text decodes `_xHHHH_` as the character U+HHHH (OOXML's escape, which exceljs applies
 * on reading but not on writing): escape the underscore of such a sequence as Excel itself does.
 */
const escapeText = (v: CellOut): CellOut =>
  typeof v === 'string' ? v.replace(/_(x[0-9A-F]{4}_)/g, '_x005F_$1') : v;

const daysCell = (l: TimeLimit | null): CellOut => (l === null ? NONE : l.days);
const unitCell = (l: TimeLimit | null): CellOut => (l === null ? null : labelOf(UNIT_LABELS, l.unit));

/** The rows of every sheet, in column order, from the canonical catalog. */
function sheetRows(catalog: Catalog): Record<SheetName, CellOut[][]> {
  const c = canonicalCatalog(catalog);
  return {
    [SHEET.about]: [
      [ABOUT_KEYS.format, CATALOG_FORMAT],
      [ABOUT_KEYS.formatVersion, CATALOG_FORMAT_VERSION],
      ['说明', '通办目录文件：各工作表的列与取值见 docs/catalog-format.md'],
    ],
    [SHEET.departments]: c.departments.map((d) => [
      d.creditCode,
      d.name,
      labelOf(LEVEL_LABELS, d.level),
      yesNo(d.vertical),
      d.parentCode ?? null,
      d.flags ? list(d.flags.map((f) => labelOf(FLAG_LABELS, f))) : null,
    ]),
    [SHEET.certificateTypes]: c.certificateTypes.map((t) => [
      t.code,
      t.name,
      t.definingDeptCode,
      list(t.issuingDeptCodes),
      labelOf(HOLDER_LABELS, t.holderKind),
      labelOf(SHARING_LABELS, t.sharing),
      t.legalBasis ?? null,
      t.grade,
      t.trust,
      labelOf(VALIDITY_LABELS, t.validity.kind),
      t.validity.kind === 'term' ? t.validity.years : null,
      t.fields.additionalProperties === undefined ? null : yesNo(t.fields.additionalProperties),
    ]),
    [SHEET.fields]: c.certificateTypes.flatMap((t) =>
      Object.entries(t.fields.properties).map(([name, f]) => [
        t.code,
        name,
        f.title,
        labelOf(FIELD_TYPE_LABELS, f.type),
        yesNo((t.fields.required ?? []).includes(name)),
        f.format ?? null,
        f.description ?? null,
        f.pattern ?? null,
        f.maxLength ?? null,
        f.minimum ?? null,
        enumCell(f),
        f.items ? JSON.stringify(f.items) : null,
      ]),
    ),
    [SHEET.items]: c.items.map((i) => [
      i.itemCode,
      i.baseCode,
      i.name,
      i.deptCode,
      i.type,
      daysCell(i.statutoryDays),
      unitCell(i.statutoryDays),
      daysCell(i.promisedDays),
      unitCell(i.promisedDays),
      list(i.serviceObjects),
      list(i.followUps),
      list(i.outputs),
    ]),
    [SHEET.materials]: c.items.flatMap((i) =>
      i.materials.map((m, j) => [
        i.itemCode,
        j + 1,
        m.name,
        labelOf(NECESSITY_LABELS, m.required),
        labelOf(SOURCE_LABELS, m.source.kind),
        m.source.kind === 'certificate' ? m.source.typeCode : null,
        m.source.kind === 'certificate' ? list(m.source.fields) : null,
        m.source.kind === 'prior-case' ? m.source.itemCode : null,
      ]),
    ),
  };
}

/**
 * Writes the catalog as an XLSX workbook in our layout (see xlsx-layout.ts and docs/catalog-format.md):
 * one table per sheet, headers in row 1, codes as text so that Excel keeps every digit. The output is
 * deterministic: fixed document dates and zip entry times.
 */
export async function writeXlsxCatalog(catalog: Catalog): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tongban';
  workbook.lastModifiedBy = 'Tongban';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const rows = sheetRows(catalog);
  for (const name of SHEET_ORDER) {
    const columns = SHEET_COLUMNS[name];
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((column) => ({
      header: column.header,
      width: column.width,
      // Text format for codes, so that a clerk typing a code into a new row keeps its digits.
      ...(column.kind === 'code' || column.kind === 'codes' ? { style: { numFmt: '@' } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    for (const values of rows[name]) ws.addRow(values.map(escapeText));
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return withFixedZipTimestamps(new Uint8Array(buffer));
}
