export * from './database.js';
export * from './schema.js';
export * from './catalog-repository.js';
export { platformMigrations } from './migrations/index.js';
export { sha256Hex } from './sha256.js';
export { auditMigrations, nodeMigrations } from './migrations/index.js';
export * from './node/index.js';
export * from './audit/index.js';
