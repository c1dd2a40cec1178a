import {
  LineCounter,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import type { TextProblem } from './json-text.js';
import { DEFAULT_MAX_DEPTH } from './json-text.js';
import { parsePointer } from './pointer.js';

export interface ParsedYaml {
  readonly value?: unknown;
  readonly problems: readonly TextProblem[];
  /** The 1-based line where the value at `pointer` (or its nearest existing ancestor) starts. */
  lineOf(pointer: string): number | undefined;
}

/**
 * How many alias expansions a document may need. Our format needs none; a few are allowed for clerks
 * who reuse a material list. The `yaml` package counts expansions as (aliases used) × (aliases inside
 * the anchored node), so a billion-laughs document exceeds this at its second level.
 */
export const MAX_ALIAS_COUNT = 50;

const firstLine = (message: string): string =>
  (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?\s*$/, '');

/**
 * Parses YAML 1.2 (core schema: no custom tags, no `<<` merge keys) with unique keys, bounded nesting
 * and bounded alias expansion, remembering node positions so that a JSON Pointer maps to a line.
 * Error messages keep only their first line: the source excerpt `yaml` adds could show file content.
 */
export function parseYamlText(text: string, options: { maxDepth?: number } = {}): ParsedYaml {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const lineCounter = new LineCounter();
  const none = (): undefined => undefined;
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter,
      prettyErrors: true,
      version: '1.2',
      schema: 'core',
      customTags: [],
      merge: false,
      uniqueKeys: true,
      strict: true,
      keepSourceTokens: false,
    });
  } catch (e) {
    // The parser gives up on pathological input (for example a stack overflow on deep nesting).
    return {
      problems: [{ message: `the YAML cannot be parsed: ${(e as Error).name}`, line: 1, column: 1 }],
      lineOf: none,
    };
  }
  const problems: TextProblem[] = [];
  // Warnings (an unresolved tag such as !!js/function, an unknown directive) are errors here: a
  // catalog file has no use for them, and a tag resolved to a plain string would hide an attack.
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = e.linePos?.[0];
    problems.push({ message: firstLine(e.message), line: pos?.line ?? 1, column: pos?.col ?? 1 });
  }
  if (problems.length > 0) return { problems, lineOf: none };

  const position = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: Math.max(1, p.line), column: Math.max(1, p.col) };
  };

  if (doc.contents === null) {
    return { problems: [{ message: 'the file is empty', line: 1, column: 1 }], lineOf: none };
  }
  const tooDeep = findTooDeep(doc.contents, maxDepth);
  if (tooDeep) {
    return {
      problems: [
        {
          message: `values are nested more than ${maxDepth} levels deep`,
          ...position(tooDeep.range?.[0] ?? 0),
        },
      ],
      lineOf: none,
    };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message =
      e instanceof ReferenceError && /alias/i.test(e.message)
        ? `aliases expand to too much data (more than ${MAX_ALIAS_COUNT} expansions): refused as a possible YAML bomb`
        : `the YAML cannot be converted: ${firstLine((e as Error).message)}`;
    return { problems: [{ message, line: 1, column: 1 }], lineOf: none };
  }

  const contents = doc.contents;
  const lineOf = (pointer: string): number | undefined => {
    let node: unknown = contents;
    let offset = contents.range[0];
    for (const segment of parsePointer(pointer)) {
      if (isAlias(node)) node = node.resolve(doc);
      let next: { node: unknown; offset: number | undefined } | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
        if (pair) next = { node: pair.value, offset: (pair.key as Node).range?.[0] };
      } else if (isSeq(node) && /^(0|[1-9][0-9]*)$/.test(segment)) {
        const item = node.items[Number(segment)];
        if (item !== undefined) next = { node: item, offset: (item as Node | null)?.range?.[0] };
      }
      if (next?.offset === undefined) break;
      offset = next.offset;
      node = next.node;
    }
    return position(offset).line;
  };
  return { value, problems: [], lineOf };
}

/** The first collection nested deeper than `maxDepth`, found without recursion. */
function findTooDeep(root: unknown, maxDepth: number): Node | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > maxDepth) return node;
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return undefined;
}
