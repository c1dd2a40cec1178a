import {
  consistencyProofFromSubtrees,
  consistencyProofRanges,
  DomainError,
  inclusionPathRanges,
  inclusionProofFromSubtrees,
  treeHeadHashAlgs,
  treeHeadSigningInput,
  type AppendResult,
  type AuditEntry,
  type AuditEntryInput,
  type AuditLog,
  type HashFn,
  type SignedTreeHead,
  type TreeHead,
  type TreeHeadHashAlg,
  type TreeHeadSigner,
} from '@tongban/domain';
import type { Kysely } from 'kysely';
import type { AuditDatabase } from '../schema.js';
import { resolveAuditSchema } from './audit-schema.js';
import { auditUnavailable } from './audit-unavailable.js';
import { hex } from './column-values.js';
import { assertTipMatchesLeaves, readDurableSize, readDurableTip } from './durable-tip.js';
import { GroupCommit } from './group-commit.js';
import { defaultHeadEvery, HeadCadence, type HeadEvery, type HeadTrigger } from './head-cadence.js';
import { tipRoot, type AuditTip } from './merkle-tip.js';
import { MonthPartitions } from './month-partitions.js';
import { storedSubtrees } from './stored-subtrees.js';
import {
  findTreeHeadRow,
  latestTreeHeadAge,
  latestTreeHeadRow,
  storeTreeHead,
  storeTreeHeadIfDue,
  type HeadAge,
} from './tree-head-rows.js';
import { validateAuditEntry } from './validate-audit-entry.js';
import { writeBatch, type BatchContext } from './write-batch.js';

/** How a log is run. The store has no crypto of its own: the hash and the signers are injected. */
export interface AuditLogOptions {
  /** SHA-256 or SM3, 32 bytes out; must match `hashAlg`. */
  readonly hash: HashFn;
  readonly hashAlg: TreeHeadHashAlg;
  /** Signs every tree head. */
  readonly logSigner: TreeHeadSigner;
  /** Cosigns every tree head (the supervision authority's key), when configured. */
  readonly witness?: TreeHeadSigner | undefined;
  /** Entry times and head timestamps; the real clock by default. */
  readonly clock?: (() => Date) | undefined;
  /** Head cadence; a head per 1,000 entries or per minute by default. */
  readonly headEvery?: HeadEvery | undefined;
  /** The most entries one transaction writes; 1,000 by default. */
  readonly maxBatch?: number | undefined;
  /** Told when a head due by the cadence could not be signed (it is retried later); warns by default. */
  readonly onError?: ((error: unknown) => void) | undefined;
}

const DEFAULT_MAX_BATCH = 1000;

/**
 * The tamper-evident audit log over the `audit_*` tables (migration 0002), on PGlite or PostgreSQL.
 *
 * - `append` is fail-closed and group-committed: concurrent appends share one transaction, and each
 *   promise resolves with its index only after COMMIT (see GroupCommit and writeBatch).
 * - Several processes may append to one PostgreSQL log: batches are serialised by an advisory lock
 *   and each starts from the tip as committed, whoever wrote it.
 * - Heads are signed at the `headEvery` cadence and on demand, by the log's key and the witness's,
 *   one per tree size, over the domain's `treeHeadSigningInput`.
 * - Proofs come from stored leaf hashes and stored subtrees (O(log n) rows).
 *
 * Startup reads the tip (one row) instead of rehashing the log, and refuses a database whose
 * leaves and frontier disagree, or whose log was started with another hash algorithm (CONFLICT).
 */
export async function createAuditLog<DB extends AuditDatabase>(
  database: Kysely<DB>,
  options: AuditLogOptions,
): Promise<AuditLog> {
  const db = database as unknown as Kysely<AuditDatabase>;
  const { hash, hashAlg, logSigner, witness } = options;
  const clock = options.clock ?? (() => new Date());
  if (!(treeHeadHashAlgs as readonly string[]).includes(hashAlg))
    throw new DomainError('VALIDATION_FAILED', 'unknown hash algorithm', { field: 'hashAlg' });
  const hashSize = hash(new Uint8Array(0)).length;
  if (hashSize !== 32)
    throw new DomainError('VALIDATION_FAILED', 'the log hash must produce 32 bytes', { field: 'hash' });

  const schema = await resolveAuditSchema(db);
  await claimHashAlg(db, hashAlg);
  const startTip = await readDurableTip(db, hashSize);
  await assertTipMatchesLeaves(db, startTip);
  const partitions = new MonthPartitions(db, schema);
  await partitions.ensureFor(clock());
  const ctx: BatchContext = { db, schema, hash, hashSize, clock };

  // Heads are signed one at a time in this process; across processes the primary key on the tree
  // size keeps one head per size (storeTreeHead returns whichever was stored first).
  let headChain: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = headChain.then(work, work);
    headChain = next.catch(() => undefined);
    return next;
  };
  /** A head over the durable tip, signed by the log (and the witness), not yet stored. */
  const signHead = async (tip: AuditTip): Promise<SignedTreeHead> => {
    const head: TreeHead = {
      treeSize: tip.size,
      rootHash: hex(tipRoot(hash, tip)),
      timestamp: clock().toISOString(),
      hashAlg,
    };
    const input = treeHeadSigningInput(head);
    const [logSignature, witnessSignature] = await Promise.all([
      signWith(logSigner, input),
      witness && signWith(witness, input),
    ]);
    return { ...head, logSignature, ...(witnessSignature ? { witnessSignature } : {}) };
  };
  /** On demand: the head of the current size, signed now unless one exists. */
  const signTip = async (): Promise<SignedTreeHead> => {
    const tip = await readDurableTip(db, hashSize);
    return (await findTreeHeadRow(db, tip.size)) ?? storeTreeHead(db, await signHead(tip));
  };
  // The cadence is the log's, not this process's: with N processes appending, a head is due when
  // the log has grown by `entries` since the latest head anyone signed, or when that head is older
  // than `milliseconds` (by the database's clock) and the log has grown at all. The decision is
  // taken again under a lock just before storing, so processes racing for the same head store one.
  const every = options.headEvery ?? defaultHeadEvery;
  const isDue = (trigger: HeadTrigger, size: number, latest: HeadAge | undefined): boolean =>
    size > 0 &&
    (latest === undefined ||
      (size > latest.treeSize &&
        (trigger === 'entries'
          ? size - latest.treeSize >= every.entries
          : latest.ageMs >= every.milliseconds)));
  const signIfDue = async (trigger: HeadTrigger): Promise<number> => {
    const [tip, latest] = await Promise.all([readDurableTip(db, hashSize), latestTreeHeadAge(db)]);
    if (!isDue(trigger, tip.size, latest)) return latest?.treeSize ?? 0;
    const head = await signHead(tip); // outside the lock: a signer may be a slow device
    return storeTreeHeadIfDue(db, schema, head, (now) => isDue(trigger, head.treeSize, now));
  };

  const cadence = new HeadCadence(
    every,
    (trigger) => serialised(() => signIfDue(trigger)),
    options.onError ?? ((e: unknown) => process.emitWarning(`audit tree head not signed: ${String(e)}`)),
    (await latestTreeHeadRow(db))?.treeSize ?? 0,
  );
  const writer = new GroupCommit<AuditEntryInput, AppendResult>(
    async (inputs) => {
      await partitions.ensureFor(clock());
      const written = await writeBatch(ctx, inputs);
      cadence.afterCommit(written.tip.size); // after COMMIT only: a failed batch changes nothing
      return written.results;
    },
    options.maxBatch ?? DEFAULT_MAX_BATCH,
    (cause) => auditUnavailable('the audit entry could not be written', cause),
  );
  let closed = false;
  cadence.start();

  /** Proofs only for trees that exist: a size beyond the log is the caller's error. */
  const assertWithinLog = async (treeSize: number): Promise<void> => {
    if (treeSize > (await readDurableSize(db)))
      throw new DomainError('VALIDATION_FAILED', 'the tree size exceeds the size of the log', {
        field: 'treeSize',
      });
  };

  return {
    append: async (entry) => {
      if (closed) throw auditUnavailable('the audit log is closed');
      return writer.submit(validateAuditEntry(entry));
    },
    signTreeHead: async () => {
      if (closed) throw auditUnavailable('the audit log is closed');
      const head = await serialised(signTip);
      cadence.noteSigned(head.treeSize);
      return head;
    },
    latestTreeHead: () => latestTreeHeadRow(db),
    findTreeHead: (treeSize) => findTreeHeadRow(db, treeSize),
    findEntry: async (index) => {
      if (!Number.isSafeInteger(index) || index < 0) return undefined;
      const row = await db
        .selectFrom('audit_entry')
        .select('canonical')
        .where('index', '=', index)
        .executeTakeFirst();
      return row && (JSON.parse(row.canonical) as AuditEntry);
    },
    inclusionProof: async (index, treeSize) => {
      const ranges = inclusionPathRanges(index, treeSize); // VALIDATION_FAILED on impossible pairs
      await assertWithinLog(treeSize);
      const subtree = await storedSubtrees(db, hash, ranges, treeSize);
      return inclusionProofFromSubtrees(index, treeSize, subtree).map(hex);
    },
    consistencyProof: async (oldSize, newSize) => {
      const ranges = consistencyProofRanges(oldSize, newSize);
      await assertWithinLog(newSize);
      const subtree = await storedSubtrees(db, hash, ranges, newSize);
      return consistencyProofFromSubtrees(oldSize, newSize, subtree).map(hex);
    },
    size: () => readDurableSize(db),
    close: async () => {
      if (closed) return;
      closed = true;
      // Entries already accepted are written (or rejected) before close resolves.
      await writer.idle();
      await cadence.stop();
      await headChain;
    },
  };
}

async function signWith(
  signer: TreeHeadSigner,
  input: Uint8Array,
): Promise<{ kid: string; alg: string; signature: string }> {
  const { kid, alg } = signer; // read once: a rotating signer's getters must match its signature
  const signature = Buffer.from(await signer.sign(input)).toString('base64url');
  return { kid, alg, signature };
}

/** Records the log's hash algorithm on first use, and refuses to continue a log under another. */
async function claimHashAlg(db: Kysely<AuditDatabase>, hashAlg: TreeHeadHashAlg): Promise<void> {
  await db
    .insertInto('audit_meta')
    .values({ id: 1, hash_alg: hashAlg })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db.selectFrom('audit_meta').select('hash_alg').executeTakeFirstOrThrow();
  if (row.hash_alg !== hashAlg)
    throw new DomainError('CONFLICT', 'this audit log uses another hash algorithm', { field: 'hashAlg' });
}
