export * from './config.js';
export * from './server.js';
export * from './start-platform.js';
export { problemTable } from '@tongban/contracts';
export * from './identity/index.js';
