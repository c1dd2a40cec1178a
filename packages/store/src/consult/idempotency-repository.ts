import type { IdempotencyRepository } from '@tongban/domain';
import type { Kysely } from 'kysely';
import type { PlatformDatabase } from '../schema.js';

/** How long a key is remembered: a retry comes within minutes; a day is generous. */
const KEEP_MS = 24 * 3600_000;
/** A claim still without an answer after this long was left by a process that died: taken over. */
const ABANDONED_MS = 2 * 60_000;

/**
 * Idempotency keys on PGlite or PostgreSQL. The claim is an INSERT … ON CONFLICT DO NOTHING on the
 * (caller, key) primary key, so of two concurrent requests with one key exactly one runs. A key
 * older than a day, or a claim left unanswered for two minutes (its process died), is taken over by
 * the next claim.
 */
export function createIdempotencyRepository(db: Kysely<PlatformDatabase>): IdempotencyRepository {
  return {
    claim: async (principalId, key, requestDigest, now) => {
      await db
        .deleteFrom('idempotency_record')
        .where('principal_id', '=', principalId)
        .where('key', '=', key)
        .where((eb) =>
          eb.or([
            eb('created_at', '<', new Date(now.getTime() - KEEP_MS)),
            eb.and([eb('status', 'is', null), eb('created_at', '<', new Date(now.getTime() - ABANDONED_MS))]),
          ]),
        )
        .execute();
      const inserted = await db
        .insertInto('idempotency_record')
        .values({ principal_id: principalId, key, request_digest: requestDigest, created_at: now })
        .onConflict((oc) => oc.columns(['principal_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (inserted) return { state: 'claimed' };
      const row = await db
        .selectFrom('idempotency_record')
        .select(['request_digest', 'status', 'body'])
        .where('principal_id', '=', principalId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) return { state: 'running', requestDigest: '' };
      return row.status === null || row.body === null
        ? { state: 'running', requestDigest: row.request_digest }
        : { state: 'done', requestDigest: row.request_digest, status: row.status, body: row.body };
    },
    complete: async (principalId, key, status, body) => {
      await db
        .updateTable('idempotency_record')
        .set({ status, body })
        .where('principal_id', '=', principalId)
        .where('key', '=', key)
        .execute();
    },
    release: async (principalId, key) => {
      await db
        .deleteFrom('idempotency_record')
        .where('principal_id', '=', principalId)
        .where('key', '=', key)
        .where('status', 'is', null)
        .execute();
    },
  };
}
