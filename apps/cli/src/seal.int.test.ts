import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigner, signSeal, toJwks, verifierFor } from '@tongban/crypto';
import { sampleSealPayload } from '@tongban/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `tongban seal verify` as an outsider runs it: the built binary, a saved JWKS, seal files on disk,
 * and for --online a small real HTTP server on loopback answering as the platform's
 * POST /api/v1/seals/verify does.
 */
const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('tongban seal verify', () => {
  let dir: string;
  let server: FastifyInstance;
  let serverUrl: string;
  const received: unknown[] = [];
  const platform = generateSigner('EdDSA');
  const guomi = generateSigner('SM2SM3');
  const payload = sampleSealPayload({ issuedAt: new Date(Date.now() - 60_000) });
  const holderId = payload.holder.id;
  let good: string;

  // --online signs in with TONGBAN_TOKEN; the test platform accepts only this one.
  const TOKEN = 'tbs_seal-test-token';
  let token: string | undefined = TOKEN;
  const run = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [bin, ...args],
        {
          env: { ...process.env, TONGBAN_DATA_DIR: dir, TONGBAN_TOKEN: token ?? '' },
          maxBuffer: 64 * 1024 * 1024,
          timeout: 60_000,
        },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 70) : 0, stdout, stderr });
        },
      );
    });
  const file = async (name: string, content: string | Uint8Array): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };
  const verify = async (content: string | Uint8Array, ...more: string[]): Promise<Run> =>
    run(
      'seal',
      'verify',
      await file(`seal-${Math.random()}.txt`, content),
      '--jwks',
      join(dir, 'jwks.json'),
      ...more,
    );
  const changeByte = (jws: string, at: number): string =>
    `${jws.slice(0, at)}${jws[at] === 'A' ? 'B' : 'A'}${jws.slice(at + 1)}`;

  beforeAll(async () => {
    if (!existsSync(bin))
      throw new Error('apps/cli/dist/main.js is missing: run `npm run build` first (npm test does)');
    dir = await mkdtemp(join(tmpdir(), 'tongban-seal-'));
    await file('jwks.json', JSON.stringify(toJwks([verifierFor(platform), verifierFor(guomi)])));
    good = await signSeal(payload, platform);

    // The platform's answer: revoked for the one seal id the test marks so, valid otherwise.
    server = Fastify();
    server.post('/api/v1/seals/verify', (request, reply) => {
      if (request.headers.authorization !== `Bearer ${TOKEN}`)
        return reply.code(401).send({ code: 'UNAUTHENTICATED' });
      received.push(request.body);
      const seal = (request.body as { seal?: string }).seal ?? '';
      const sealed = JSON.parse(Buffer.from(seal.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
        sealId: string;
      };
      if (sealed.sealId === 'SEAL-BROKEN') return reply.code(503).send({ title: 'source unavailable' });
      if (sealed.sealId === 'SEAL-REVOKED')
        return { valid: false, reason: 'REVOKED_AT_SOURCE', sourceStatus: 'revoked' };
      return { valid: true, sourceStatus: 'valid' };
    });
    serverUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints what a good seal says, with the holder id masked and no field values', async () => {
    const r = await verify(`\n  ${good}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('seal verified');
    expect(r.stdout).toContain(payload.watermark);
    expect(r.stdout).toContain(payload.certificate.type);
    expect(r.stdout).toContain(payload.certificate.identifier);
    expect(r.stdout).toContain('status valid (有效)');
    expect(r.stdout).toContain(`person ${holderId.slice(0, 3)}${'*'.repeat(13)}${holderId.slice(-2)}`);
    expect(r.stdout).not.toContain(holderId);
    expect(r.stdout).not.toContain('林小雨');
    for (const part of [payload.purpose.itemCode, payload.purpose.caseNo, payload.purpose.deptCode])
      expect(r.stdout).toContain(part);
    expect(r.stdout).toContain(payload.purpose.clerkId);
    expect(r.stdout).toContain(payload.issuedAt);
    expect(r.stdout).toContain(payload.expiresAt);
    expect(r.stdout).toContain(`${platform.kid} (EdDSA)`);
  });

  it('verifies a 国密 seal from the same key set, and reports as JSON', async () => {
    const r = await verify(await signSeal(payload, guomi), '--json');
    expect(r.code).toBe(0);
    const { seals } = JSON.parse(r.stdout);
    expect(seals).toEqual([
      expect.objectContaining({
        path: '',
        ok: true,
        alg: 'SM2SM3',
        kid: guomi.kid,
        seal: expect.objectContaining({
          watermark: payload.watermark,
          holder: { kind: 'person', id: expect.stringContaining('*') },
        }),
      }),
    ]);
  });

  it('refuses a seal with a changed byte in its payload or signature (exit 5)', async () => {
    const inPayload = await verify(changeByte(good, good.indexOf('.') + 120));
    expect(inPayload.code).toBe(5);
    expect(inPayload.stdout).toContain('seal refused: BAD_SIGNATURE: ');
    const inSignature = await verify(changeByte(good, good.lastIndexOf('.') + 1));
    expect(inSignature.code).toBe(5);
    expect(inSignature.stdout).toContain('seal refused: BAD_SIGNATURE: ');
  });

  it('refuses a seal signed by a key not in the JWKS', async () => {
    const r = await verify(await signSeal(payload, generateSigner('EdDSA')));
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('seal refused: UNKNOWN_KEY: ');
  });

  it('checks the validity window at --at', async () => {
    const after = await verify(good, '--at', payload.expiresAt);
    expect(after.code).toBe(5);
    expect(after.stdout).toContain(`seal refused: EXPIRED: the sealed copy expired at ${payload.expiresAt}`);
    // The expired copy still says what it was: its content is signed.
    expect(after.stdout).toContain(payload.watermark);
    const before = await verify(good, '--at', '2020-01-01T00:00:00+08:00');
    expect(before.code).toBe(5);
    expect(before.stdout).toContain('seal refused: NOT_YET_VALID: ');
    const inside = await verify(good, '--at', new Date(Date.parse(payload.expiresAt) - 1000).toISOString());
    expect(inside.code).toBe(0);
    expect((await verify(good, '--at', 'tomorrow')).code).toBe(2);
    expect((await verify(good, '--at', '2026-11-26T12:00:00')).code).toBe(2);
  });

  it('checks each seal of a consult answer and reports each by where it is', async () => {
    const answer = {
      caseNo: payload.purpose.caseNo,
      materials: [
        { name: '结婚证', status: 'shared', sealId: payload.sealId, seal: good },
        { name: '营业执照', status: 'not_found' },
        { name: '户口簿', status: 'shared', seal: changeByte(good, good.indexOf('.') + 50), peerSeal: good },
      ],
    };
    const r = await verify(JSON.stringify(answer, null, 2));
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('materials[0].seal: seal verified');
    expect(r.stdout).toContain('materials[2].seal: seal refused: BAD_SIGNATURE');
    expect(r.stdout).toContain('materials[2].peerSeal: seal verified');
    const one = await verify(JSON.stringify({ status: 'shared', seal: good }));
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('seal: seal verified');
  });

  it('answers malformed files with a clear message', async () => {
    const empty = await verify('');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('empty');
    const binary = await verify(Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    expect(binary.code).toBe(5);
    expect(binary.stdout).toContain('seal refused: MALFORMED: ');
    const huge = await verify(Buffer.alloc(17 * 1024 * 1024, 'A'));
    expect(huge.code).toBe(1);
    expect(huge.stderr).toContain('larger than');
    const noSeal = await verify(JSON.stringify({ caseNo: 'C-1', materials: [{ status: 'denied' }] }));
    expect(noSeal.code).toBe(1);
    expect(noSeal.stderr).toContain('no seal');
    const brokenJson = await verify('{"seal": "abc');
    expect(brokenJson.code).toBe(1);
    const missing = await run('seal', 'verify', join(dir, 'missing.jws'), '--jwks', join(dir, 'jwks.json'));
    expect(missing.code).toBe(3);
    for (const r of [empty, binary, huge, noSeal, brokenJson, missing])
      expect(r.stderr).not.toContain('internal');
  });

  it('needs a readable, well-formed JWKS', async () => {
    const seal = await file('good.jws', good);
    const missing = await run('seal', 'verify', seal, '--jwks', join(dir, 'no-such.json'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('cannot read');
    for (const [name, content] of [
      ['not-json.json', 'keys: none'],
      ['no-keys.json', '{"kty":"OKP"}'],
      ['private.json', JSON.stringify({ keys: [{ ...platform.publicJwk(), d: 'AAAA' }] })],
    ] as const) {
      const r = await run('seal', 'verify', seal, '--jwks', await file(name, content));
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toContain('not a usable JWKS');
    }
    expect((await run('seal', 'verify', seal)).code).toBe(2);
  });

  describe('--online', () => {
    it('needs TONGBAN_TOKEN (the platform answers signed-in callers only)', async () => {
      token = undefined;
      try {
        const r = await verify(good, '--online', serverUrl);
        expect(r.code).toBe(78);
        expect(r.stderr).toContain('TONGBAN_TOKEN');
      } finally {
        token = TOKEN;
      }
    });

    it('asks the platform and reports a seal valid at its source', async () => {
      received.length = 0;
      const r = await verify(good, '--online', serverUrl);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('at source    valid (status valid)');
      expect(received).toEqual([{ seal: good }]);
    });

    it('reports REVOKED_AT_SOURCE when the platform says so (exit 5)', async () => {
      const revoked = await signSeal({ ...payload, sealId: 'SEAL-REVOKED' }, platform);
      const r = await verify(revoked, '--online', `${serverUrl}/`, '--json');
      expect(r.code).toBe(5);
      expect(JSON.parse(r.stdout).seals[0]).toMatchObject({
        ok: false,
        reason: 'REVOKED_AT_SOURCE',
        online: { valid: false, reason: 'REVOKED_AT_SOURCE', sourceStatus: 'revoked' },
      });
      const human = await verify(revoked, '--online', serverUrl);
      expect(human.stdout).toContain(
        'seal refused: REVOKED_AT_SOURCE: the source reports the certificate as revoked',
      );
    });

    it('does not ask about a seal that fails offline', async () => {
      received.length = 0;
      const r = await verify(changeByte(good, good.indexOf('.') + 120), '--online', serverUrl);
      expect(r.code).toBe(5);
      expect(received).toEqual([]);
    });

    it('says when the platform fails or cannot be reached', async () => {
      const broken = await signSeal({ ...payload, sealId: 'SEAL-BROKEN' }, platform);
      const failing = await verify(broken, '--online', serverUrl);
      expect(failing.code).toBe(1);
      expect(failing.stderr).toContain('HTTP 503');
      const closed = Fastify();
      const closedUrl = await closed.listen({ host: '127.0.0.1', port: 0 });
      await closed.close();
      const unreachable = await verify(good, '--online', closedUrl);
      expect(unreachable.code).toBe(3);
      expect(unreachable.stderr).toContain('cannot reach');
      expect((await verify(good, '--online', 'ftp://example.org')).code).toBe(2);
      // The token never goes over plain http to another machine.
      const clear = await verify(good, '--online', 'http://example.org');
      expect(clear.code).toBe(2);
      expect(clear.stderr).toContain('https');
    });
  });
});
