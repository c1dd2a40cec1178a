import { describe, expect, it } from 'vitest';
import { bearerOf, newToken, tokenHash, tokenKindOf } from './bearer-token.js';

describe('bearer tokens', () => {
  it('are 256-bit base64url with a prefix naming their kind', () => {
    const s = newToken('session');
    const t = newToken('api');
    expect(s).toMatch(/^tbs_[A-Za-z0-9_-]{43}$/);
    expect(t).toMatch(/^tbt_[A-Za-z0-9_-]{43}$/);
    expect(tokenKindOf(s)).toBe('session');
    expect(tokenKindOf(t)).toBe('api');
    expect(newToken('session')).not.toBe(s);
  });
  it('refuses anything else', () => {
    for (const bad of [
      '',
      'tbx_' + 'a'.repeat(43),
      'tbs_' + 'a'.repeat(42),
      'tbs_' + 'a'.repeat(42) + '!',
      'test-auditor-token',
    ])
      expect(tokenKindOf(bad)).toBeUndefined();
  });
  it('hashes to SHA-256 hex', () => {
    expect(tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('reads the Authorization header', () => {
    expect(bearerOf('Bearer abc')).toBe('abc');
    expect(bearerOf('bearer abc')).toBe('abc');
    expect(bearerOf('Basic abc')).toBeUndefined();
    expect(bearerOf(undefined)).toBeUndefined();
    expect(bearerOf('Bearer a b')).toBeUndefined();
  });
});
