export * from './common.js';
export * from './catalog.js';
export * from './audit.js';
export * from './problem.js';
export * from './node.js';
