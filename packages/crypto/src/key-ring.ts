import { CryptoError } from './crypto-error.js';
import { toJwks, type Jwks } from './public-jwk.js';
import type { Signer, Verifier } from './signer.js';
import { verifierFor } from './software-key.js';

/** One key of a ring, with the period in which it verifies. */
export interface KeyRingEntry {
  readonly signer: Signer;
  readonly verifier: Verifier;
  /** From when the key signs and verifies. */
  readonly notBefore: Date;
  /** Until when (exclusive) the key verifies; undefined while it is the current key. */
  readonly notAfter?: Date;
}

/** Options for a {@link KeyRing}. */
export interface KeyRingOptions {
  /** How long a replaced key keeps verifying after a rotation, in seconds. */
  readonly overlapSeconds: number;
  /** Makes the key that a rotation brings in (and, in a store, persists it). */
  readonly newSigner: () => Signer | Promise<Signer>;
  /** Existing keys, oldest first or in any order. */
  readonly entries?: readonly KeyRingEntry[];
}

const validAt = (e: KeyRingEntry, now: Date): boolean =>
  e.notBefore.getTime() <= now.getTime() &&
  (e.notAfter === undefined || now.getTime() < e.notAfter.getTime());

/**
 * The keys of one party across rotations. The newest key valid at a moment signs; every key
 * valid at that moment verifies, so after `rotate(now)` the old key still verifies until
 * now + overlap (messages signed just before the rotation, caches of the old JWKS) while the new
 * key signs at once. Evaluating at a past instant (a seal's issued-at) answers which keys were
 * valid then.
 */
export class KeyRing {
  readonly #entries: KeyRingEntry[];
  readonly #overlapMs: number;
  readonly #newSigner: () => Signer | Promise<Signer>;

  constructor(options: KeyRingOptions) {
    if (!Number.isFinite(options.overlapSeconds) || options.overlapSeconds < 0)
      throw new RangeError('overlapSeconds must be a non-negative number');
    this.#overlapMs = options.overlapSeconds * 1000;
    this.#newSigner = options.newSigner;
    this.#entries = [...(options.entries ?? [])].sort(
      (a, b) => a.notBefore.getTime() - b.notBefore.getTime(),
    );
  }

  /** Every key ever held, oldest first (for persistence and for a history of published keys). */
  entries(): readonly KeyRingEntry[] {
    return [...this.#entries];
  }

  /** The key that signs at `now`: the newest valid one. Throws `NO_SIGNING_KEY` when none is. */
  signer(now: Date): Signer {
    const entry = this.#entries.filter((e) => validAt(e, now)).at(-1);
    if (!entry) throw new CryptoError('NO_SIGNING_KEY', 'no key is valid at this time; rotate first');
    return entry.signer;
  }

  /** The keys that verify at `now`, newest first. */
  verifiers(now: Date): Verifier[] {
    return this.#entries
      .filter((e) => validAt(e, now))
      .map((e) => e.verifier)
      .reverse();
  }

  /** The verifier with this kid if it is valid at `now`. */
  findVerifier(kid: string, now: Date): Verifier | undefined {
    return this.verifiers(now).find((v) => v.kid === kid);
  }

  /** The public keys valid at `now`, as a JWK Set to publish. */
  jwks(now: Date): Jwks {
    return toJwks(this.verifiers(now));
  }

  /**
   * Brings in a new key that signs from `now`, and ends every earlier open key at now + overlap.
   * Returns the new entry.
   */
  async rotate(now: Date): Promise<KeyRingEntry> {
    const signer = await this.#newSigner();
    const retireAt = new Date(now.getTime() + this.#overlapMs);
    for (const [i, e] of this.#entries.entries())
      if (e.notAfter === undefined || e.notAfter.getTime() > retireAt.getTime())
        this.#entries[i] = { ...e, notAfter: retireAt };
    const entry: KeyRingEntry = { signer, verifier: verifierFor(signer), notBefore: new Date(now.getTime()) };
    this.#entries.push(entry);
    this.#entries.sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime());
    return entry;
  }
}
