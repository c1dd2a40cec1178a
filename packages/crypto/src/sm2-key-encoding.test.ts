import { readVectors } from '@tongban/testing';
import { describe, expect, it } from 'vitest';
import { fromPem } from './pem.js';
import {
  isSm2Pkcs8,
  sm2PrivateKeyFromPkcs8Der,
  sm2PrivateKeyFromPkcs8Pem,
  sm2PrivateKeyToPkcs8Der,
  sm2PrivateKeyToPkcs8Pem,
  sm2PublicKeyFromSpkiDer,
  sm2PublicKeyToSpkiDer,
} from './sm2-key-encoding.js';
import { sm2Coordinates, sm2PublicKeyFromPrivate } from './sm2.js';
import { toHex } from './bytes.js';

const v = readVectors<any>('crypto').sm2_GBT32918_5_annexA;
const d = BigInt(`0x${v.privateKey_hex}`);

describe('SM2 PKCS#8 and SubjectPublicKeyInfo', () => {
  it('writes the layout OpenSSL writes: id-ecPublicKey + sm2 curve, RFC 5915 key with its public point', () => {
    const der = sm2PrivateKeyToPkcs8Der(d);
    // SEQUENCE { 0, SEQUENCE { 1.2.840.10045.2.1, 1.2.156.10197.1.301 }, OCTET STRING { SEQUENCE { 1, OCTET STRING d ...
    expect(toHex(der.subarray(0, 36))).toBe(
      '308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b0201010420',
    );
    expect(toHex(der)).toContain(v.privateKey_hex.toLowerCase());
    expect(toHex(der)).toContain(`04${v.publicKey_x_hex}${v.publicKey_y_hex}`.toLowerCase());
    expect(isSm2Pkcs8(der)).toBe(true);
    expect(sm2PrivateKeyFromPkcs8Der(der)).toBe(d);
    expect(sm2PrivateKeyFromPkcs8Pem(sm2PrivateKeyToPkcs8Pem(d))).toBe(d);
  });

  it('refuses a file whose embedded public key belongs to another scalar', () => {
    const der = sm2PrivateKeyToPkcs8Der(d);
    const spliced = sm2PrivateKeyToPkcs8Der(d + 1n);
    // Take the scalar of one key and the public point of the other.
    const mixed = Uint8Array.from([
      ...spliced.subarray(0, 36),
      ...der.subarray(36, 68),
      ...spliced.subarray(68),
    ]);
    expect(() => sm2PrivateKeyFromPkcs8Der(mixed)).toThrow(TypeError);
  });

  it('round-trips the public key through SubjectPublicKeyInfo', () => {
    const pub = sm2PublicKeyFromPrivate(d);
    const back = sm2PublicKeyFromSpkiDer(sm2PublicKeyToSpkiDer(pub));
    expect(sm2Coordinates(back)).toEqual(sm2Coordinates(pub));
  });

  it('does not take an Ed25519 PKCS#8 for SM2', () => {
    const ed = fromPem(
      '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n',
      'PRIVATE KEY',
    )!;
    expect(isSm2Pkcs8(ed)).toBe(false);
    expect(() => sm2PrivateKeyFromPkcs8Der(ed)).toThrow(TypeError);
  });
});
