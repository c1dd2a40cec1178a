import { sql, type Kysely } from 'kysely';
import { lockClass, resolveAuditSchema } from '../audit/audit-schema.js';

/** The tables of the tamper-evident audit log, append-only by construction and by trigger. */
const TABLES = [
  'audit_meta',
  'audit_entry',
  'audit_leaf',
  'audit_node',
  'audit_frontier',
  'audit_tree_head',
  'audit_prune',
] as const;

/**
 * The tamper-evident audit log (an RFC 9162 Merkle tree). Every table is insert-only: nothing here
 * is ever updated, and triggers refuse UPDATE, DELETE and TRUNCATE even for the owner (the app role
 * has no such grants either; see docs/DATABASE.md). The same DDL runs on PostgreSQL and on PGlite,
 * which is PostgreSQL 17 and supports declarative partitioning, PL/pgSQL and triggers alike.
 *
 * - `audit_entry` is partitioned by month (UTC) on `time`; partitions are created ahead by
 *   `audit_ensure_partition`, a SECURITY DEFINER function, so the app role needs no DDL rights.
 *   Old months are dropped whole by `pruneAuditLog`, after an export.
 * - `audit_leaf` keeps every leaf hash forever (32 bytes an entry), so proofs and tree heads stay
 *   checkable after entries are pruned; `audit_node` keeps every complete aligned subtree of 256
 *   leaves or more, so a proof reads O(log n) rows instead of the whole log.
 * - `audit_frontier` gets one row per committed batch (size and peaks), so startup and other
 *   processes continue from the durable tip without rehashing the log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = await resolveAuditSchema(db);
  const t = schema.table;
  const ddl = [
    sql`create table ${t('audit_meta')} (
      id smallint primary key check (id = 1),
      hash_alg text not null check (hash_alg in ('sha-256', 'sm3')),
      created_at timestamptz not null default now()
    )`,
    // The primary key of a partitioned table must contain the partition key; the global uniqueness
    // of "index" is enforced by audit_leaf's primary key, written in the same transaction.
    sql`create table ${t('audit_entry')} (
      "index" bigint not null check ("index" >= 0),
      time timestamptz not null,
      operation text not null,
      actor text not null,
      subject text,
      request_id text not null,
      leaf_hash bytea not null,
      canonical text not null,
      primary key ("index", time)
    ) partition by range (time)`,
    // "Who used my data": the applicant's view reads by subject.
    sql`create index audit_entry_subject on ${t('audit_entry')} (subject, "index") where subject is not null`,
    sql`create table ${t('audit_leaf')} (
      "index" bigint primary key check ("index" >= 0),
      leaf_hash bytea not null
    )`,
    sql`create table ${t('audit_node')} (
      level smallint not null check (level between 8 and 62),
      start bigint not null check (start >= 0),
      hash bytea not null,
      primary key (level, start)
    )`,
    sql`create table ${t('audit_frontier')} (
      size bigint primary key check (size > 0),
      peaks bytea not null,
      last_time timestamptz not null,
      written_at timestamptz not null default now()
    )`,
    sql`create table ${t('audit_tree_head')} (
      tree_size bigint primary key check (tree_size >= 0),
      root_hash text not null,
      timestamp text not null,
      hash_alg text not null,
      log_kid text not null,
      log_alg text not null,
      log_signature text not null,
      witness_kid text,
      witness_alg text,
      witness_signature text,
      created_at timestamptz not null default now()
    )`,
    sql`create table ${t('audit_prune')} (
      partition text primary key,
      from_index bigint not null,
      to_index bigint not null,
      entry_count bigint not null,
      exported_through bigint not null,
      range_start timestamptz not null,
      range_end timestamptz not null,
      pruned_at timestamptz not null default now()
    )`,
    sql`create function ${t('audit_refuse_change')}() returns trigger language plpgsql as $fn$
    begin
      raise exception 'the audit log is append-only: % on % refused', tg_op, tg_table_name;
    end
    $fn$`,
    // Creates the partition of the month starting at month_start (UTC) unless it exists, with the
    // TRUNCATE trigger that a partition does not inherit (row triggers are cloned automatically).
    // SECURITY DEFINER: it runs as the owner, so the app role needs EXECUTE on it and nothing more;
    // the search_path is pinned and every name is qualified, as such functions must.
    sql`create function ${t('audit_ensure_partition')}(month_start date) returns text
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
    declare
      part text := 'audit_entry_y' || to_char(month_start, 'YYYY') || 'm' || to_char(month_start, 'MM');
      range_from timestamptz := month_start::timestamp at time zone 'UTC';
      range_to timestamptz := (month_start + interval '1 month')::timestamp at time zone 'UTC';
    begin
      if date_trunc('month', month_start) <> month_start then
        raise exception 'not the first day of a month: %', month_start;
      end if;
      perform pg_advisory_xact_lock(${sql.lit(lockClass.partition)}, hashtext(${sql.lit(schema.name)}));
      if to_regclass(format('%I.%I', ${sql.lit(schema.name)}, part)) is null then
        execute format('create table %I.%I partition of %I.audit_entry for values from (%L) to (%L)',
          ${sql.lit(schema.name)}, part, ${sql.lit(schema.name)}, range_from, range_to);
        execute format('create trigger audit_append_only_truncate before truncate on %I.%I '
          'for each statement execute function %I.audit_refuse_change()',
          ${sql.lit(schema.name)}, part, ${sql.lit(schema.name)});
      end if;
      return part;
    end
    $fn$`,
    sql`revoke all on function ${t('audit_ensure_partition')}(date) from public`,
    // Takes the append lock of this log, then reads the committed tip: one round trip for what must
    // be two statements (in READ COMMITTED a statement sees only what was committed before it
    // started, so the read has to start after the lock is held; inside a VOLATILE function each
    // statement takes a fresh snapshot). The lock is held until the transaction ends.
    sql`create function ${t('audit_lock_tip')}() returns table (size bigint, peaks bytea, last_time timestamptz)
    language plpgsql volatile as $fn$
    begin
      perform pg_advisory_xact_lock(${sql.lit(lockClass.append)}, hashtext(${sql.lit(schema.name)}));
      return query select f.size, f.peaks, f.last_time from ${t('audit_frontier')} f order by f.size desc limit 1;
    end
    $fn$`,
  ];
  for (const statement of ddl) await statement.execute(db);
  for (const table of TABLES) {
    await sql`create trigger audit_append_only before update or delete on ${t(table)}
      for each row execute function ${t('audit_refuse_change')}()`.execute(db);
    await sql`create trigger audit_append_only_truncate before truncate on ${t(table)}
      for each statement execute function ${t('audit_refuse_change')}()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const { table: t } = await resolveAuditSchema(db);
  for (const table of [...TABLES].reverse()) await sql`drop table ${t(table)} cascade`.execute(db);
  await sql`drop function ${t('audit_lock_tip')}()`.execute(db);
  await sql`drop function ${t('audit_ensure_partition')}(date)`.execute(db);
  await sql`drop function ${t('audit_refuse_change')}()`.execute(db);
}
