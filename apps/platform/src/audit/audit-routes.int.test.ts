import { importJwks } from '@tongban/crypto';
import {
  canonicalJson,
  hashFromHex,
  leafHash,
  treeHeadSigningInput,
  verifyConsistency,
  verifyInclusion,
  type SignedTreeHead,
} from '@tongban/domain';
import { testHash } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, TEST_AUDITOR_TOKEN, type TestPlatform } from '../test-platform.js';

describe('audit API', () => {
  let p: TestPlatform;
  const get = async (url: string, token?: string) => {
    const res = await p.app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.statusCode, body: res.json<any>() };
  };

  beforeAll(async () => {
    p = await openTestPlatform();
    for (let i = 0; i < 37; i++)
      await p.log.append({
        operation: 'node.lookup',
        actor: 'platform',
        subject: '11010519491231002X',
        outcome: 'granted',
        requestId: `req-${i}`,
      });
    await p.log.signTreeHead();
  });
  afterAll(async () => {
    await p.close();
  });

  it('serves a tree head signed by the published platform key and cosigned by the witness', async () => {
    const head = (await get('/api/v1/audit/tree-heads/latest')).body as SignedTreeHead;
    expect(head.treeSize).toBe(37);
    const input = treeHeadSigningInput(head);
    const [platformKey] = importJwks((await get('/api/v1/keys/jwks.json')).body);
    const [witnessKey] = importJwks((await get('/api/v1/keys/witness.jwks.json')).body);
    expect(platformKey!.verify(input, Buffer.from(head.logSignature.signature, 'base64url'))).toBe(true);
    expect(witnessKey!.verify(input, Buffer.from(head.witnessSignature!.signature, 'base64url'))).toBe(true);
  });

  it('proves inclusion of an entry and consistency between heads, checkable with public material', async () => {
    const { treeSize: oldSize, rootHash: oldRoot } = await p.log.signTreeHead();
    for (let i = 0; i < 10; i++)
      await p.log.append({
        operation: 'consult.denied',
        actor: 'clerk-1',
        outcome: 'SHARING_NONE',
        requestId: `x-${i}`,
      });
    const head = await p.log.signTreeHead();
    const { entry, leafHash: served } = (await get('/api/v1/audit/entries/12', TEST_AUDITOR_TOKEN)).body;
    const leaf = leafHash(testHash, new TextEncoder().encode(canonicalJson(entry)));
    expect(Buffer.from(leaf).toString('hex')).toBe(served);
    const { proof } = (await get(`/api/v1/audit/proofs/inclusion?index=12&treeSize=${head.treeSize}`)).body;
    expect(
      verifyInclusion(testHash, 12, head.treeSize, leaf, proof.map(hashFromHex), hashFromHex(head.rootHash)),
    ).toBe(true);
    const c = (await get(`/api/v1/audit/proofs/consistency?from=${oldSize}&to=${head.treeSize}`)).body;
    expect(
      verifyConsistency(
        testHash,
        oldSize,
        head.treeSize,
        hashFromHex(oldRoot),
        hashFromHex(head.rootHash),
        c.proof.map(hashFromHex),
      ),
    ).toBe(true);
  });

  it('keeps entries, which name data subjects, behind an auditor token', async () => {
    expect((await get('/api/v1/audit/entries/0')).status).toBe(401);
    expect((await get('/api/v1/audit/entries/0', 'wrong-token-wrong-token-wrong')).body.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await get('/api/v1/audit/entries/0', TEST_AUDITOR_TOKEN)).body.entry.subject).toBe(
      '11010519491231002X',
    );
  });

  it.each([
    ['/api/v1/audit/proofs/inclusion?index=5&treeSize=5', 400, 'VALIDATION_FAILED'],
    ['/api/v1/audit/proofs/inclusion?index=0&treeSize=100000', 400, 'VALIDATION_FAILED'],
    ['/api/v1/audit/proofs/inclusion?index=-1&treeSize=3', 400, 'VALIDATION_FAILED'],
    ['/api/v1/audit/proofs/inclusion?index=abc&treeSize=3', 400, 'VALIDATION_FAILED'],
    ['/api/v1/audit/proofs/consistency?from=9&to=3', 400, 'VALIDATION_FAILED'],
    ['/api/v1/audit/proofs/consistency?from=1&to=999999999', 400, 'VALIDATION_FAILED'],
    ['/api/v1/audit/tree-heads/3', 404, 'TREE_HEAD_NOT_FOUND'],
    ['/api/v1/audit/tree-heads/ten', 400, 'VALIDATION_FAILED'],
  ])('GET %s → %i %s', async (url, status, code) => {
    const res = await get(url, TEST_AUDITOR_TOKEN);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });
});
