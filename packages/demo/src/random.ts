/**
 * Seeded pseudo-random numbers for the demo city. Everything the generator produces comes from here:
 * never Math.random, never the clock. Only integer arithmetic is used (no Math.log, no Math.sin), so the
 * same seed gives the same city on every machine and every Node version.
 *
 * - `hashString`: cyrb128, a fast 128-bit string hash, turns a seed string into a 128-bit state.
 * - `Random`: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), 128-bit state, passes
 *   PractRand; plenty for test data, not for cryptography.
 * - `randomStream`: one independent generator per index (person i, organisation i, case i), so any
 *   slice of the city can be generated on its own, in any order, in bounded memory.
 * - `permutation`: a keyed bijection of [0, size) (a Feistel network with cycle walking), used where
 *   uniqueness matters: resident ID numbers and organisation codes.
 */

/** cyrb128: a 128-bit non-cryptographic hash of a string, as four unsigned 32-bit words. */
export function hashString(s: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A 32-bit integer finaliser (murmur3 fmix32): spreads the bits of consecutive integers apart. */
export function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** sfc32. Construct through `createRandom` or `randomStream`. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Warm up: the first outputs of sfc32 still show the structure of the seed.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** An unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A number in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** An integer in [0, n). `n` must be a positive integer below 2^32. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [lo, hi], both ends included. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Picks a value with probability proportional to its (non-negative) weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    if (!(total > 0)) throw new RangeError('weighted pick needs a positive total weight');
    let r = this.float() * total;
    for (const [value, w] of entries) {
      if (r < w) return value;
      r -= w;
    }
    // Floating-point rounding can leave r a hair above the last weight.
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }

  /** `n` decimal digits as a string (leading zeros allowed). */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(10));
    return s;
  }
}

/** A generator seeded from the seed string and a path ('person', 17, ...). */
export function createRandom(seed: string, ...path: readonly (string | number)[]): Random {
  const [a, b, c, d] = hashString([seed, ...path.map(String)].join('\u001f'));
  return new Random(a, b, c, d);
}

/**
 * One generator per index for a named stream. Hashes the seed once; deriving the generator for an
 * index is then a few integer operations, so a stream can hand out millions of them cheaply.
 */
export function randomStream(seed: string, stream: string): (index: number) => Random {
  const [a, b, c, d] = hashString(`${seed}\u001f${stream}`);
  return (index: number) => {
    const lo = index >>> 0;
    const hi = Math.floor(index / 4294967296) >>> 0;
    return new Random(a ^ mix32(lo), b ^ mix32(lo ^ 0x9e3779b9), c ^ mix32(hi + 0x632be5ab), d ^ lo);
  };
}

/**
 * A keyed bijection of [0, size): a 4-round balanced Feistel network over the smallest even power of
 * two that holds `size`, with cycle walking to stay inside [0, size). Distinct inputs give distinct
 * outputs, which is how the generator guarantees unique identifiers without keeping a set of the
 * ones already issued.
 */
export function permutation(seed: string, name: string, size: number): (x: number) => number {
  if (!Number.isInteger(size) || size < 1 || size > 2 ** 32)
    throw new RangeError('permutation size out of range');
  let bits = 2;
  while (2 ** bits < size) bits += 2;
  const half = bits / 2;
  const mask = 2 ** half - 1;
  const keys = hashString(`${seed}\u001fpermutation\u001f${name}`);
  const round = (r: number, value: number): number => mix32(value ^ (keys[r] as number)) & mask;
  const encrypt = (x: number): number => {
    let left = Math.floor(x / 2 ** half);
    let right = x & mask;
    for (let r = 0; r < 4; r++) {
      const next = left ^ round(r, right);
      left = right;
      right = next;
    }
    return left * 2 ** half + right;
  };
  return (x: number) => {
    if (!Number.isInteger(x) || x < 0 || x >= size) throw new RangeError('permutation input out of range');
    let y = encrypt(x);
    while (y >= size) y = encrypt(y);
    return y;
  };
}
