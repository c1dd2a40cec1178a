import { sql, type Kysely } from 'kysely';
import { resolveAuditSchema } from '../audit/audit-schema.js';

/**
 * Idempotency keys of creating POSTs (DESIGN §8): one row per (caller, key), claimed before the
 * request runs and completed with its answer, so a retried or double-clicked request gets the
 * first answer back instead of a second case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = (await resolveAuditSchema(db)).table;
  await sql`create table ${t('idempotency_record')} (
    principal_id text not null,
    key text not null,
    request_digest text not null,
    status integer,
    body text,
    created_at timestamptz not null default now(),
    primary key (principal_id, key)
  )`.execute(db);
  await sql`create index idempotency_record_created on ${t('idempotency_record')} (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const t = (await resolveAuditSchema(db)).table;
  await sql`drop table if exists ${t('idempotency_record')}`.execute(db);
}
