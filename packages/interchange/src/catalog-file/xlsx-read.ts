import ExcelJS from 'exceljs';
import type { ImportIssue, ImportIssueCode } from '@tongban/domain';
import { CATALOG_FORMAT, CATALOG_FORMAT_VERSION } from './catalog-schema.js';
import { escapePointerSegment } from './pointer.js';
import { cellOf, convertCell, numericText, type Cell } from './xlsx-cells.js';
import {
  ABOUT_KEYS,
  NONE,
  SHEET,
  SHEET_COLUMNS,
  SHEET_ORDER,
  columnAt,
  type ColumnSpec,
  type SheetName,
} from './xlsx-layout.js';
import { checkXlsxArchive } from './zip-guard.js';

export interface XlsxLimits {
  readonly maxRowsPerSheet: number;
  readonly maxUncompressedBytes: number;
  readonly maxEntries: number;
}

/** Where a pointer of the document built from a workbook lies in it. */
export interface CellLocation {
  readonly sheet: SheetName;
  readonly row: number;
  readonly header?: string | undefined;
}

/** A pointer whose schema errors are superseded by an issue the sheet reader raised itself. */
export interface Covered {
  /** The row's entity (`/items/3`): errors about its ancestors are not superseded. */
  readonly entity: string;
  readonly pointer: string;
}

export interface XlsxRead {
  /** The document built from the sheets, shaped like a JSON catalog document; absent if unreadable. */
  readonly doc?: Record<string, unknown> | undefined;
  /** Issues found while reading; each has a pointer (to be located) or a sheet and row. */
  readonly issues: ImportIssue[];
  readonly covered: readonly Covered[];
  locate(pointer: string): CellLocation | undefined;
}

type Entity = Record<string, unknown>;

interface RowProblem {
  readonly path: string;
  readonly message: string;
  readonly severity?: 'error' | 'warning';
}

/** One data row of a sheet, converted by its columns. */
interface SheetRow {
  readonly row: number;
  readonly values: ReadonlyMap<string, unknown>;
  readonly problems: RowProblem[];
}

const issue = (
  code: ImportIssueCode,
  message: string,
  where: { sheet?: string; row?: number; pointer?: string; field?: string },
  severity: ImportIssue['severity'] = 'error',
): ImportIssue => ({ severity, code, message, ...where });

/** Sets `value` at a `/`-separated path under `entity`, creating objects on the way. */
function assign(entity: Entity, path: string, value: unknown): void {
  const parts = path.split('/');
  let node = entity;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next === 'object' && next !== null) node = next as Entity;
    else {
      const created: Entity = {};
      node[part] = created;
      node = created;
    }
  }
  Object.defineProperty(node, parts.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Reads a catalog workbook into the same document shape as a JSON catalog file, so that one schema
 * validates all formats. Sheet-level problems (a missing sheet or column) stop the reading; cell
 * problems (an unknown enum label, text in a number column) are reported with the sheet, row and
 * column and reading goes on, so that one pass reports them all.
 */
export async function readXlsxCatalog(bytes: Uint8Array, limits: XlsxLimits): Promise<XlsxRead> {
  const none = (): undefined => undefined;
  const problem = checkXlsxArchive(bytes, limits);
  if (problem) {
    const code = problem.kind === 'too-large' ? 'FILE_TOO_LARGE' : 'MALFORMED_FILE';
    return { issues: [issue(code, problem.message, {})], covered: [], locate: none };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer,
    );
  } catch {
    return {
      issues: [
        issue('MALFORMED_FILE', 'the workbook cannot be read: it is damaged or not an XLSX workbook', {}),
      ],
      covered: [],
      locate: none,
    };
  }
  return new WorkbookReader(workbook, limits).read();
}

class WorkbookReader {
  private readonly issues: ImportIssue[] = [];
  private readonly covered: Covered[] = [];
  private readonly entities = new Map<string, { sheet: SheetName; row: number }>();
  private readonly rowOf = new WeakMap<Entity, SheetRow>();

  constructor(
    private readonly workbook: ExcelJS.Workbook,
    private readonly limits: XlsxLimits,
  ) {}

  read(): XlsxRead {
    for (const ws of this.workbook.worksheets) {
      if (!(SHEET_ORDER as readonly string[]).includes(ws.name)) {
        this.issues.push(
          issue(
            'SCHEMA_VIOLATION',
            `the sheet ${ws.name} is not part of the catalog format and is ignored`,
            { sheet: ws.name },
            'warning',
          ),
        );
      }
    }
    const sheets = new Map<SheetName, SheetRow[]>();
    let structural = false;
    for (const name of SHEET_ORDER) {
      const rows = this.readSheet(name);
      if (rows === 'missing-optional') continue;
      if (rows === undefined) structural = true;
      else sheets.set(name, rows);
    }
    const locate = (pointer: string): CellLocation | undefined => this.locate(pointer);
    if (structural) return { issues: this.issues, covered: [], locate };

    const doc: Entity = { ...this.readAbout(sheets.get(SHEET.about)) };
    doc.departments = this.entitiesOf(SHEET.departments, sheets.get(SHEET.departments)!, '/departments');
    const types = this.entitiesOf(
      SHEET.certificateTypes,
      sheets.get(SHEET.certificateTypes)!,
      '/certificateTypes',
    );
    types.forEach((t, i) => this.finishType(t, `/certificateTypes/${i}`));
    this.attachFields(types, sheets.get(SHEET.fields)!);
    doc.certificateTypes = types;
    const items = this.entitiesOf(SHEET.items, sheets.get(SHEET.items)!, '/items');
    items.forEach((it, i) => this.finishItem(it, `/items/${i}`));
    this.attachMaterials(items, sheets.get(SHEET.materials)!);
    doc.items = items;
    return { doc, issues: this.issues, covered: this.covered, locate };
  }

  private locate(pointer: string): CellLocation | undefined {
    for (let end = pointer.length; end > 0; end = pointer.lastIndexOf('/', end - 1)) {
      const at = this.entities.get(pointer.slice(0, end));
      if (!at) continue;
      const relative = pointer.slice(end + 1);
      return { ...at, header: columnAt(SHEET_COLUMNS[at.sheet], relative)?.header };
    }
    return undefined;
  }

  /** Reads a sheet's header and data rows; undefined when the sheet or a required column is missing. */
  private readSheet(name: SheetName): SheetRow[] | undefined | 'missing-optional' {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) {
      if (name === SHEET.about) return 'missing-optional';
      this.issues.push(issue('SCHEMA_VIOLATION', `the sheet ${name} is missing`, { sheet: name }));
      return undefined;
    }
    const dataRows = Math.max(0, ws.actualRowCount - 1);
    if (dataRows > this.limits.maxRowsPerSheet) {
      this.issues.push(
        issue('FILE_TOO_LARGE', `the sheet has more than ${this.limits.maxRowsPerSheet} rows`, {
          sheet: name,
        }),
      );
      return undefined;
    }
    const columns = SHEET_COLUMNS[name];
    const headerAt = new Map<string, number>();
    let ok = true;
    const header = ws.getRow(1);
    header.eachCell({ includeEmpty: false }, (c, n) => {
      const cell = cellOf(c.value);
      if (cell.t !== 'text') return;
      const text = cell.v.trim();
      if (headerAt.has(text)) {
        this.issues.push(
          issue('SCHEMA_VIOLATION', `the column ${text} appears twice`, { sheet: name, row: 1 }),
        );
        ok = false;
      } else headerAt.set(text, n);
      if (!columns.some((column) => column.header === text)) {
        this.issues.push(
          issue(
            'SCHEMA_VIOLATION',
            `the column ${text} is not part of the catalog format and is ignored`,
            { sheet: name, row: 1 },
            'warning',
          ),
        );
      }
    });
    for (const column of columns) {
      if (!headerAt.has(column.header) && !column.optionalColumn) {
        this.issues.push(
          issue('SCHEMA_VIOLATION', `the column ${column.header} is missing from the header row`, {
            sheet: name,
            row: 1,
          }),
        );
        ok = false;
      }
    }
    if (!ok) return undefined;

    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      if (n === 1) return;
      const cells = new Map<string, Cell>();
      for (const column of columns) {
        const at = headerAt.get(column.header);
        cells.set(column.header, at === undefined ? { t: 'blank' } : cellOf(row.getCell(at).value));
      }
      if ([...cells.values()].every((c) => c.t === 'blank')) return;
      const values = new Map<string, unknown>();
      const problems: RowProblem[] = [];
      for (const column of columns) {
        const cell = cells.get(column.header)!;
        if (cell.t === 'blank' && column.valueRequired) {
          problems.push({ path: column.paths[0]!, message: 'must not be empty' });
          continue;
        }
        const converted = convertCell(cell, column);
        if (converted.ok) values.set(column.header, converted.value);
        else problems.push({ path: column.paths[0]!, message: converted.message });
      }
      rows.push({ row: n, values, problems });
    });
    return rows;
  }

  /** The format header, from the optional 说明 sheet (defaults when it is absent). */
  private readAbout(rows: SheetRow[] | undefined): Entity {
    const doc: Entity = { format: CATALOG_FORMAT, formatVersion: CATALOG_FORMAT_VERSION };
    for (const r of rows ?? []) {
      const key = r.values.get('项目');
      const value = r.values.get('内容');
      if (key === ABOUT_KEYS.format) {
        doc.format = typeof value === 'string' ? value.trim() : value;
        this.entities.set('/format', { sheet: SHEET.about, row: r.row });
      } else if (key === ABOUT_KEYS.formatVersion) {
        doc.formatVersion = typeof value === 'string' ? (numericText(value.trim()) ?? value) : value;
        this.entities.set('/formatVersion', { sheet: SHEET.about, row: r.row });
      }
    }
    return doc;
  }

  /** Builds one entity per row from the columns' first paths, registering each row's location. */
  private entitiesOf(sheet: SheetName, rows: readonly SheetRow[], base: string): Entity[] {
    return rows.map((r, i) => {
      const pointer = `${base}/${i}`;
      this.entities.set(pointer, { sheet, row: r.row });
      const entity: Entity = {};
      for (const column of SHEET_COLUMNS[sheet]) {
        const value = r.values.get(column.header);
        if (value !== undefined) assign(entity, column.paths[0]!, value);
      }
      this.report(pointer, r.problems);
      this.rowOf.set(entity, r);
      return entity;
    });
  }

  private report(entity: string, problems: readonly RowProblem[]): void {
    for (const p of problems) {
      const pointer = `${entity}/${p.path}`;
      this.covered.push({ entity, pointer });
      this.issues.push(
        issue('SCHEMA_VIOLATION', p.message, { pointer, field: p.path.split('/').at(-1) }, p.severity),
      );
    }
  }

  private finishType(t: Entity, pointer: string): void {
    const validity = t.validity as Entity | undefined;
    const problems: RowProblem[] = [];
    if (validity?.kind === 'term' && validity.years === undefined) {
      problems.push({ path: 'validity/years', message: 'must be given when 有效期规则 is 固定年限' });
    }
    if (validity && validity.kind !== 'term' && validity.years !== undefined) {
      problems.push({ path: 'validity/years', message: 'is only used when 有效期规则 is 固定年限' });
    }
    this.report(pointer, problems);
    const additional = (t.fields as Entity | undefined)?.additionalProperties;
    t.fields = {
      type: 'object',
      properties: {},
      ...(additional === undefined ? {} : { additionalProperties: additional }),
    };
  }

  private attachFields(types: Entity[], rows: readonly SheetRow[]): void {
    const typeAt = new Map<string, number>();
    types.forEach((t, i) => {
      if (typeof t.code === 'string' && !typeAt.has(t.code)) typeAt.set(t.code, i);
    });
    const firstRow = new Map<string, number>();
    for (const r of rows) {
      const typeCode = r.values.get('证照类型代码');
      const name = r.values.get('字段名');
      const ti = typeof typeCode === 'string' ? typeAt.get(typeCode) : undefined;
      if (typeof typeCode === 'string' && ti === undefined) {
        this.issues.push(
          issue(
            'UNKNOWN_CERTIFICATE_TYPE',
            '证照类型代码: this certificate type is not in the 证照类型 sheet',
            {
              sheet: SHEET.fields,
              row: r.row,
              field: 'typeCode',
            },
          ),
        );
      }
      if (ti === undefined || typeof name !== 'string') {
        this.reportUnattached(SHEET.fields, r);
        continue;
      }
      const key = `${ti}\u0000${name}`;
      const earlier = firstRow.get(key);
      if (earlier !== undefined) {
        this.issues.push(
          issue(
            'DUPLICATE_CODE',
            `字段名: this field is already defined for this certificate type in row ${earlier}`,
            {
              sheet: SHEET.fields,
              row: r.row,
              field: 'properties',
            },
          ),
        );
        this.reportUnattached(SHEET.fields, r);
        continue;
      }
      firstRow.set(key, r.row);
      const type = types[ti]!;
      const fields = type.fields as { properties: Entity; required?: string[] };
      const pointer = `/certificateTypes/${ti}/fields/properties/${escapePointerSegment(name)}`;
      this.entities.set(pointer, { sheet: SHEET.fields, row: r.row });
      const field: Entity = {};
      for (const column of SHEET_COLUMNS[SHEET.fields]) {
        const [path] = column.paths.filter((p) => p !== '');
        const value = r.values.get(column.header);
        if (value === undefined || path === 'typeCode' || path === 'name' || path === 'required') continue;
        field[path!] = value;
      }
      const problems = [...r.problems.map((p) => (p.path === '' ? { ...p, path: 'name' } : p))];
      if (field.enum !== undefined) {
        const e = enumOfCell(field.enum as EnumCell, field.type);
        if (typeof e === 'string') {
          problems.push({ path: 'enum', message: e });
          delete field.enum;
        } else field.enum = e;
      }
      Object.defineProperty(fields.properties, name, {
        value: field,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (r.values.get('必填') === true) (fields.required ??= []).push(name);
      // The field's row problems point at it; the 字段名 and 必填 cells' problems too.
      this.report(
        pointer,
        problems.filter((p) => p.path !== 'typeCode' && p.path !== 'name' && p.path !== 'required'),
      );
      for (const p of problems.filter(
        (p) => p.path === 'typeCode' || p.path === 'name' || p.path === 'required',
      )) {
        this.issues.push(
          issue('SCHEMA_VIOLATION', `${headerOf(SHEET.fields, p.path)}: ${p.message}`, {
            sheet: SHEET.fields,
            row: r.row,
            field: p.path,
          }),
        );
      }
    }
  }

  private finishItem(it: Entity, pointer: string): void {
    const r = this.rowOf.get(it)!;
    const problems: RowProblem[] = [];
    for (const key of ['statutoryDays', 'promisedDays'] as const) {
      const limit = it[key] as Entity | undefined;
      if (!limit || !Object.hasOwn(limit, 'days')) continue; // blank or bad: already reported
      const unitHeader = key === 'statutoryDays' ? '法定时限单位' : '承诺时限单位';
      if (limit.days === null) {
        if (limit.unit !== undefined || r.problems.some((p) => p.path === `${key}/unit`)) {
          problems.push({
            path: `${key}/unit`,
            message: `is ignored: the time limit is ${NONE}`,
            severity: 'warning',
          });
        }
        it[key] = null;
      } else if (limit.unit === undefined && !r.problems.some((p) => p.path === `${key}/unit`)) {
        problems.push({ path: `${key}/unit`, message: `must be given (${unitHeader}: 工作日 or 自然日)` });
      }
    }
    this.report(pointer, problems);
    it.materials = [];
  }

  private attachMaterials(items: Entity[], rows: readonly SheetRow[]): void {
    const itemAt = new Map<string, number>();
    items.forEach((it, i) => {
      if (typeof it.itemCode === 'string' && !itemAt.has(it.itemCode)) itemAt.set(it.itemCode, i);
    });
    const byItem = new Map<number, { seq: number | undefined; r: SheetRow }[]>();
    for (const r of rows) {
      const code = r.values.get('实施编码');
      const ii = typeof code === 'string' ? itemAt.get(code) : undefined;
      if (typeof code === 'string' && ii === undefined) {
        this.issues.push(
          issue('UNKNOWN_ITEM', '实施编码: this item is not in the 事项 sheet', {
            sheet: SHEET.materials,
            row: r.row,
            field: 'itemCode',
          }),
        );
      }
      if (ii === undefined) {
        this.reportUnattached(SHEET.materials, r);
        continue;
      }
      const seq = r.values.get('序号');
      const list = byItem.get(ii) ?? [];
      list.push({ seq: typeof seq === 'number' ? seq : undefined, r });
      byItem.set(ii, list);
    }
    for (const [ii, list] of byItem) {
      // By 序号; rows whose 序号 is unreadable go last, in sheet order (sort is stable).
      list.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
      const seen = new Map<number, number>();
      const materials = items[ii]!.materials as Entity[];
      for (const { seq, r } of list) {
        const pointer = `/items/${ii}/materials/${materials.length}`;
        this.entities.set(pointer, { sheet: SHEET.materials, row: r.row });
        if (seq !== undefined && seq < 1) {
          this.issues.push(
            issue('SCHEMA_VIOLATION', '序号: must be 1 or more', { sheet: SHEET.materials, row: r.row }),
          );
        }
        if (seq !== undefined && seen.has(seq)) {
          this.issues.push(
            issue('DUPLICATE_CODE', `序号: ${seq} is already used for this item in row ${seen.get(seq)!}`, {
              sheet: SHEET.materials,
              row: r.row,
            }),
          );
        } else if (seq !== undefined) seen.set(seq, r.row);
        materials.push(this.material(r, pointer));
      }
    }
  }

  private material(r: SheetRow, pointer: string): Entity {
    const v = (header: string): unknown => r.values.get(header);
    const problems = r.problems.filter((p) => p.path !== 'itemCode' && p.path !== 'seq');
    for (const p of r.problems.filter((p) => p.path === 'itemCode' || p.path === 'seq')) {
      this.issues.push(
        issue('SCHEMA_VIOLATION', `${headerOf(SHEET.materials, p.path)}: ${p.message}`, {
          sheet: SHEET.materials,
          row: r.row,
        }),
      );
    }
    const m: Entity = {};
    if (v('材料名称') !== undefined) m.name = v('材料名称');
    if (v('必要性') !== undefined) m.required = v('必要性');
    const kind = v('来源');
    const typeCode = v('证照类型代码');
    const fields = v('所需字段') as string[] | undefined;
    const prior = v('前置事项编码');
    const unused = (path: string, header: string, present: boolean, when: string): void => {
      if (present)
        problems.push({ path, message: `is only used when 来源 is ${when}; leave ${header} empty` });
    };
    switch (kind) {
      case 'certificate':
        m.source = { kind, fields: fields ?? [], ...(typeCode === undefined ? {} : { typeCode }) };
        if (typeCode === undefined && !problems.some((p) => p.path === 'source/typeCode')) {
          problems.push({ path: 'source/typeCode', message: 'must be given when 来源 is 证照' });
        }
        unused('source/itemCode', '前置事项编码', prior !== undefined, '前序办件');
        break;
      case 'applicant':
        m.source = { kind };
        unused('source/typeCode', '证照类型代码', typeCode !== undefined, '证照');
        unused('source/fields', '所需字段', (fields ?? []).length > 0, '证照');
        unused('source/itemCode', '前置事项编码', prior !== undefined, '前序办件');
        break;
      case 'prior-case':
        m.source = { kind, ...(prior === undefined ? {} : { itemCode: prior }) };
        if (prior === undefined && !problems.some((p) => p.path === 'source/itemCode')) {
          problems.push({ path: 'source/itemCode', message: 'must be given when 来源 is 前序办件' });
        }
        unused('source/typeCode', '证照类型代码', typeCode !== undefined, '证照');
        unused('source/fields', '所需字段', (fields ?? []).length > 0, '证照');
        break;
      default:
        break; // blank or unknown 来源: already reported
    }
    this.report(pointer, problems);
    return m;
  }

  /** Problems of a row that belongs to no entity (its type or item is unknown): by sheet and row. */
  private reportUnattached(sheet: SheetName, r: SheetRow): void {
    for (const p of r.problems) {
      this.issues.push(
        issue(
          'SCHEMA_VIOLATION',
          `${headerOf(sheet, p.path)}: ${p.message}`,
          { sheet, row: r.row, field: p.path.split('/').at(-1) },
          p.severity,
        ),
      );
    }
  }
}

const headerOf = (sheet: SheetName, path: string): string =>
  SHEET_COLUMNS[sheet].find((c: ColumnSpec) => c.paths.includes(path))?.header ?? path;

type EnumCell = { list: string[] } | { json: unknown[] };

/** The `enum` of a field: `;`-separated values are numbers for numeric fields, text otherwise. */
function enumOfCell(cell: EnumCell, type: unknown): unknown[] | string {
  if ('json' in cell) return cell.json;
  if (type !== 'number' && type !== 'integer') return cell.list;
  const values: number[] = [];
  for (const entry of cell.list) {
    const n = numericText(entry);
    if (n === undefined) return 'must list numbers for a numeric field, separated by ;';
    values.push(n);
  }
  return values;
}
