import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVectors } from '@tongban/testing';
import { normaliseIdentifier } from './normalise-identifier.js';

interface Vectors {
  residentId_GB11643: { normalise: { input: string; output: string }[] };
}
const vectors = readVectors<Vectors>('identifiers').residentId_GB11643.normalise;

describe('normaliseIdentifier', () => {
  it('has published normalisation vectors to check', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  it.each(vectors)('normalises the published case $input', ({ input, output }) => {
    expect(normaliseIdentifier(input)).toBe(output);
  });

  it('turns full-width digits and letters into half-width and upper-cases them', () => {
    expect(normaliseIdentifier('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(normaliseIdentifier('９１１１００００６０００３７３４１Ｌ')).toBe('91110000600037341L');
  });

  it('maps full-width punctuation, such as the dots of a certificate identifier', () => {
    expect(normaliseIdentifier('１．２．１５６')).toBe('1.2.156');
  });

  it('removes every kind of whitespace, including the ideographic space', () => {
    expect(normaliseIdentifier(' 110105\u300019491231\t002x\n')).toBe('11010519491231002X');
    expect(normaliseIdentifier('1101\u00a005\r\n1949')).toBe('110105' + '1949');
    expect(normaliseIdentifier('\u3000 \t')).toBe('');
  });

  it('leaves an already canonical identifier unchanged', () => {
    expect(normaliseIdentifier('11010519491231002X')).toBe('11010519491231002X');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normaliseIdentifier(s);
        expect(normaliseIdentifier(once)).toBe(once);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
