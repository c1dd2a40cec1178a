import type { SealedCopy, SealedCopyRepository } from '@tongban/domain';
import type { Kysely, Selectable } from 'kysely';
import { GroupCommit } from '../audit/group-commit.js';
import type { PlatformDatabase, SealedCopyTable } from '../schema.js';

/**
 * Sealed copies on their cases, on PGlite or PostgreSQL. Saves are group-committed: consults that
 * finish together share one INSERT (one round trip and one commit), and each `save` resolves only
 * once its rows are committed.
 */
export function createSealedCopyRepository(db: Kysely<PlatformDatabase>): SealedCopyRepository {
  const writer = new GroupCommit<readonly SealedCopy[], void>(
    async (lots) => {
      await insertCopies(db, lots.flat());
      return lots.map(() => undefined);
    },
    256,
    (cause) => cause,
  );
  return {
    save: async (copies) => {
      if (copies.length > 0) await writer.submit(copies);
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

async function insertCopies(db: Kysely<PlatformDatabase>, copies: readonly SealedCopy[]): Promise<void> {
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
