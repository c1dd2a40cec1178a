import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { canonicalJson, hashToHex, leafHash } from '@tongban/domain';
import { testHash } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, TEST_AUDITOR_TOKEN, type TestPlatform } from '../test-platform.js';

/**
 * The proofs the API serves, checked by an independent implementation of RFC 9162 §2.1.3.2 and
 * §2.1.4.2 written in Python from the RFC's text (e2e/rfc9162_verify.py), standard library only.
 */
const verifier = fileURLToPath(new URL('../../../../e2e/rfc9162_verify.py', import.meta.url));

describe('audit proofs checked by an independent RFC 9162 implementation', () => {
  let p: TestPlatform;
  const heads: { treeSize: number; rootHash: string }[] = [];
  const json = async (url: string): Promise<any> =>
    (await p.app.inject({ url, headers: { authorization: `Bearer ${TEST_AUDITOR_TOKEN}` } })).json();

  beforeAll(async () => {
    p = await openTestPlatform();
    for (const size of [1, 2, 3, 7, 8, 13, 64, 100, 257]) {
      while ((await p.log.size()) < size)
        await p.log.append({
          operation: 'node.lookup',
          actor: 'platform',
          outcome: 'granted',
          requestId: `r-${await p.log.size()}`,
        });
      heads.push(await p.log.signTreeHead());
    }
  });
  afterAll(async () => {
    await p.close();
  });

  it('agrees on every inclusion and consistency proof, and rejects altered ones', async () => {
    const inclusion = [];
    for (const head of heads)
      for (const index of new Set(
        [0, 1, Math.floor(head.treeSize / 2), head.treeSize - 1].filter((i) => i >= 0 && i < head.treeSize),
      )) {
        const { entry } = await json(`/api/v1/audit/entries/${index}`);
        const leaf = hashToHex(leafHash(testHash, new TextEncoder().encode(canonicalJson(entry))));
        const { proof } = await json(
          `/api/v1/audit/proofs/inclusion?index=${index}&treeSize=${head.treeSize}`,
        );
        inclusion.push({ leaf, index, treeSize: head.treeSize, proof, root: head.rootHash });
      }
    const consistency = [];
    for (const a of heads)
      for (const b of heads)
        if (a.treeSize <= b.treeSize) {
          const { proof } = await json(
            `/api/v1/audit/proofs/consistency?from=${a.treeSize}&to=${b.treeSize}`,
          );
          consistency.push({
            from: a.treeSize,
            to: b.treeSize,
            oldRoot: a.rootHash,
            newRoot: b.rootHash,
            proof,
          });
        }
    const flip = (hex: string): string => `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;
    const badInclusion = inclusion
      .filter((c) => c.proof.length > 0)
      .map((c) => ({ ...c, proof: [flip(c.proof[0]), ...c.proof.slice(1)] }));
    const badConsistency = consistency
      .filter((c) => c.proof.length > 0)
      .map((c) => ({ ...c, newRoot: flip(c.newRoot) }));
    const run = (req: unknown): { inclusion: boolean[]; consistency: boolean[] } =>
      JSON.parse(execFileSync('python3', [verifier], { input: JSON.stringify(req), encoding: 'utf8' }));

    const good = run({ hashAlg: 'sha-256', inclusion, consistency });
    expect(good.inclusion).toHaveLength(inclusion.length);
    expect(good.inclusion.every(Boolean)).toBe(true);
    expect(good.consistency).toHaveLength(consistency.length);
    expect(good.consistency.every(Boolean)).toBe(true);
    const bad = run({ hashAlg: 'sha-256', inclusion: badInclusion, consistency: badConsistency });
    expect(bad.inclusion.some(Boolean)).toBe(false);
    expect(bad.consistency.some(Boolean)).toBe(false);
  });
});
