import { sql, type Kysely } from 'kysely';
import { resolveAuditSchema } from '../audit/audit-schema.js';

/**
 * A department node's certificates (migration for the node's own database, after the audit log's).
 *
 * - `certificate_version` is the record: one row per version, inserted once and never changed
 *   (a trigger refuses UPDATE, DELETE and TRUNCATE). A correction or a status change is a new row.
 * - `certificate` is the index over it: one row per certificate pointing at its current version,
 *   with the columns lookups filter on. It is rewritten on every new version; it holds nothing the
 *   versions do not.
 * - `certificate_issuance` makes issuing idempotent on (case number, output).
 * - `import_run` and `quarantine_row` record stock-data imports and every rejected row with its reason.
 *
 * Lookups: by identifier (primary key) and by holder and type (`certificate_holder_type`), each one
 * index probe plus one primary-key read of the version, at any table size.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = await resolveAuditSchema(db);
  const t = schema.table;
  await db.schema
    .createTable('certificate_version')
    .addColumn('certificate_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('holder_kind', 'text', (c) => c.notNull())
    .addColumn('holder_id', 'text', (c) => c.notNull())
    .addColumn('issuer_code', 'text', (c) => c.notNull())
    .addColumn('fields', 'json', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_until', 'date')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('content_digest', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('certificate_version_pk', ['certificate_id', 'version'])
    .addCheckConstraint('certificate_version_positive', sql`version > 0`)
    .addCheckConstraint(
      'certificate_version_status',
      sql`status in ('valid','suspended','revoked','cancelled','expired','withdrawn')`,
    )
    .addCheckConstraint('certificate_version_origin', sql`origin in ('issued','imported','adapter')`)
    .addCheckConstraint('certificate_version_period', sql`valid_until is null or valid_until >= valid_from`)
    .execute();

  await db.schema
    .createTable('certificate')
    .addColumn('certificate_id', 'text', (c) => c.primaryKey())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('holder_kind', 'text', (c) => c.notNull())
    .addColumn('holder_id', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_until', 'date')
    .addColumn('content_digest', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    /** The stock-data key (`type|key values`) of an imported certificate: re-imports find it here. */
    .addColumn('source_key', 'text', (c) => c.unique())
    /** The import run that last saw this certificate: a second sighting in one run is a duplicate row. */
    .addColumn('last_import_run', 'integer')
    .execute();
  await db.schema
    .createIndex('certificate_holder_type')
    .on('certificate')
    .columns(['holder_id', 'type_code'])
    .execute();
  await db.schema
    .createIndex('certificate_type_status')
    .on('certificate')
    .columns(['type_code', 'status'])
    .execute();

  await db.schema
    .createTable('certificate_issuance')
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('output_code', 'text', (c) => c.notNull())
    .addColumn('certificate_id', 'text', (c) => c.notNull())
    .addColumn('request_digest', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('certificate_issuance_pk', ['case_no', 'output_code'])
    .execute();

  await db.schema
    .createTable('import_run')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_digest', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('running'))
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('quarantined', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('import_run_state', sql`state in ('running','completed','failed')`)
    .execute();

  await db.schema
    .createTable('quarantine_row')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('import_run.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_digest', 'text', (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    /** The source row as read (column → text), so it can be exported, corrected and re-imported. */
    .addColumn('raw', 'json', (c) => c.notNull())
    .addColumn('source_key', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by_run', 'integer')
    .addCheckConstraint('quarantine_row_state', sql`state in ('open','resolved','discarded')`)
    .execute();
  // The same row of the same file failing the same way is quarantined once: re-importing a file
  // changes nothing.
  await sql`create unique index quarantine_row_once on ${t('quarantine_row')}
    (file_digest, row_number, code, field) where state = 'open'`.execute(db);
  await db.schema.createIndex('quarantine_row_key').on('quarantine_row').column('source_key').execute();
  await db.schema.createIndex('quarantine_row_run').on('quarantine_row').column('run_id').execute();

  await sql`create sequence ${t('certificate_serial')}`.execute(db);

  await sql`create function ${t('certificate_refuse_change')}() returns trigger language plpgsql as $fn$
    begin
      raise exception 'certificate versions are never changed: % on % refused', tg_op, tg_table_name;
    end
    $fn$`.execute(db);
  await sql`create trigger certificate_version_append_only before update or delete on ${t('certificate_version')}
    for each row execute function ${t('certificate_refuse_change')}()`.execute(db);
  await sql`create trigger certificate_version_append_only_truncate before truncate on ${t('certificate_version')}
    for each statement execute function ${t('certificate_refuse_change')}()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'quarantine_row',
    'import_run',
    'certificate_issuance',
    'certificate',
    'certificate_version',
  ])
    await db.schema.dropTable(table).execute();
  const { table: t } = await resolveAuditSchema(db);
  await sql`drop sequence ${t('certificate_serial')}`.execute(db);
  await sql`drop function ${t('certificate_refuse_change')}()`.execute(db);
}
