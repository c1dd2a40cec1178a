import type { HolderKind } from '../catalog/types.js';

/** 证照状态, in code. The Chinese names are in {@link certificateStatusNames}. */
export const certificateStatuses = [
  'valid',
  'suspended',
  'revoked',
  'cancelled',
  'expired',
  'withdrawn',
] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];

/** The names printed on certificates and in departments' systems. */
export const certificateStatusNames = {
  valid: '有效',
  suspended: '暂扣',
  revoked: '撤销',
  cancelled: '注销',
  expired: '失效',
  withdrawn: '吊销',
} as const satisfies Record<CertificateStatus, string>;

/** Reads a status written in code or in Chinese (有效, 暂扣, ...); undefined for anything else. */
export function parseCertificateStatus(text: string): CertificateStatus | undefined {
  const t = text.trim();
  if ((certificateStatuses as readonly string[]).includes(t)) return t as CertificateStatus;
  return certificateStatuses.find((s) => certificateStatusNames[s] === t);
}

/** 持证主体: a person (公民身份号码) or an organisation (统一社会信用代码). */
export interface Holder {
  readonly kind: HolderKind;
  readonly id: string;
}

/** Field values of one certificate, valid against its type's JSON Schema. */
export type FieldValues = Readonly<Record<string, unknown>>;

/**
 * What a certificate says, without bookkeeping: what issuing, stock-data import and upstream
 * adapters all produce, and what a lookup answers from.
 */
export interface CertificateContent {
  readonly typeCode: string;
  readonly holder: Holder;
  /** Credit code of the issuing department. */
  readonly issuerCode: string;
  readonly fields: FieldValues;
  readonly status: CertificateStatus;
  /** YYYY-MM-DD. */
  readonly validFrom: string;
  /** YYYY-MM-DD, or null for no end (长期). */
  readonly validUntil: string | null;
}

/** How a record came to the node. */
export type CertificateOrigin = 'issued' | 'imported' | 'adapter';

/**
 * One version of a certificate record. Records are never overwritten: a correction or a status
 * change is a new version, and every earlier version stays readable.
 */
export interface CertificateVersion extends CertificateContent {
  /** GB/T 36904 identifier; the same for every version of one certificate. */
  readonly certificateId: string;
  /** 1 for the first version, then 2, 3, ... */
  readonly version: number;
  readonly origin: CertificateOrigin;
  /** When this version was recorded, ISO 8601 with offset. */
  readonly recordedAt: string;
  /** Who recorded it: a staff id, `import:<run>`, `platform:<kid>` or `system`. */
  readonly recordedBy: string;
  /** Why this version exists (a status change's reason, "corrected by import", ...). */
  readonly reason: string | null;
}

/** One step of a certificate's status history: who changed it, when and why. */
export interface StatusChange {
  readonly version: number;
  readonly from: CertificateStatus | null;
  readonly to: CertificateStatus;
  readonly at: string;
  readonly by: string;
  readonly reason: string | null;
}

/** Derives the status history from a certificate's versions (oldest first). */
export function statusHistoryOf(versions: readonly CertificateVersion[]): StatusChange[] {
  const history: StatusChange[] = [];
  let previous: CertificateStatus | null = null;
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    if (v.status !== previous)
      history.push({
        version: v.version,
        from: previous,
        to: v.status,
        at: v.recordedAt,
        by: v.recordedBy,
        reason: v.reason,
      });
    previous = v.status;
  }
  return history;
}
