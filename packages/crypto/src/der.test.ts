import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBase64url } from './base64url.js';
import { derSignatureToRaw, rawSignatureToDer } from './der.js';
import { fromHex, toHex } from './bytes.js';

describe('r‖s ⇄ DER signature values', () => {
  it('encodes minimal INTEGERs, with a sign byte when the high bit is set', () => {
    const raw = new Uint8Array(64);
    raw[31] = 1;
    raw[32] = 0x80;
    expect(toHex(rawSignatureToDer(raw))).toBe(`3026020101022100${'80'.padEnd(64, '0')}`);
  });

  it('round-trips any r and s', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (raw) => {
        expect(derSignatureToRaw(rawSignatureToDer(raw))).toEqual(raw);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('refuses non-minimal, negative, trailing or truncated encodings', () => {
    for (const hex of [
      '3006020100020100ff',
      '300602010002',
      '30070200020101',
      '3006020180020101',
      '300702020001020101',
      '3081060201010201 01',
    ]) {
      expect(() => derSignatureToRaw(fromHex(hex.replace(/ /g, '')))).toThrow(TypeError);
    }
  });
});

describe('strict base64url', () => {
  it('accepts canonical base64url only', () => {
    expect(parseBase64url('AQID')).toEqual(Uint8Array.of(1, 2, 3));
    expect(parseBase64url('')).toEqual(new Uint8Array(0));
    for (const bad of ['AQID=', 'AQ+D', 'AQ/D', 'A', 'AR', 'AQ I', 'AQ\n'])
      expect(parseBase64url(bad)).toBeUndefined();
  });
});
