import {
  canonicalJson,
  type Catalog,
  type CatalogRepository,
  type CatalogVersion,
  type CertificateType,
  type Department,
  type ItemFilter,
  type Page,
  type PageRequest,
  type PublishRequest,
  type PublishResult,
  type ServiceItem,
} from '@tongban/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import { decodeCursor, toPage } from './cursor.js';
import type { CatalogVersionTable, PlatformDatabase } from './schema.js';
import { sha256Hex } from './sha256.js';

const INSERT_CHUNK = 500;

/** The catalog repository on PGlite or PostgreSQL (the same SQL on both). */
export function createCatalogRepository(db: Kysely<PlatformDatabase>): CatalogRepository {
  return {
    publish: (request) => publish(db, request),
    latestVersion: async () => {
      const row = await db
        .selectFrom('catalog_version')
        .selectAll()
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toVersion(row);
    },
    findVersion: async (version) => {
      const row = await db
        .selectFrom('catalog_version')
        .selectAll()
        .where('version', '=', version)
        .executeTakeFirst();
      return row && toVersion(row);
    },
    listVersions: async () =>
      (await db.selectFrom('catalog_version').selectAll().orderBy('version', 'asc').execute()).map(toVersion),
    getCatalog: async (version) => {
      const [departments, certificateTypes, items] = await Promise.all([
        db
          .selectFrom('catalog_department')
          .select('doc')
          .where('version', '=', version)
          .orderBy('credit_code')
          .execute(),
        db
          .selectFrom('catalog_certificate_type')
          .select('doc')
          .where('version', '=', version)
          .orderBy('code')
          .execute(),
        db
          .selectFrom('catalog_item')
          .select('doc')
          .where('version', '=', version)
          .orderBy('item_code')
          .execute(),
      ]);
      return {
        departments: departments.map((r) => r.doc as Department),
        certificateTypes: certificateTypes.map((r) => r.doc as CertificateType),
        items: items.map((r) => r.doc as ServiceItem),
      };
    },
    listDepartments: async (version, page) => {
      const after = decodeCursor(page.cursor);
      const rows = await db
        .selectFrom('catalog_department')
        .select(['credit_code', 'doc'])
        .where('version', '=', version)
        .$if(after !== undefined, (q) => q.where('credit_code', '>', after!))
        .orderBy('credit_code')
        .limit(page.limit + 1)
        .execute();
      return toPage(
        rows,
        page.limit,
        (r) => r.credit_code,
        (r) => r.doc as Department,
      );
    },
    findDepartment: async (version, creditCode) => {
      const row = await db
        .selectFrom('catalog_department')
        .select('doc')
        .where('version', '=', version)
        .where('credit_code', '=', creditCode)
        .executeTakeFirst();
      return row?.doc as Department | undefined;
    },
    listCertificateTypes: async (version, page) => {
      const after = decodeCursor(page.cursor);
      const rows = await db
        .selectFrom('catalog_certificate_type')
        .select(['code', 'doc'])
        .where('version', '=', version)
        .$if(after !== undefined, (q) => q.where('code', '>', after!))
        .orderBy('code')
        .limit(page.limit + 1)
        .execute();
      return toPage(
        rows,
        page.limit,
        (r) => r.code,
        (r) => r.doc as CertificateType,
      );
    },
    findCertificateType: async (version, code) => {
      const row = await db
        .selectFrom('catalog_certificate_type')
        .select('doc')
        .where('version', '=', version)
        .where('code', '=', code)
        .executeTakeFirst();
      return row?.doc as CertificateType | undefined;
    },
    listItems: (version, filter, page) => listItems(db, version, filter, page),
    findItem: async (version, itemCode) => {
      const row = await db
        .selectFrom('catalog_item')
        .select('doc')
        .where('version', '=', version)
        .where('item_code', '=', itemCode)
        .executeTakeFirst();
      return row?.doc as ServiceItem | undefined;
    },
  };
}

async function listItems(
  db: Kysely<PlatformDatabase>,
  version: number,
  filter: ItemFilter,
  page: PageRequest,
): Promise<Page<ServiceItem>> {
  const after = decodeCursor(page.cursor);
  const rows = await db
    .selectFrom('catalog_item as i')
    .select(['i.item_code', 'i.doc'])
    .where('i.version', '=', version)
    .$if(filter.deptCode !== undefined, (q) => q.where('i.dept_code', '=', filter.deptCode!))
    .$if(filter.type !== undefined, (q) => q.where('i.type', '=', filter.type!))
    // Escape LIKE wildcards: a search for "50%" means the text, not a pattern.
    .$if(filter.q !== undefined, (q) =>
      q.where('i.name', 'like', `%${filter.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
    )
    .$if(filter.certificateType !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('catalog_item_certificate as c')
            .select(sql`1`.as('one'))
            .whereRef('c.version', '=', 'i.version')
            .whereRef('c.item_code', '=', 'i.item_code')
            .where('c.type_code', '=', filter.certificateType!),
        ),
      ),
    )
    .$if(after !== undefined, (q) => q.where('i.item_code', '>', after!))
    .orderBy('i.item_code')
    .limit(page.limit + 1)
    .execute();
  return toPage(
    rows,
    page.limit,
    (r) => r.item_code,
    (r) => r.doc as ServiceItem,
  );
}

/** SHA-256 over the canonical JSON of the catalog in key order: equal catalogs, equal digests. */
export function catalogDigest(catalog: Catalog): string {
  const byKey = <T>(list: readonly T[], key: (t: T) => string): T[] =>
    [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return sha256Hex(
    canonicalJson({
      departments: byKey(catalog.departments, (d) => d.creditCode),
      certificateTypes: byKey(catalog.certificateTypes, (t) => t.code),
      items: byKey(catalog.items, (i) => i.itemCode),
    }),
  );
}

async function publish(
  db: Kysely<PlatformDatabase>,
  { catalog, publishedBy, note }: PublishRequest,
): Promise<PublishResult> {
  const digest = catalogDigest(catalog);
  return db.transaction().execute(async (tx) => {
    // One publisher at a time: the lock makes "latest + 1" safe on PostgreSQL with many platform copies.
    await sql`select pg_advisory_xact_lock(7061001)`.execute(tx);
    const latest = await tx
      .selectFrom('catalog_version')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest && latest.digest === digest) return { version: toVersion(latest), created: false };
    const version = (latest?.version ?? 0) + 1;
    const row = await tx
      .insertInto('catalog_version')
      .values({
        version,
        published_by: publishedBy,
        note,
        digest,
        department_count: catalog.departments.length,
        certificate_type_count: catalog.certificateTypes.length,
        item_count: catalog.items.length,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const chunk of chunks(catalog.departments)) {
      await tx
        .insertInto('catalog_department')
        .values(
          chunk.map((d) => ({
            version,
            credit_code: d.creditCode,
            name: d.name,
            level: d.level,
            vertical: d.vertical,
            parent_code: d.parentCode ?? null,
            doc: JSON.stringify(d),
          })),
        )
        .execute();
    }
    for (const chunk of chunks(catalog.certificateTypes)) {
      await tx
        .insertInto('catalog_certificate_type')
        .values(
          chunk.map((t) => ({
            version,
            code: t.code,
            name: t.name,
            holder_kind: t.holderKind,
            sharing: t.sharing,
            doc: JSON.stringify(t),
          })),
        )
        .execute();
    }
    for (const chunk of chunks(catalog.items)) {
      await tx
        .insertInto('catalog_item')
        .values(
          chunk.map((i) => ({
            version,
            item_code: i.itemCode,
            base_code: i.baseCode,
            dept_code: i.deptCode,
            name: i.name,
            type: i.type,
            doc: JSON.stringify(i),
          })),
        )
        .execute();
    }
    const links = catalog.items.flatMap((i) => {
      const codes = new Set(
        i.materials.flatMap((m) => (m.source.kind === 'certificate' ? [m.source.typeCode] : [])),
      );
      return [...codes].map((type_code) => ({ version, item_code: i.itemCode, type_code }));
    });
    for (const chunk of chunks(links))
      await tx.insertInto('catalog_item_certificate').values(chunk).execute();
    return { version: toVersion(row), created: true };
  });
}

function* chunks<T>(list: readonly T[]): Generator<T[]> {
  for (let i = 0; i < list.length; i += INSERT_CHUNK) yield list.slice(i, i + INSERT_CHUNK);
}

function toVersion(row: Selectable<CatalogVersionTable>): CatalogVersion {
  return {
    version: row.version,
    publishedAt: new Date(row.published_at).toISOString(),
    publishedBy: row.published_by,
    note: row.note,
    digest: row.digest,
    counts: {
      departments: row.department_count,
      certificateTypes: row.certificate_type_count,
      items: row.item_count,
    },
  };
}
