import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVectors } from '@tongban/testing';
import { mod112CheckCharacter, mod3736CheckCharacter } from './iso7064.js';

interface Vectors {
  certificateIdentifier_GBT36904: { valid: string[] };
}
const certificateIds = readVectors<Vectors>('identifiers').certificateIdentifier_GBT36904.valid;

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('mod112CheckCharacter (ISO/IEC 7064 MOD 11-2)', () => {
  it('matches the worked examples of ISO/IEC 7064 and an ORCID iD', () => {
    expect(mod112CheckCharacter('0794')).toBe('0');
    expect(mod112CheckCharacter('079')).toBe('X');
    // ORCID 0000-0002-1825-0097 uses the same system.
    expect(mod112CheckCharacter('000000021825009')).toBe('7');
  });

  it('agrees with the GB 11643 weighted-sum formulation for 17 digits', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const checkMap = '10X98765432';
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{17}$/), (digits) => {
        const sum = [...digits].reduce((acc, c, i) => acc + Number(c) * (weights[i] ?? NaN), 0);
        expect(mod112CheckCharacter(digits)).toBe(checkMap.charAt(sum % 11));
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('rejects input that is not decimal digits', () => {
    expect(() => mod112CheckCharacter('')).toThrow(RangeError);
    expect(() => mod112CheckCharacter('12A')).toThrow(RangeError);
  });
});

describe('mod3736CheckCharacter (ISO/IEC 7064 MOD 37,36)', () => {
  it.each(certificateIds)('gives the published check character of %s', (id) => {
    const parts = id.split('.');
    const body = parts.slice(5, 9).join('');
    expect(mod3736CheckCharacter(body)).toBe(parts[9]);
  });

  it('satisfies the hybrid-system verification rule: with the check appended, the remainder is 1', () => {
    // Verification as ISO/IEC 7064 states it for hybrid systems, written independently of the
    // implementation: run the recursion over the body, then (P + check) mod 36 must be 1.
    const verify = (body: string, check: string): boolean => {
      let p = 36;
      for (const c of body) p = (((p + ALPHANUMERIC.indexOf(c)) % 36 || 36) * 2) % 37;
      return (p + ALPHANUMERIC.indexOf(check)) % 36 === 1;
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{1,60}$/), (body) => {
        expect(verify(body, mod3736CheckCharacter(body))).toBe(true);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('rejects characters outside 0-9A-Z and empty input', () => {
    expect(() => mod3736CheckCharacter('')).toThrow(RangeError);
    expect(() => mod3736CheckCharacter('abc')).toThrow(RangeError);
    expect(() => mod3736CheckCharacter('1.2')).toThrow(RangeError);
  });
});
