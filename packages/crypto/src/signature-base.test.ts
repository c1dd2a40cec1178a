import { createPublicKey, verify } from 'node:crypto';
import type { Parameters } from 'structured-headers';
import { describe, expect, it } from 'vitest';
import { componentValue, signatureBase } from './signature-base.js';

// RFC 9421 appendix B.2.6: a request signed with test-key-ed25519 (appendix B.1.4).
const request = {
  method: 'POST',
  url: 'https://example.com/foo?param=Value&Pet=dog',
  headers: {
    Host: 'example.com',
    Date: 'Tue, 20 Apr 2021 02:07:55 GMT',
    'Content-Type': 'application/json',
    'Content-Digest':
      'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    'Content-Length': '18',
  },
};
const components = ['date', '@method', '@path', '@authority', 'content-type', 'content-length'];
const params: Parameters = new Map<string, string | number>([
  ['created', 1618884473],
  ['keyid', 'test-key-ed25519'],
]);

describe('signature base (RFC 9421 §2.5)', () => {
  it('reproduces the appendix B.2.6 base, and the RFC signature verifies over it', () => {
    const base = signatureBase(request, components, params);
    expect(base).toBe(
      [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
      ].join('\n'),
    );
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: 'JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs' },
      format: 'jwk',
    });
    const signature = Buffer.from(
      'wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==',
      'base64',
    );
    expect(verify(null, Buffer.from(base!), key, signature)).toBe(true);
  });

  it('derives the components as RFC 9421 §2.2 defines them', () => {
    const m = { method: 'get', url: 'HTTPS://Node.Example:443/a%20b/c?x=1&y=2#frag', headers: {} };
    expect(componentValue(m, '@method')).toBe('GET');
    expect(componentValue(m, '@target-uri')).toBe('https://node.example/a%20b/c?x=1&y=2');
    expect(componentValue(m, '@authority')).toBe('node.example');
    expect(componentValue(m, '@scheme')).toBe('https');
    expect(componentValue(m, '@path')).toBe('/a%20b/c');
    expect(componentValue(m, '@query')).toBe('?x=1&y=2');
    expect(componentValue({ ...m, url: 'http://n.example:8080' }, '@query')).toBe('?');
    expect(componentValue({ ...m, url: 'http://n.example:8080' }, '@authority')).toBe('n.example:8080');
    expect(componentValue({ status: 200, headers: {} }, '@status')).toBe('200');
  });

  it('combines repeated fields and trims them; fails on absent fields and line breaks', () => {
    expect(componentValue({ headers: { 'x-a': [' one ', 'two'] } }, 'x-a')).toBe('one, two');
    expect(
      componentValue(
        {
          headers: new Headers([
            ['X-A', 'one'],
            ['x-a', 'two'],
          ]),
        },
        'x-a',
      ),
    ).toBe('one, two');
    expect(componentValue({ headers: {} }, 'x-a')).toBeUndefined();
    expect(componentValue({ headers: { 'x-a': 'one\n"@method": GET' } }, 'x-a')).toBeUndefined();
    expect(signatureBase({ headers: {} }, ['x-a'], params)).toBeUndefined();
    expect(componentValue({ headers: {} }, '@request-target')).toBeUndefined();
  });
});
