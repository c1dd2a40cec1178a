export * from './shared-files.js';
export * from './small-catalog.js';
export * from './test-database.js';
export * from './catalog-repository-contract.js';
