import type { CertificateOrigin, CertificateStatus, CertificateVersion, HolderKind } from '@tongban/domain';
import { sql, type Kysely } from 'kysely';
import type { NodeDatabase } from './node-schema.js';

/** The columns of a version as read: dates as text, so no time zone can shift them. */
export function selectVersions(db: Kysely<NodeDatabase>) {
  return db
    .selectFrom('certificate_version as v')
    .select([
      'v.certificate_id',
      'v.version',
      'v.type_code',
      'v.holder_kind',
      'v.holder_id',
      'v.issuer_code',
      'v.fields',
      'v.status',
      sql<string>`v.valid_from::text`.as('valid_from'),
      sql<string | null>`v.valid_until::text`.as('valid_until'),
      'v.origin',
      'v.recorded_at',
      'v.recorded_by',
      'v.reason',
    ]);
}

export interface VersionRow {
  certificate_id: string;
  version: number;
  type_code: string;
  holder_kind: string;
  holder_id: string;
  issuer_code: string;
  fields: Record<string, unknown> | string;
  status: string;
  valid_from: string;
  valid_until: string | null;
  origin: string;
  recorded_at: Date | string;
  recorded_by: string;
  reason: string | null;
}

export function versionFromRow(r: VersionRow): CertificateVersion {
  return {
    certificateId: r.certificate_id,
    version: r.version,
    typeCode: r.type_code,
    holder: { kind: r.holder_kind as HolderKind, id: r.holder_id },
    issuerCode: r.issuer_code,
    // `json` columns come back parsed from pg and PGlite alike; a string would be a driver change.
    fields: typeof r.fields === 'string' ? (JSON.parse(r.fields) as Record<string, unknown>) : r.fields,
    status: r.status as CertificateStatus,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    origin: r.origin as CertificateOrigin,
    recordedAt: new Date(r.recorded_at).toISOString(),
    recordedBy: r.recorded_by,
    reason: r.reason,
  };
}
