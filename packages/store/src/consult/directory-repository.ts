import type { DirectoryEntry, DirectoryRepository } from '@tongban/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DirectoryEntryTable, PlatformDatabase } from '../schema.js';

/**
 * The directory on PGlite or PostgreSQL. Health is written in batches (a flush sums what the
 * platform saw since the last one), so consults never wait on a health UPDATE.
 */
export function createDirectoryRepository(db: Kysely<PlatformDatabase>): DirectoryRepository {
  return {
    register: async (input) => {
      const existed = await db
        .selectFrom('directory_entry')
        .select('entry_id')
        .where('entry_id', '=', input.entryId)
        .executeTakeFirst();
      const row = await db
        .insertInto('directory_entry')
        .values({
          entry_id: input.entryId,
          kind: input.kind,
          name: input.name,
          base_url: input.baseUrl,
          jwks: JSON.stringify(input.jwks),
          type_codes: [...input.typeCodes],
          registered_at: input.now,
          updated_at: input.now,
        })
        .onConflict((oc) =>
          oc.column('entry_id').doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            name: eb.ref('excluded.name'),
            base_url: eb.ref('excluded.base_url'),
            jwks: eb.ref('excluded.jwks'),
            type_codes: eb.ref('excluded.type_codes'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return { entry: toEntry(row), created: existed === undefined };
    },
    find: async (entryId) => {
      const row = await db
        .selectFrom('directory_entry')
        .selectAll()
        .where('entry_id', '=', entryId)
        .executeTakeFirst();
      return row && toEntry(row);
    },
    list: async () =>
      (await db.selectFrom('directory_entry').selectAll().orderBy('entry_id').execute()).map(toEntry),
    remove: async (entryId) => {
      const r = await db.deleteFrom('directory_entry').where('entry_id', '=', entryId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    recordHealth: async (samples) => {
      for (const s of samples) {
        await db
          .updateTable('directory_entry')
          .set((eb) => ({
            successes: sql<number>`${eb.ref('successes')} + ${s.successes}`,
            failures: sql<number>`${eb.ref('failures')} + ${s.failures}`,
            last_success_at: s.lastSuccessAt ?? eb.ref('last_success_at'),
            last_failure_at: s.lastFailureAt ?? eb.ref('last_failure_at'),
            last_failure: s.lastFailure ?? eb.ref('last_failure'),
            consecutive_failures: s.consecutiveFailures,
            latency_ms: s.latencyMs ?? eb.ref('latency_ms'),
          }))
          .where('entry_id', '=', s.entryId)
          .execute();
      }
    },
  };
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function toEntry(row: Selectable<DirectoryEntryTable>): DirectoryEntry {
  const jwks: unknown = typeof row.jwks === 'string' ? JSON.parse(row.jwks) : row.jwks;
  return {
    entryId: row.entry_id,
    kind: row.kind as DirectoryEntry['kind'],
    name: row.name,
    baseUrl: row.base_url,
    jwks: jwks as DirectoryEntry['jwks'],
    typeCodes: row.type_codes,
    registeredAt: row.registered_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    health: {
      lastSuccessAt: iso(row.last_success_at),
      lastFailureAt: iso(row.last_failure_at),
      lastFailure: row.last_failure,
      consecutiveFailures: row.consecutive_failures,
      successes: Number(row.successes),
      failures: Number(row.failures),
      latencyMs: row.latency_ms,
    },
  };
}
