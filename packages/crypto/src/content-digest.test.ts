import { describe, expect, it } from 'vitest';
import { checkContentDigest, contentDigest } from './content-digest.js';

const body = '{"hello": "world"}';

describe('Content-Digest (RFC 9530)', () => {
  it('matches the RFC examples for sha-256 (RFC 9530 §2) and sha-512 (RFC 9421 B.2)', () => {
    expect(contentDigest(body)).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
    expect(contentDigest(body, ['sha-512'])).toBe(
      'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    );
  });

  it('checks every known algorithm present and ignores unknown ones', () => {
    const both = contentDigest(body, ['sha-256', 'sha-512']);
    expect(checkContentDigest(both, body)).toBe('ok');
    expect(checkContentDigest(`md5=:AAAA:, ${contentDigest(body)}`, body)).toBe('ok');
    expect(checkContentDigest('md5=:AAAA:', body)).toBe('unsupported');
    expect(checkContentDigest(both, `${body} `)).toBe('mismatch');
    const halfWrong = `${contentDigest(body)}, ${contentDigest('other', ['sha-512'])}`;
    expect(checkContentDigest(halfWrong, body)).toBe('mismatch');
  });

  it('treats an absent body as empty content', () => {
    expect(checkContentDigest(contentDigest(undefined), new Uint8Array(0))).toBe('ok');
    expect(contentDigest(undefined)).toBe('sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:');
  });

  it('calls malformed fields malformed', () => {
    for (const field of [
      undefined,
      '',
      'sha-256=abc',
      'sha-256="abc"',
      'sha-256=:not base64:',
      'x'.repeat(5000),
    ])
      expect(checkContentDigest(field, body)).not.toBe('ok');
    expect(checkContentDigest('sha-256="abc"', body)).toBe('malformed');
  });
});
