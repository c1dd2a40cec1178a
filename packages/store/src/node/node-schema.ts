import type { ColumnType } from 'kysely';
import type { AuditDatabase } from '../schema.js';

/** JSON columns: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;
/** Dates are written as YYYY-MM-DD and read through `::text` casts (never as JS Dates). */
type DateText = ColumnType<string, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CertificateVersionTable {
  certificate_id: string;
  version: number;
  type_code: string;
  holder_kind: string;
  holder_id: string;
  issuer_code: string;
  fields: Json<Record<string, unknown>>;
  status: string;
  valid_from: DateText;
  valid_until: DateText | null;
  origin: string;
  recorded_at: Timestamp;
  recorded_by: string;
  reason: string | null;
  content_digest: string;
}

export interface CertificateTable {
  certificate_id: string;
  type_code: string;
  holder_kind: string;
  holder_id: string;
  current_version: number;
  status: string;
  valid_from: DateText;
  valid_until: DateText | null;
  content_digest: string;
  updated_at: Timestamp;
  source_key: string | null;
  last_import_run: number | null;
}

export interface CertificateIssuanceTable {
  case_no: string;
  output_code: string;
  certificate_id: string;
  request_digest: string;
  issued_at: ColumnType<Date, never, never>;
}

export interface ImportRunTable {
  id: ColumnType<number, never, never>;
  file_name: string;
  file_digest: string;
  type_code: string;
  started_at: ColumnType<Date, never, never>;
  finished_at: Timestamp | null;
  state: string;
  started_by: string;
  read: number;
  imported: number;
  updated: number;
  unchanged: number;
  quarantined: number;
}

export interface QuarantineRowTable {
  id: ColumnType<string | number, never, never>;
  run_id: number;
  file_name: string;
  file_digest: string;
  row_number: number;
  type_code: string;
  field: string;
  code: string;
  message: string;
  raw: Json<Record<string, string>>;
  source_key: string | null;
  state: string;
  created_at: ColumnType<Date, never, never>;
  resolved_at: Timestamp | null;
  resolved_by_run: number | null;
}

/** A department node's database: its audit log and its certificates. */
export interface NodeDatabase extends AuditDatabase {
  certificate_version: CertificateVersionTable;
  certificate: CertificateTable;
  certificate_issuance: CertificateIssuanceTable;
  import_run: ImportRunTable;
  quarantine_row: QuarantineRowTable;
}
