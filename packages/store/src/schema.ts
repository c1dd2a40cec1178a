import type { ColumnType } from 'kysely';

/** JSON columns: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export interface CatalogVersionTable {
  version: number;
  published_at: ColumnType<Date, Date | string | undefined, never>;
  published_by: string;
  note: string;
  digest: string;
  department_count: number;
  certificate_type_count: number;
  item_count: number;
}

export interface CatalogDepartmentTable {
  version: number;
  credit_code: string;
  name: string;
  level: string;
  vertical: boolean;
  parent_code: string | null;
  doc: Json<unknown>;
}

export interface CatalogCertificateTypeTable {
  version: number;
  code: string;
  name: string;
  holder_kind: string;
  sharing: string;
  doc: Json<unknown>;
}

export interface CatalogItemTable {
  version: number;
  item_code: string;
  base_code: string;
  dept_code: string;
  name: string;
  type: string;
  doc: Json<unknown>;
}

/** One row per certificate material, so "which items need type X" is an index lookup. */
export interface CatalogItemCertificateTable {
  version: number;
  item_code: string;
  type_code: string;
}

/**
 * int8 columns: `pg` returns them as strings and PGlite as numbers, so the audit code reads them
 * through `Number()` (indices stay far below 2^53).
 */
type Int8 = ColumnType<string | number | bigint, number, never>;
/** bytea columns: Buffer from `pg`, Uint8Array from PGlite; both are Uint8Arrays. */
type Bytes = ColumnType<Uint8Array, Uint8Array, never>;
/** Columns the database fills in (default now()). */
type Generated<T> = ColumnType<T, never, never>;

/** The one row saying which hash the log uses: a log never mixes SHA-256 and SM3. */
export interface AuditMetaTable {
  id: ColumnType<number, 1, never>;
  hash_alg: string;
  created_at: Generated<Date>;
}

/** An audit entry: its canonical JSON (the Merkle leaf input) plus the columns queries filter on. */
export interface AuditEntryTable {
  index: Int8;
  time: ColumnType<Date, string, never>;
  operation: string;
  actor: string;
  subject: string | null;
  request_id: string;
  leaf_hash: Bytes;
  canonical: string;
}

/** The leaf hash of every entry ever appended, never pruned: proofs outlive pruned entries. */
export interface AuditLeafTable {
  index: Int8;
  leaf_hash: Bytes;
}

/** The hash of every complete, aligned subtree of 256 leaves or more: proofs in O(log n) reads. */
export interface AuditNodeTable {
  level: ColumnType<number, number, never>;
  start: Int8;
  hash: Bytes;
}

/** The Merkle frontier after each committed batch; the row with the largest size is the tip. */
export interface AuditFrontierTable {
  size: Int8;
  /** The right-edge peaks, largest subtree first, concatenated (32 bytes each). */
  peaks: Bytes;
  /** The time of the last entry: entry times never go backwards, so months hold index ranges. */
  last_time: ColumnType<Date, string, never>;
  written_at: Generated<Date>;
}

/** A signed tree head with the log's signature and the witness's cosignature. */
export interface AuditTreeHeadTable {
  tree_size: Int8;
  root_hash: string;
  /** Exactly the string that was signed. */
  timestamp: string;
  hash_alg: string;
  log_kid: string;
  log_alg: string;
  log_signature: string;
  witness_kid: string | null;
  witness_alg: string | null;
  witness_signature: string | null;
  created_at: Generated<Date>;
}

/** One row per dropped month partition: what went, and the export that held it. */
export interface AuditPruneTable {
  partition: string;
  from_index: Int8;
  to_index: Int8;
  entry_count: Int8;
  exported_through: Int8;
  range_start: ColumnType<Date, string, never>;
  range_end: ColumnType<Date, string, never>;
  pruned_at: Generated<Date>;
}

/** The tables of the tamper-evident audit log (migration 0002), in the platform's and each node's database. */
export interface AuditDatabase {
  audit_meta: AuditMetaTable;
  audit_entry: AuditEntryTable;
  audit_leaf: AuditLeafTable;
  audit_node: AuditNodeTable;
  audit_frontier: AuditFrontierTable;
  audit_tree_head: AuditTreeHeadTable;
  audit_prune: AuditPruneTable;
}

/** The platform database, as Kysely sees it. */
export interface PlatformDatabase extends AuditDatabase {
  catalog_version: CatalogVersionTable;
  catalog_department: CatalogDepartmentTable;
  catalog_certificate_type: CatalogCertificateTypeTable;
  catalog_item: CatalogItemTable;
  catalog_item_certificate: CatalogItemCertificateTable;
}
