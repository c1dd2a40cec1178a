import { randomBytes } from 'node:crypto';
import { canonicalJson, SEAL_TYP, type SealPayload } from '@tongban/domain';
import { sampleSealPayload } from '@tongban/testing';
import { describe, expect, it } from 'vitest';
import { signatureAlgs } from './algorithms.js';
import { base64urlEncode } from './base64url.js';
import { signCanonicalJws, signJws } from './jws.js';
import { SEAL_CLOCK_SKEW_MS, signSeal, verifySeal } from './seal.js';
import { generateSigner, verifierFor } from './software-key.js';

const issuedAt = new Date('2026-11-26T02:00:00Z');
const payload = sampleSealPayload({ issuedAt });
const later = new Date(issuedAt.getTime() + 60_000);
const b64 = (s: string) => base64urlEncode(new TextEncoder().encode(s));
const decode = (part: string) => Buffer.from(part, 'base64url').toString('utf8');

/** The compact JWS with the character at `i` replaced by another base64url character. */
function changeChar(jws: string, i: number): string {
  const c = jws[i]!;
  const replacement = c === 'A' ? 'B' : 'A';
  return `${jws.slice(0, i)}${replacement}${jws.slice(i + 1)}`;
}

describe('a good seal', () => {
  it.each(signatureAlgs)('signs and verifies with %s', async (alg) => {
    const signer = generateSigner(alg);
    const jws = await signSeal(payload, signer);
    const [h, p] = jws.split('.') as [string, string, string];
    expect(JSON.parse(decode(h))).toEqual({ alg, kid: signer.kid, typ: SEAL_TYP });
    expect(decode(p)).toBe(canonicalJson(payload));
    const result = verifySeal(jws, [verifierFor(signer)], later);
    expect(result).toEqual({ ok: true, payload, kid: signer.kid, alg });
  });

  it('verifies with a single key, a key set, or a lookup', async () => {
    const signer = generateSigner('EdDSA');
    const verifier = verifierFor(signer);
    const jws = await signSeal(payload, signer);
    const others = [verifierFor(generateSigner('ES256')), verifier];
    expect(verifySeal(jws, verifier, later).ok).toBe(true);
    expect(verifySeal(jws, others, later).ok).toBe(true);
    expect(verifySeal(jws, (kid) => others.find((v) => v.kid === kid), later).ok).toBe(true);
  });
});

describe('a changed byte', () => {
  const signer = generateSigner('EdDSA');
  const keys = [verifierFor(signer)];
  const sealed = signSeal(payload, signer);

  it('in the header: a changed kid is an unknown key, a changed typ is not a seal', async () => {
    const jws = await sealed;
    const [h, p, s] = jws.split('.') as [string, string, string];
    const header = decode(h);
    const kidChanged = header.replace(`"kid":"${signer.kid}`, `"kid":"${changeChar(signer.kid, 5)}`);
    const r1 = verifySeal(`${b64(kidChanged)}.${p}.${s}`, keys, later);
    expect(r1).toMatchObject({ ok: false, reason: 'UNKNOWN_KEY' });
    expect(r1.ok || r1.detail).toContain(changeChar(signer.kid, 5));
    const typChanged = header.replace(SEAL_TYP, SEAL_TYP.replace('jws', 'jwt'));
    expect(verifySeal(`${b64(typChanged)}.${p}.${s}`, keys, later)).toMatchObject({
      ok: false,
      reason: 'MALFORMED',
      detail: expect.stringContaining('typ') as unknown,
    });
  });

  it('in the header: another algorithm named for the key is a bad signature', async () => {
    const [, p, s] = (await sealed).split('.') as [string, string, string];
    const header = canonicalJson({ alg: 'ES256', kid: signer.kid, typ: SEAL_TYP });
    expect(verifySeal(`${b64(header)}.${p}.${s}`, keys, later)).toMatchObject({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('in the payload is a bad signature', async () => {
    const jws = await sealed;
    const at = jws.indexOf('.') + 200;
    expect(verifySeal(changeChar(jws, at), keys, later)).toMatchObject({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('in the signature is a bad signature', async () => {
    const jws = await sealed;
    const at = jws.lastIndexOf('.') + 1;
    expect(verifySeal(changeChar(jws, at), keys, later)).toMatchObject({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('anywhere in the seal is refused, with a reason that fits the part changed', async () => {
    const jws = await sealed;
    const headerLength = jws.indexOf('.');
    // Only the header names a key; the payload and signature can only fail to parse or to verify.
    const allowed = (i: number): string[] =>
      i < headerLength ? ['MALFORMED', 'UNKNOWN_KEY', 'BAD_SIGNATURE'] : ['MALFORMED', 'BAD_SIGNATURE'];
    for (let i = 0; i < jws.length; i++) {
      if (jws[i] === '.') continue;
      const result = verifySeal(changeChar(jws, i), keys, later);
      expect(result.ok, `position ${i}`).toBe(false);
      if (!result.ok) expect(allowed(i), `position ${i}`).toContain(result.reason);
    }
  });
});

describe('refusals', () => {
  const signer = generateSigner('EdDSA');
  const keys = [verifierFor(signer)];

  it('a seal signed by a key not in the set is an unknown key', async () => {
    const stranger = generateSigner('EdDSA');
    const result = verifySeal(await signSeal(payload, stranger), keys, later);
    expect(result).toMatchObject({ ok: false, reason: 'UNKNOWN_KEY' });
  });

  it('expired from expiresAt on, with the payload still shown', async () => {
    const jws = await signSeal(payload, signer);
    const expiry = new Date(payload.expiresAt);
    expect(verifySeal(jws, keys, new Date(expiry.getTime() - 1)).ok).toBe(true);
    const result = verifySeal(jws, keys, expiry);
    expect(result).toMatchObject({ ok: false, reason: 'EXPIRED', payload });
  });

  it('not yet valid when issued more than five minutes after the time of checking', async () => {
    const jws = await signSeal(payload, signer);
    const justInside = new Date(issuedAt.getTime() - SEAL_CLOCK_SKEW_MS);
    expect(verifySeal(jws, keys, justInside).ok).toBe(true);
    const result = verifySeal(jws, keys, new Date(justInside.getTime() - 1));
    expect(result).toMatchObject({ ok: false, reason: 'NOT_YET_VALID', payload });
  });

  it('truncated seals are malformed', async () => {
    const jws = await signSeal(payload, signer);
    const [h, p, s] = jws.split('.') as [string, string, string];
    for (const cut of [
      '',
      jws.slice(0, 10),
      jws.slice(0, jws.length / 2),
      `${h}.${p}`,
      `${h}.${p}.`,
      jws.slice(0, -1),
      `${h}..${s}`,
    ])
      expect(verifySeal(cut, keys, later), JSON.stringify(cut.slice(-20))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^(MALFORMED|BAD_SIGNATURE)$/) as unknown,
      });
    expect(verifySeal(`${h}.${p}`, keys, later)).toMatchObject({ reason: 'MALFORMED' });
    expect(verifySeal(`${h}..${s}`, keys, later)).toMatchObject({ reason: 'MALFORMED' });
  });

  it('10 MB of garbage is malformed, quickly and without throwing', () => {
    const garbage = randomBytes(10 * 1024 * 1024).toString('latin1');
    const started = performance.now();
    expect(verifySeal(garbage, keys, later)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    const dotted = `${'e'.repeat(5 * 1024 * 1024)}.${'A'.repeat(5 * 1024 * 1024)}.AAAA`;
    expect(verifySeal(dotted, keys, later)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(verifySeal(42 as unknown as string, keys, later)).toMatchObject({ reason: 'MALFORMED' });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('the same JSON re-serialised with spaces and re-signed is malformed', async () => {
    const spaced = JSON.stringify(payload, null, 1);
    expect(JSON.parse(spaced)).toEqual(payload);
    const jws = await signJws(spaced, signer, { typ: SEAL_TYP });
    const result = verifySeal(jws, keys, later);
    expect(result).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(result.ok || result.detail).toContain('canonical');
  });

  it('a signed JWS of another typ, or none, is malformed', async () => {
    for (const typ of ['JWT', undefined]) {
      const jws = await signCanonicalJws(payload, signer, typ === undefined ? {} : { typ });
      const result = verifySeal(jws, keys, later);
      expect(result).toMatchObject({ ok: false, reason: 'MALFORMED' });
      expect(result.ok || result.detail).toContain('typ');
    }
  });

  it('a signed canonical payload that is not a seal is malformed', async () => {
    const { watermark: _w, ...withoutWatermark } = payload;
    for (const value of [{ a: 1 }, [payload], withoutWatermark, { ...payload, issuedAt: 'yesterday' }]) {
      const jws = await signCanonicalJws(value, signer, { typ: SEAL_TYP });
      expect(verifySeal(jws, keys, later)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    }
    // A failed structural check shows nothing of the payload: it is not a seal to report on.
    const result = verifySeal(await signCanonicalJws({ a: 1 }, signer, { typ: SEAL_TYP }), keys, later);
    expect(result).not.toHaveProperty('payload');
  });

  it('a payload member with another value is a bad signature, not a new seal', async () => {
    const jws = await signSeal(payload, signer);
    const [h, , s] = jws.split('.') as [string, string, string];
    const forged: SealPayload = { ...payload, purpose: { ...payload.purpose, itemCode: 'OTHER' } };
    expect(verifySeal(`${h}.${b64(canonicalJson(forged))}.${s}`, keys, later)).toMatchObject({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('an invalid clock is a caller bug and throws', async () => {
    const jws = await signSeal(payload, signer);
    expect(() => verifySeal(jws, keys, new Date(Number.NaN))).toThrow(RangeError);
  });
});
