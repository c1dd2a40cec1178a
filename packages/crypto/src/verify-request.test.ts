import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDigest } from './content-digest.js';
import { signMessage } from './message-signature.js';
import { InMemoryNonceStore } from './nonce-store.js';
import { requestDigestOf } from './response-binding.js';
import { signRequest, type HttpRequestLike } from './sign-request.js';
import { generateSigner, verifierFor } from './software-key.js';
import type { Signer, Verifier } from './signer.js';
import { verifyRequest, type VerifyRequestOptions } from './verify-request.js';

const now = new Date('2025-03-01T08:00:00Z');
const later = (s: number) => new Date(now.getTime() + s * 1000);
const platform = generateSigner('EdDSA');

const baseRequest: HttpRequestLike = {
  method: 'POST',
  url: 'https://node-scjg.example/api/v1/lookup?type=11100000000013127D001',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: '{"holder":"91350100M000100Y43","fields":["name"]}',
};

type SignedRequest = Omit<HttpRequestLike, 'headers'> & {
  headers: Record<string, string> & { 'signature-input': string; signature: string };
};

async function signed(
  request = baseRequest,
  signer: Signer = platform,
  nonce?: string,
): Promise<SignedRequest> {
  const added = await signRequest(request, signer, { now, ttlSeconds: 60, ...(nonce ? { nonce } : {}) });
  return { ...request, headers: { ...(request.headers as Record<string, string>), ...added } };
}

function options(over: Partial<VerifyRequestOptions> = {}, keys: Verifier[] = [verifierFor(platform)]) {
  return {
    keyLookup: (kid: string) => keys.find((k) => k.kid === kid),
    now,
    maxAgeSeconds: 300,
    clockSkewSeconds: 30,
    nonceStore: new InMemoryNonceStore({ clock: () => now }),
    ...over,
  };
}

describe('signRequest → verifyRequest', () => {
  it.each(['EdDSA', 'ES256', 'SM2SM3'] as const)('round-trips a %s-signed request', async (alg) => {
    const signer = generateSigner(alg);
    const request = await signed(baseRequest, signer);
    const result = await verifyRequest(request, options({}, [verifierFor(signer)]));
    expect(result).toEqual({ ok: true, keyid: signer.kid, requestDigest: requestDigestOf(request) });
  });

  it('writes the profile: covered components and every parameter', async () => {
    const request = await signed(baseRequest, platform, 'n-0001');
    const created = Math.floor(now.getTime() / 1000);
    expect(request.headers['signature-input']).toBe(
      `sig1=("@method" "@target-uri" "content-digest" "content-type");created=${created};expires=${created + 60};nonce="n-0001";keyid="${platform.kid}";alg="ed25519"`,
    );
    expect(request.headers['content-digest']).toMatch(/^sha-256=:[A-Za-z0-9+/]{43}=:$/);
    expect(request.headers.signature).toMatch(/^sig1=:[A-Za-z0-9+/]{86}==:$/);
  });

  it('signs a GET without a body or content type (digest of the empty content)', async () => {
    const get = { method: 'GET', url: 'https://node.example/api/v1/health', headers: {} };
    const request = await signed(get);
    expect(request.headers['signature-input']).toContain('("@method" "@target-uri" "content-digest")');
    expect((await verifyRequest(request, options())).ok).toBe(true);
  });

  it('verifies headers given as a WHATWG Headers object, in any case', async () => {
    const request = await signed();
    const headers = new Headers(Object.entries(request.headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect((await verifyRequest({ ...request, headers }, options())).ok).toBe(true);
  });

  it('accepts a signature over @authority, @path and @query instead of @target-uri', async () => {
    // What another RFC 9421 implementation might send: re-sign with the split target.
    const request = await signed();
    const fields = await signMessage(request, platform, {
      components: ['@method', '@authority', '@path', '@query', 'content-digest', 'content-type'],
      now,
      ttlSeconds: 60,
    });
    expect(fields['signature-input']).toContain('"@authority" "@path" "@query"');
    const result = await verifyRequest({ ...request, headers: { ...request.headers, ...fields } }, options());
    expect(result.ok).toBe(true);
  });
});

describe('verifyRequest refusals', () => {
  it('REPLAYED: the same request twice within the window', async () => {
    const request = await signed();
    const opts = options();
    expect((await verifyRequest(request, opts)).ok).toBe(true);
    expect(await verifyRequest(request, { ...opts, now: later(10) })).toMatchObject({
      ok: false,
      code: 'REPLAYED',
    });
  });

  it('EXPIRED: past expires, or older than the maximum age, beyond the skew', async () => {
    const request = await signed();
    expect(await verifyRequest(request, options({ now: later(60 + 31) }))).toMatchObject({ code: 'EXPIRED' });
    expect((await verifyRequest(request, options({ now: later(60 + 29) }))).ok).toBe(true);
    expect(await verifyRequest(request, options({ maxAgeSeconds: 10, now: later(41) }))).toMatchObject({
      code: 'EXPIRED',
    });
  });

  it('NOT_YET_VALID: created further in the future than the skew allows', async () => {
    const request = await signed();
    expect(await verifyRequest(request, options({ now: later(-31) }))).toMatchObject({
      code: 'NOT_YET_VALID',
    });
    expect((await verifyRequest(request, options({ now: later(-29) }))).ok).toBe(true);
  });

  it('DIGEST_MISMATCH: a body changed in transit', async () => {
    const request = await signed();
    const tampered = { ...request, body: request.body!.toString().replace('name', 'idNumber') };
    expect(await verifyRequest(tampered, options())).toMatchObject({ ok: false, code: 'DIGEST_MISMATCH' });
  });

  it('SIGNATURE_INVALID: a covered header, the method or the URL changed in transit', async () => {
    const request = await signed();
    // A consistent new body and digest: only the signature can tell.
    const otherBody = '{"holder":"91350100M000100Y43","fields":["name","idNumber"]}';
    const variants: HttpRequestLike[] = [
      { ...request, headers: { ...request.headers, 'content-type': 'text/plain' } },
      { ...request, method: 'PUT' },
      { ...request, url: request.url.replace('D001', 'D002') },
      { ...request, url: request.url.replace('node-scjg', 'node-ga') },
      // A consistent new body and digest: only the signature can tell.
      {
        ...request,
        body: otherBody,
        headers: { ...request.headers, 'content-digest': contentDigest(otherBody) },
      },
    ];
    for (const v of variants)
      expect(await verifyRequest(v, options())).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
  });

  it('leaves the nonce unspent when a forged request carries it', async () => {
    const request = await signed();
    const opts = options();
    const forged = { ...request, method: 'DELETE' };
    expect((await verifyRequest(forged, opts)).ok).toBe(false);
    expect((await verifyRequest(request, opts)).ok).toBe(true);
  });

  it('UNKNOWN_KEY and wrong key', async () => {
    const request = await signed();
    expect(await verifyRequest(request, options({}, []))).toMatchObject({ code: 'UNKNOWN_KEY' });
    // A lookup that returns some other key for the kid (a confused directory) must not pass.
    const other = verifierFor(generateSigner('EdDSA'));
    expect(await verifyRequest(request, options({ keyLookup: () => other }))).toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
    const otherAlg = verifierFor(generateSigner('SM2SM3'));
    expect(await verifyRequest(request, options({ keyLookup: () => otherAlg }))).toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
  });

  it('SIGNATURE_MISSING, and SIGNATURE_INVALID when a covered header is gone', async () => {
    const request = await signed();
    const without = (name: string) => {
      const { [name]: _gone, ...headers } = request.headers;
      return { ...request, headers };
    };
    expect(await verifyRequest(without('signature'), options())).toMatchObject({ code: 'SIGNATURE_MISSING' });
    expect(await verifyRequest(without('signature-input'), options())).toMatchObject({
      code: 'SIGNATURE_MISSING',
    });
    expect(await verifyRequest(without('content-digest'), options())).toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
    expect(await verifyRequest(without('content-type'), options())).toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
    expect(await verifyRequest(baseRequest, options())).toMatchObject({ code: 'SIGNATURE_MISSING' });
    expect(await verifyRequest(request, options({ label: 'other' }))).toMatchObject({
      code: 'SIGNATURE_MISSING',
    });
  });

  it('SIGNATURE_INVALID when the signature does not cover what the profile needs', async () => {
    const request = await signed();
    for (const components of [
      ['@target-uri', 'content-digest', 'content-type'],
      ['@method', 'content-digest', 'content-type'],
      ['@method', '@target-uri', 'content-type'],
      ['@method', '@target-uri', 'content-digest'],
      ['@method', '@authority', '@path', 'content-digest', 'content-type'],
    ]) {
      const fields = await signMessage(request, platform, { components, now, ttlSeconds: 60 });
      const result = await verifyRequest(
        { ...request, headers: { ...request.headers, ...fields } },
        options(),
      );
      expect(result).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
    }
  });

  it('MALFORMED_SIGNATURE: oversized, unparsable or incomplete Signature-Input', async () => {
    const request = await signed();
    const input = request.headers['signature-input'];
    const cases = [
      `sig1=("@method" ${'"x-a" '.repeat(1000)})`,
      'sig1=("@method"',
      'sig1=:AAAA:',
      input.replace(/;nonce="[^"]*"/, ''),
      input.replace(/;keyid="[^"]*"/, ''),
      input.replace(/;alg="[^"]*"/, ''),
      input.replace(/;created=\d+/, ''),
      input.replace(/;created=\d+/, ';created="yesterday"'),
      input.replace(/;created=\d+/, ';created=-5'),
      input.replace(/;expires=\d+/, ';expires=1'),
      input.replace('alg="ed25519"', 'alg="hmac-sha256"'),
      input.replace('"@method"', '"@method";req'),
      input.replace('"@method"', '"@method" "@method"'),
      input.replace('"@method"', '"@Method"'),
      input.replace('"@method"', '@method'),
      Array.from({ length: 9 }, (_, i) => `s${i}=("@method");created=1;keyid="k";alg="ed25519"`).join(', '),
    ];
    for (const value of cases) {
      const result = await verifyRequest(
        { ...request, headers: { ...request.headers, 'signature-input': value } },
        options(),
      );
      expect(result, value.slice(0, 80)).toMatchObject({ ok: false, code: 'MALFORMED_SIGNATURE' });
    }
    const badSig = { ...request, headers: { ...request.headers, signature: 'sig1="not bytes"' } };
    expect(await verifyRequest(badSig, options())).toMatchObject({ code: 'MALFORMED_SIGNATURE' });
  });

  it('answers any hostile Signature-Input and Signature with a stable code, never an exception', async () => {
    const request = await signed();
    const codes = new Set([
      'SIGNATURE_MISSING',
      'SIGNATURE_INVALID',
      'UNKNOWN_KEY',
      'DIGEST_MISMATCH',
      'EXPIRED',
      'NOT_YET_VALID',
      'REPLAYED',
      'MALFORMED_SIGNATURE',
    ]);
    const sfChars = fc.constantFrom(
      ...'sig1=("@method" );:,*?-_.created=nonce"keyid\\alg'.split(''),
      'ed25519',
      '12',
      '=:AAAA:',
      '\u0000',
      '你',
    );
    const original = request.headers['signature-input'];
    const hostile = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(sfChars, { maxLength: 80 }).map((a) => a.join('')),
      fc
        .tuple(fc.nat(original.length), fc.string({ maxLength: 4 }))
        .map(([i, s]) => `${original.slice(0, i)}${s}${original.slice(i + 1)}`),
    );
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (input, signature) => {
        const headers = { ...request.headers, 'signature-input': input, signature };
        const result = await verifyRequest({ ...request, headers }, options());
        return result.ok === false && codes.has(result.code);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
