import { DomainError } from '../errors.js';

/**
 * The material-name normaliser: maps a free-text 申请材料 name ("《医师资格证书》", "企业营业执照或法人证书",
 * "申请人身份证明") to the certificate types it names, using a synonym dictionary that is data, not code
 * (packages/interchange/data/material-synonyms.yaml). Pure: no I/O.
 *
 * How a name is matched (the order is the contract; the dictionary's header repeats it for editors):
 *
 * 1. **Fold.** Unicode NFKC (full-width letters, digits and parentheses become half-width), then every
 *    whitespace character is removed.
 * 2. **Strip.** The dictionary's `strip` rules (regular expressions) are deleted from the name, in order:
 *    leading numbering ("1." "（一）"), book-title marks 《》, 原件/复印件/扫描件, parentheses holding only
 *    such words ("（原件及复印件）"), trailing punctuation. Parentheses with other content are kept,
 *    because they often name the certificate ("法定登记注册文件（营业执照）").
 * 3. **Find.** Every occurrence of every synonym (a literal substring) and every pattern (a regular
 *    expression) of every type entry is a candidate span, and so is every occurrence of the `ignore`
 *    phrases and patterns: text that looks like a certificate name but names none (a form "…申请表", a
 *    photo "手持身份证照片", "身份证明书", "军队医师资格证书", a negated clause "未办理身份证的", a category
 *    after 等 "等申请人身份证明文件"). A type entry whose `exclude` pattern matches the name anywhere
 *    takes no part (居民身份证 excludes names about foreigners: "外国公民…的身份证明").
 * 4. **The more specific rule wins.** Candidates are taken longest first, and a candidate overlapping
 *    one already taken is dropped. So "事业单位法人证书" beats "法人证书", "军队医师资格证书" (ignore) beats
 *    "医师资格证书", "未办理身份证的" (ignore) beats "身份证", and a whole-name form pattern "…申请表$"
 *    beats every certificate name inside the form's title. On equal length an `ignore` span wins over
 *    a type (when in doubt, do not map), then the entry listed first in the dictionary.
 * 5. **Result.** The distinct type codes of the spans taken, in the order they appear in the name. When
 *    there are several, `combination` says whether the name offers them as alternatives ('one-of': a
 *    或 / 或者 / "/" stands between two of them) or asks for all of them ('all-of').
 */

/** A regular expression with a note for the people who edit the dictionary. */
export interface StripRule {
  /** Regular expression source (Unicode mode, applied globally). */
  readonly pattern: string;
  readonly note?: string | undefined;
}

/** The synonyms of one certificate type. */
export interface SynonymEntry {
  /** The certificate type code (defining authority's credit code + 3 digits). */
  readonly code: string;
  /** The type's name, for the people who edit the file; importers check it against the catalog. */
  readonly name: string;
  /** Literal phrases, matched as substrings of the folded and stripped material name. */
  readonly synonyms: readonly string[];
  /** Regular expressions (Unicode mode) matched against the folded and stripped name. */
  readonly patterns?: readonly string[] | undefined;
  /** Regular expressions: when one matches the name anywhere, this type is not assigned to it. */
  readonly exclude?: readonly string[] | undefined;
}

/** The editable synonym dictionary (material-synonyms.yaml). */
export interface SynonymDictionary {
  readonly version: 1;
  /** Text deleted from every name before matching, in order. */
  readonly strip: readonly StripRule[];
  /** Text that looks like a certificate name but names none; it claims its span like a synonym. */
  readonly ignore: {
    readonly synonyms: readonly string[];
    readonly patterns?: readonly string[] | undefined;
  };
  readonly types: readonly SynonymEntry[];
}

/** The certificate types a material name names. */
export interface MaterialMapping {
  /** Certificate type codes, in the order they appear in the name; empty when none. */
  readonly typeCodes: string[];
  /** The text that matched (the spans taken, joined by 、), when something matched. */
  readonly matched?: string;
  /** With several types: alternatives ('one-of', the name says 或) or all required ('all-of'). */
  readonly combination?: 'one-of' | 'all-of';
}

export interface MaterialNormaliser {
  map(materialName: string): MaterialMapping;
  /** The folded and stripped form of a name, as the matcher sees it. */
  normalise(materialName: string): string;
}

/**
 * Names longer than this are not matched at all (they map to nothing): no real material name is this
 * long, and it bounds the time the dictionary's regular expressions can take on hostile input.
 */
export const MAX_MATCHED_NAME_LENGTH = 1000;

interface CompiledEntry {
  readonly code: string | null;
  readonly order: number;
  readonly literals: readonly string[];
  readonly patterns: readonly RegExp[];
  readonly exclude: readonly RegExp[];
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly code: string | null;
  readonly order: number;
}

const ALTERNATIVE = /或|\//u;

function compile(pattern: string, where: string): RegExp {
  try {
    return new RegExp(pattern, 'gu');
  } catch (e) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${where}: not a valid regular expression: ${(e as Error).message}`,
      {
        where,
      },
    );
  }
}

function fold(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u200b-\u200d\ufeff]+/gu, '');
}

/**
 * Builds a normaliser from a dictionary. Throws a DomainError (VALIDATION_FAILED) naming the entry
 * when a pattern is not a valid regular expression or a synonym folds to nothing.
 */
export function createMaterialNormaliser(dictionary: SynonymDictionary): MaterialNormaliser {
  const strip = dictionary.strip.map((r, i) => compile(r.pattern, `strip[${i}]`));

  const normalise = (name: string): string => {
    let text = fold(name);
    for (const re of strip) text = text.replace(re, '');
    return text;
  };

  const literal = (s: string, where: string): string => {
    const n = normalise(s);
    if (n.length === 0)
      throw new DomainError('VALIDATION_FAILED', `${where}: synonym is empty after folding`, { where });
    return n;
  };

  const entries: CompiledEntry[] = [
    {
      code: null,
      order: -1,
      literals: dictionary.ignore.synonyms.map((s, i) => literal(s, `ignore.synonyms[${i}]`)),
      patterns: (dictionary.ignore.patterns ?? []).map((p, i) => compile(p, `ignore.patterns[${i}]`)),
      exclude: [],
    },
    ...dictionary.types.map((t, i) => ({
      code: t.code,
      order: i,
      literals: t.synonyms.map((s, j) => literal(s, `types[${i}] (${t.name}).synonyms[${j}]`)),
      patterns: (t.patterns ?? []).map((p, j) => compile(p, `types[${i}] (${t.name}).patterns[${j}]`)),
      exclude: (t.exclude ?? []).map((p, j) => compile(p, `types[${i}] (${t.name}).exclude[${j}]`)),
    })),
  ];

  const map = (materialName: string): MaterialMapping => {
    if (typeof materialName !== 'string' || materialName.length > MAX_MATCHED_NAME_LENGTH)
      return { typeCodes: [] };
    const text = normalise(materialName);
    if (text.length === 0) return { typeCodes: [] };

    const spans: Span[] = [];
    for (const e of entries) {
      if (e.exclude.some((re) => matches(re, text))) continue;
      for (const lit of e.literals) {
        for (let at = text.indexOf(lit); at !== -1; at = text.indexOf(lit, at + 1)) {
          spans.push({ start: at, end: at + lit.length, code: e.code, order: e.order });
        }
      }
      for (const re of e.patterns) {
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          spans.push({ start: m.index, end: m.index + m[0].length, code: e.code, order: e.order });
        }
      }
    }

    // The more specific (longer) span wins; on a tie, ignore (order -1) first, then dictionary order.
    spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order || a.start - b.start);
    const taken: Span[] = [];
    for (const s of spans) {
      if (taken.every((t) => s.end <= t.start || s.start >= t.end)) taken.push(s);
    }
    const typed = taken.filter((s) => s.code !== null).sort((a, b) => a.start - b.start);
    if (typed.length === 0) return { typeCodes: [] };

    const typeCodes: string[] = [];
    for (const s of typed) if (s.code !== null && !typeCodes.includes(s.code)) typeCodes.push(s.code);
    const matched = typed.map((s) => text.slice(s.start, s.end)).join('、');
    if (typeCodes.length === 1) return { typeCodes, matched };
    let oneOf = false;
    for (let i = 1; i < typed.length; i++) {
      const prev = typed[i - 1];
      const cur = typed[i];
      if (prev && cur && ALTERNATIVE.test(text.slice(prev.end, cur.start))) oneOf = true;
    }
    return { typeCodes, matched, combination: oneOf ? 'one-of' : 'all-of' };
  };

  return { map, normalise };
}

function matches(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  const hit = re.test(text);
  re.lastIndex = 0;
  return hit;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function stringList(v: unknown, where: string, problems: string[]): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.push(`${where} must be a list of strings`);
    return [];
  }
  const out: string[] = [];
  v.forEach((s, i) => {
    if (typeof s === 'string' && s.trim().length > 0) out.push(s);
    else problems.push(`${where}[${i}] must be a non-empty string`);
  });
  return out;
}

/**
 * Checks that a parsed document (from YAML or JSON) is a {@link SynonymDictionary} and returns it typed.
 * Every problem is listed in one DomainError (VALIDATION_FAILED) with the path of each, so an editor
 * fixes the file in one go. Regular expressions are compiled here too.
 */
export function parseSynonymDictionary(value: unknown): SynonymDictionary {
  const problems: string[] = [];
  if (!isRecord(value)) {
    throw new DomainError('VALIDATION_FAILED', 'synonym dictionary: the document must be a mapping', {
      problems: ['the document must be a mapping with version, strip, ignore and types'],
    });
  }
  if (value['version'] !== 1) problems.push('version must be 1');

  const strip: StripRule[] = [];
  if (!Array.isArray(value['strip'])) problems.push('strip must be a list');
  else {
    value['strip'].forEach((r: unknown, i) => {
      if (
        isRecord(r) &&
        typeof r['pattern'] === 'string' &&
        (r['note'] === undefined || typeof r['note'] === 'string')
      ) {
        strip.push({ pattern: r['pattern'], note: r['note'] });
      } else problems.push(`strip[${i}] must be a mapping with a string pattern and an optional string note`);
    });
  }

  const ignoreRaw = value['ignore'];
  let ignore: SynonymDictionary['ignore'] = { synonyms: [], patterns: [] };
  if (!isRecord(ignoreRaw)) problems.push('ignore must be a mapping with synonyms and patterns');
  else {
    ignore = {
      synonyms: stringList(ignoreRaw['synonyms'], 'ignore.synonyms', problems),
      patterns: stringList(ignoreRaw['patterns'], 'ignore.patterns', problems),
    };
  }

  const types: SynonymEntry[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(value['types'])) problems.push('types must be a list');
  else {
    value['types'].forEach((t: unknown, i) => {
      const where = `types[${i}]`;
      if (!isRecord(t)) {
        problems.push(`${where} must be a mapping`);
        return;
      }
      const code = t['code'];
      const name = t['name'];
      if (typeof code !== 'string' || !/^[0-9A-Z]{18}\d{3}$/u.test(code)) {
        problems.push(`${where}.code must be a certificate type code (18-character credit code + 3 digits)`);
      } else if (seen.has(code)) problems.push(`${where}.code ${code} appears twice`);
      else seen.add(code);
      if (typeof name !== 'string' || name.trim().length === 0)
        problems.push(`${where}.name must be a non-empty string`);
      const synonyms = stringList(t['synonyms'], `${where}.synonyms`, problems);
      const patterns = stringList(t['patterns'], `${where}.patterns`, problems);
      if (synonyms.length === 0 && patterns.length === 0)
        problems.push(`${where} needs at least one synonym or pattern`);
      types.push({
        code: typeof code === 'string' ? code : '',
        name: typeof name === 'string' ? name : '',
        synonyms,
        patterns,
        exclude: stringList(t['exclude'], `${where}.exclude`, problems),
      });
    });
  }

  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `synonym dictionary: ${problems.join('; ')}`, { problems });
  }
  const dictionary: SynonymDictionary = { version: 1, strip, ignore, types };
  try {
    createMaterialNormaliser(dictionary);
  } catch (e) {
    if (e instanceof DomainError) {
      throw new DomainError('VALIDATION_FAILED', `synonym dictionary: ${e.message}`, {
        problems: [e.message],
      });
    }
    throw e;
  }
  return dictionary;
}
