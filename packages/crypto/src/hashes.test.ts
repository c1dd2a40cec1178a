import { readVectors } from '@tongban/testing';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import { hashFor, signatureAlgFor } from './crypto-profile.js';
import { sha256, sm3 } from './hashes.js';

const vectors = readVectors<any>('crypto');

describe('SM3 (GB/T 32905)', () => {
  it.each(vectors.sm3_GBT32905 as { message_utf8: string; digest_hex: string }[])(
    'hashes $message_utf8 to the standard digest',
    ({ message_utf8, digest_hex }) => {
      expect(toHex(sm3(message_utf8))).toBe(digest_hex);
      expect(toHex(sm3(new TextEncoder().encode(message_utf8)))).toBe(digest_hex);
    },
  );
});

describe('crypto profiles', () => {
  it('pairs international with SHA-256 and Ed25519', () => {
    const hash = hashFor('international');
    expect(hash.name).toBe('sha-256');
    expect(hash.digest(new TextEncoder().encode('abc'))).toEqual(sha256('abc'));
    expect(signatureAlgFor('international')).toBe('EdDSA');
  });

  it('pairs guomi with SM3 and SM2', () => {
    const hash = hashFor('guomi');
    expect(hash.name).toBe('sm3');
    expect(toHex(hash.digest(new TextEncoder().encode('abc')))).toBe(vectors.sm3_GBT32905[0].digest_hex);
    expect(hash.size).toBe(32);
    expect(signatureAlgFor('guomi')).toBe('SM2SM3');
  });
});
