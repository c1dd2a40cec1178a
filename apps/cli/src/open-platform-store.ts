import { mkdir } from 'node:fs/promises';
import {
  createCatalogRepository,
  openDatabase,
  platformMigrations,
  type PlatformDatabase,
} from '@tongban/store';
import type { CatalogRepository } from '@tongban/domain';
import type { Kysely } from 'kysely';
import type { CliConfig } from './config.js';
import { CliError, exitCodes } from './exit-codes.js';

export interface PlatformStore {
  readonly db: Kysely<PlatformDatabase>;
  readonly catalog: CatalogRepository;
  close(): Promise<void>;
}

/** Opens the platform's database (migrating it) for a CLI command; a failure is exit code 4. */
export async function openPlatformStore(config: CliConfig): Promise<PlatformStore> {
  try {
    if (config.database.kind === 'pglite' && config.database.dataDir)
      await mkdir(config.database.dataDir, { recursive: true });
    const database = await openDatabase<PlatformDatabase>(config.database, platformMigrations);
    return { db: database.db, catalog: createCatalogRepository(database.db), close: () => database.close() };
  } catch (e) {
    throw new CliError(
      exitCodes.database,
      `cannot open the platform database (${config.database.kind}): ${(e as Error).message}`,
    );
  }
}
