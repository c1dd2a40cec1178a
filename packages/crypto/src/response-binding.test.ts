import { describe, expect, it } from 'vitest';
import { InMemoryNonceStore } from './nonce-store.js';
import { requestDigestOf, signResponse, verifyResponse, type HttpResponseLike } from './response-binding.js';
import { signRequest } from './sign-request.js';
import { generateSigner, verifierFor } from './software-key.js';
import { verifyRequest } from './verify-request.js';

const now = new Date('2025-03-01T08:00:00Z');
const platform = generateSigner('SM2SM3');
const node = generateSigner('SM2SM3');

async function exchange(body: string) {
  const request = {
    method: 'POST',
    url: 'https://node-ga.example/api/v1/lookup',
    headers: { 'content-type': 'application/json' } as Record<string, string>,
    body,
  };
  Object.assign(request.headers, await signRequest(request, platform, { now, ttlSeconds: 60 }));
  // The node's side.
  const verified = await verifyRequest(request, {
    keyLookup: (kid) => (kid === platform.kid ? verifierFor(platform) : undefined),
    now,
    nonceStore: new InMemoryNonceStore({ clock: () => now }),
  });
  if (!verified.ok) throw new Error(verified.code);
  const response = {
    status: 200,
    headers: { 'content-type': 'application/json' } as Record<string, string>,
    body: '{"name":"李四"}',
  };
  Object.assign(
    response.headers,
    await signResponse(response, node, { requestDigest: verified.requestDigest, now, ttlSeconds: 60 }),
  );
  return { request, response, requestDigest: verified.requestDigest };
}

const keyLookup = (kid: string) => (kid === node.kid ? verifierFor(node) : undefined);

describe('response bound to its request', () => {
  it('the platform computes the same request digest the node echoes, and the response verifies', async () => {
    const { request, response, requestDigest } = await exchange('{"q":1}');
    expect(requestDigestOf(request)).toBe(requestDigest);
    expect(response.headers['tongban-request-digest']).toBe(requestDigest);
    const result = await verifyResponse(response, {
      requestDigest: requestDigestOf(request)!,
      keyLookup,
      now,
    });
    expect(result).toMatchObject({ ok: true, keyid: node.kid });
    expect(result.ok && result.responseDigest).toMatch(/^sha-256=:/);
  });

  it('REQUEST_MISMATCH: a genuine response replayed as the answer to another request', async () => {
    const first = await exchange('{"q":1}');
    const second = await exchange('{"q":1}'); // same content, new nonce: a different request
    expect(requestDigestOf(first.request)).not.toBe(requestDigestOf(second.request));
    const result = await verifyResponse(first.response, {
      requestDigest: requestDigestOf(second.request)!,
      keyLookup,
      now,
    });
    expect(result).toMatchObject({ ok: false, code: 'REQUEST_MISMATCH' });
  });

  it('refuses a changed body, a swapped request digest, a changed status, and unknown keys', async () => {
    const { request, response } = await exchange('{"q":2}');
    const requestDigest = requestDigestOf(request)!;
    const check = (r: HttpResponseLike) => verifyResponse(r, { requestDigest, keyLookup, now });
    expect(await check({ ...response, body: '{"name":"王五"}' })).toMatchObject({ code: 'DIGEST_MISMATCH' });
    const other = (await exchange('{"q":3}')).response.headers['tongban-request-digest']!;
    expect(
      await check({ ...response, headers: { ...response.headers, 'tongban-request-digest': other } }),
    ).toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
    expect(await check({ ...response, status: 404 })).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(await verifyResponse(response, { requestDigest, keyLookup: () => undefined, now })).toMatchObject({
      code: 'UNKNOWN_KEY',
    });
  });
});
