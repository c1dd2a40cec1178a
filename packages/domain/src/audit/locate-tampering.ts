import { DomainError } from '../errors.js';
import { toHex } from './bytes.js';
import { leafHash, type HashFn } from './hash.js';
import { longestIncreasingSubsequence } from './longest-increasing-subsequence.js';
import { MerkleFrontier } from './merkle-frontier.js';
import { foldPeaks, pushPeak } from './peaks.js';
import type { ExportedEntry, HeadCheck, TamperFinding, TamperReport } from './tamper-report.js';
import { assertTreeHead, type TreeHead } from './tree-head.js';
import { isTreeCount } from './tree-size.js';

/** Options of {@link locateTampering}. */
export interface LocateTamperingOptions {
  /**
   * The leaf hashes the log stored beside its entries (or a mirror's copy). They are trusted only
   * as far as they reproduce the signed heads, and then locate each altered entry exactly.
   */
  readonly leafHashes?: readonly Uint8Array[];
  /**
   * How many ways of choosing among entries that claim the same index are tried against one head
   * (default 64); beyond that the duplicates are reported unresolved.
   */
  readonly maxCombinations?: number;
}

/**
 * Checks an exported audit log against its signed tree heads and says, as far as it can be told,
 * which entries were altered, removed, inserted or reordered.
 *
 * The heads must already be authenticated (signature and witness cosignature checked by the
 * caller: the domain has no crypto) and use the algorithm `hash` implements. Everything below
 * holds up to collisions of the hash.
 *
 * What can be located, and how well:
 * - **Exported order**: `firstMismatchingHead` is the smallest head whose root the entries, taken in
 *   the order given, no longer produce; positions [0, `exportedVerifiedSize`) are exactly the
 *   signed entries. This is the whole answer a root can give by itself.
 * - **Sequence numbers**: each entry's `index` is inside its hashed bytes, so it cannot be changed
 *   without the entry becoming an altered one. A missing index is `removed` (exact, including a
 *   tail cut below the largest signed size); an index claimed twice is resolved by trying each
 *   candidate against the next head (the loser is `inserted`) or else reported `duplicated`;
 *   entries off one longest increasing run of indices are `reordered` (the fewest moves that
 *   explain the order, so the entries that merely shifted after a removal are not flagged).
 * - **Content**: entries are put back at their sequence numbers and checked head by head. A root
 *   commits to all of its leaves at once, so an alteration is placed only between two consecutive
 *   signed sizes (`altered-within`; exact when those sizes differ by one). With
 *   `options.leafHashes`, below the largest head they reproduce (`leafHashesVerifiedSize`), each
 *   altered entry is found exactly (`altered`) and a removed entry no longer stops the checks.
 * - **Limits**: once a head fails, later heads cannot be checked (they commit to the same prefix),
 *   and without stored leaf hashes neither can any head past a missing index; so only the first
 *   alteration interval is located and later content goes unjudged (the report is not intact
 *   anyway). Identical copies of one entry are told apart by position only: the first is kept,
 *   the others are `inserted`. Entries from `signedSize` on are covered by no head: only their
 *   sequence can be judged. A rewrite that renumbers every later entry shows as an alteration
 *   from that point on, not as an insertion: the shape of a change cannot be read from roots.
 *
 * Throws VALIDATION_FAILED when a head is malformed or the heads name different hash algorithms.
 */
export function locateTampering(
  hash: HashFn,
  entries: readonly ExportedEntry[],
  heads: readonly TreeHead[],
  options: LocateTamperingOptions = {},
): TamperReport {
  const maxCombinations = options.maxCombinations ?? 64;
  const sortedHeads = checkedHeads(heads);
  const rootsBySize = new Map<number, string[]>();
  for (const h of sortedHeads) pushTo(rootsBySize, h.treeSize, h.rootHash);
  const sizes = [...rootsBySize.keys()];
  const signedSize = sizes[sizes.length - 1] ?? 0;
  const matchesSize = (size: number, root: string | undefined): boolean =>
    root !== undefined && (rootsBySize.get(size) ?? []).includes(root);

  const findings: TamperFinding[] = [];
  for (const [treeSize, roots] of rootsBySize)
    if (new Set(roots).size > 1) findings.push({ kind: 'conflicting-heads', treeSize });

  const leaves = entries.map((e) => leafHash(hash, e.bytes));
  const leafHex = leaves.map(toHex);

  // 1. The entries as exported, against every head.
  const exportedRoots = rootsAtSizes(hash, leaves, sizes);
  const exportedVerifiedSize = verifiedPrefix(sizes, (s) => matchesSize(s, exportedRoots.get(s)));
  const firstMismatchingHead = sortedHeads.find((h) => exportedRoots.get(h.treeSize) !== h.rootHash);

  // 2. The stored leaf hashes, trusted as far as they reproduce the heads.
  const stored = options.leafHashes ?? [];
  const storedRoots = rootsAtSizes(hash, stored, sizes);
  const trusted = verifiedPrefix(sizes, (s) => matchesSize(s, storedRoots.get(s)));
  const trustedIndexOf = new Map<string, number>();
  for (let k = trusted - 1; k >= 0; k--) trustedIndexOf.set(toHex(stored[k] as Uint8Array), k);

  // 3. Which index each entry stands for: its stored leaf's, else the one it claims.
  const effective: (number | undefined)[] = entries.map((e, i) => {
    const t = trustedIndexOf.get(leafHex[i] as string);
    if (t !== undefined) return t;
    if (isTreeCount(e.index)) return e.index;
    findings.push({ kind: 'inserted', position: i, index: e.index });
    return undefined;
  });
  const byIndex = new Map<number, number[]>();
  effective.forEach((k, i) => {
    if (k !== undefined) pushTo(byIndex, k, i);
  });
  const standIn = new Map<number, number>(); // index → position of the entry that takes its place
  const authentic = new Set<number>(); // indices whose entry is confirmed
  const removed: number[] = [];
  const insertAll = (positions: readonly number[], index: number): void => {
    for (const position of positions) findings.push({ kind: 'inserted', position, index });
  };

  // 4. Below the trusted size each entry is compared with its stored leaf hash: exact.
  for (let k = 0; k < trusted; k++) {
    const positions = byIndex.get(k) ?? [];
    const genuine = positions.filter((p) => trustedIndexOf.get(leafHex[p] as string) === k);
    const others = positions.filter((p) => !genuine.includes(p));
    const first = genuine[0] ?? others[0];
    if (first === undefined) {
      removed.push(k);
      continue;
    }
    standIn.set(k, first);
    if (genuine.length > 0) authentic.add(k);
    else findings.push({ kind: 'altered', index: k, position: first });
    insertAll(
      positions.filter((p) => p !== first),
      k,
    );
  }

  // 5. Above it, the entries claiming each index are grouped by content and checked against the
  //    heads, interval by interval, trying each way of choosing among duplicates.
  const maxIndex = effective.reduce<number>((max, k) => (k !== undefined && k > max ? k : max), -1);
  const upper = Math.max(signedSize, maxIndex + 1, trusted);
  const candidates = new Map<number, number[][]>(); // index → groups of positions with equal bytes
  for (let k = trusted; k < upper; k++) {
    const positions = byIndex.get(k);
    if (positions === undefined) removed.push(k);
    else candidates.set(k, groupByLeaf(positions, leafHex));
  }
  const realignedRoot = new Map<number, string | null>(); // null: checked and no choice matched
  for (const s of sizes) if (s <= trusted) realignedRoot.set(s, storedRoots.get(s) ?? null);
  let frontier = MerkleFrontier.fromLeafHashes(hash, stored.slice(0, trusted));
  for (const s of sizes) {
    if (s <= frontier.size) continue;
    const choices = choicesBetween(candidates, frontier.size, s, maxCombinations);
    if (choices === undefined) break;
    const from = frontier.size;
    let resolved: { pick: Map<number, number>; next: MerkleFrontier } | undefined;
    let lastRoot: string | undefined;
    for (const pick of choices) {
      const next = frontier.appendAll(range(from, s).map((k) => leafOf(k, pick)));
      lastRoot = toHex(next.root());
      if (matchesSize(s, lastRoot)) {
        resolved = { pick, next };
        break;
      }
    }
    if (resolved === undefined) {
      realignedRoot.set(s, choices.length === 1 ? (lastRoot ?? null) : null);
      const only = s - from === 1 ? candidates.get(from) : undefined;
      const onlyGroup = only?.length === 1 ? only[0] : undefined;
      if (onlyGroup?.[0] !== undefined) {
        findings.push({ kind: 'altered', index: from, position: onlyGroup[0] });
        standIn.set(from, onlyGroup[0]);
        insertAll(onlyGroup.slice(1), from);
      } else findings.push({ kind: 'altered-within', fromIndex: from, toIndex: s });
      break;
    }
    realignedRoot.set(s, lastRoot ?? null);
    for (let k = from; k < s; k++) {
      const groups = candidates.get(k) ?? [];
      const chosen = resolved.pick.get(k) ?? 0;
      groups.forEach((g, gi) => {
        if (gi === chosen) {
          standIn.set(k, g[0] as number);
          insertAll(g.slice(1), k);
        } else insertAll(g, k);
      });
      authentic.add(k);
    }
    frontier = resolved.next;
  }
  // Authentic up to the first index whose entry is not confirmed (below the trusted size, a
  // stored leaf hash can stand in for a missing entry in the head checks but not make it present).
  let realignedVerifiedSize = 0;
  while (realignedVerifiedSize < frontier.size && authentic.has(realignedVerifiedSize))
    realignedVerifiedSize++;

  // What the heads could not settle: a single claimant stands in, several are reported.
  for (const [k, groups] of candidates) {
    if (standIn.has(k)) continue;
    const positions = groups.flat();
    if (positions.length === 1) standIn.set(k, positions[0] as number);
    else findings.push({ kind: 'duplicated', index: k, positions });
  }

  // 6. Order: the entries that stand in for an index, off one longest increasing run, were moved.
  const inPlace = entries.map((_, i) => i).filter((i) => standIn.get(effective[i] ?? -1) === i);
  const run = longestIncreasingSubsequence(inPlace.map((i) => effective[i] as number));
  inPlace.forEach((position, j) => {
    if (run.has(j)) return;
    const index = effective[position] as number;
    findings.push({ kind: 'reordered', position, index, verified: authentic.has(index) });
  });

  findings.push(...removedRanges(removed));
  findings.sort((a, b) => sortKey(a) - sortKey(b) || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));

  const headChecks: HeadCheck[] = sortedHeads.map((head) => {
    const realigned = realignedRoot.get(head.treeSize);
    return {
      head,
      matchesExported: exportedRoots.get(head.treeSize) === head.rootHash,
      matchesRealigned: realigned === undefined ? undefined : realigned === head.rootHash,
    };
  });
  return {
    intact: findings.length === 0 && firstMismatchingHead === undefined,
    entryCount: entries.length,
    signedSize,
    firstMismatchingHead,
    exportedVerifiedSize,
    realignedVerifiedSize,
    leafHashesVerifiedSize: trusted,
    heads: headChecks,
    findings,
  };

  function leafOf(k: number, pick: ReadonlyMap<number, number>): Uint8Array {
    const group = candidates.get(k)?.[pick.get(k) ?? 0];
    return leaves[group?.[0] as number] as Uint8Array;
  }
}

/** Validates the heads, checks they share one algorithm, and orders them by size (stable). */
function checkedHeads(heads: readonly TreeHead[]): TreeHead[] {
  heads.forEach((h, i) => assertTreeHead(h, `heads[${i}]`));
  if (new Set(heads.map((h) => h.hashAlg)).size > 1)
    throw new DomainError('VALIDATION_FAILED', 'the tree heads name different hash algorithms', {
      field: 'heads',
    });
  return [...heads].sort((a, b) => a.treeSize - b.treeSize);
}

/** The roots (hex) of the prefixes of `leaves` at each of the ascending `sizes` it is long enough for. */
function rootsAtSizes(
  hash: HashFn,
  leaves: readonly Uint8Array[],
  sizes: readonly number[],
): Map<number, string> {
  const roots = new Map<number, string>();
  const peaks: Uint8Array[] = [];
  let done = 0;
  for (const s of sizes) {
    if (s > leaves.length) break;
    for (; done < s; done++) pushPeak(hash, peaks, done, leaves[done] as Uint8Array);
    roots.set(s, toHex(foldPeaks(hash, peaks)));
  }
  return roots;
}

/** The largest of the ascending `sizes` up to which every size passes `ok`; 0 if the first fails. */
function verifiedPrefix(sizes: readonly number[], ok: (size: number) => boolean): number {
  let verified = 0;
  for (const s of sizes) {
    if (!ok(s)) break;
    verified = s;
  }
  return verified;
}

/** Positions grouped by identical leaf hash (identical bytes), groups in order of first position. */
function groupByLeaf(positions: readonly number[], leafHex: readonly string[]): number[][] {
  const groups = new Map<string, number[]>();
  for (const p of positions) pushTo(groups, leafHex[p] as string, p);
  return [...groups.values()];
}

/**
 * Every way of picking one group per index in [from, to), as index → group number (absent: 0);
 * undefined when an index has no entry at all or there are more than `max` ways.
 */
function choicesBetween(
  candidates: ReadonlyMap<number, readonly number[][]>,
  from: number,
  to: number,
  max: number,
): Map<number, number>[] | undefined {
  const open: { index: number; count: number }[] = [];
  let total = 1;
  for (let k = from; k < to; k++) {
    const groups = candidates.get(k);
    if (groups === undefined) return undefined;
    if (groups.length > 1) {
      open.push({ index: k, count: groups.length });
      total *= groups.length;
      if (total > max) return undefined;
    }
  }
  const out: Map<number, number>[] = [];
  for (let c = 0; c < total; c++) {
    const pick = new Map<number, number>();
    let rest = c;
    for (const { index, count } of open) {
      pick.set(index, rest % count);
      rest = Math.floor(rest / count);
    }
    out.push(pick);
  }
  return out;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

function removedRanges(indices: readonly number[]): TamperFinding[] {
  const out: { kind: 'removed'; fromIndex: number; toIndex: number }[] = [];
  for (const k of [...indices].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last !== undefined && last.toIndex === k) last.toIndex = k + 1;
    else out.push({ kind: 'removed', fromIndex: k, toIndex: k + 1 });
  }
  return out;
}

const kindOrder: readonly TamperFinding['kind'][] = [
  'conflicting-heads',
  'removed',
  'altered',
  'altered-within',
  'inserted',
  'duplicated',
  'reordered',
];

/** Findings sort by the index they concern; an entry with an unusable index sorts last. */
function sortKey(f: TamperFinding): number {
  const key = indexOf(f);
  return isTreeCount(key) ? key : Number.MAX_SAFE_INTEGER;
}

function indexOf(f: TamperFinding): number {
  switch (f.kind) {
    case 'altered':
    case 'inserted':
    case 'duplicated':
    case 'reordered':
      return f.index;
    case 'altered-within':
    case 'removed':
      return f.fromIndex;
    case 'conflicting-heads':
      return f.treeSize;
  }
}
