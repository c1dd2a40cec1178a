import type { SealedCopy, SealedCopyRepository } from '@tongban/domain';
import type { Kysely, Selectable } from 'kysely';
import type { PlatformDatabase, SealedCopyTable } from '../schema.js';

/** Sealed copies on their cases, on PGlite or PostgreSQL. */
export function createSealedCopyRepository(db: Kysely<PlatformDatabase>): SealedCopyRepository {
  return {
    save: async (copies) => {
      if (copies.length === 0) return;
      await db
        .insertInto('sealed_copy')
        .values(
          copies.map((c) => ({
            seal_id: c.sealId,
            case_no: c.caseNo,
            type_code: c.typeCode,
            certificate_id: c.certificateId,
            holder_id: c.holderId,
            jws: c.seal,
            peer_jws: c.peerSeal,
            issued_at: c.issuedAt,
            expires_at: c.expiresAt,
          })),
        )
        .execute();
    },
    listForCase: async (caseNo) =>
      (
        await db
          .selectFrom('sealed_copy')
          .selectAll()
          .where('case_no', '=', caseNo)
          .orderBy('issued_at')
          .execute()
      ).map(toCopy),
    find: async (sealId) => {
      const row = await db
        .selectFrom('sealed_copy')
        .selectAll()
        .where('seal_id', '=', sealId)
        .executeTakeFirst();
      return row && toCopy(row);
    },
  };
}

function toCopy(row: Selectable<SealedCopyTable>): SealedCopy {
  return {
    sealId: row.seal_id,
    caseNo: row.case_no,
    typeCode: row.type_code,
    certificateId: row.certificate_id,
    holderId: row.holder_id,
    seal: row.jws,
    peerSeal: row.peer_jws,
    issuedAt: row.issued_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  };
}
