import { canonicalJson } from './canonical-json.js';
import type { Catalog } from './types.js';

/** One changed value inside an entity, addressed by a dotted path (`materials[营业执照].source.fields`). */
export interface FieldChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface EntityDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly { readonly key: string; readonly changes: readonly FieldChange[] }[];
}

export interface CatalogDiff {
  readonly departments: EntityDiff;
  readonly certificateTypes: EntityDiff;
  readonly items: EntityDiff;
}

/**
 * What changed from catalog `from` to catalog `to`: entities added, removed and changed, and for each
 * changed entity the values that differ. Lists of named things (materials) are matched by name, so
 * reordering them is not a change; other lists are compared as whole values.
 */
export function diffCatalogs(from: Catalog, to: Catalog): CatalogDiff {
  return {
    departments: diffEntities(from.departments, to.departments, (d) => d.creditCode),
    certificateTypes: diffEntities(from.certificateTypes, to.certificateTypes, (t) => t.code),
    items: diffEntities(from.items, to.items, (i) => i.itemCode),
  };
}

export const isEmptyDiff = (d: CatalogDiff): boolean =>
  [d.departments, d.certificateTypes, d.items].every(
    (e) => !e.added.length && !e.removed.length && !e.changed.length,
  );

function diffEntities<T extends object>(
  from: readonly T[],
  to: readonly T[],
  key: (t: T) => string,
): EntityDiff {
  const before = new Map(from.map((e) => [key(e), e]));
  const after = new Map(to.map((e) => [key(e), e]));
  const added = [...after.keys()].filter((k) => !before.has(k)).sort();
  const removed = [...before.keys()].filter((k) => !after.has(k)).sort();
  const changed: { key: string; changes: FieldChange[] }[] = [];
  for (const k of [...after.keys()].sort()) {
    const b = before.get(k);
    if (b === undefined) continue;
    const changes: FieldChange[] = [];
    diffValues(b, after.get(k), '', changes);
    if (changes.length) changed.push({ key: k, changes });
  }
  return { added, removed, changed };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isNamedList = (v: unknown): v is { name: string }[] =>
  Array.isArray(v) && v.every((e) => isPlainObject(e) && typeof e['name'] === 'string') && v.length > 0;

function diffValues(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) return;
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diffValues(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (isNamedList(a) && isNamedList(b)) {
    const byName = (l: { name: string }[]): Map<string, unknown> => new Map(l.map((e) => [e.name, e]));
    const ma = byName(a);
    const mb = byName(b);
    if (ma.size === a.length && mb.size === b.length) {
      for (const name of [...new Set([...ma.keys(), ...mb.keys()])].sort())
        diffValues(ma.get(name), mb.get(name), `${path}[${name}]`, out);
      return;
    }
  }
  out.push({ path, before: a ?? null, after: b ?? null });
}
