// The tamper-evident audit log on PGlite and PostgreSQL: the AuditLog port, the reader and export
// for verification, and retention. See docs/DATABASE.md.
export { createAuditLog, type AuditLogOptions } from './create-audit-log.js';
export { defaultHeadEvery, type HeadEvery } from './head-cadence.js';
export { readAuditLog, type AuditLogContents, type StoredAuditEntry } from './read-audit-log.js';
export { exportAuditLog, auditExportFormat, type ExportAuditLogOptions } from './export-audit-log.js';
export {
  pruneAuditLog,
  AUDIT_RETENTION_MONTHS,
  type PruneAuditLogOptions,
  type PruneAuditLogResult,
  type PrunedPartition,
} from './prune-audit-log.js';
export type { PrunedRange } from './audit-rows.js';
export { auditEntryLimits, validateAuditEntry } from './validate-audit-entry.js';
