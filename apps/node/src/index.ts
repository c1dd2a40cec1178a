export * from './config.js';
export * from './server.js';
export * from './start-node.js';
export { loadCatalog } from './load-catalog.js';
export { lookupCertificate } from './lookup/lookup-certificate.js';
export * from './host-nodes.js';
export * from './adapters/index.js';
