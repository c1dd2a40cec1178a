import { inspect } from 'node:util';
import { readVectors } from '@tongban/testing';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import { isCryptoError } from './crypto-error.js';
import { generateSigner, importPrivateJwk, importPrivateKeyPem, verifierFor } from './software-key.js';

const vectors = readVectors<any>('crypto');
const data = new TextEncoder().encode('通办 seal');

describe('software signers', () => {
  it.each(['EdDSA', 'ES256', 'SM2SM3'] as const)(
    '%s: signs 64-byte signatures its verifier accepts',
    async (alg) => {
      const signer = generateSigner(alg);
      const signature = await signer.sign(data);
      expect(signature).toHaveLength(64);
      const verifier = verifierFor(signer);
      expect(verifier.verify(data, signature)).toBe(true);
      expect(verifier.verify(data.subarray(1), signature)).toBe(false);
      expect(verifier.verify(data, signature.subarray(1))).toBe(false);
      expect(verifierFor(generateSigner(alg)).verify(data, signature)).toBe(false);
    },
  );

  it.each(['EdDSA', 'ES256', 'SM2SM3'] as const)(
    '%s: survives a PKCS#8 PEM round trip with the same kid',
    (alg) => {
      const signer = generateSigner(alg);
      const pem = signer.exportPkcs8Pem();
      expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      const again = importPrivateKeyPem(pem);
      expect(again.kid).toBe(signer.kid);
      expect(again.alg).toBe(alg);
    },
  );

  it.each(['EdDSA', 'ES256', 'SM2SM3'] as const)(
    '%s: never shows its private key in inspect, JSON, or string form',
    (alg) => {
      const signer = generateSigner(alg);
      const secretBase64 = signer.exportPkcs8Pem().split('\n').slice(1, -2).join('');
      const shown = [
        inspect(signer, { showHidden: true, depth: 10 }),
        JSON.stringify(signer),
        // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- a careless log line is the point
        `${signer}`,
        String(signer),
      ];
      for (const text of shown) {
        expect(text).toContain(signer.kid);
        expect(text).not.toContain(secretBase64.slice(-40));
        expect(text).not.toMatch(/PRIVATE KEY|"d"/);
      }
      expect(JSON.stringify(signer)).toBe(JSON.stringify({ alg, kid: signer.kid }));
      expect(Object.keys(signer).sort()).toEqual(['alg', 'kid']);
      expect(JSON.stringify({ ...signer })).not.toContain(secretBase64.slice(-40));
    },
  );

  it('never shows the SM2 scalar either', () => {
    const d = vectors.sm2_GBT32918_5_annexA.privateKey_hex.toLowerCase();
    const signer = importPrivateJwk({
      kty: 'EC',
      crv: 'SM2',
      d: Buffer.from(d, 'hex').toString('base64url'),
    });
    const shown = `${inspect(signer, { showHidden: true })}${JSON.stringify(signer)}${String(signer)}`;
    expect(shown.toLowerCase()).not.toContain(d.slice(0, 16));
    expect(shown).not.toContain(BigInt(`0x${d}`).toString().slice(0, 16));
  });

  it('imports the GB/T 32918.5 key from a private JWK and derives its public key', () => {
    const v = vectors.sm2_GBT32918_5_annexA;
    const signer = importPrivateJwk({
      kty: 'EC',
      crv: 'SM2',
      d: Buffer.from(v.privateKey_hex, 'hex').toString('base64url'),
    });
    const jwk = signer.publicJwk();
    expect(toHex(Buffer.from(jwk.x, 'base64url')).toUpperCase()).toBe(v.publicKey_x_hex);
    expect(toHex(Buffer.from((jwk as { y: string }).y, 'base64url')).toUpperCase()).toBe(v.publicKey_y_hex);
  });

  it('refuses a private JWK whose public members belong to another key', () => {
    const other = generateSigner('EdDSA').publicJwk();
    try {
      importPrivateJwk({ ...vectors.ed25519_jws_RFC8037_A4.jwk, x: other.x });
      expect.unreachable();
    } catch (e) {
      expect(isCryptoError(e, 'KEY_INVALID')).toBe(true);
    }
  });

  it('refuses PEM that is not a supported private key, with a code and no key material', () => {
    const attempts = [
      'not a pem',
      '-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n',
      '-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n',
    ];
    for (const pem of attempts) {
      try {
        importPrivateKeyPem(pem);
        expect.unreachable();
      } catch (e) {
        expect(isCryptoError(e, 'KEY_INVALID')).toBe(true);
      }
    }
  });
});
