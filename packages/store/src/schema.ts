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
export interface PlatformDatabase extends AuditDatabase, ConsultDatabase {
  catalog_version: CatalogVersionTable;
  catalog_department: CatalogDepartmentTable;
  catalog_certificate_type: CatalogCertificateTypeTable;
  catalog_item: CatalogItemTable;
  catalog_item_certificate: CatalogItemCertificateTable;
  staff_account: StaffAccountTable;
  staff_session: StaffSessionTable;
  api_token: ApiTokenTable;
  oidc_sign_in: OidcSignInTable;
}

/** 办件, as far as consult needs it (migration 0202). */
export interface CaseFileTable {
  case_no: string;
  item_code: string;
  catalog_version: number;
  applicant_kind: string;
  applicant_id: string;
  applicant_name: string;
  dept_code: string;
  clerk_id: string;
  status: string;
  explicit_request: Json<unknown> | null;
  opened_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** 共享申请. */
export interface SharingAgreementTable {
  agreement_id: string;
  provider_dept_code: string;
  requester_dept_code: string;
  item_code: string;
  type_code: string;
  fields: string[];
  basis: string;
  status: string;
  requested_by: string;
  requested_at: ColumnType<Date, Date | string | undefined, never>;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  valid_from: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  valid_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A node or peer platform in the directory, with its keys and health. */
export interface DirectoryEntryTable {
  entry_id: string;
  kind: string;
  name: string;
  base_url: string;
  jwks: Json<unknown>;
  type_codes: string[];
  registered_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_success_at: ColumnType<Date | null, never, Date | string | null>;
  last_failure_at: ColumnType<Date | null, never, Date | string | null>;
  last_failure: ColumnType<string | null, never, string | null>;
  consecutive_failures: ColumnType<number, never, number>;
  successes: ColumnType<string | number, never, number>;
  failures: ColumnType<string | number, never, number>;
  latency_ms: ColumnType<number | null, never, number | null>;
}

/** 加注件: a seal attached to the case that needed it. */
export interface SealedCopyTable {
  seal_id: string;
  case_no: string;
  type_code: string;
  certificate_id: string;
  holder_id: string;
  jws: string;
  peer_jws: string | null;
  issued_at: ColumnType<Date, Date | string, never>;
  expires_at: ColumnType<Date, Date | string, never>;
}

/** A claimed idempotency key and, once the request ran, its answer (migration 0203). */
export interface IdempotencyRecordTable {
  principal_id: string;
  key: string;
  request_digest: string;
  status: number | null;
  body: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** The consult tables of the platform's database. */
export interface ConsultDatabase {
  idempotency_record: IdempotencyRecordTable;
  case_file: CaseFileTable;
  sharing_agreement: SharingAgreementTable;
  directory_entry: DirectoryEntryTable;
  sealed_copy: SealedCopyTable;
}

/** Timestamps the database may fill in on insert (default now()) and code may set. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Nullable timestamps. */
type MaybeTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A staff account (migration 0201): roles a text[], the password a PHC scrypt hash or null. */
export interface StaffAccountTable {
  id: string;
  username: string;
  name: string;
  dept_code: string;
  roles: string[];
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: MaybeTimestamp;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  last_sign_in_at: MaybeTimestamp;
}

/** A sign-in session, keyed by the SHA-256 (hex) of its bearer token; the token is never stored. */
export interface StaffSessionTable {
  token_hash: string;
  staff_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: MaybeTimestamp;
}

/** An API token of another system, keyed by id, found by the SHA-256 (hex) of the token. */
export interface ApiTokenTable {
  id: string;
  token_hash: string;
  name: string;
  dept_code: string;
  roles: string[];
  created_by: string;
  created_at: Timestamp;
  expires_at: MaybeTimestamp;
  revoked_at: MaybeTimestamp;
  revoked_by: string | null;
}

/** An OIDC sign-in in progress: the PKCE verifier and nonce, until the callback (used once). */
export interface OidcSignInTable {
  state_hash: string;
  code_verifier: string;
  nonce: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}
