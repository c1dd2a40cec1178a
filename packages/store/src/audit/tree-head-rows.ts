import type { SignedTreeHead, TreeHeadHashAlg } from '@tongban/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditDatabase, AuditTreeHeadTable } from '../schema.js';
import { lockClass, type AuditSchema } from './audit-schema.js';
import { toCount } from './column-values.js';

/** A stored head as the domain's SignedTreeHead. */
export function toSignedTreeHead(row: Selectable<AuditTreeHeadTable>): SignedTreeHead {
  return {
    treeSize: toCount(row.tree_size),
    rootHash: row.root_hash,
    timestamp: row.timestamp,
    hashAlg: row.hash_alg as TreeHeadHashAlg,
    logSignature: { kid: row.log_kid, alg: row.log_alg, signature: row.log_signature },
    ...(row.witness_kid !== null && row.witness_alg !== null && row.witness_signature !== null
      ? {
          witnessSignature: {
            kid: row.witness_kid,
            alg: row.witness_alg,
            signature: row.witness_signature,
          },
        }
      : {}),
  };
}

/** The signed head covering exactly `treeSize` entries, if one was stored. */
export async function findTreeHeadRow(
  db: Kysely<AuditDatabase>,
  treeSize: number,
): Promise<SignedTreeHead | undefined> {
  const row = await db
    .selectFrom('audit_tree_head')
    .selectAll()
    .where('tree_size', '=', treeSize)
    .executeTakeFirst();
  return row && toSignedTreeHead(row);
}

/** The head of the largest tree size, if any. */
export async function latestTreeHeadRow(db: Kysely<AuditDatabase>): Promise<SignedTreeHead | undefined> {
  const row = await db
    .selectFrom('audit_tree_head')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toSignedTreeHead(row);
}

/** The size of a head and how long ago it was stored. */
export interface HeadAge {
  readonly treeSize: number;
  readonly ageMs: number;
}

/**
 * The size of the latest head and its age in milliseconds, measured by the database's clock (the
 * same for every process, and untouched by a caller's injected clock).
 */
export async function latestTreeHeadAge(db: Kysely<AuditDatabase>): Promise<HeadAge | undefined> {
  const row = await db
    .selectFrom('audit_tree_head')
    .select(['tree_size', sql<string | number>`extract(epoch from now() - created_at) * 1000`.as('age_ms')])
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { treeSize: toCount(row.tree_size), ageMs: Number(row.age_ms) };
}

/** Every head up to `maxTreeSize`, by size. */
export async function listTreeHeads(
  db: Kysely<AuditDatabase>,
  maxTreeSize = Number.MAX_SAFE_INTEGER,
): Promise<SignedTreeHead[]> {
  const rows = await db
    .selectFrom('audit_tree_head')
    .selectAll()
    .where('tree_size', '<=', maxTreeSize)
    .orderBy('tree_size')
    .execute();
  return rows.map(toSignedTreeHead);
}

/**
 * Stores a head unless one of that size exists (another process may have signed the same size a
 * moment earlier), and returns the stored one: one head per size, whoever signed first.
 */
export async function storeTreeHead(
  db: Kysely<AuditDatabase>,
  head: SignedTreeHead,
): Promise<SignedTreeHead> {
  await insertTreeHead(db, head);
  const stored = await findTreeHeadRow(db, head.treeSize);
  if (stored === undefined) throw new Error('the tree head vanished after it was stored');
  return stored;
}

/**
 * Stores a head signed for the cadence only if it is still due once this log's head lock is held
 * (another process may have stored one meanwhile), and resolves with the latest stored size.
 */
export async function storeTreeHeadIfDue(
  db: Kysely<AuditDatabase>,
  schema: AuditSchema,
  head: SignedTreeHead,
  stillDue: (latest: HeadAge | undefined) => boolean,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${lockClass.head}, hashtext(${schema.name}))`.execute(tx);
    const latest = await latestTreeHeadAge(tx); // a statement after the lock: sees every head stored
    if (!stillDue(latest)) return latest?.treeSize ?? 0;
    await insertTreeHead(tx, head);
    return Math.max(head.treeSize, latest?.treeSize ?? 0);
  });
}

async function insertTreeHead(db: Kysely<AuditDatabase>, head: SignedTreeHead): Promise<void> {
  await db
    .insertInto('audit_tree_head')
    .values({
      tree_size: head.treeSize,
      root_hash: head.rootHash,
      timestamp: head.timestamp,
      hash_alg: head.hashAlg,
      log_kid: head.logSignature.kid,
      log_alg: head.logSignature.alg,
      log_signature: head.logSignature.signature,
      witness_kid: head.witnessSignature?.kid ?? null,
      witness_alg: head.witnessSignature?.alg ?? null,
      witness_signature: head.witnessSignature?.signature ?? null,
    })
    .onConflict((oc) => oc.column('tree_size').doNothing())
    .execute();
}
