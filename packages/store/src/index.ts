export * from './database.js';
export * from './schema.js';
export * from './catalog-repository.js';
export { platformMigrations } from './migrations/index.js';
export { sha256Hex } from './sha256.js';
export { auditMigrations } from './migrations/index.js';
export * from './audit/index.js';
