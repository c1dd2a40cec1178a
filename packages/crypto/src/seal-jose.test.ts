import { canonicalJson, SEAL_TYP } from '@tongban/domain';
import { sampleSealPayload } from '@tongban/testing';
import {
  CompactSign,
  compactVerify,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
} from 'jose';
import { describe, expect, it } from 'vitest';
import { importJwks, toJwks } from './public-jwk.js';
import { signSeal, verifySeal } from './seal.js';
import type { Signer } from './signer.js';
import { generateSigner, verifierFor } from './software-key.js';

/*
 * Principle 5: a seal must check with a JOSE library that is not ours. `jose` is independent of
 * this package (it verifies with WebCrypto), and reads the JWKS exactly as the platform publishes
 * it. It covers EdDSA and ES256 only: jose has no SM2 (SM2SM3 is not an IANA-registered JWS
 * algorithm), so 国密 seals are cross-checked with openssl instead (seal-openssl.int.test.ts).
 */

const issuedAt = new Date('2026-11-26T02:00:00Z');
const payload = sampleSealPayload({ issuedAt });
const now = new Date(issuedAt.getTime() + 60_000);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
/** The JWKS as GET /api/v1/keys/jwks.json serves it: through JSON, as an outsider receives it. */
const published = (...signers: Signer[]): JSONWebKeySet =>
  JSON.parse(JSON.stringify(toJwks(signers.map((s) => verifierFor(s))))) as JSONWebKeySet;

describe.each(['EdDSA', 'ES256'] as const)('%s seals and jose', (alg) => {
  it('jose verifies our seal against our published JWKS', async () => {
    const signer = generateSigner(alg);
    const other = generateSigner(alg);
    // During a rotation overlap the set has two keys; jose picks ours by kid.
    const jwks = createLocalJWKSet(published(other, signer));
    const seal = await signSeal(payload, signer);
    const { payload: bytes, protectedHeader } = await compactVerify(seal, jwks, {
      algorithms: [alg],
    });
    expect(protectedHeader).toEqual({ alg, kid: signer.kid, typ: SEAL_TYP });
    expect(text(bytes)).toBe(canonicalJson(payload));
    expect(JSON.parse(text(bytes))).toEqual(payload);
  });

  it('jose refuses our seal with one byte changed', async () => {
    const signer = generateSigner(alg);
    const jwks = createLocalJWKSet(published(signer));
    const seal = await signSeal(payload, signer);
    const at = seal.indexOf('.') + 100;
    const changed = `${seal.slice(0, at)}${seal[at] === 'A' ? 'B' : 'A'}${seal.slice(at + 1)}`;
    await expect(compactVerify(changed, jwks)).rejects.toThrow();
  });

  it('we verify a seal that jose signed over the canonical JSON', async () => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const keys = importJwks({ keys: [await exportJWK(publicKey)] });
    const kid = keys[0]!.kid;
    const seal = await new CompactSign(new TextEncoder().encode(canonicalJson(payload)))
      .setProtectedHeader({ alg, kid, typ: SEAL_TYP })
      .sign(privateKey);
    expect(verifySeal(seal, keys, now)).toEqual({ ok: true, payload, kid, alg });
  });

  it('we refuse a jose seal whose JSON is not canonical', async () => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const keys = importJwks({ keys: [await exportJWK(publicKey)] });
    const seal = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg, kid: keys[0]!.kid, typ: SEAL_TYP })
      .sign(privateKey);
    expect(verifySeal(seal, keys, now)).toMatchObject({ ok: false, reason: 'MALFORMED' });
  });
});
