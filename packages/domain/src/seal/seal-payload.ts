import type { CertificateStatus, Holder } from '../certificate/types.js';
import type { ReleasedRecord } from '../node/lookup.js';

/** The `typ` header of every seal this system writes. */
export const SEAL_TYP = 'tongban-seal+jws';

/**
 * What a seal (电子印章) says, signed by the platform as a JWS over its RFC 8785 canonical JSON
 * (DESIGN §4). Every member is always present (null where not applicable), so the canonical form
 * of a seal never depends on which optional parts a record had.
 */
export interface SealPayload {
  readonly sealId: string;
  readonly issuedAt: string;
  /** The sealed copy's validity: never beyond the certificate's own. */
  readonly expiresAt: string;
  /** The sealing platform's id (its region or province code and name). */
  readonly platformId: string;
  readonly certificate: {
    readonly identifier: string;
    readonly type: string;
    readonly issuer: string;
    readonly status: CertificateStatus;
    readonly validFrom: string;
    readonly validUntil: string | null;
    readonly version: number;
  };
  readonly holder: Holder;
  /** The released fields: exactly those the item's material declares. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly purpose: {
    readonly itemCode: string;
    readonly caseNo: string;
    /** The department handling the case. */
    readonly deptCode: string;
    readonly clerkId: string;
    readonly explicitRequest: boolean;
    readonly agreementId: string | null;
  };
  readonly source: {
    /** The node's department (credit code). */
    readonly nodeId: string;
    /** SHA-256 of the node's signed response (its RFC 9421 signature base). */
    readonly responseDigest: string;
    readonly fetchedAt: string;
    /** Set when the record came through a peer platform: which, and the digest of its seal. */
    readonly via: { readonly platformId: string; readonly sealDigest: string } | null;
  };
  /** 加注件 text: 此件由…提供，仅供办理…事项使用，有效期至…. */
  readonly watermark: string;
}

/** The date part of an instant in China Standard Time (UTC+8), as 2026年11月27日. */
export function chineseDate(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
}

/**
 * 此件由{issuer}提供，仅供办理{item}事项使用，有效期至{date}. `expiresAt` is exclusive (the copy is
 * good before it), so the date printed is the last day on which the copy is still good.
 */
export function watermarkText(issuerName: string, itemName: string, expiresAt: string): string {
  const lastInstant = new Date(Date.parse(expiresAt) - 1).toISOString();
  return `此件由${issuerName}提供，仅供办理${itemName}事项使用，有效期至${chineseDate(lastInstant)}`;
}

/**
 * When a sealed copy stops being valid: `ttlSeconds` after sealing, cut to the end of the
 * certificate's last valid day (China time) when that comes first.
 */
export function sealExpiry(issuedAt: Date, ttlSeconds: number, certificateValidUntil: string | null): string {
  const byTtl = issuedAt.getTime() + ttlSeconds * 1000;
  if (certificateValidUntil === null) return new Date(byTtl).toISOString();
  // validUntil is the last valid day: the copy ends at the next midnight in UTC+8.
  const endOfDay = Date.parse(`${certificateValidUntil}T00:00:00+08:00`) + 86_400_000;
  return new Date(Math.min(byTtl, endOfDay)).toISOString();
}

export interface SealInput {
  readonly sealId: string;
  readonly issuedAt: Date;
  readonly ttlSeconds: number;
  readonly platformId: string;
  readonly record: ReleasedRecord;
  readonly issuerName: string;
  readonly itemName: string;
  readonly purpose: SealPayload['purpose'];
  readonly source: SealPayload['source'];
}

/** Builds the payload a platform signs for one released record. Pure. */
export function buildSealPayload(input: SealInput): SealPayload {
  const r = input.record;
  const expiresAt = sealExpiry(input.issuedAt, input.ttlSeconds, r.validUntil);
  return {
    sealId: input.sealId,
    issuedAt: input.issuedAt.toISOString(),
    expiresAt,
    platformId: input.platformId,
    certificate: {
      identifier: r.certificateId,
      type: r.typeCode,
      issuer: r.issuerCode,
      status: r.status,
      validFrom: r.validFrom,
      validUntil: r.validUntil,
      version: r.version,
    },
    holder: { kind: r.holder.kind, id: r.holder.id },
    fields: r.fields,
    purpose: input.purpose,
    source: input.source,
    watermark: watermarkText(input.issuerName, input.itemName, expiresAt),
  };
}

/** Why a seal is not (or no longer) good. Stable: the verify endpoint and the CLI print them. */
export const sealFailureReasons = [
  /** Not a compact JWS, or the payload is not a seal. */
  'MALFORMED',
  /** Signed with a key that is not in the given key set. */
  'UNKNOWN_KEY',
  /** The signature does not verify (a changed byte, or a forged seal). */
  'BAD_SIGNATURE',
  /** The sealed copy's validity has ended. */
  'EXPIRED',
  /** Issued after the time of checking (a clock problem or a forgery). */
  'NOT_YET_VALID',
  /** The source says the certificate is no longer valid (revoked, suspended, cancelled, ...). */
  'REVOKED_AT_SOURCE',
] as const;
export type SealFailureReason = (typeof sealFailureReasons)[number];

/** Structural check of a parsed seal payload: true when every member has the right type. */
export function isSealPayload(value: unknown): value is SealPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const str = (x: unknown) => typeof x === 'string';
  const obj = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  const c = v['certificate'];
  const h = v['holder'];
  const p = v['purpose'];
  const s = v['source'];
  return (
    str(v['sealId']) &&
    str(v['issuedAt']) &&
    !Number.isNaN(Date.parse(v['issuedAt'])) &&
    str(v['expiresAt']) &&
    !Number.isNaN(Date.parse(v['expiresAt'])) &&
    str(v['platformId']) &&
    str(v['watermark']) &&
    obj(c) &&
    str(c['identifier']) &&
    str(c['type']) &&
    str(c['issuer']) &&
    str(c['status']) &&
    Number.isInteger(c['version']) &&
    obj(h) &&
    (h['kind'] === 'person' || h['kind'] === 'organisation') &&
    str(h['id']) &&
    obj(v['fields']) &&
    obj(p) &&
    str(p['itemCode']) &&
    str(p['caseNo']) &&
    str(p['deptCode']) &&
    str(p['clerkId']) &&
    obj(s) &&
    str(s['nodeId']) &&
    str(s['responseDigest'])
  );
}
