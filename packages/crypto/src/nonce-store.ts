import { CryptoError } from './crypto-error.js';

/**
 * Remembers the nonces of accepted signatures until they could no longer be accepted anyway, so
 * that a captured request cannot be replayed within its validity window. Several platform copies
 * behind a load balancer need a shared implementation (a database table with a unique key);
 * the in-memory one below serves a single process and tests.
 */
export interface NonceStore {
  /**
   * Records the nonce for the key and returns true, or returns false when it was already seen.
   * `expiresAt` is when the signature stops being acceptable; the nonce may be forgotten then.
   * Must be atomic: two concurrent calls with the same nonce must not both return true.
   */
  checkAndRemember(keyid: string, nonce: string, expiresAt: Date): Promise<boolean>;
}

/** Options for {@link InMemoryNonceStore}. */
export interface InMemoryNonceStoreOptions {
  /** Most nonces held at once (100 000 by default). */
  readonly maxEntries?: number;
  /** The time used to forget expired nonces; give it the same clock as verification. */
  readonly clock?: () => Date;
}

/**
 * A {@link NonceStore} in memory. Expired nonces are dropped on every call (a min-heap keyed by
 * expiry keeps that O(log n)), so memory is bounded by the traffic of one validity window; when
 * that exceeds `maxEntries` it throws `NONCE_STORE_FULL` rather than forgetting a live nonce,
 * which would reopen the replay window. Only callers with a valid signature reach the store, so
 * filling it takes a peer's key.
 */
export class InMemoryNonceStore implements NonceStore {
  readonly #expiries = new Map<string, number>();
  readonly #heap: { at: number; key: string }[] = [];
  readonly #maxEntries: number;
  readonly #clock: () => Date;

  constructor(options: InMemoryNonceStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** Nonces currently remembered. */
  get size(): number {
    return this.#expiries.size;
  }

  checkAndRemember(keyid: string, nonce: string, expiresAt: Date): Promise<boolean> {
    this.#forgetExpired(this.#clock().getTime());
    // JSON keeps the pair unambiguous whatever characters the keyid and nonce contain.
    const key = JSON.stringify([keyid, nonce]);
    if (this.#expiries.has(key)) return Promise.resolve(false);
    if (this.#expiries.size >= this.#maxEntries)
      return Promise.reject(
        new CryptoError('NONCE_STORE_FULL', 'nonce store is full; refusing rather than forgetting'),
      );
    const at = expiresAt.getTime();
    this.#expiries.set(key, at);
    this.#push({ at, key });
    return Promise.resolve(true);
  }

  #forgetExpired(now: number): void {
    while (this.#heap.length > 0 && this.#heap[0]!.at <= now) {
      const top = this.#pop();
      if (this.#expiries.get(top.key) === top.at) this.#expiries.delete(top.key);
    }
  }

  #push(item: { at: number; key: string }): void {
    const heap = this.#heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= heap[i]!.at) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  #pop(): { at: number; key: string } {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && heap[l]!.at < heap[smallest]!.at) smallest = l;
        if (r < heap.length && heap[r]!.at < heap[smallest]!.at) smallest = r;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
        i = smallest;
      }
    }
    return top;
  }
}
