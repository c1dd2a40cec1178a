export * from './shared-files.js';
export * from './small-catalog.js';
export * from './test-database.js';
export * from './catalog-repository-contract.js';
export * from './audit-log-contract.js';
export * from './test-keys.js';
export * from './seal-fixture.js';
