import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCryptoError } from './crypto-error.js';
import { InMemoryNonceStore } from './nonce-store.js';

describe('InMemoryNonceStore', () => {
  it('accepts a nonce once per key, until it expires', async () => {
    let now = 0;
    const store = new InMemoryNonceStore({ clock: () => new Date(now) });
    expect(await store.checkAndRemember('k1', 'n', new Date(1000))).toBe(true);
    expect(await store.checkAndRemember('k1', 'n', new Date(1000))).toBe(false);
    expect(await store.checkAndRemember('k2', 'n', new Date(1000))).toBe(true); // per key
    now = 999;
    expect(await store.checkAndRemember('k1', 'n', new Date(2000))).toBe(false);
    now = 1000;
    expect(await store.checkAndRemember('k1', 'n', new Date(2000))).toBe(true);
  });

  it('keeps the pair unambiguous whatever the characters', async () => {
    const store = new InMemoryNonceStore({ clock: () => new Date(0) });
    expect(await store.checkAndRemember('a:b', 'c', new Date(1))).toBe(true);
    expect(await store.checkAndRemember('a', 'b:c', new Date(1))).toBe(true);
  });

  it('holds only live nonces: memory stays bounded by one window of traffic', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(50), fc.integer({ min: 1, max: 100 })), { maxLength: 300 }),
        async (steps) => {
          let now = 0;
          const store = new InMemoryNonceStore({ clock: () => new Date(now) });
          const live = new Map<string, number>();
          for (const [i, [advance, ttl]] of steps.entries()) {
            now += advance;
            for (const [k, at] of live) if (at <= now) live.delete(k);
            const fresh = await store.checkAndRemember('k', `n${i}`, new Date(now + ttl));
            if (!fresh) return false;
            live.set(`n${i}`, now + ttl);
            if (store.size !== live.size) return false;
          }
          return true;
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('refuses rather than forgets when full', async () => {
    const store = new InMemoryNonceStore({ maxEntries: 2, clock: () => new Date(0) });
    await store.checkAndRemember('k', 'a', new Date(10));
    await store.checkAndRemember('k', 'b', new Date(10));
    const error = await store.checkAndRemember('k', 'c', new Date(10)).catch((e: unknown) => e);
    expect(isCryptoError(error, 'NONCE_STORE_FULL')).toBe(true);
    expect(await store.checkAndRemember('k', 'a', new Date(10))).toBe(false);
  });
});
