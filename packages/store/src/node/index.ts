export type { NodeDatabase } from './node-schema.js';
export { createCertificateStore } from './create-certificate-store.js';
export { contentDigestOf } from './content-digest.js';
export { measureQuality } from './measure-quality.js';
