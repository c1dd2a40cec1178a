import type { CaseFile, CaseRepository, CaseStatus, ExplicitRequest } from '@tongban/domain';
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { resolveAuditSchema } from '../audit/audit-schema.js';
import type { CaseFileTable, PlatformDatabase } from '../schema.js';

/** Cases on PGlite or PostgreSQL. Case numbers come from one sequence, so they never collide. */
export function createCaseRepository(db: Kysely<PlatformDatabase>): CaseRepository {
  // Raw SQL is not rewritten by withSchema: the sequence is named with its schema, found once.
  let sequence: Promise<RawBuilder<unknown>> | undefined;
  const caseSerial = () =>
    (sequence ??= resolveAuditSchema(db).then(({ name }) => sql.lit(`"${name}".case_serial`)));
  return {
    open: async (input) => {
      const { serial } = await sql<{
        serial: string | number;
      }>`select nextval(${await caseSerial()}::regclass) as serial`
        .execute(db)
        .then((r) => r.rows[0]!);
      const day = new Date(input.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
      const caseNo = `${input.regionCode}${day}${String(serial).padStart(9, '0')}`;
      const row = await db
        .insertInto('case_file')
        .values({
          case_no: caseNo,
          item_code: input.itemCode,
          catalog_version: input.catalogVersion,
          applicant_kind: input.applicant.kind,
          applicant_id: input.applicant.id,
          applicant_name: input.applicantName,
          dept_code: input.deptCode,
          clerk_id: input.clerkId,
          status: 'intake',
          explicit_request: input.explicitRequest === null ? null : JSON.stringify(input.explicitRequest),
          opened_at: input.now,
          updated_at: input.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCase(row);
    },
    find: async (caseNo) => {
      const row = await db
        .selectFrom('case_file')
        .selectAll()
        .where('case_no', '=', caseNo)
        .executeTakeFirst();
      return row && toCase(row);
    },
    recordExplicitRequest: async (caseNo, request: ExplicitRequest) => {
      const row = await db
        .updateTable('case_file')
        .set({ explicit_request: JSON.stringify(request), updated_at: request.recordedAt })
        .where('case_no', '=', caseNo)
        .where('status', '=', 'intake')
        .returningAll()
        .executeTakeFirst();
      return row && toCase(row);
    },
    changeStatus: async (caseNo, from: CaseStatus, to: CaseStatus, now) => {
      const row = await db
        .updateTable('case_file')
        .set({ status: to, updated_at: now })
        .where('case_no', '=', caseNo)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirst();
      return row && toCase(row);
    },
  };
}

function toCase(row: Selectable<CaseFileTable>): CaseFile {
  const request = row.explicit_request;
  return {
    caseNo: row.case_no,
    itemCode: row.item_code,
    catalogVersion: row.catalog_version,
    applicant: { kind: row.applicant_kind as CaseFile['applicant']['kind'], id: row.applicant_id },
    applicantName: row.applicant_name,
    deptCode: row.dept_code,
    clerkId: row.clerk_id,
    status: row.status as CaseStatus,
    explicitRequest: (typeof request === 'string' ? JSON.parse(request) : request) as ExplicitRequest | null,
    openedAt: row.opened_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
