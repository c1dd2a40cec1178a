import { writeFile } from 'node:fs/promises';
import { writeCatalogFile } from '@tongban/interchange';
import type { CliConfig } from '../config.js';
import { CliError, exitCodes } from '../exit-codes.js';
import { openPlatformStore } from '../open-platform-store.js';
import { resolveCliVersion } from '../resolve-version.js';

export interface CatalogExportOptions {
  readonly version: string;
  readonly format: 'json' | 'yaml' | 'xlsx';
  readonly out?: string;
}

/** `tongban catalog export`: a stored version as our own file format (round-trips with import). */
export async function catalogExport(
  config: CliConfig,
  options: CatalogExportOptions,
  stdout: (bytes: Uint8Array) => void,
): Promise<number> {
  if (options.format === 'xlsx' && !options.out)
    throw new CliError(exitCodes.usage, 'xlsx export needs --out <file>');
  const store = await openPlatformStore(config);
  try {
    const version = await resolveCliVersion(store.catalog, options.version);
    const bytes = await writeCatalogFile(await store.catalog.getCatalog(version.version), options.format);
    if (options.out) {
      await writeFile(options.out, bytes).catch((e: NodeJS.ErrnoException) => {
        throw new CliError(exitCodes.io, `cannot write ${options.out}: ${e.code ?? e.message}`);
      });
      process.stderr.write(`wrote catalog version ${version.version} to ${options.out}\n`);
    } else stdout(bytes);
    return exitCodes.ok;
  } finally {
    await store.close();
  }
}
