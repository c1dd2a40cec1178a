import { readVectors } from '@tongban/testing';
import fc from 'fast-check';
import { CompactSign, compactVerify, exportJWK, generateKeyPair, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { base64urlEncode } from './base64url.js';
import { signCanonicalJws, signJws, verifyCanonicalJws, verifyJws } from './jws.js';
import { importPublicJwk } from './public-jwk.js';
import { generateSigner, importPrivateJwk } from './software-key.js';

const a4 = readVectors<any>('crypto').ed25519_jws_RFC8037_A4;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('RFC 8037 appendix A.4', () => {
  it('reproduces the Ed25519 JWS byte for byte', async () => {
    const signer = importPrivateJwk(a4.jwk);
    const jws = await signJws(a4.payload_utf8, signer, { kid: false });
    expect(jws).toBe(a4.jws_compact);
  });

  it('verifies the published JWS with the public key alone', () => {
    const { d: _d, ...publicJwk } = a4.jwk;
    const result = verifyJws(a4.jws_compact, importPublicJwk(publicJwk));
    expect(result.ok && text(result.payload)).toBe(a4.payload_utf8);
    expect(result.ok && result.header).toEqual(a4.protected);
  });
});

describe('interoperability with jose', () => {
  it.each(['EdDSA', 'ES256'] as const)('jose verifies our %s JWS over canonical JSON', async (alg) => {
    const signer = generateSigner(alg);
    const value = { z: [1, 'two', { y: null }], a: '证照', n: 1e21 };
    const jws = await signCanonicalJws(value, signer, { typ: 'tongban-seal+jws' });
    const key = await importJWK(signer.publicJwk(), alg);
    const { payload, protectedHeader } = await compactVerify(jws, key);
    expect(protectedHeader).toEqual({ alg, kid: signer.kid, typ: 'tongban-seal+jws' });
    expect(text(payload)).toBe('{"a":"证照","n":1e+21,"z":[1,"two",{"y":null}]}');
  });

  it.each(['EdDSA', 'ES256'] as const)('we verify a %s JWS that jose made', async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const verifier = importPublicJwk(await exportJWK(publicKey));
    const jws = await new CompactSign(new TextEncoder().encode('{"seal":1}'))
      .setProtectedHeader({ alg, kid: verifier.kid })
      .sign(privateKey);
    const result = verifyCanonicalJws(jws, [verifier]);
    expect(result).toMatchObject({ ok: true, value: { seal: 1 }, kid: verifier.kid });
  });

  it('jose verifies our detached ES256 JWS once the payload is put back', async () => {
    const signer = generateSigner('ES256');
    const jws = await signJws('detached content', signer, { detached: true });
    const [h, p, s] = jws.split('.');
    expect(p).toBe('');
    const attached = `${h}.${base64urlEncode(new TextEncoder().encode('detached content'))}.${s}`;
    await expect(
      compactVerify(attached, await importJWK(signer.publicJwk(), 'ES256')),
    ).resolves.toBeDefined();
  });
});

describe('SM2SM3 JWS', () => {
  it('signs and verifies canonical JSON with an SM2 key and the SM2 JWK', async () => {
    const signer = generateSigner('SM2SM3');
    const jws = await signCanonicalJws({ b: 2, a: 1 }, signer);
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual({ alg: 'SM2SM3', kid: signer.kid });
    expect(signer.publicJwk()).toMatchObject({ kty: 'EC', crv: 'SM2', alg: 'SM2SM3' });
    const verifier = importPublicJwk(signer.publicJwk());
    expect(verifyCanonicalJws(jws, verifier)).toMatchObject({ ok: true, value: { a: 1, b: 2 } });
  });
});

describe('verifyJws refusals', () => {
  const signer = generateSigner('EdDSA');
  const verifier = importPublicJwk(signer.publicJwk());

  it('refuses a changed payload, header or signature', async () => {
    const jws = await signJws('payload', signer);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const other = base64urlEncode(new TextEncoder().encode('Payload'));
    expect(verifyJws(`${h}.${other}.${s}`, verifier)).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
    const flipped = s.startsWith('A') ? `B${s.slice(1)}` : `A${s.slice(1)}`;
    expect(verifyJws(`${h}.${p}.${flipped}`, verifier)).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
    const header = base64urlEncode(
      new TextEncoder().encode(`{"alg":"EdDSA","kid":"${signer.kid}","typ":"x"}`),
    );
    expect(verifyJws(`${header}.${p}.${s}`, verifier)).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
  });

  it('refuses a header alg that does not fit the key (no algorithm substitution)', async () => {
    const es = generateSigner('ES256');
    const jws = await signJws('x', es, { header: {} });
    // Same kid, other key type: the lookup finds our Ed25519 key, whose alg must win.
    const lookup = () => verifier;
    expect(verifyJws(jws, lookup)).toEqual({ ok: false, code: 'ALG_NOT_ALLOWED' });
    expect(verifyJws(await signJws('x', signer), verifier, { algorithms: ['SM2SM3'] })).toEqual({
      ok: false,
      code: 'ALG_NOT_ALLOWED',
    });
  });

  it('refuses unknown kids, crit and b64 headers, and a detached JWS without its payload', async () => {
    expect(verifyJws(await signJws('x', generateSigner('EdDSA')), [verifier])).toEqual({
      ok: false,
      code: 'UNKNOWN_KEY',
    });
    expect(verifyJws(await signJws('x', signer, { header: { crit: ['exp'], exp: 1 } }), verifier).ok).toBe(
      false,
    );
    expect(verifyJws(await signJws('x', signer, { header: { b64: false } }), verifier).ok).toBe(false);
    const detached = await signJws('x', signer, { detached: true });
    expect(verifyJws(detached, verifier)).toMatchObject({ ok: false });
    expect(verifyJws(detached, verifier, { payload: 'x' })).toMatchObject({ ok: true });
    expect(verifyJws(detached, verifier, { payload: 'y' })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
  });

  it('refuses a payload that is JSON but not canonical', async () => {
    const jws = await signJws('{"b":1,"a":2}', signer);
    expect(verifyJws(jws, verifier).ok).toBe(true);
    expect(verifyCanonicalJws(jws, verifier)).toEqual({ ok: false, code: 'PAYLOAD_NOT_CANONICAL' });
  });

  it('answers arbitrary strings with a code, never an exception', async () => {
    const good = await signJws('payload', signer);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.string({ unit: 'grapheme-ascii' }), { maxLength: 5 }).map((parts) => parts.join('.')),
          fc
            .tuple(fc.nat(good.length), fc.string({ maxLength: 3 }))
            .map(([i, s]) => good.slice(0, i) + s + good.slice(i + 1)),
        ),
        (input) => {
          const result = verifyJws(input, verifier);
          return result.ok ? input === good : typeof result.code === 'string';
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
