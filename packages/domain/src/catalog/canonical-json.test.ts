import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson (RFC 8785 style)', () => {
  it('sorts members by UTF-16 code units and drops white space', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], é: 2, '\u20ac': 3, '\ud83d\ude00': 4 })).toBe(
      '{"a":[true,null,"x"],"b":1,"é":2,"€":3,"😀":4}',
    );
  });
  it('serialises numbers as ECMAScript does (RFC 8785 §3.2.2.3 examples)', () => {
    expect(canonicalJson([1e21, 1e-7, 0.000001, -0, 333333333.3333333])).toBe(
      '[1e+21,1e-7,0.000001,0,333333333.3333333]',
    );
  });
  it('refuses what JSON cannot say', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
  it('is the same for objects built in a different order', () => {
    expect(canonicalJson({ x: { q: 1, p: 2 }, y: 0 })).toBe(canonicalJson({ y: 0, x: { p: 2, q: 1 } }));
  });
});
