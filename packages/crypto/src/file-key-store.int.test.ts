import { chmod, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCryptoError, type CryptoErrorCode } from './crypto-error.js';
import { openFileKeyStore } from './file-key-store.js';
import { signCanonicalJws, verifyCanonicalJws } from './jws.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tongban-keys-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const t0 = new Date('2025-03-01T00:00:00Z');
const mode = async (path: string) => (await stat(path)).mode & 0o777;

async function codeOf(promise: Promise<unknown>): Promise<CryptoErrorCode | 'resolved' | 'other'> {
  try {
    await promise;
    return 'resolved';
  } catch (e) {
    return isCryptoError(e) ? e.code : 'other';
  }
}

describe('openFileKeyStore', () => {
  it.each(['international', 'guomi'] as const)(
    '%s: creates the directory 0700 and key files 0600 on first use, and loads the same key later',
    async (profile) => {
      const dir = join(root, 'keys');
      const store = await openFileKeyStore(dir, { profile, now: t0 });
      const signer = store.signer(t0);
      expect(signer.alg).toBe(profile === 'guomi' ? 'SM2SM3' : 'EdDSA');
      expect(await mode(dir)).toBe(0o700);
      const files = await readdir(dir);
      expect(files.sort()).toEqual([`${signer.kid}.pem`, 'keys.json'].sort());
      for (const f of files) expect(await mode(join(dir, f))).toBe(0o600);
      expect(await readFile(join(dir, `${signer.kid}.pem`), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);

      const jws = await signCanonicalJws({ seal: 1 }, signer);
      const again = await openFileKeyStore(dir, { profile });
      expect(again.signer(t0).kid).toBe(signer.kid);
      expect(verifyCanonicalJws(jws, (kid) => again.findVerifier(kid, t0)).ok).toBe(true);
      expect(String(again)).not.toMatch(/PRIVATE/);
    },
  );

  it('refuses a private key file that group or others can read', async () => {
    const dir = join(root, 'keys');
    const store = await openFileKeyStore(dir, { profile: 'international', now: t0 });
    await chmod(join(dir, `${store.signer(t0).kid}.pem`), 0o644);
    expect(await codeOf(openFileKeyStore(dir, { profile: 'international' }))).toBe('KEY_FILE_PERMISSIONS');
    await chmod(join(dir, `${store.signer(t0).kid}.pem`), 0o640);
    expect(await codeOf(openFileKeyStore(dir, { profile: 'international' }))).toBe('KEY_FILE_PERMISSIONS');
  });

  it('refuses a directory others can write, and warns when others can read it', async () => {
    const dir = join(root, 'keys');
    await openFileKeyStore(dir, { profile: 'international', now: t0 });
    await chmod(dir, 0o777);
    expect(await codeOf(openFileKeyStore(dir, { profile: 'international' }))).toBe('KEY_FILE_PERMISSIONS');
    await chmod(dir, 0o755);
    const warnings: string[] = [];
    await openFileKeyStore(dir, { profile: 'international', onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('755');
  });

  it('refuses to open a store as the other profile', async () => {
    const dir = join(root, 'keys');
    await openFileKeyStore(dir, { profile: 'guomi', now: t0 });
    expect(await codeOf(openFileKeyStore(dir, { profile: 'international' }))).toBe(
      'KEY_STORE_PROFILE_MISMATCH',
    );
  });

  it('refuses a key file that does not hold the key the manifest names', async () => {
    const a = await openFileKeyStore(join(root, 'a'), { profile: 'international', now: t0 });
    const b = await openFileKeyStore(join(root, 'b'), { profile: 'international', now: t0 });
    const aKid = a.signer(t0).kid;
    await rename(join(root, 'b', `${b.signer(t0).kid}.pem`), join(root, 'a', `${aKid}.pem`));
    expect(await codeOf(openFileKeyStore(join(root, 'a'), { profile: 'international' }))).toBe(
      'KEY_STORE_CORRUPT',
    );
  });

  it('refuses a damaged manifest', async () => {
    const dir = join(root, 'keys');
    await openFileKeyStore(dir, { profile: 'international', now: t0 });
    await writeFile(
      join(dir, 'keys.json'),
      '{"format":"tongban-keystore/1","profile":"international","keys":[{"kid":"../etc"}]}',
    );
    expect(await codeOf(openFileKeyStore(dir, { profile: 'international' }))).toBe('KEY_STORE_CORRUPT');
  });

  it('persists rotations: the old key verifies through the overlap after reopening, then not', async () => {
    const dir = join(root, 'keys');
    const store = await openFileKeyStore(dir, { profile: 'guomi', now: t0, overlapSeconds: 3600 });
    const old = store.signer(t0);
    const rotatedAt = new Date(t0.getTime() + 86_400_000);
    const fresh = await store.rotate(rotatedAt);
    expect(fresh.kid).not.toBe(old.kid);
    expect(await mode(join(dir, `${fresh.kid}.pem`))).toBe(0o600);
    expect(await mode(join(dir, 'keys.json'))).toBe(0o600);

    const reopened = await openFileKeyStore(dir, { profile: 'guomi', overlapSeconds: 3600 });
    expect(reopened.signer(rotatedAt).kid).toBe(fresh.kid);
    const inOverlap = new Date(rotatedAt.getTime() + 3599_000);
    const afterOverlap = new Date(rotatedAt.getTime() + 3600_000);
    expect(reopened.verifiers(inOverlap).map((v) => v.kid)).toEqual([fresh.kid, old.kid]);
    expect(reopened.verifiers(afterOverlap).map((v) => v.kid)).toEqual([fresh.kid]);
    expect(reopened.jwks(afterOverlap).keys).toHaveLength(1);
  });

  it('lets only one of two concurrent openings create the first key', async () => {
    const dir = join(root, 'keys');
    const [a, b] = await Promise.all([
      openFileKeyStore(dir, { profile: 'international', now: t0 }),
      openFileKeyStore(dir, { profile: 'international', now: t0 }),
    ]);
    expect(a.signer(t0).kid).toBe(b.signer(t0).kid);
    expect((await readdir(dir)).filter((f) => f.endsWith('.pem'))).toHaveLength(1);
  });
});
