import { sql, TableNode, type Kysely, type RawBuilder } from 'kysely';

/** Schema names we embed in DDL and function bodies: plain lowercase identifiers only. */
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Where the audit tables live, and their names qualified with it. Raw SQL (partitions, triggers,
 * the security-definer function, `unnest` inserts) is not rewritten by Kysely's `withSchema`
 * plugin, so the audit code qualifies every name itself.
 */
export interface AuditSchema {
  readonly name: string;
  /** `"schema"."table"`, for raw SQL. */
  readonly table: (name: string) => RawBuilder<unknown>;
}

/**
 * The schema a Kysely instance is scoped to (`db.withSchema(s)`, as `openDatabase` does for
 * `{ schema }`), read from the plugin's rewrite of a query that is built but never run; otherwise
 * the connection's `current_schema()`. Throws unless the name is a plain identifier.
 */
export async function resolveAuditSchema<DB>(db: Kysely<DB>): Promise<AuditSchema> {
  const node = (db as unknown as Kysely<{ audit_meta: { id: number } }>)
    .selectFrom('audit_meta')
    .select('id')
    .toOperationNode();
  const from = node.from?.froms[0];
  let name = from && TableNode.is(from) ? from.table.schema?.name : undefined;
  if (name === undefined) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    name = rows[0]?.schema;
  }
  if (name === undefined || !PLAIN_IDENTIFIER.test(name))
    throw new Error('the audit log needs a schema named by a plain lowercase identifier');
  const schema = name;
  return { name: schema, table: (table) => sql.id(schema, table) };
}

/**
 * Advisory lock classes, the first key of `pg_advisory_xact_lock(class, hashtext(schema))` (the
 * two-int4 form: the catalog's single-bigint locks are another key space). The second key is the
 * schema's, so that logs in different schemas of one database (test suites, demo nodes) never wait
 * for each other.
 */
export const lockClass = {
  /** Held by the transaction that appends a batch: one writer per log across all processes. */
  append: 7061002,
  /** Held while a month partition is created. */
  partition: 7061003,
  /** Held while a head due by the cadence is checked once more and stored. */
  head: 7061004,
} as const;
