import { diffCatalogs, type CatalogDiff, type EntityDiff } from '@tongban/domain';
import type { CliConfig } from '../config.js';
import { exitCodes } from '../exit-codes.js';
import { openPlatformStore } from '../open-platform-store.js';
import { assertVersionArgument, resolveCliVersion } from '../resolve-version.js';

/** `tongban catalog diff <from> <to>`: what changed between two stored versions. Exit 0 either way. */
export async function catalogDiff(
  config: CliConfig,
  from: string,
  to: string,
  json: boolean,
  out: (line: string) => void,
): Promise<number> {
  assertVersionArgument(from);
  assertVersionArgument(to);
  const store = await openPlatformStore(config);
  try {
    const [a, b] = [await resolveCliVersion(store.catalog, from), await resolveCliVersion(store.catalog, to)];
    const diff = diffCatalogs(
      await store.catalog.getCatalog(a.version),
      await store.catalog.getCatalog(b.version),
    );
    if (json) out(JSON.stringify({ from: a.version, to: b.version, ...diff }, null, 2));
    else printDiff(a.version, b.version, diff, out);
    return exitCodes.ok;
  } finally {
    await store.close();
  }
}

function printDiff(from: number, to: number, diff: CatalogDiff, out: (line: string) => void): void {
  out(`catalog version ${from} → ${to}`);
  const section = (title: string, d: EntityDiff): void => {
    out(`${title}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`);
    for (const k of d.added) out(`  + ${k}`);
    for (const k of d.removed) out(`  - ${k}`);
    for (const c of d.changed) {
      out(`  ~ ${c.key}`);
      for (const f of c.changes) out(`      ${f.path}: ${short(f.before)} → ${short(f.after)}`);
    }
  };
  section('departments', diff.departments);
  section('certificate types', diff.certificateTypes);
  section('items', diff.items);
}

const short = (v: unknown): string => {
  const s = JSON.stringify(v) ?? 'null';
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};
