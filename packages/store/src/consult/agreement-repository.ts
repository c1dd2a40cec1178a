import type { AgreementRepository, AgreementStatus, SharingAgreement } from '@tongban/domain';
import type { Kysely, Selectable } from 'kysely';
import type { PlatformDatabase, SharingAgreementTable } from '../schema.js';

/** Sharing agreements on PGlite or PostgreSQL. A decision applies only from the status it expects. */
export function createAgreementRepository(db: Kysely<PlatformDatabase>): AgreementRepository {
  return {
    request: async (input) => {
      const row = await db
        .insertInto('sharing_agreement')
        .values({
          agreement_id: input.agreementId,
          provider_dept_code: input.providerDeptCode,
          requester_dept_code: input.requesterDeptCode,
          item_code: input.itemCode,
          type_code: input.typeCode,
          fields: [...input.fields],
          basis: input.basis,
          status: 'requested',
          requested_by: input.requestedBy,
          requested_at: input.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAgreement(row);
    },
    find: async (agreementId) => {
      const row = await db
        .selectFrom('sharing_agreement')
        .selectAll()
        .where('agreement_id', '=', agreementId)
        .executeTakeFirst();
      return row && toAgreement(row);
    },
    decide: async (agreementId, from: AgreementStatus, d) => {
      const row = await db
        .updateTable('sharing_agreement')
        .set({
          status: d.status,
          decided_by: d.decidedBy,
          decided_at: d.now,
          ...(d.status === 'approved'
            ? { valid_from: d.validFrom ?? d.now, valid_until: d.validUntil ?? null }
            : {}),
          ...(d.status === 'revoked' ? { valid_until: d.now } : {}),
        })
        .where('agreement_id', '=', agreementId)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirst();
      return row && toAgreement(row);
    },
    listFor: async (requesterDeptCode, itemCode, typeCode) =>
      (
        await db
          .selectFrom('sharing_agreement')
          .selectAll()
          .where('requester_dept_code', '=', requesterDeptCode)
          .where('item_code', '=', itemCode)
          .where('type_code', '=', typeCode)
          .execute()
      ).map(toAgreement),
    listForDept: async (deptCode, limit) =>
      (
        await db
          .selectFrom('sharing_agreement')
          .selectAll()
          .where((eb) =>
            eb.or([eb('provider_dept_code', '=', deptCode), eb('requester_dept_code', '=', deptCode)]),
          )
          .orderBy('requested_at', 'desc')
          .orderBy('agreement_id')
          .limit(limit)
          .execute()
      ).map(toAgreement),
  };
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function toAgreement(row: Selectable<SharingAgreementTable>): SharingAgreement {
  return {
    agreementId: row.agreement_id,
    providerDeptCode: row.provider_dept_code,
    requesterDeptCode: row.requester_dept_code,
    itemCode: row.item_code,
    typeCode: row.type_code,
    fields: row.fields,
    basis: row.basis,
    status: row.status as AgreementStatus,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
    validFrom: iso(row.valid_from),
    validUntil: iso(row.valid_until),
  };
}
