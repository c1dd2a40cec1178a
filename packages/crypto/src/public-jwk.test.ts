import { readVectors } from '@tongban/testing';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { isCryptoError } from './crypto-error.js';
import { jwkThumbprint } from './jwk-thumbprint.js';
import { importJwks, importPublicJwk, toJwks } from './public-jwk.js';
import { generateSigner } from './software-key.js';

const a4 = readVectors<any>('crypto').ed25519_jws_RFC8037_A4;

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return isCryptoError(e) ? e.code : 'NOT_A_CRYPTO_ERROR';
  }
};

describe('RFC 7638 thumbprints as key ids', () => {
  it('computes the RFC 8037 appendix A.3 thumbprint of the A.4 key', () => {
    expect(jwkThumbprint(a4.jwk)).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it.each(['EdDSA', 'ES256'] as const)('agrees with jose for %s keys', async (alg) => {
    const jwk = generateSigner(alg).publicJwk();
    expect(jwk.kid).toBe(await calculateJwkThumbprint(jwk, 'sha256'));
  });

  it('gives SM2 keys a thumbprint over crv, kty, x, y like any EC key', async () => {
    const jwk = generateSigner('SM2SM3').publicJwk();
    expect(jwk.kid).toBe(
      await calculateJwkThumbprint({ kty: 'EC', crv: 'SM2', x: jwk.x, y: jwk.y }, 'sha256'),
    );
  });
});

describe('importPublicJwk', () => {
  it.each(['EdDSA', 'ES256', 'SM2SM3'] as const)('round-trips a %s public JWK', (alg) => {
    const signer = generateSigner(alg);
    const verifier = importPublicJwk(signer.publicJwk());
    expect(verifier.kid).toBe(signer.kid);
    expect(verifier.alg).toBe(alg);
    expect(verifier.publicJwk()).toEqual(signer.publicJwk());
  });

  it('refuses private members, so a leaked private JWK is never published or trusted', () => {
    expect(codeOf(() => importPublicJwk(a4.jwk))).toBe('KEY_INVALID');
  });

  it('refuses a kid that is not the thumbprint, and an alg that does not fit', () => {
    const jwk = generateSigner('EdDSA').publicJwk();
    expect(codeOf(() => importPublicJwk({ ...jwk, kid: 'someone-else' }))).toBe('KEY_INVALID');
    expect(codeOf(() => importPublicJwk({ ...jwk, alg: 'ES256' }))).toBe('KEY_INVALID');
    expect(codeOf(() => importPublicJwk({ ...jwk, use: 'enc' }))).toBe('KEY_INVALID');
  });

  it('refuses points off the curve and malformed coordinates', () => {
    for (const alg of ['ES256', 'SM2SM3'] as const) {
      const jwk = generateSigner(alg).publicJwk() as { x: string; y: string };
      const y = Buffer.from(jwk.y, 'base64url');
      y[31]! ^= 1;
      const { kid: _kid, ...rest } = jwk as Record<string, unknown>;
      expect(codeOf(() => importPublicJwk({ ...rest, y: y.toString('base64url') }))).toBe('KEY_INVALID');
      expect(codeOf(() => importPublicJwk({ ...rest, x: `${jwk.x}=` }))).toBe('KEY_INVALID');
    }
    expect(codeOf(() => importPublicJwk({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }))).toBe('KEY_INVALID');
  });

  it('refuses other key types and non-objects', () => {
    expect(codeOf(() => importPublicJwk({ kty: 'RSA', n: 'AQAB', e: 'AQAB' }))).toBe('KEY_UNSUPPORTED');
    expect(codeOf(() => importPublicJwk({ kty: 'EC', crv: 'P-384', x: 'AA', y: 'AA' }))).toBe(
      'KEY_UNSUPPORTED',
    );
    expect(codeOf(() => importPublicJwk(null))).toBe('KEY_INVALID');
    expect(codeOf(() => importPublicJwk('{}'))).toBe('KEY_INVALID');
  });
});

describe('JWK Sets', () => {
  it('publishes public keys only and reads them back', () => {
    const verifiers = (['EdDSA', 'ES256', 'SM2SM3'] as const).map((a) =>
      importPublicJwk(generateSigner(a).publicJwk()),
    );
    const jwks = toJwks(verifiers);
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
    expect(importJwks(JSON.parse(JSON.stringify(jwks))).map((v) => v.kid)).toEqual(
      verifiers.map((v) => v.kid),
    );
    expect(codeOf(() => importJwks({ keys: 'nope' }))).toBe('KEY_INVALID');
  });
});
