import type { Principal } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { PrincipalCache } from './principal-cache.js';

const p = (id: string): Principal => ({
  kind: 'staff',
  id,
  deptCode: '11330100MB0000001X',
  roles: [],
  name: 'x',
});

describe('PrincipalCache', () => {
  it('keeps an entry for the TTL and no longer', () => {
    let now = 1_000;
    const cache = new PrincipalCache({ ttlMs: 10_000, now: () => now });
    cache.set('h', p('a'), undefined);
    now += 9_999;
    expect(cache.get('h')?.id).toBe('a');
    now += 1;
    expect(cache.get('h')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never outlives the credential', () => {
    let now = 0;
    const cache = new PrincipalCache({ ttlMs: 10_000, now: () => now });
    cache.set('h', p('a'), new Date(2_000));
    now = 2_000;
    expect(cache.get('h')).toBeUndefined();
  });

  it('drops on demand, by token or by principal', () => {
    const cache = new PrincipalCache({ ttlMs: 10_000 });
    cache.set('h1', p('a'), undefined);
    cache.set('h2', p('a'), undefined);
    cache.set('h3', p('b'), undefined);
    cache.delete('h3');
    expect(cache.get('h3')).toBeUndefined();
    cache.deletePrincipal('a');
    expect(cache.size).toBe(0);
  });

  it('does not store an answer read before a drop (a sign-out during the database read)', () => {
    const cache = new PrincipalCache({ ttlMs: 10_000 });
    const before = cache.generation;
    // The resolver went to the database; meanwhile the session was signed out.
    cache.delete('h');
    cache.set('h', p('a'), undefined, before);
    expect(cache.get('h')).toBeUndefined();
    // A fresh read after the drop is stored.
    cache.set('h', p('a'), undefined, cache.generation);
    expect(cache.get('h')?.id).toBe('a');
  });

  it('is bounded, oldest first, and off at TTL 0', () => {
    const cache = new PrincipalCache({ ttlMs: 10_000, maxEntries: 2 });
    for (const h of ['h1', 'h2', 'h3']) cache.set(h, p(h), undefined);
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h3')?.id).toBe('h3');
    const off = new PrincipalCache({ ttlMs: 0 });
    off.set('h', p('a'), undefined);
    expect(off.get('h')).toBeUndefined();
  });
});
