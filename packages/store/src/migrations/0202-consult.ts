import { sql, type Kysely } from 'kysely';
import { resolveAuditSchema } from '../audit/audit-schema.js';

/**
 * What consult needs on the platform: the minimal case (办件) a consult is bound to, sharing
 * agreements (共享申请), the directory of nodes and peer platforms with their keys and health, and
 * the sealed copies (加注件) attached to cases. No certificate field is stored anywhere else on the
 * platform (DESIGN principle 1).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Raw SQL is not rewritten by Kysely's withSchema, so every name is qualified here.
  const t = (await resolveAuditSchema(db)).table;
  const ddl = [
    sql`create sequence ${t('case_serial')}`,
    // Grows into the full workflow: status names every step already; events get their own
    // append-only table when the workflow arrives.
    sql`create table ${t('case_file')} (
      case_no text primary key check (case_no ~ '^[0-9]{23}$'),
      item_code text not null,
      catalog_version integer not null references ${t('catalog_version')} (version),
      applicant_kind text not null check (applicant_kind in ('person', 'organisation')),
      applicant_id text not null,
      applicant_name text not null,
      dept_code text not null,
      clerk_id text not null,
      status text not null check (status in ('intake', 'accepted', 'refused', 'in_review', 'supplement',
        'suspended', 'decided', 'concluded', 'delivered', 'withdrawn')),
      explicit_request jsonb,
      opened_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create index case_file_dept_status on ${t('case_file')} (dept_code, status, opened_at)`,
    sql`create index case_file_applicant on ${t('case_file')} (applicant_id)`,
    sql`create table ${t('sharing_agreement')} (
      agreement_id text primary key,
      provider_dept_code text not null,
      requester_dept_code text not null,
      item_code text not null,
      type_code text not null,
      fields text[] not null,
      basis text not null,
      status text not null check (status in ('requested', 'approved', 'rejected', 'revoked')),
      requested_by text not null,
      requested_at timestamptz not null default now(),
      decided_by text,
      decided_at timestamptz,
      valid_from timestamptz,
      valid_until timestamptz,
      check (status <> 'approved' or (valid_from is not null and valid_until is not null and valid_until > valid_from))
    )`,
    sql`create index sharing_agreement_lookup on ${t('sharing_agreement')} (requester_dept_code, item_code, type_code)`,
    sql`create table ${t('directory_entry')} (
      entry_id text primary key,
      kind text not null check (kind in ('node', 'peer')),
      name text not null,
      base_url text not null,
      jwks jsonb not null,
      type_codes text[] not null,
      registered_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_success_at timestamptz,
      last_failure_at timestamptz,
      last_failure text,
      consecutive_failures integer not null default 0,
      successes bigint not null default 0,
      failures bigint not null default 0,
      latency_ms double precision
    )`,
    sql`create table ${t('sealed_copy')} (
      seal_id text primary key,
      case_no text not null references ${t('case_file')} (case_no),
      type_code text not null,
      certificate_id text not null,
      holder_id text not null,
      jws text not null,
      peer_jws text,
      issued_at timestamptz not null,
      expires_at timestamptz not null
    )`,
    sql`create index sealed_copy_case on ${t('sealed_copy')} (case_no)`,
    sql`create index sealed_copy_certificate on ${t('sealed_copy')} (certificate_id)`,
  ];
  for (const statement of ddl) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const t = (await resolveAuditSchema(db)).table;
  for (const table of ['sealed_copy', 'directory_entry', 'sharing_agreement', 'case_file'])
    await sql`drop table if exists ${t(table)}`.execute(db);
  await sql`drop sequence if exists ${t('case_serial')}`.execute(db);
}
