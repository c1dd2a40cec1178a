import { parseBase64url, type Verifier } from '@tongban/crypto';
import {
  hashFromHex,
  locateTampering,
  treeHeadSigningInput,
  type HashFn,
  type SignedTreeHead,
  type TamperFinding,
  type TamperReport,
  type TreeHeadSignature,
} from '@tongban/domain';

type Lookup = (kid: string, at: Date) => Verifier | undefined;

/** Public keys that may have signed heads: the log's and the witness's, each valid at a head's time. */
export interface HeadKeys {
  readonly log: Lookup;
  /** When given, every head must carry a valid witness cosignature. */
  readonly witness?: Lookup | undefined;
}

/** A log as read from the database or from an export file. */
export interface AuditLogCopy {
  /** Entries in stored (or exported) order, with the index each claims and its exact bytes. */
  readonly entries: readonly { readonly index: number; readonly bytes: Uint8Array }[];
  /** The stored leaf hashes by sequence number (hex), which outlive deleted or pruned entry rows. */
  readonly leafHashes?: readonly string[] | undefined;
  readonly heads: readonly SignedTreeHead[];
  /** Index ranges removed by retention after export: their absence is expected. */
  readonly pruned?: readonly { readonly fromIndex: number; readonly toIndex: number }[] | undefined;
}

export interface HeadProblem {
  readonly treeSize: number;
  readonly problem:
    | 'LOG_SIGNATURE_INVALID'
    | 'UNKNOWN_LOG_KEY'
    | 'WITNESS_SIGNATURE_INVALID'
    | 'UNKNOWN_WITNESS_KEY'
    | 'WITNESS_MISSING';
}

export interface AuditVerification {
  readonly intact: boolean;
  readonly headProblems: readonly HeadProblem[];
  /** Heads whose signatures held, and that the content check used. */
  readonly trustedHeads: number;
  /** What was found, less the removals that retention explains. */
  readonly findings: readonly TamperFinding[];
  readonly report: TamperReport;
}

function checkSignature(
  sig: TreeHeadSignature | undefined,
  input: Uint8Array,
  lookup: Lookup | undefined,
  at: Date,
): 'ok' | 'missing' | 'unknown' | 'invalid' {
  if (!sig) return 'missing';
  const verifier = lookup?.(sig.kid, at);
  if (!verifier || verifier.alg !== sig.alg) return 'unknown';
  const bytes = parseBase64url(sig.signature);
  return bytes && verifier.verify(input, bytes) ? 'ok' : 'invalid';
}

const WITNESS_PROBLEM = {
  missing: 'WITNESS_MISSING',
  unknown: 'UNKNOWN_WITNESS_KEY',
  invalid: 'WITNESS_SIGNATURE_INVALID',
} as const;

/**
 * Checks a whole log (live or exported) the way an outsider would: each signed tree head against
 * the log's key and the witness's cosignature, then every entry against the trusted heads, locating
 * what was altered, removed, inserted or reordered (the domain's locateTampering). A head whose
 * signature fails is reported and not trusted.
 */
export function verifyAuditLog(hash: HashFn, copy: AuditLogCopy, keys: HeadKeys): AuditVerification {
  const headProblems: HeadProblem[] = [];
  const trusted: SignedTreeHead[] = [];
  for (const head of copy.heads) {
    const input = treeHeadSigningInput(head);
    const at = new Date(head.timestamp);
    const log = checkSignature(head.logSignature, input, keys.log, at);
    if (log !== 'ok') {
      headProblems.push({
        treeSize: head.treeSize,
        problem: log === 'invalid' ? 'LOG_SIGNATURE_INVALID' : 'UNKNOWN_LOG_KEY',
      });
      continue;
    }
    if (keys.witness) {
      const w = checkSignature(head.witnessSignature, input, keys.witness, at);
      if (w !== 'ok') {
        headProblems.push({ treeSize: head.treeSize, problem: WITNESS_PROBLEM[w] });
        continue;
      }
    }
    trusted.push(head);
  }
  const report = locateTampering(
    hash,
    copy.entries,
    trusted,
    copy.leafHashes ? { leafHashes: copy.leafHashes.map((h) => hashFromHex(h)) } : {},
  );
  const pruned = copy.pruned ?? [];
  const explained = (f: TamperFinding): boolean =>
    f.kind === 'removed' && pruned.some((p) => p.fromIndex <= f.fromIndex && f.toIndex <= p.toIndex);
  const findings = report.findings.filter((f) => !explained(f));
  const intact = headProblems.length === 0 && findings.length === 0 && (report.intact || pruned.length > 0);
  return { intact, headProblems, trustedHeads: trusted.length, findings, report };
}

/** One line per finding, in words an auditor can act on. */
export function describeFinding(f: TamperFinding): string {
  switch (f.kind) {
    case 'altered':
      return `entry ${f.index} was ALTERED (its content is not what was signed)`;
    case 'altered-within':
      return `an entry in [${f.fromIndex}, ${f.toIndex}) was ALTERED (keep leaf hashes or sign heads more often to pin it exactly)`;
    case 'removed':
      return f.toIndex - f.fromIndex === 1
        ? `entry ${f.fromIndex} was REMOVED`
        : `entries ${f.fromIndex}..${f.toIndex - 1} were REMOVED`;
    case 'inserted':
      return `an entry claiming index ${f.index} (position ${f.position}) was INSERTED: it is not part of the log`;
    case 'duplicated':
      return `index ${f.index} appears ${f.positions.length} times (positions ${f.positions.join(', ')}); the heads cannot tell which is genuine`;
    case 'reordered':
      return `entry ${f.index} was REORDERED (found at position ${f.position}${f.verified ? ', content intact' : ''})`;
    case 'conflicting-heads':
      return `two signed heads of size ${f.treeSize} disagree: the log was forked or its key misused`;
  }
}
