export * from './catalog-file/index.js';
export * from './guangdong/index.js';
export * from './stock-import/index.js';
