import { parsePointer } from './pointer.js';

/** A problem found while parsing text, with its 1-based line and column. */
export interface TextProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export interface ParsedJson {
  /** The value, when the text parsed (duplicate keys are problems but do not stop parsing). */
  readonly value?: unknown;
  readonly problems: readonly TextProblem[];
  /** The 1-based line where the value at `pointer` (or its nearest existing ancestor) starts. */
  lineOf(pointer: string): number | undefined;
}

/** How deep objects and arrays may nest: our catalog needs about ten levels. */
export const DEFAULT_MAX_DEPTH = 64;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * A strict RFC 8259 JSON parser that remembers where each value starts, so that a schema violation at
 * a JSON Pointer can be reported with its line. Why not `JSON.parse`: its error positions differ between
 * Node versions, it silently keeps the last of duplicate keys, and it offers no positions at all.
 * Nesting is bounded (`maxDepth`) so that hostile input cannot exhaust the stack.
 */
export function parseJsonText(text: string, options: { maxDepth?: number } = {}): ParsedJson {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const offsets = new WeakMap<object, Map<string, number> | number[]>();
  const duplicates: { key: string; offset: number }[] = [];
  let pos = 0;
  let depth = 0;
  let newlines: number[] | undefined;

  const lineColumn = (offset: number): { line: number; column: number } => {
    if (!newlines) {
      newlines = [];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
    }
    // Number of newlines before offset, by binary search.
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    const lineStart = lo === 0 ? 0 : newlines[lo - 1]! + 1;
    return { line: lo + 1, column: offset - lineStart + 1 };
  };

  const describe = (at: number): string => {
    if (at >= text.length) return 'the end of the file';
    const c = text.charCodeAt(at);
    return c > 0x20 && c < 0x7f
      ? `'${text[at]}'`
      : `the character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  };
  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(message, at);
  };

  const skipWhitespace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else return;
    }
  };

  const parseString = (): string => {
    // At the opening quote.
    pos++;
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) fail('a string is not closed', start - 1);
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(start, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail('a control character (such as a line break) inside a string must be escaped');
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(start, pos);
      const e = text[pos + 1];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('\\u must be followed by 4 hexadecimal digits');
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          fail('unknown escape sequence in a string');
      }
      pos += 2;
      start = pos;
    }
  };

  const parseLiteral = (word: string, value: unknown): unknown => {
    if (!text.startsWith(word, pos)) fail(`unexpected ${describe(pos)}`);
    pos += word.length;
    return value;
  };

  const parseNumber = (): number => {
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail(`unexpected ${describe(pos)}`);
    pos += m[0].length;
    const n = Number(m[0]);
    if (!Number.isFinite(n)) fail('a number is too large', pos - m[0].length);
    return n;
  };

  const enter = (): void => {
    if (++depth > maxDepth) fail(`values are nested more than ${maxDepth} levels deep`);
  };

  const parseObject = (): Record<string, unknown> => {
    enter();
    pos++;
    const obj: Record<string, unknown> = {};
    const at = new Map<string, number>();
    offsets.set(obj, at);
    skipWhitespace();
    if (text.charCodeAt(pos) === 0x7d) {
      pos++;
      depth--;
      return obj;
    }
    for (;;) {
      if (text.charCodeAt(pos) !== 0x22)
        fail(`expected a property name in double quotes, found ${describe(pos)}`);
      const keyAt = pos;
      const key = parseString();
      skipWhitespace();
      if (text.charCodeAt(pos) !== 0x3a) fail(`expected ':' after a property name, found ${describe(pos)}`);
      pos++;
      skipWhitespace();
      const value = parseValue();
      if (at.has(key)) duplicates.push({ key, offset: keyAt });
      else at.set(key, keyAt);
      // An own property even for "__proto__", never the prototype.
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      skipWhitespace();
      const c = text.charCodeAt(pos);
      if (c === 0x2c) {
        pos++;
        skipWhitespace();
        continue;
      }
      if (c === 0x7d) {
        pos++;
        depth--;
        return obj;
      }
      fail(`expected ',' or '}' in an object, found ${describe(pos)}`);
    }
  };

  const parseArray = (): unknown[] => {
    enter();
    pos++;
    const arr: unknown[] = [];
    const at: number[] = [];
    offsets.set(arr, at);
    skipWhitespace();
    if (text.charCodeAt(pos) === 0x5d) {
      pos++;
      depth--;
      return arr;
    }
    for (;;) {
      at.push(pos);
      arr.push(parseValue());
      skipWhitespace();
      const c = text.charCodeAt(pos);
      if (c === 0x2c) {
        pos++;
        skipWhitespace();
        continue;
      }
      if (c === 0x5d) {
        pos++;
        depth--;
        return arr;
      }
      fail(`expected ',' or ']' in a list, found ${describe(pos)}`);
    }
  };

  const parseValue = (): unknown => {
    switch (text.charCodeAt(pos)) {
      case 0x7b:
        return parseObject();
      case 0x5b:
        return parseArray();
      case 0x22:
        return parseString();
      case 0x74:
        return parseLiteral('true', true);
      case 0x66:
        return parseLiteral('false', false);
      case 0x6e:
        return parseLiteral('null', null);
      default:
        return parseNumber();
    }
  };

  let value: unknown;
  let rootAt = 0;
  const problems: TextProblem[] = [];
  try {
    skipWhitespace();
    if (pos >= text.length) fail('the file is empty');
    rootAt = pos;
    value = parseValue();
    skipWhitespace();
    if (pos < text.length) fail(`unexpected ${describe(pos)} after the end of the document`);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const { line, column } = lineColumn(e.offset);
    problems.push({ message: e.message, line, column });
    return { problems, lineOf: () => undefined };
  }
  for (const d of duplicates) {
    problems.push({
      message: `the property ${JSON.stringify(d.key)} appears twice in one object`,
      ...lineColumn(d.offset),
    });
  }

  const lineOf = (pointer: string): number | undefined => {
    let node: unknown = value;
    let offset = rootAt;
    for (const segment of parsePointer(pointer)) {
      if (typeof node !== 'object' || node === null) break;
      const at = offsets.get(node);
      let next: number | undefined;
      if (at instanceof Map) next = at.get(segment);
      else if (at && /^(0|[1-9][0-9]*)$/.test(segment)) next = at[Number(segment)];
      if (next === undefined) break;
      offset = next;
      node = (node as Record<string, unknown>)[segment];
    }
    return lineColumn(offset).line;
  };
  return { value, problems, lineOf };
}
