import { describe, expect, it } from 'vitest';
import { isCryptoError } from './crypto-error.js';
import { signJws, verifyJws } from './jws.js';
import { KeyRing } from './key-ring.js';
import { generateSigner } from './software-key.js';

const t0 = new Date('2025-03-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const HOUR = 3600;

function ring(overlapSeconds = 24 * HOUR) {
  return new KeyRing({ overlapSeconds, newSigner: () => generateSigner('EdDSA') });
}

describe('KeyRing rotation', () => {
  it('has no signer until the first rotation', async () => {
    const r = ring();
    expect(() => r.signer(t0)).toThrow();
    try {
      r.signer(t0);
    } catch (e) {
      expect(isCryptoError(e, 'NO_SIGNING_KEY')).toBe(true);
    }
    const first = await r.rotate(t0);
    expect(r.signer(t0).kid).toBe(first.signer.kid);
    expect(r.verifiers(at(-1))).toEqual([]); // not before its notBefore
  });

  it('signs with the new key at once and verifies with both during the overlap only', async () => {
    const r = ring(24 * HOUR);
    const old = (await r.rotate(t0)).signer;
    const oldJws = await signJws('signed before the rotation', r.signer(at(HOUR)));
    const fresh = (await r.rotate(at(2 * HOUR))).signer;

    expect(r.signer(at(2 * HOUR)).kid).toBe(fresh.kid);
    expect(r.verifiers(at(2 * HOUR)).map((v) => v.kid)).toEqual([fresh.kid, old.kid]);
    expect(r.jwks(at(3 * HOUR)).keys.map((k) => k.kid)).toEqual([fresh.kid, old.kid]);

    const during = (kid: string) => r.findVerifier(kid, at(2 * HOUR + 24 * HOUR - 1));
    expect(verifyJws(oldJws, (kid) => during(kid)).ok).toBe(true);

    const after = (kid: string) => r.findVerifier(kid, at(2 * HOUR + 24 * HOUR));
    expect(verifyJws(oldJws, (kid) => after(kid))).toEqual({ ok: false, code: 'UNKNOWN_KEY' });
    expect(r.verifiers(at(30 * HOUR)).map((v) => v.kid)).toEqual([fresh.kid]);
  });

  it('answers for a past instant (a seal checked long after it was issued)', async () => {
    const r = ring(HOUR);
    const old = (await r.rotate(t0)).signer;
    await r.rotate(at(10 * HOUR));
    expect(r.signer(at(5 * HOUR)).kid).toBe(old.kid);
    expect(r.findVerifier(old.kid, at(5 * HOUR))).toBeDefined();
    expect(r.findVerifier(old.kid, at(20 * HOUR))).toBeUndefined();
  });

  it('keeps an earlier, shorter end when rotating twice within an overlap', async () => {
    const r = ring(10 * HOUR);
    const first = (await r.rotate(t0)).signer;
    const second = (await r.rotate(at(HOUR))).signer;
    await r.rotate(at(2 * HOUR));
    const ends = Object.fromEntries(r.entries().map((e) => [e.signer.kid, e.notAfter?.toISOString()]));
    expect(ends[first.kid]).toBe(at(11 * HOUR).toISOString());
    expect(ends[second.kid]).toBe(at(12 * HOUR).toISOString());
    expect(r.verifiers(at(11.5 * HOUR))).toHaveLength(2);
  });

  it('refuses a negative overlap', () => {
    expect(() => ring(-1)).toThrow(RangeError);
  });
});
