import { describe, expect, it } from 'vitest';
import { createPasswordHasher, hashPassword, needsRehash, verifyPassword } from './password-hash.js';

/**
 * Computed independently, twice, with the same result:
 *   python3 -c "import hashlib,base64; s=bytes(range(32)); b=lambda x: base64.b64encode(x).decode().rstrip('=');
 *     print(b(s), b(hashlib.scrypt('正确的马 battery staple'.encode(), salt=s, n=2**15, r=8, p=1,
 *     maxmem=64*1024*1024, dklen=64)))"
 *   openssl kdf -keylen 64 -kdfopt 'pass:正确的马 battery staple' -kdfopt hexsalt:000102…1f
 *     -kdfopt n:32768 -kdfopt r:8 -kdfopt p:1 -kdfopt maxmem_bytes:67108864 SCRYPT   (then base64)
 */
const KNOWN =
  '$scrypt$ln=15,r=8,p=1$AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8$/NR7zIOZxznybj5KaB3KrzJCZ5GW9gWm4DuRqpBgnl13RETBcP2+ooP8p6adw8lVz6Zz1UT+bsEonWTIuIOQAw';
const PASSWORD = '正确的马 battery staple';

describe('password hashing (scrypt, PHC string)', () => {
  it('gives the independently computed hash for a known password and salt', async () => {
    const salt = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
    expect(await hashPassword(PASSWORD, undefined, salt)).toBe(KNOWN);
  });

  it('verifies the right password only', async () => {
    expect(await verifyPassword(PASSWORD, KNOWN)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, KNOWN)).toBe(false);
    expect(await verifyPassword('', KNOWN)).toBe(false);
  });

  it('salts every hash afresh and carries its parameters', async () => {
    const a = await hashPassword('s3cret-password');
    const b = await hashPassword('s3cret-password');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{43}\$[A-Za-z0-9+/]{86}$/);
    expect(await verifyPassword('s3cret-password', b)).toBe(true);
  });

  it('never matches a malformed or out-of-bounds hash', async () => {
    for (const bad of [
      '',
      'plain',
      '$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA',
      '$argon2id$v=19$x$y',
    ])
      expect(await verifyPassword('x', bad)).toBe(false);
  });

  it('asks for a rehash when the stored cost is below today’s', async () => {
    expect(needsRehash(KNOWN)).toBe(false);
    const weak = await hashPassword('pw', { ln: 10, r: 8, p: 1 });
    expect(needsRehash(weak)).toBe(true);
    expect(await verifyPassword('pw', weak)).toBe(true);
  });

  it('spends a real verification on accounts without a hash and answers false', async () => {
    const hasher = createPasswordHasher();
    const started = performance.now();
    expect(await hasher.verify(PASSWORD, undefined)).toBe(false);
    const unknown = performance.now() - started;
    const t = performance.now();
    await hasher.verify(PASSWORD, KNOWN);
    const known = performance.now() - t;
    // Same scrypt cost both ways (timing is noisy; only require the same order of magnitude).
    expect(unknown).toBeGreaterThan(known / 10);
  });
});
