import { sql, type Kysely } from 'kysely';

/**
 * Catalog versions. Every published version is a full, immutable copy of the catalog: rows are
 * inserted once and never updated, so any version can be read or diffed at any time. Each entity
 * keeps its exact document in `doc` (what the API returns) plus the columns that queries filter on.
 * `doc` is `json`, not `jsonb`: jsonb reorders object keys, and the order of a certificate type's
 * fields is the order a clerk reads them in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_version')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('department_count', 'integer', (c) => c.notNull())
    .addColumn('certificate_type_count', 'integer', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addCheckConstraint('catalog_version_positive', sql`version > 0`)
    .execute();

  await db.schema
    .createTable('catalog_department')
    .addColumn('version', 'integer', (c) => c.notNull().references('catalog_version.version'))
    .addColumn('credit_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('vertical', 'boolean', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('doc', 'json', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_department_pk', ['version', 'credit_code'])
    .execute();

  await db.schema
    .createTable('catalog_certificate_type')
    .addColumn('version', 'integer', (c) => c.notNull().references('catalog_version.version'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('holder_kind', 'text', (c) => c.notNull())
    .addColumn('sharing', 'text', (c) => c.notNull())
    .addColumn('doc', 'json', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_certificate_type_pk', ['version', 'code'])
    .execute();

  await db.schema
    .createTable('catalog_item')
    .addColumn('version', 'integer', (c) => c.notNull().references('catalog_version.version'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('base_code', 'text', (c) => c.notNull())
    .addColumn('dept_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('doc', 'json', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_item_pk', ['version', 'item_code'])
    .execute();
  await db.schema
    .createIndex('catalog_item_dept')
    .on('catalog_item')
    .columns(['version', 'dept_code', 'item_code'])
    .execute();

  await db.schema
    .createTable('catalog_item_certificate')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_item_certificate_pk', ['version', 'type_code', 'item_code'])
    .addForeignKeyConstraint('catalog_item_certificate_item', ['version', 'item_code'], 'catalog_item', [
      'version',
      'item_code',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'catalog_item_certificate',
    'catalog_item',
    'catalog_certificate_type',
    'catalog_department',
    'catalog_version',
  ])
    await db.schema.dropTable(t).execute();
}
