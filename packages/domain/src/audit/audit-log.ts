import type { TreeHead } from './tree-head.js';

/**
 * One thing that happened, as the audit log records it. Canonical JSON of the whole entry (with its
 * `index` and `time`) is the Merkle leaf. Never put certificate field values here: the log says who
 * used whose data, for what, and with what outcome, not what the data was.
 */
export interface AuditEntryInput {
  /** Dotted operation: `consult.granted`, `consult.denied`, `node.lookup`, `catalog.version.published`, ... */
  readonly operation: string;
  /** Who acted: a staff id, a system token's id, or `system`. */
  readonly actor: string;
  /** The data subject (holder ID number or credit code), kept so the subject can ask for their records. */
  readonly subject?: string | undefined;
  /** Why: the item and case the access served, and the requesting department. */
  readonly purpose?:
    { readonly itemCode?: string; readonly caseNo?: string; readonly deptCode?: string } | undefined;
  /** `granted`, `denied`, `ok`, `failed`, or a reason code. */
  readonly outcome: string;
  readonly requestId: string;
  /** Small, non-personal extra facts (type codes, reason codes, counts). */
  readonly details?: Readonly<Record<string, string | number | boolean>> | undefined;
}

export interface AuditEntry extends AuditEntryInput {
  /** Position in the log, from 0. */
  readonly index: number;
  /** When it was appended, ISO 8601 with offset. */
  readonly time: string;
}

/** A signature over {@link treeHeadSigningInput}: by the log's key, or the witness's. */
export interface TreeHeadSignature {
  readonly kid: string;
  readonly alg: string;
  /** base64url. */
  readonly signature: string;
}

export interface SignedTreeHead extends TreeHead {
  readonly logSignature: TreeHeadSignature;
  /** The supervision authority's cosignature, once the witness has seen the head. */
  readonly witnessSignature?: TreeHeadSignature | undefined;
}

/** What signs tree heads: the log's own key, or the witness's. Structurally a crypto Signer. */
export interface TreeHeadSigner {
  readonly kid: string;
  readonly alg: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface AppendResult {
  readonly index: number;
  /** The entry's Merkle leaf hash, hex. */
  readonly leafHash: string;
}

/**
 * The tamper-evident audit log (RFC 9162 manner), one per platform and per node.
 * `append` is fail-closed: it resolves only once the entry is durable and rejects otherwise, and
 * code that releases data must await it first.
 */
export interface AuditLog {
  append(entry: AuditEntryInput): Promise<AppendResult>;
  /** Signs a tree head now over everything appended so far (the cadence calls this too). */
  signTreeHead(): Promise<SignedTreeHead>;
  latestTreeHead(): Promise<SignedTreeHead | undefined>;
  /** The signed head covering exactly `treeSize` entries, if one was signed. */
  findTreeHead(treeSize: number): Promise<SignedTreeHead | undefined>;
  findEntry(index: number): Promise<AuditEntry | undefined>;
  /** Audit path of entry `index` in the tree of `treeSize` entries (hex hashes). */
  inclusionProof(index: number, treeSize: number): Promise<readonly string[]>;
  /** Consistency proof between the trees of `oldSize` and `newSize` entries (hex hashes). */
  consistencyProof(oldSize: number, newSize: number): Promise<readonly string[]>;
  size(): Promise<number>;
  close(): Promise<void>;
}
