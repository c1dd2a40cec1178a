import { catalogRepositoryContract, openTestDatabase, testDatabaseKind } from '@tongban/testing';
import { createCatalogRepository } from './catalog-repository.js';
import { platformMigrations } from './migrations/index.js';
import type { PlatformDatabase } from './schema.js';

catalogRepositoryContract(testDatabaseKind(), async () => {
  const database = await openTestDatabase<PlatformDatabase>(platformMigrations);
  return { repo: createCatalogRepository(database.db), close: () => database.close() };
});
