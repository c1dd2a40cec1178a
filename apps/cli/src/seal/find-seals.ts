/** One seal found in a file, with where it was (`seal`, `materials[2].peerSeal`; empty for a bare JWS). */
export interface FoundSeal {
  readonly path: string;
  readonly jws: string;
}

/** What a file holds: the seals in it, or why it holds none we can read. */
export type SealsInFile = { ok: true; seals: FoundSeal[] } | { ok: false; problem: string };

// Members that carry a seal in a consult answer: each shared material's seal, and the seal of
// the peer platform when the record came through one.
const sealMembers = new Set(['seal', 'peerSeal']);
// JSON.parse accepts deeper nesting than a consult answer ever has; the walk stops well before
// the stack could.
const MAX_DEPTH = 64;

function walk(value: unknown, path: string, depth: number, found: FoundSeal[]): void {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1, found));
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (sealMembers.has(key) && typeof v === 'string') found.push({ path: here, jws: v.trim() });
    else walk(v, here, depth + 1, found);
  }
}

/**
 * The seals a file holds: its whole text as one compact JWS (surrounding whitespace ignored), or,
 * when it is JSON, every string member named `seal` or `peerSeal` (one material of a consult
 * answer, or a whole answer). Text that is not JSON is taken as a JWS, for the verifier to refuse
 * if it is not one: that a file is not a seal is an answer too.
 */
export function findSeals(text: string): SealsInFile {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'the file is empty: no seal to verify' };
  if (!trimmed.startsWith('{') && !trimmed.startsWith('['))
    return { ok: true, seals: [{ path: '', jws: trimmed }] };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { ok: false, problem: 'the file is neither a compact JWS nor valid JSON' };
  }
  const seals: FoundSeal[] = [];
  walk(json, '', 0, seals);
  if (seals.length === 0)
    return { ok: false, problem: 'the JSON has no seal (a "seal" or "peerSeal" string member)' };
  return { ok: true, seals };
}
