import {
  checkCertificate,
  type CertificateStatus,
  type CertificateType,
  type QualityReport,
  type TypeQuality,
} from '@tongban/domain';
import { sql, type Kysely } from 'kysely';
import { selectVersions, versionFromRow } from './certificate-rows.js';
import type { NodeDatabase } from './node-schema.js';

const PAGE = 5000;
const DAY_MS = 86_400_000;

/**
 * 谁提供、谁负责: per certificate type, how complete, valid, timely and duplicate-free the node's
 * current records are. Counts come from SQL; completeness and validity run the same
 * `checkCertificate` as every write, over the current versions in pages of 5,000 (one pass, bounded
 * memory, minutes at ten million records: a report, not a hot path).
 */
export async function measureQuality(
  db: Kysely<NodeDatabase>,
  types: readonly CertificateType[],
  asOf: Date,
): Promise<QualityReport> {
  const today = asOf.toISOString().slice(0, 10);
  const counts = await db
    .selectFrom('certificate')
    .select([
      'type_code',
      'status',
      sql<string>`count(*)`.as('n'),
      sql<string>`count(*) filter (where status = 'valid' and valid_until < ${today}::date)`.as('expired'),
      sql<Date | string | null>`max(updated_at)`.as('newest'),
    ])
    .groupBy(['type_code', 'status'])
    .execute();
  const duplicates = await db
    .selectFrom(
      db
        .selectFrom('certificate')
        .select(['type_code', sql<string>`count(*) - 1`.as('extra')])
        .groupBy(['type_code', 'holder_id', 'content_digest'])
        .having(sql`count(*)`, '>', 1)
        .as('d'),
    )
    .select(['d.type_code', sql<string>`sum(d.extra)`.as('n')])
    .groupBy('d.type_code')
    .execute();
  const quarantined = await db
    .selectFrom('quarantine_row')
    .select(['type_code', sql<string>`count(distinct (file_digest, row_number))`.as('n')])
    .where('state', '=', 'open')
    .groupBy('type_code')
    .execute();

  const codes = new Set<string>([...types.map((t) => t.code), ...counts.map((c) => c.type_code)]);
  const report: TypeQuality[] = [];
  for (const typeCode of [...codes].sort()) {
    const rows = counts.filter((c) => c.type_code === typeCode);
    const byStatus: Partial<Record<CertificateStatus, number>> = {};
    for (const r of rows) byStatus[r.status as CertificateStatus] = Number(r.n);
    const newest = rows
      .map((r) => (r.newest ? new Date(r.newest).getTime() : 0))
      .reduce((a, b) => Math.max(a, b), 0);
    const type = types.find((t) => t.code === typeCode);
    const { complete, valid } = type ? await checkAll(db, type) : { complete: 0, valid: 0 };
    report.push({
      typeCode,
      records: rows.reduce((a, r) => a + Number(r.n), 0),
      complete,
      valid,
      byStatus,
      newestChange: newest ? new Date(newest).toISOString() : null,
      newestChangeAgeDays: newest ? Math.floor((asOf.getTime() - newest) / DAY_MS) : null,
      validButExpired: rows.reduce((a, r) => a + Number(r.expired), 0),
      duplicates: Number(duplicates.find((d) => d.type_code === typeCode)?.n ?? 0),
      quarantined: Number(quarantined.find((q) => q.type_code === typeCode)?.n ?? 0),
    });
  }
  return { asOf: asOf.toISOString(), types: report };
}

async function checkAll(
  db: Kysely<NodeDatabase>,
  type: CertificateType,
): Promise<{ complete: number; valid: number }> {
  let complete = 0;
  let valid = 0;
  let after = '';
  for (;;) {
    const rows = await selectVersions(db)
      .innerJoin('certificate as c', (j) =>
        j.onRef('c.certificate_id', '=', 'v.certificate_id').onRef('c.current_version', '=', 'v.version'),
      )
      .where('c.type_code', '=', type.code)
      .where('c.certificate_id', '>', after)
      .orderBy('c.certificate_id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const problems = checkCertificate(versionFromRow(row), type);
      if (!problems.some((p) => p.code === 'FIELD_REQUIRED')) complete += 1;
      if (problems.length === 0) valid += 1;
    }
    if (rows.length < PAGE) return { complete, valid };
    after = rows[rows.length - 1]?.certificate_id ?? after;
  }
}
