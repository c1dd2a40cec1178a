/**
 * The integers x ≥ 0 with x mod `modulus` in `residues`, enumerated in increasing order. Counting
 * them below a limit and finding the n-th one are closed-form, which is what lets the generator know
 * its counts up front and derive any record from its index alone.
 */
export class IndexedSubset {
  private readonly residues: readonly number[];

  constructor(
    readonly modulus: number,
    residues: readonly number[],
  ) {
    this.residues = [...new Set(residues)].sort((a, b) => a - b);
    if (this.residues.some((r) => !Number.isInteger(r) || r < 0 || r >= modulus)) {
      throw new RangeError('residues must be integers in [0, modulus)');
    }
  }

  /** How many members are below `limit`. */
  count(limit: number): number {
    let n = 0;
    for (const r of this.residues) if (limit > r) n += Math.floor((limit - 1 - r) / this.modulus) + 1;
    return n;
  }

  /** The n-th member (0-based). */
  nth(n: number): number {
    const k = this.residues.length;
    return this.modulus * Math.floor(n / k) + (this.residues[n % k] as number);
  }

  /** The position of `x` among the members, or -1 when x is not a member. */
  indexOf(x: number): number {
    const at = this.residues.indexOf(x % this.modulus);
    if (at < 0) return -1;
    return Math.floor(x / this.modulus) * this.residues.length + at;
  }

  has(x: number): boolean {
    return this.residues.includes(x % this.modulus);
  }
}

/** A small least-recently-inserted cache: bounded memory while iterating, cheap repeated lookups. */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K, make: (key: K) => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const value = make(key);
    if (this.map.size >= this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
    this.map.set(key, value);
    return value;
  }
}
