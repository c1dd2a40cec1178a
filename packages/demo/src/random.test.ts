import { describe, expect, it } from 'vitest';
import { createRandom, permutation, randomStream } from './random.js';

describe('random', () => {
  it('is a pure function of the seed and the path', () => {
    const a = createRandom('seed', 'person', 7);
    const b = createRandom('seed', 'person', 7);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(createRandom('seed', 'person', 8).next()).not.toBe(xs[0]);
    expect(createRandom('seed2', 'person', 7).next()).not.toBe(xs[0]);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
  });

  it('pins its outputs, so a refactoring cannot silently change every demo city', () => {
    const r = createRandom('tongban-demo');
    expect([r.next(), r.next(), r.next()]).toMatchInlineSnapshot(`
      [
        4272188634,
        1826625956,
        408141450,
      ]
    `);
  });

  it('gives independent, reproducible generators per index', () => {
    const stream = randomStream('seed', 'person');
    const first = Array.from({ length: 1000 }, (_, i) => stream(i).next());
    expect(Array.from({ length: 1000 }, (_, i) => stream(i).next())).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(995);
    // Uniform enough: each quarter of the range gets about a quarter of the first draws.
    for (let q = 0; q < 4; q++) {
      const n = first.filter((x) => Math.floor(x / 2 ** 30) === q).length;
      expect(n).toBeGreaterThan(200);
      expect(n).toBeLessThan(300);
    }
  });

  it('draws integers, choices and weighted choices in range', () => {
    const r = createRandom('draws');
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const x = r.between(3, 5);
      expect(x >= 3 && x <= 5).toBe(true);
      const w = r.weighted([
        ['a', 1],
        ['b', 3],
        ['c', 0],
      ] as const);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    expect(counts.get('c')).toBeUndefined();
    expect((counts.get('b') ?? 0) / 10_000).toBeCloseTo(0.75, 1);
    expect(r.digits(12)).toMatch(/^\d{12}$/);
    expect(() => r.pick([])).toThrow(RangeError);
  });

  it('permutes [0, size) bijectively for sizes that are not powers of two', () => {
    for (const size of [1, 7, 1000, 65_537]) {
      const p = permutation('seed', `test-${size}`, size);
      const seen = new Set<number>();
      for (let x = 0; x < size; x++) seen.add(p(x));
      expect(seen.size).toBe(size);
      expect([...seen].every((y) => Number.isInteger(y) && y >= 0 && y < size)).toBe(true);
    }
    const p = permutation('seed', 'big', 2_920_000);
    expect(p(0)).toBe(p(0));
    expect(() => p(2_920_000)).toThrow(RangeError);
  });
});
