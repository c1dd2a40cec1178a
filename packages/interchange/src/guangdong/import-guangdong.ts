import {
  createMaterialNormaliser,
  DomainError,
  itemTypes,
  parseTimeLimit,
  validateCreditCode,
  type Catalog,
  type CertificateType,
  type Department,
  type DepartmentFlag,
  type ImportIssue,
  type ItemType,
  type MaterialMapping,
  type Material,
  type ServiceItem,
  type SynonymDictionary,
  type TimeLimit,
} from '@tongban/domain';

/**
 * Importer for the Guangdong provincial service-item file (shared/data/gd-service-items/items.jsonl):
 * JSON Lines as scraped from the Guangdong government service portal, one item per line.
 *
 * Field mapping: itemCode = TASK_CODE, baseCode = CATAID, name = TASK_NAME, type = TASK_TYPE_TEXT,
 * statutoryDays = handle_time, promisedDays = handle_time_limit, serviceObjects = service_object_name,
 * materials = material_intro (a list of names, or the string "无"), department = the first 18 characters
 * of TASK_CODE (its 统一社会信用代码) named DEPT_NAME. The file says nothing about outputs, follow-ups or
 * which fields of a certificate an item needs; see {@link importGuangdongItems} for what we decide.
 */

/** Options of {@link importGuangdongItems}. */
export interface GuangdongImportOptions {
  /** Shown in every issue (`file`). */
  readonly fileName: string;
  /** The certificate types the dictionary maps to (national-certificate-types.yaml). */
  readonly certificateTypes: readonly CertificateType[];
  /** The synonym dictionary (material-synonyms.yaml). */
  readonly dictionary: SynonymDictionary;
  /** Refuse larger inputs (FILE_TOO_LARGE). Default {@link MAX_GUANGDONG_FILE_CHARS}. */
  readonly maxChars?: number;
}

/** A department whose key is not a clean credit code, kept with flags. */
export interface FlaggedDepartment {
  readonly creditCode: string;
  readonly name: string;
  readonly flags: readonly DepartmentFlag[];
  /** Why, in plain words (from validateCreditCode). */
  readonly reason: string;
  readonly firstLine: number;
  readonly items: number;
}

/** What the import found, for people: counts, and the lists to act on. */
export interface GuangdongReport {
  readonly counts: {
    /** Non-blank lines read. */
    readonly lines: number;
    /** Items in the catalog. */
    readonly items: number;
    /** Lines that produced no item (malformed, wrong types, duplicate code): each has an error issue. */
    readonly skippedLines: number;
    readonly departments: number;
    readonly flaggedDepartments: number;
    /** Material entries of the file (names per item, after removing exact duplicates within an item). */
    readonly materials: number;
    /** Exact duplicate names removed within one item. */
    readonly duplicateMaterialsRemoved: number;
    /** Blank names skipped (each has a warning). */
    readonly blankMaterialsSkipped: number;
    readonly distinctMaterialNames: number;
    /** Material entries mapped to at least one certificate type. */
    readonly mapped: number;
    /** Material entries mapped to none: kept as applicant-provided. */
    readonly unmapped: number;
    readonly distinctMappedNames: number;
    readonly distinctUnmappedNames: number;
    /** Material entries naming several certificate types as alternatives (或). */
    readonly alternatives: number;
    /** Materials in the catalog (an entry naming several types becomes one material per type). */
    readonly catalogMaterials: number;
    readonly certificateTypes: number;
  };
  /** Unmapped names, most used first (then by name). `items` = number of items that list the name. */
  readonly unmapped: readonly { readonly name: string; readonly items: number }[];
  /** For each certificate type used: the number of material entries naming it, and of items. */
  readonly mappedByType: readonly {
    readonly typeCode: string;
    readonly name: string;
    readonly materials: number;
    readonly items: number;
  }[];
  readonly flaggedDepartments: readonly FlaggedDepartment[];
}

export interface GuangdongImport {
  readonly catalog: Catalog;
  readonly issues: ImportIssue[];
  readonly report: GuangdongReport;
}

/** 64 Mi characters: thirty times the real file. */
export const MAX_GUANGDONG_FILE_CHARS = 64 * 1024 * 1024;

/** Material names longer than this are cut (with a warning) and not mapped. The longest real one has 75. */
export const MAX_MATERIAL_NAME_LENGTH = 500;

/**
 * TASK_TYPE codes seen in the file with their TASK_TYPE_TEXT. Used only when TASK_TYPE_TEXT is not one
 * of our item types; other codes are not guessed.
 */
const TASK_TYPE_CODES: Readonly<Record<string, ItemType>> = {
  '01': '行政许可',
  '05': '行政给付',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '20': '其他行政权力',
  '21': '公共服务',
};

/** The item type used when neither TASK_TYPE_TEXT nor TASK_TYPE says one: the residual class of powers. */
export const FALLBACK_ITEM_TYPE: ItemType = '其他行政权力';

const NO_MATERIALS = '无';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Imports the Guangdong file's text. Pure apart from the dictionary's regular expressions: no I/O.
 * Never throws on bad file content (every problem is an issue); throws a DomainError only when the
 * options are inconsistent (the dictionary names a type that `certificateTypes` lacks).
 *
 * Decisions (the file does not say):
 * - **Lines.** One JSON object per line; blank lines are skipped. A line that is not JSON (also a
 *   truncated last line) or not an object is a MALFORMED_FILE error with its line; an empty file is one
 *   MALFORMED_FILE error. Lines with TASK_CODE, TASK_NAME, CATAID or DEPT_NAME missing or of the wrong
 *   type, and a repeated TASK_CODE (DUPLICATE_CODE), are errors and produce no item. Errors make the
 *   import all-or-nothing (hasErrors); everything else is a warning and the item is kept.
 * - **Item type.** TASK_TYPE_TEXT must be one of the national item types. Otherwise an
 *   INVALID_ITEM_TYPE warning, and the type comes from TASK_TYPE when it is a code seen in the file
 *   (01 行政许可 … 21 公共服务), else {@link FALLBACK_ITEM_TYPE} 其他行政权力: the residual class of
 *   administrative powers claims least about the item (公共服务 would claim it involves no power).
 * - **Time limits.** parseTimeLimit; a spelling it refuses (or a missing value) is an
 *   INVALID_TIME_LIMIT warning with the line and field, and the item keeps `null`.
 * - **Departments.** Key = first 18 characters of TASK_CODE, name = DEPT_NAME (trimmed), level
 *   province, not vertical. A code failing only the GB 32100 check character is flagged
 *   CREDIT_CODE_CHECK_MISMATCH; one whose organisation code (characters 9-17) also fails is flagged
 *   CREDIT_CODE_INVALID as well (validateCatalog, which validates leniently, would otherwise refuse
 *   it); anything else that is not a credit code is flagged CREDIT_CODE_INVALID. One warning per
 *   distinct code, with its first line and number of items.
 * - **Materials.** "无" or an empty list means none. Names are trimmed; exact duplicates within an item
 *   are removed (counted in the report); blank names are skipped with a warning. Each name goes
 *   through the normaliser. A name naming one type → a certificate material; several types needed
 *   together (、/和/及) → one required material per type; several alternatives (或) → one material per
 *   type, each `required: false`, all with the original name (the catalog has no "one of" group; a
 *   material that is required alone would overstate what the applicant must bring). Unmapped → an
 *   applicant material, and one UNMAPPED_MATERIAL warning per distinct name (with its item count).
 *   The file marks no material as optional, so all others are `required: true`.
 * - **Fields.** A certificate material declares the type's `required` fields (all its fields when the
 *   type has no `required`): the file does not say which fields an item needs, and the required ones
 *   are what identifies the certificate. A smaller set can be set per item later.
 * - **Outputs and follow-ups** are empty: the file has neither.
 * - **Certificate types** of the catalog: the given types that some material references.
 */
export function importGuangdongItems(text: string, options: GuangdongImportOptions): GuangdongImport {
  const file = options.fileName;
  const typesByCode = new Map(options.certificateTypes.map((t) => [t.code, t] as const));
  checkDictionary(options.dictionary, typesByCode);
  const normaliser = createMaterialNormaliser(options.dictionary);
  const mappingCache = new Map<string, MaterialMapping>();
  const mapName = (name: string): MaterialMapping => {
    let m = mappingCache.get(name);
    if (!m) {
      m = normaliser.map(name);
      mappingCache.set(name, m);
    }
    return m;
  };

  const issues: ImportIssue[] = [];
  const issue = (i: Omit<ImportIssue, 'file'>): void => {
    issues.push({ ...i, file });
  };

  const items: ServiceItem[] = [];
  const itemLine = new Map<string, number>();
  const depts = new Map<string, { name: string; firstLine: number; items: number }>();
  const stats = {
    lines: 0,
    skippedLines: 0,
    materials: 0,
    duplicateMaterialsRemoved: 0,
    blankMaterialsSkipped: 0,
    mapped: 0,
    unmapped: 0,
    alternatives: 0,
    catalogMaterials: 0,
  };
  /** Per distinct name: the items that list it, and where it first occurs. */
  const names = new Map<string, { items: number; firstLine: number; pointer: string; typeCodes: string[] }>();
  const byType = new Map<string, { materials: number; items: Set<string> }>();

  const maxChars = options.maxChars ?? MAX_GUANGDONG_FILE_CHARS;
  if (text.length > maxChars) {
    issue({
      severity: 'error',
      code: 'FILE_TOO_LARGE',
      message: `the file has ${text.length} characters; the importer accepts at most ${maxChars}`,
    });
    return finish();
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim().length === 0) {
    issue({ severity: 'error', code: 'MALFORMED_FILE', message: 'the file is empty: no item lines' });
    return finish();
  }

  const lines = body.split(/\r?\n/u);
  const endsWithNewline = /\n$/u.test(body);
  let lastNonBlank = lines.length - 1;
  while (lastNonBlank >= 0 && (lines[lastNonBlank] ?? '').trim() === '') lastNonBlank--;

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    stats.lines++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      const truncated = index === lastNonBlank && !endsWithNewline;
      issue({
        severity: 'error',
        code: 'MALFORMED_FILE',
        line,
        message: truncated
          ? `line ${line} is not valid JSON and the file does not end with a newline: the last line looks cut off (truncated file)`
          : `line ${line} is not valid JSON (one JSON object per line expected)`,
      });
      stats.skippedLines++;
      return;
    }
    if (!isRecord(parsed)) {
      issue({
        severity: 'error',
        code: 'MALFORMED_FILE',
        line,
        message: `line ${line} is not a JSON object`,
      });
      stats.skippedLines++;
      return;
    }
    const item = readItem(parsed, line);
    if (item) items.push(item);
    else stats.skippedLines++;
  });

  return finish();

  function readItem(o: Json, line: number): ServiceItem | undefined {
    const problems: { field: string; message: string }[] = [];
    const taskCode = o['TASK_CODE'];
    if (typeof taskCode !== 'string' || !/^[0-9A-Z]{18,64}$/u.test(taskCode.trim())) {
      problems.push({
        field: 'TASK_CODE',
        message:
          'TASK_CODE must be text of 18 to 64 digits and capital letters (a credit code + item number)',
      });
    }
    const name = o['TASK_NAME'];
    if (typeof name !== 'string' || name.trim() === '') {
      problems.push({ field: 'TASK_NAME', message: 'TASK_NAME must be non-empty text' });
    }
    const baseCode = o['CATAID'];
    if (typeof baseCode !== 'string' || baseCode.trim() === '') {
      problems.push({ field: 'CATAID', message: 'CATAID (基本编码) must be non-empty text' });
    }
    const deptName = o['DEPT_NAME'];
    if (typeof deptName !== 'string' || deptName.trim() === '') {
      problems.push({ field: 'DEPT_NAME', message: 'DEPT_NAME must be non-empty text' });
    }
    if (
      problems.length > 0 ||
      typeof taskCode !== 'string' ||
      typeof name !== 'string' ||
      typeof baseCode !== 'string' ||
      typeof deptName !== 'string'
    ) {
      for (const p of problems) {
        issue({
          severity: 'error',
          code: 'SCHEMA_VIOLATION',
          line,
          field: p.field,
          message: `line ${line}: ${p.message}; the line is not imported`,
        });
      }
      return undefined;
    }

    const itemCode = taskCode.trim();
    const firstLine = itemLine.get(itemCode);
    if (firstLine !== undefined) {
      issue({
        severity: 'error',
        code: 'DUPLICATE_CODE',
        line,
        field: 'TASK_CODE',
        message: `line ${line}: item ${itemCode} already appears on line ${firstLine}; this line is not imported`,
      });
      return undefined;
    }
    itemLine.set(itemCode, line);
    const at = `/items/${items.length}`;

    const cataid = baseCode.trim();
    if (!/^[0-9A-Z]{12}$/u.test(cataid)) {
      issue({
        severity: 'warning',
        code: 'SCHEMA_VIOLATION',
        line,
        field: 'CATAID',
        pointer: `${at}/baseCode`,
        message: `line ${line}: CATAID (基本编码) should be 12 digits or capital letters; kept as given`,
      });
    }

    const deptCode = itemCode.slice(0, 18);
    const dName = deptName.trim();
    const dept = depts.get(deptCode);
    if (!dept) depts.set(deptCode, { name: dName, firstLine: line, items: 1 });
    else {
      dept.items++;
      if (dept.name !== dName) {
        issue({
          severity: 'warning',
          code: 'DUPLICATE_CODE',
          line,
          field: 'DEPT_NAME',
          message: `line ${line}: department ${deptCode} is named “${dName}” here but “${dept.name}” on line ${dept.firstLine}; the first name is kept`,
        });
      }
    }

    return {
      itemCode,
      baseCode: cataid,
      name: name.trim(),
      deptCode,
      type: readType(o, line, at),
      statutoryDays: readTimeLimit(o, 'handle_time', 'statutoryDays', line, at),
      promisedDays: readTimeLimit(o, 'handle_time_limit', 'promisedDays', line, at),
      materials: readMaterials(o, itemCode, line, at),
      outputs: [],
      followUps: [],
      serviceObjects: readServiceObjects(o, line, at),
    };
  }

  function readType(o: Json, line: number, at: string): ItemType {
    const text = o['TASK_TYPE_TEXT'];
    const folded = typeof text === 'string' ? text.normalize('NFKC').trim() : undefined;
    if (folded !== undefined && (itemTypes as readonly string[]).includes(folded)) return folded as ItemType;
    const code = o['TASK_TYPE'];
    const fromCode = typeof code === 'string' ? TASK_TYPE_CODES[code.trim()] : undefined;
    const chosen = fromCode ?? FALLBACK_ITEM_TYPE;
    const shown = typeof text === 'string' ? `“${text.slice(0, 40)}”` : `a value of type ${jsonType(text)}`;
    issue({
      severity: 'warning',
      code: 'INVALID_ITEM_TYPE',
      line,
      field: 'TASK_TYPE_TEXT',
      pointer: `${at}/type`,
      message: fromCode
        ? `line ${line}: TASK_TYPE_TEXT ${shown} is not an item type; ${chosen} taken from TASK_TYPE ${String(code)}`
        : `line ${line}: TASK_TYPE_TEXT ${shown} is not an item type; ${chosen} assumed`,
    });
    return chosen;
  }

  function readTimeLimit(
    o: Json,
    source: 'handle_time' | 'handle_time_limit',
    field: 'statutoryDays' | 'promisedDays',
    line: number,
    at: string,
  ): TimeLimit | null {
    const v = o[source];
    const parsed =
      typeof v === 'string'
        ? parseTimeLimit(v)
        : { ok: false as const, reason: `${source} is missing or not text` };
    if (parsed.ok) return parsed.value;
    const shown = typeof v === 'string' ? ` “${v.slice(0, 40)}”` : '';
    issue({
      severity: 'warning',
      code: 'INVALID_TIME_LIMIT',
      line,
      field,
      pointer: `${at}/${field}`,
      message: `line ${line}: ${source}${shown}: ${parsed.reason}; kept as no time limit (null)`,
    });
    return null;
  }

  function readServiceObjects(o: Json, line: number, at: string): string[] {
    const v = o['service_object_name'];
    if (v === undefined || v === null || v === NO_MATERIALS) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
      issue({
        severity: 'warning',
        code: 'SCHEMA_VIOLATION',
        line,
        field: 'service_object_name',
        pointer: `${at}/serviceObjects`,
        message: `line ${line}: service_object_name should be a list of text; ignored`,
      });
      return [];
    }
    return [...new Set((v as string[]).map((s) => s.trim()).filter((s) => s !== ''))];
  }

  function readMaterials(o: Json, itemCode: string, line: number, at: string): Material[] {
    const v = o['material_intro'];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === NO_MATERIALS)) return [];
    if (!Array.isArray(v)) {
      issue({
        severity: 'error',
        code: 'SCHEMA_VIOLATION',
        line,
        field: 'material_intro',
        pointer: `${at}/materials`,
        message: `line ${line}: material_intro must be a list of names or “无”, not ${jsonType(v)}; the item is kept without materials`,
      });
      return [];
    }
    const materials: Material[] = [];
    const seen = new Set<string>();
    v.forEach((entry: unknown, k) => {
      if (typeof entry !== 'string') {
        issue({
          severity: 'error',
          code: 'SCHEMA_VIOLATION',
          line,
          field: 'material_intro',
          pointer: `${at}/materials`,
          message: `line ${line}: material ${k + 1} is ${jsonType(entry)}, not a name; it is not imported`,
        });
        return;
      }
      let name = entry.trim();
      if (name === '') {
        stats.blankMaterialsSkipped++;
        issue({
          severity: 'warning',
          code: 'SCHEMA_VIOLATION',
          line,
          field: 'material_intro',
          pointer: `${at}/materials`,
          message: `line ${line}: material ${k + 1} has a blank name; skipped`,
        });
        return;
      }
      let tooLong = false;
      if (name.length > MAX_MATERIAL_NAME_LENGTH) {
        issue({
          severity: 'warning',
          code: 'SCHEMA_VIOLATION',
          line,
          field: 'material_intro',
          pointer: `${at}/materials/${materials.length}/name`,
          message: `line ${line}: material ${k + 1} has a name of ${name.length} characters; kept cut to ${MAX_MATERIAL_NAME_LENGTH} and not mapped`,
        });
        name = name.slice(0, MAX_MATERIAL_NAME_LENGTH);
        tooLong = true;
      }
      if (seen.has(name)) {
        stats.duplicateMaterialsRemoved++;
        return;
      }
      seen.add(name);
      stats.materials++;

      const mapping: MaterialMapping = tooLong ? { typeCodes: [] } : mapName(name);
      const pointer = `${at}/materials/${materials.length}`;
      const known = names.get(name);
      if (known) known.items++;
      else names.set(name, { items: 1, firstLine: line, pointer, typeCodes: mapping.typeCodes });

      if (mapping.typeCodes.length === 0) {
        stats.unmapped++;
        materials.push({ name, required: true, source: { kind: 'applicant' } });
        return;
      }
      stats.mapped++;
      const oneOf = mapping.typeCodes.length > 1 && mapping.combination === 'one-of';
      if (oneOf) stats.alternatives++;
      for (const typeCode of mapping.typeCodes) {
        const type = typesByCode.get(typeCode);
        // checkDictionary guarantees every code the normaliser can return is a known type.
        if (!type) continue;
        materials.push({
          name,
          required: !oneOf,
          source: { kind: 'certificate', typeCode, fields: neededFields(type) },
        });
        const t = byType.get(typeCode) ?? { materials: 0, items: new Set<string>() };
        t.materials++;
        t.items.add(itemCode);
        byType.set(typeCode, t);
      }
    });
    return materials;
  }

  function finish(): GuangdongImport {
    const departments: Department[] = [];
    const flagged: FlaggedDepartment[] = [];
    for (const [creditCode, d] of depts) {
      const pointer = `/departments/${departments.length}/creditCode`;
      const check = classifyCreditCode(creditCode);
      departments.push({
        creditCode,
        name: d.name,
        level: 'province',
        vertical: false,
        ...(check.flags.length > 0 ? { flags: check.flags } : {}),
      });
      if (check.flags.length === 0) continue;
      flagged.push({
        creditCode,
        name: d.name,
        flags: check.flags,
        reason: check.reason,
        firstLine: d.firstLine,
        items: d.items,
      });
      const where = `department ${creditCode} (${d.name}), first on line ${d.firstLine}, ${d.items} item${d.items === 1 ? '' : 's'}`;
      issue(
        check.flags.includes('CREDIT_CODE_CHECK_MISMATCH')
          ? {
              severity: 'warning',
              code: 'CREDIT_CODE_CHECK_MISMATCH',
              line: d.firstLine,
              field: 'creditCode',
              pointer,
              message: `${where}: ${check.reason}; kept, flagged ${check.flags.join(' and ')}`,
            }
          : {
              severity: 'warning',
              code: 'INVALID_CREDIT_CODE',
              line: d.firstLine,
              field: 'creditCode',
              pointer,
              message: `${where}: not a 统一社会信用代码 (${check.reason}); kept, flagged CREDIT_CODE_INVALID`,
            },
      );
    }

    const unmapped = [...names]
      .filter(([, n]) => n.typeCodes.length === 0)
      .map(([name, n]) => ({ name, items: n.items, firstLine: n.firstLine, pointer: n.pointer }))
      .sort((a, b) => b.items - a.items || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const u of unmapped) {
      issue({
        severity: 'warning',
        code: 'UNMAPPED_MATERIAL',
        line: u.firstLine,
        field: 'material_intro',
        pointer: `${u.pointer}/source`,
        message: `material “${u.name}” (${u.items} item${u.items === 1 ? '' : 's'}) names no known certificate type; kept as applicant-provided`,
      });
    }

    const certificateTypes = options.certificateTypes.filter((t) => byType.has(t.code));
    const mappedByType = certificateTypes
      .map((t) => {
        const b = byType.get(t.code);
        return { typeCode: t.code, name: t.name, materials: b?.materials ?? 0, items: b?.items.size ?? 0 };
      })
      .sort((a, b) => b.materials - a.materials || (a.typeCode < b.typeCode ? -1 : 1));
    const catalogMaterials = items.reduce((n, it) => n + it.materials.length, 0);
    const distinctMapped = [...names.values()].filter((n) => n.typeCodes.length > 0).length;

    return {
      catalog: { departments, certificateTypes, items },
      issues,
      report: {
        counts: {
          lines: stats.lines,
          items: items.length,
          skippedLines: stats.skippedLines,
          departments: departments.length,
          flaggedDepartments: flagged.length,
          materials: stats.materials,
          duplicateMaterialsRemoved: stats.duplicateMaterialsRemoved,
          blankMaterialsSkipped: stats.blankMaterialsSkipped,
          distinctMaterialNames: names.size,
          mapped: stats.mapped,
          unmapped: stats.unmapped,
          distinctMappedNames: distinctMapped,
          distinctUnmappedNames: names.size - distinctMapped,
          alternatives: stats.alternatives,
          catalogMaterials,
          certificateTypes: certificateTypes.length,
        },
        unmapped: unmapped.map(({ name, items: n }) => ({ name, items: n })),
        mappedByType,
        flaggedDepartments: flagged,
      },
    };
  }
}

/** The fields a certificate material declares: the type's required fields, or all when none is required. */
export function neededFields(type: CertificateType): readonly string[] {
  const required = type.fields.required ?? [];
  return required.length > 0 ? [...required] : Object.keys(type.fields.properties);
}

/**
 * Flags for a department key, from validateCreditCode: strict first; a code rejected only for its
 * check character is an early code (CHECK_MISMATCH), unless the lenient check still rejects it (its
 * organisation code is broken too), in which case it is also INVALID.
 */
function classifyCreditCode(code: string): { flags: DepartmentFlag[]; reason: string } {
  const strict = validateCreditCode(code);
  if (strict.ok) return { flags: [], reason: '' };
  if (strict.code === 'CHECK_CHARACTER') {
    const lenient = validateCreditCode(code, { lenientCheck: true });
    return lenient.ok
      ? {
          flags: ['CREDIT_CODE_CHECK_MISMATCH'],
          reason: 'the GB 32100 check character (18th) does not match',
        }
      : {
          flags: ['CREDIT_CODE_CHECK_MISMATCH', 'CREDIT_CODE_INVALID'],
          reason: `the GB 32100 check character (18th) does not match, and ${lowerFirst(lenient.reason)}`,
        };
  }
  return { flags: ['CREDIT_CODE_INVALID'], reason: strict.reason };
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** Every type code in the dictionary must be one of the given types, under the same name. */
function checkDictionary(dictionary: SynonymDictionary, types: ReadonlyMap<string, CertificateType>): void {
  const problems: string[] = [];
  for (const entry of dictionary.types) {
    const type = types.get(entry.code);
    if (!type) problems.push(`${entry.code} (${entry.name}) is not among the certificate types`);
    else if (type.name !== entry.name)
      problems.push(`${entry.code} is named ${type.name}, not ${entry.name}`);
  }
  if (problems.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `synonym dictionary does not fit the certificate types: ${problems.join('; ')}`,
      {
        problems,
      },
    );
  }
}
