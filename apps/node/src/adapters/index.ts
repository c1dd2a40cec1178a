/** Adapters onto the upstream systems of vertically managed departments (垂管部门); see docs/adapters.md. */
export {
  ADAPTER_CONFIG_LIMITS,
  parseAdapterConfig,
  valueTransforms,
  type AdapterConfig,
  type AdapterConfigProblem,
  type AdaptersConfig,
  type HttpAdapterConfig,
  type ParseAdapterConfigOptions,
  type ReadSpec,
  type RecordMapping,
  type Scalar,
  type SqlAdapterConfig,
  type SqlConnection,
  type ValueSpec,
  type ValueTransform,
} from './adapter-config.js';
export { checkMappingAgainst, type MappingMismatch } from './check-mapping.js';
export { openHttpAdapter, type HttpAdapterOptions } from './http-adapter.js';
export { loadAdapters } from './load-adapters.js';
export {
  generatedCertificateId,
  mapRecord,
  serialOfKey,
  type MapOutcome,
  type MappingProblem,
} from './map-record.js';
export { openAdapter, openAdapters, type OpenAdaptersOptions } from './open-adapters.js';
export { Secret } from './secret.js';
export { openSqlAdapter, type SqlAdapterOptions } from './sql-adapter.js';
export type { SqlDriver } from './sql-driver.js';
