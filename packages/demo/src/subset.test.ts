import { describe, expect, it } from 'vitest';
import { BoundedCache, IndexedSubset } from './subset.js';

describe('IndexedSubset', () => {
  it('counts, enumerates and locates its members in closed form', () => {
    const s = new IndexedSubset(10, [7, 0, 5]);
    const members = Array.from({ length: 100 }, (_, x) => x).filter((x) => [0, 5, 7].includes(x % 10));
    for (let limit = 0; limit <= 100; limit++)
      expect(s.count(limit)).toBe(members.filter((x) => x < limit).length);
    members.forEach((x, n) => {
      expect(s.nth(n)).toBe(x);
      expect(s.indexOf(x)).toBe(n);
    });
    expect(s.indexOf(3)).toBe(-1);
    expect(() => new IndexedSubset(10, [10])).toThrow(RangeError);
  });
});

describe('BoundedCache', () => {
  it('computes once while the entry is held, and forgets the oldest beyond its capacity', () => {
    const cache = new BoundedCache<number, number>(2);
    let calls = 0;
    const square = (k: number): number => {
      calls++;
      return k * k;
    };
    expect(cache.get(3, square)).toBe(9);
    expect(cache.get(3, square)).toBe(9);
    expect(calls).toBe(1);
    cache.get(4, square);
    cache.get(5, square); // evicts 3
    cache.get(3, square);
    expect(calls).toBe(4);
  });
});
