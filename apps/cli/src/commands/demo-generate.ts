import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoCity } from '@tongban/demo';
import { canonicalCatalog, writeCatalogFile } from '@tongban/interchange';
import type { CliConfig } from '../config.js';
import { CliError, exitCodes } from '../exit-codes.js';
import { writeJsonLines } from '../jsonl-writer.js';
import { openPlatformStore } from '../open-platform-store.js';
import { recordCatalogPublication } from '../record-catalog-publication.js';
import { createProgress } from '../progress.js';

export interface DemoGenerateOptions {
  readonly seed: string;
  readonly scale: number;
  readonly out: string;
  readonly publish: boolean;
}

export interface DemoManifest {
  readonly city: string;
  readonly seed: string;
  readonly scale: number;
  readonly catalogVersion?: number;
  readonly files: Record<string, { count: number; sha256: string }>;
}

/**
 * `tongban demo generate`: the demo city 示范市 from a seed. Writes its catalog (our JSON format),
 * chains and population (JSON Lines: persons, organisations, certificates, case history) into `out`
 * and publishes the catalog as a new version of the platform's catalog.
 */
export async function demoGenerate(
  config: CliConfig,
  options: DemoGenerateOptions,
  out: (line: string) => void,
): Promise<DemoManifest> {
  if (!Number.isInteger(options.scale) || options.scale < 1 || options.scale > 1000)
    throw new CliError(exitCodes.usage, '--scale must be a whole number from 1 to 1000');
  const city = generateDemoCity({ seed: options.seed, scale: options.scale });
  await mkdir(options.out, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(exitCodes.io, `cannot create ${options.out}: ${e.code ?? e.message}`);
  });
  await writeFile(join(options.out, 'catalog.json'), await writeCatalogFile(city.catalog, 'json'));
  await writeFile(join(options.out, 'chains.json'), `${JSON.stringify(city.chains, null, 2)}\n`);

  const progress = createProgress(config.interactive);
  const files: Record<string, { count: number; sha256: string }> = {};
  const parts = [
    ['persons', city.counts.persons, () => city.persons()],
    ['organisations', city.counts.organisations, () => city.organisations()],
    ['certificates', city.counts.certificates, () => city.certificates()],
    ['cases', city.counts.cases, () => city.cases()],
  ] as const;
  for (const [name, total, records] of parts) {
    progress.start(total, name.padEnd(13));
    files[name] = await writeJsonLines(join(options.out, `${name}.jsonl`), records(), (n) =>
      progress.update(n),
    );
    progress.stop();
  }

  let catalogVersion: number | undefined;
  if (options.publish) {
    const store = await openPlatformStore(config);
    try {
      const result = await store.catalog.publish({
        catalog: canonicalCatalog(city.catalog),
        publishedBy: 'demo',
        note: `demo city ${city.name} (seed ${options.seed}, scale ${options.scale})`,
      });
      catalogVersion = result.version.version;
      if (result.created) await recordCatalogPublication(config, store.db, result.version, 'demo');
    } finally {
      await store.close();
    }
  }
  const manifest: DemoManifest = {
    city: city.name,
    seed: options.seed,
    scale: options.scale,
    ...(catalogVersion ? { catalogVersion } : {}),
    files,
  };
  await writeFile(join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const c = city.counts;
  out(
    `demo city ${city.name}: ${c.departments} departments, ${c.certificateTypes} certificate types, ${c.items} items, ${city.chains.length} chains`,
  );
  out(
    `population: ${files['persons']?.count} persons, ${files['organisations']?.count} organisations, ${files['certificates']?.count} certificates, ${files['cases']?.count} historical cases`,
  );
  out(`written to ${options.out}${catalogVersion ? `; catalog published as version ${catalogVersion}` : ''}`);
  return manifest;
}
