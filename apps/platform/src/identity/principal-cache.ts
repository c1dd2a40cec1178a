import type { Principal } from '@tongban/domain';

interface Entry {
  readonly principal: Principal;
  /** Epoch ms after which the entry is not used: the TTL, or the credential's own expiry if sooner. */
  readonly until: number;
}

export interface PrincipalCacheOptions {
  /** How long a resolved token is trusted without asking the database (≤ 15 s; 0 = no cache). */
  readonly ttlMs: number;
  /** Most entries kept; the oldest go first. */
  readonly maxEntries?: number | undefined;
  readonly now?: (() => number) | undefined;
}

/**
 * Token hash → principal, in this process only, for a few seconds: the busiest caller (a window
 * system or a benchmark sending a thousand requests a second on one token) then costs one database
 * read per TTL instead of one per request.
 *
 * Invariant: an entry is never used after its credential expires. Sign-out, revocation and
 * disabling drop entries here at once; another copy of the platform keeps its own cache and sees
 * the change when its entry ages out, within the TTL.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /**
   * Bumped by every drop. A resolver reads it before going to the database and stores its answer
   * only if it is unchanged, so a sign-out that lands during that read is never undone.
   */
  private dropped = 0;

  constructor(options: PrincipalCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get(hash: string): Principal | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.principal;
  }

  /** The drop counter to hand back to {@link set}. */
  get generation(): number {
    return this.dropped;
  }

  set(hash: string, principal: Principal, expiresAt: Date | undefined, generation = this.dropped): void {
    if (this.ttlMs <= 0 || generation !== this.dropped) return;
    const until = Math.min(this.now() + this.ttlMs, expiresAt?.getTime() ?? Number.POSITIVE_INFINITY);
    this.entries.delete(hash);
    this.entries.set(hash, { principal, until });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(hash: string): void {
    this.dropped++;
    this.entries.delete(hash);
  }

  /** Drops every entry of one principal (an account disabled, its sessions revoked). */
  deletePrincipal(id: string): void {
    this.dropped++;
    for (const [hash, entry] of this.entries) if (entry.principal.id === id) this.entries.delete(hash);
  }

  get size(): number {
    return this.entries.size;
  }
}
