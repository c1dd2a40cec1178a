import { readVectors } from '@tongban/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toBytes, toHex } from './bytes.js';
import { sm2CurveParams } from './sm2-curve.js';
import {
  SM2_DEFAULT_ID,
  sm2Coordinates,
  sm2GeneratePrivateKey,
  sm2PublicKeyFromCoordinates,
  sm2PublicKeyFromPrivate,
  sm2Sign,
  sm2SignWithK,
  sm2Verify,
} from './sm2.js';

const v = readVectors<any>('crypto').sm2_GBT32918_5_annexA;
const d = BigInt(`0x${v.privateKey_hex}`);
const k = BigInt(`0x${v.k_hex}`);
const message = toBytes(v.message_utf8);
const expected = fromHex(`${v.r_hex}${v.s_hex}`);
const publicKey = sm2PublicKeyFromCoordinates(fromHex(v.publicKey_x_hex), fromHex(v.publicKey_y_hex));

describe('SM2 (GB/T 32918.2) against GB/T 32918.5 Annex A', () => {
  it('derives the published public key from the private key', () => {
    const { x, y } = sm2Coordinates(sm2PublicKeyFromPrivate(d));
    expect(toHex(x).toUpperCase()).toBe(v.publicKey_x_hex);
    expect(toHex(y).toUpperCase()).toBe(v.publicKey_y_hex);
  });

  it('reproduces r and s exactly with the given k and user ID', () => {
    expect(v.id_utf8).toBe(SM2_DEFAULT_ID);
    const signature = sm2SignWithK(d, message, k, { id: v.id_utf8 });
    expect(toHex(signature).toUpperCase()).toBe(`${v.r_hex}${v.s_hex}`);
  });

  it('verifies the published signature', () => {
    expect(sm2Verify(publicKey, message, expected, v.id_utf8)).toBe(true);
  });

  it('refuses the signature once any single byte of it, or of the message, changes', () => {
    for (let i = 0; i < expected.length; i++) {
      const bad = expected.slice();
      bad[i]! ^= 0x01;
      expect(sm2Verify(publicKey, message, bad)).toBe(false);
    }
    const badMessage = message.slice();
    badMessage[0]! ^= 0x20;
    expect(sm2Verify(publicKey, badMessage, expected)).toBe(false);
  });

  it('refuses the signature under another user ID', () => {
    expect(sm2Verify(publicKey, message, expected, 'ALICE123@YAHOO.COM')).toBe(false);
  });

  it('refuses out-of-range r and s and wrong lengths without throwing', () => {
    const nBytes = fromHex(sm2CurveParams.n.toString(16));
    expect(sm2Verify(publicKey, message, new Uint8Array(64))).toBe(false);
    expect(sm2Verify(publicKey, message, Uint8Array.from([...nBytes, ...expected.subarray(32)]))).toBe(false);
    expect(sm2Verify(publicKey, message, expected.subarray(0, 63))).toBe(false);
    expect(sm2Verify(publicKey, message, new Uint8Array(0))).toBe(false);
  });

  it('refuses a public key that is not on the curve', () => {
    const y = fromHex(v.publicKey_y_hex);
    y[31]! ^= 1;
    expect(() => sm2PublicKeyFromCoordinates(fromHex(v.publicKey_x_hex), y)).toThrow();
  });
});

describe('SM2 sign/verify round trip', () => {
  it('signs with a random k that verifies, and never the same signature twice', () => {
    const signatures = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const signature = sm2Sign(d, message, { publicKey });
      expect(sm2Verify(publicKey, message, signature)).toBe(true);
      signatures.add(toHex(signature));
    }
    expect(signatures.size).toBe(5);
  });

  it('verifies what it signs for arbitrary messages and IDs, and not under another key', () => {
    const key = sm2GeneratePrivateKey();
    const pub = sm2PublicKeyFromPrivate(key);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 40 }), (msg, id) => {
        const signature = sm2Sign(key, msg, { id, publicKey: pub });
        return sm2Verify(pub, msg, signature, id) && !sm2Verify(publicKey, msg, signature, id);
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  it('rejects a private key outside [1, n-2]', () => {
    expect(() => sm2PublicKeyFromPrivate(0n)).toThrow(RangeError);
    expect(() => sm2Sign(sm2CurveParams.n - 1n, message)).toThrow(RangeError);
  });
});
