export * from './catalog-file/index.js';
export * from './guangdong/index.js';
