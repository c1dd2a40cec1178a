/**
 * The XLSX layout of our catalog format: sheet names, column headers and the Chinese labels of enum
 * values. One table per sheet, headers in row 1. docs/catalog-format.md documents the same tables (a
 * test checks that every sheet and header named here appears there).
 */

export const SHEET = {
  about: '说明',
  departments: '部门',
  certificateTypes: '证照类型',
  fields: '证照字段',
  items: '事项',
  materials: '申请材料',
} as const;
export type SheetName = (typeof SHEET)[keyof typeof SHEET];

/** Sheet order in a written workbook, and the order issues are listed in. */
export const SHEET_ORDER: readonly SheetName[] = [
  SHEET.about,
  SHEET.departments,
  SHEET.certificateTypes,
  SHEET.fields,
  SHEET.items,
  SHEET.materials,
];

/** How a cell is read. */
export type CellKind =
  /** Free text, kept as written (a blank cell is empty). */
  | 'text'
  /** A code: trimmed; a number cell is accepted when it is a whole number Excel kept exactly. */
  | 'code'
  /** `;`-separated codes (`；` also accepted), trimmed, empty entries dropped. */
  | 'codes'
  /** `;`-separated free-text entries. */
  | 'texts'
  /** One of the Chinese labels of an enum. */
  | 'enum'
  /** `;`-separated enum labels. */
  | 'enums'
  /** 是 / 否 (or an Excel TRUE/FALSE). */
  | 'yesNo'
  | 'number'
  | 'integer'
  /** A number of days, or 无 for none. */
  | 'days'
  /** 枚举值: `;`-separated, or a JSON array when it starts with `[`. */
  | 'enumValues'
  /** A JSON value (元素定义). */
  | 'json';

export type EnumValue = string | number | boolean;

export interface ColumnSpec {
  readonly header: string;
  /** Pointers relative to the row's entity that this column holds; the first is where its value goes. */
  readonly paths: readonly string[];
  readonly kind: CellKind;
  /** The cell must not be blank. */
  readonly valueRequired: boolean;
  /** The column may be left out of the header row altogether. */
  readonly optionalColumn?: boolean;
  /** The enum's labels, for `enum` and `enums`. */
  readonly labels?: Readonly<Record<string, EnumValue>>;
  readonly width: number;
}

/** A two-way map between codes and their Chinese labels. */
const labels = <K extends EnumValue>(map: Readonly<Record<string, K>>): Readonly<Record<string, K>> => map;

export const LEVEL_LABELS = labels({ 省级: 'province', 市级: 'city', 区县级: 'district' });
export const FLAG_LABELS = labels({
  信用代码校验位不符: 'CREDIT_CODE_CHECK_MISMATCH',
  信用代码无效: 'CREDIT_CODE_INVALID',
});
export const HOLDER_LABELS = labels({ 自然人: 'person', 法人和其他组织: 'organisation' });
export const SHARING_LABELS = labels({
  无条件共享: 'unconditional',
  有条件共享: 'conditional',
  不予共享: 'none',
});
export const GRADE_LABELS = labels({ '1': 1, '2': 2, '3': 3, '4': 4 });
export const TRUST_LABELS = labels({ A: 'A', B: 'B', C: 'C', D: 'D' });
export const VALIDITY_LABELS = labels({ 长期有效: 'permanent', 固定年限: 'term', 证面载明: 'stated' });
export const FIELD_TYPE_LABELS = labels({
  字符串: 'string',
  数值: 'number',
  整数: 'integer',
  布尔: 'boolean',
  数组: 'array',
  对象: 'object',
});
export const UNIT_LABELS = labels({ 工作日: 'working', 自然日: 'natural' });
export const NECESSITY_LABELS = labels({ 必要: true, 非必要: false });
export const SOURCE_LABELS = labels({ 证照: 'certificate', 申请人提供: 'applicant', 前序办件: 'prior-case' });
export const YES = '是';
export const NO = '否';
/** The label of a `null` time limit. */
export const NONE = '无';

/** The Chinese label of a code, for writing. */
export function labelOf(map: Readonly<Record<string, unknown>>, value: unknown): string {
  for (const [label, v] of Object.entries(map)) if (v === value) return label;
  throw new Error(`no label for ${String(value)}`);
}

const col = (
  header: string,
  paths: string | readonly string[],
  kind: CellKind,
  valueRequired: boolean,
  width: number,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({
  header,
  paths: typeof paths === 'string' ? [paths] : paths,
  kind,
  valueRequired,
  width,
  ...extra,
});

export const ABOUT_COLUMNS: readonly ColumnSpec[] = [
  col('项目', 'key', 'text', true, 16),
  col('内容', 'value', 'text', false, 60),
];
/** Rows of the 说明 sheet that the reader looks at. */
export const ABOUT_KEYS = { format: '格式', formatVersion: '格式版本' } as const;

export const DEPARTMENT_COLUMNS: readonly ColumnSpec[] = [
  col('统一社会信用代码', 'creditCode', 'code', true, 22),
  col('名称', 'name', 'text', true, 30),
  col('层级', 'level', 'enum', true, 8, { labels: LEVEL_LABELS }),
  col('是否垂管', 'vertical', 'yesNo', true, 10),
  col('上级部门代码', 'parentCode', 'code', false, 22),
  col('标记', 'flags', 'enums', false, 20, { labels: FLAG_LABELS, optionalColumn: true }),
];

export const CERTIFICATE_TYPE_COLUMNS: readonly ColumnSpec[] = [
  col('证照类型代码', 'code', 'code', true, 25),
  col('名称', 'name', 'text', true, 24),
  col('定义部门代码', 'definingDeptCode', 'code', true, 22),
  col('颁发部门代码', 'issuingDeptCodes', 'codes', false, 30),
  col('持证主体类型', 'holderKind', 'enum', true, 16, { labels: HOLDER_LABELS }),
  col('共享类型', 'sharing', 'enum', true, 12, { labels: SHARING_LABELS }),
  col('共享依据', 'legalBasis', 'text', false, 40),
  col('敏感级别', 'grade', 'enum', true, 10, { labels: GRADE_LABELS }),
  col('可信等级', 'trust', 'enum', true, 10, { labels: TRUST_LABELS }),
  col('有效期规则', ['validity/kind', 'validity'], 'enum', true, 12, { labels: VALIDITY_LABELS }),
  col('有效年限', 'validity/years', 'integer', false, 10),
  col('允许其他字段', 'fields/additionalProperties', 'yesNo', false, 14, { optionalColumn: true }),
];

export const FIELD_COLUMNS: readonly ColumnSpec[] = [
  col('证照类型代码', 'typeCode', 'code', true, 25),
  // '' : the row's entity is the field itself, so an issue about the field name points at it.
  col('字段名', ['', 'name'], 'code', true, 20),
  col('中文名', 'title', 'text', true, 20),
  col('数据类型', 'type', 'enum', true, 10, { labels: FIELD_TYPE_LABELS }),
  col('必填', 'required', 'yesNo', true, 8),
  col('格式', 'format', 'code', false, 12),
  col('说明', 'description', 'text', false, 30, { optionalColumn: true }),
  col('正则', 'pattern', 'text', false, 24, { optionalColumn: true }),
  col('最大长度', 'maxLength', 'integer', false, 10, { optionalColumn: true }),
  col('最小值', 'minimum', 'number', false, 10, { optionalColumn: true }),
  col('枚举值', 'enum', 'enumValues', false, 24, { optionalColumn: true }),
  col('元素定义', 'items', 'json', false, 30, { optionalColumn: true }),
];

export const ITEM_COLUMNS: readonly ColumnSpec[] = [
  col('实施编码', 'itemCode', 'code', true, 34),
  col('基本编码', 'baseCode', 'code', true, 16),
  col('事项名称', 'name', 'text', true, 30),
  col('实施主体代码', 'deptCode', 'code', true, 22),
  col('事项类型', 'type', 'text', true, 12),
  col('法定时限', ['statutoryDays/days', 'statutoryDays'], 'days', true, 10),
  col('法定时限单位', 'statutoryDays/unit', 'enum', false, 12, { labels: UNIT_LABELS }),
  col('承诺时限', ['promisedDays/days', 'promisedDays'], 'days', true, 10),
  col('承诺时限单位', 'promisedDays/unit', 'enum', false, 12, { labels: UNIT_LABELS }),
  col('服务对象', 'serviceObjects', 'texts', false, 20),
  col('后续事项', 'followUps', 'codes', false, 34),
  col('产出证照', 'outputs', 'codes', false, 25),
];

export const MATERIAL_COLUMNS: readonly ColumnSpec[] = [
  col('实施编码', 'itemCode', 'code', true, 34),
  col('序号', 'seq', 'integer', true, 6),
  col('材料名称', 'name', 'text', true, 30),
  col('必要性', 'required', 'enum', true, 8, { labels: NECESSITY_LABELS }),
  col('来源', ['source/kind', 'source'], 'enum', true, 12, { labels: SOURCE_LABELS }),
  col('证照类型代码', 'source/typeCode', 'code', false, 25),
  col('所需字段', 'source/fields', 'codes', false, 30),
  col('前置事项编码', 'source/itemCode', 'code', false, 34),
];

export const SHEET_COLUMNS: Readonly<Record<SheetName, readonly ColumnSpec[]>> = {
  [SHEET.about]: ABOUT_COLUMNS,
  [SHEET.departments]: DEPARTMENT_COLUMNS,
  [SHEET.certificateTypes]: CERTIFICATE_TYPE_COLUMNS,
  [SHEET.fields]: FIELD_COLUMNS,
  [SHEET.items]: ITEM_COLUMNS,
  [SHEET.materials]: MATERIAL_COLUMNS,
};

/** The column of `spec` that holds `relative` (a pointer relative to the row's entity), if any. */
export function columnAt(columns: readonly ColumnSpec[], relative: string): ColumnSpec | undefined {
  let best: { column: ColumnSpec; length: number } | undefined;
  for (const column of columns) {
    for (const path of column.paths) {
      if ((relative === path || relative.startsWith(`${path}/`)) && (!best || path.length > best.length)) {
        best = { column, length: path.length };
      }
    }
  }
  return best?.column;
}
