import type { CertificateContent, CertificateStatus, CertificateVersion } from '../certificate/types.js';
import type { SourceQuery } from './certificate-source.js';

/** Issuing a certificate from a concluded case: idempotent on the case and the output. */
export interface IssueInput {
  readonly content: CertificateContent;
  readonly recordedBy: string;
  readonly issuance: { readonly caseNo: string; readonly outputCode: string; readonly requestDigest: string };
}

/** One mapped row of a stock-data import, ready to store. */
export interface ImportRecord {
  readonly rowNumber: number;
  /** `type|key values`: how the source identifies this certificate across imports. */
  readonly sourceKey: string;
  readonly content: CertificateContent;
  /** The source row as read, kept in quarantine if the row is refused here. */
  readonly raw: Readonly<Record<string, string>>;
  /**
   * The certificate's GB/T 36904 identifier when the source already has one (电子数据标准化 of
   * electronic records); a new identifier is made otherwise. Used only when the certificate is new.
   */
  readonly certificateId?: string | undefined;
  /** The quarantine rows this row corrects (from an exported quarantine file's `_quarantine_id`). */
  readonly correctsQuarantineIds?: readonly number[] | undefined;
}

/** A row refused before it reached the store (it failed mapping or checks). */
export interface QuarantineInput {
  readonly rowNumber: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly raw: Readonly<Record<string, string>>;
  readonly sourceKey?: string | undefined;
}

export interface ImportRunInfo {
  readonly id: number;
  readonly fileName: string;
  readonly fileDigest: string;
  readonly typeCode: string;
}

/** What one batch did. `quarantined` counts rows (a row with three problems counts once). */
export interface ImportBatchResult {
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly quarantined: number;
}

export interface ImportRunReport extends ImportBatchResult {
  readonly runId: number;
  readonly fileName: string;
  readonly state: 'running' | 'completed' | 'failed';
  readonly read: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

export interface QuarantineRow {
  readonly id: number;
  readonly runId: number;
  readonly fileName: string;
  readonly rowNumber: number;
  readonly typeCode: string;
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly raw: Readonly<Record<string, string>>;
  readonly state: 'open' | 'resolved' | 'discarded';
  readonly createdAt: string;
}

/** Per certificate type, 谁提供、谁负责: what the node answers for. */
export interface TypeQuality {
  readonly typeCode: string;
  readonly records: number;
  /** Current records with every required field filled. */
  readonly complete: number;
  /** Current records that pass the type's schema and check characters. */
  readonly valid: number;
  readonly byStatus: Readonly<Partial<Record<CertificateStatus, number>>>;
  /** When the newest version was recorded (null with no records). */
  readonly newestChange: string | null;
  /** Days since then, as of the report. */
  readonly newestChangeAgeDays: number | null;
  /** Marked valid although their validity period has ended. */
  readonly validButExpired: number;
  /** Certificates beyond the first with the same holder and identical content. */
  readonly duplicates: number;
  /** Open quarantine rows for the type. */
  readonly quarantined: number;
}

export interface QualityReport {
  readonly asOf: string;
  readonly types: readonly TypeQuality[];
}

/** The node's own certificate store (the port; packages/store implements it on PostgreSQL and PGlite). */
export interface CertificateStore {
  find(query: SourceQuery): Promise<CertificateVersion | undefined>;
  /** Every version, oldest first; empty when unknown. */
  versions(certificateId: string): Promise<CertificateVersion[]>;
  /** Writes a new certificate, or returns the one already issued for this case and output. */
  issue(input: IssueInput): Promise<{ readonly record: CertificateVersion; readonly created: boolean }>;
  /** A status change is a new version; throws STATUS_TRANSITION_NOT_ALLOWED or CERTIFICATE_NOT_FOUND. */
  changeStatus(
    certificateId: string,
    to: CertificateStatus,
    change: { readonly by: string; readonly reason: string },
  ): Promise<CertificateVersion>;
  startImport(input: {
    fileName: string;
    fileDigest: string;
    typeCode: string;
    startedBy: string;
  }): Promise<ImportRunInfo>;
  /**
   * Stores one batch atomically: new certificates, new versions, unchanged ones, and refusals.
   * A key seen twice in the batch, or already written by this run, is a DUPLICATE_IN_FILE; a run
   * spanning several batches refuses repeats of unchanged rows itself (it sees the whole file).
   */
  importBatch(
    run: ImportRunInfo,
    records: readonly ImportRecord[],
    refused: readonly QuarantineInput[],
  ): Promise<ImportBatchResult>;
  finishImport(
    runId: number,
    totals: ImportBatchResult & { read: number },
    state: 'completed' | 'failed',
  ): Promise<ImportRunReport>;
  importRuns(limit: number): Promise<ImportRunReport[]>;
  quarantine(filter: {
    runId?: number;
    typeCode?: string;
    state?: QuarantineRow['state'];
    afterId?: number;
    limit: number;
  }): Promise<QuarantineRow[]>;
  discardQuarantine(ids: readonly number[]): Promise<number>;
}
