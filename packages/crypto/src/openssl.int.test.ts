import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readVectors } from '@tongban/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { fromHex } from './bytes.js';
import { derSignatureToRaw, rawSignatureToDer } from './der.js';
import { signCanonicalJws } from './jws.js';
import { generateSigner, importPrivateKeyPem } from './software-key.js';
import { sm2PublicKeyFromCoordinates, sm2SignWithK } from './sm2.js';
import { sm2PublicKeyToSpkiPem } from './sm2-key-encoding.js';

/*
 * Principle 5, "verifiable by outsiders": our signatures must check with the openssl command
 * line, and openssl's with us. A missing openssl fails these tests (CI installs it); it never
 * skips them, since a check that does not run proves nothing.
 */

const OPENSSL = '/usr/bin/openssl';
const v = readVectors<any>('crypto').sm2_GBT32918_5_annexA;
const work = mkdtempSync(join(tmpdir(), 'tongban-openssl-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
function files(contents: Record<string, string | Uint8Array>): Record<string, string> {
  const dir = join(work, String(counter++));
  const paths: Record<string, string> = {};
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(contents)) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name], content);
  }
  return paths;
}

function openssl(args: string[]): { status: number | null; out: string } {
  const result = spawnSync(OPENSSL, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run ${OPENSSL}: ${result.error.message}`);
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

const sm2Verify = (p: Record<string, string>) =>
  openssl([
    'pkeyutl',
    '-verify',
    '-pubin',
    '-inkey',
    p['pub.pem']!,
    '-rawin',
    '-digest',
    'sm3',
    '-pkeyopt',
    `distid:${v.id_utf8}`,
    '-in',
    p['msg.bin']!,
    '-sigfile',
    p['sig.der']!,
  ]);

const ed25519Verify = (p: Record<string, string>) =>
  openssl([
    'pkeyutl',
    '-verify',
    '-pubin',
    '-inkey',
    p['pub.pem']!,
    '-rawin',
    '-in',
    p['msg.bin']!,
    '-sigfile',
    p['sig.bin']!,
  ]);

describe('openssl command line checks our signatures', () => {
  it('is installed', () => {
    expect(openssl(['version']).status).toBe(0);
  });

  it('verifies an Ed25519 JWS seal of ours from its signing input (and refuses a changed one)', async () => {
    const signer = generateSigner('EdDSA');
    const jws = await signCanonicalJws({ sealId: 'S-1', fields: { name: '张三' } }, signer);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const pub = signer.verifier().publicKeyPem();
    const good = files({ 'pub.pem': pub, 'msg.bin': `${h}.${p}`, 'sig.bin': Buffer.from(s, 'base64url') });
    const result = ed25519Verify(good);
    expect(result.out).toContain('Signature Verified Successfully');
    expect(result.status).toBe(0);
    const bad = files({ 'pub.pem': pub, 'msg.bin': `${h}.${p}x`, 'sig.bin': Buffer.from(s, 'base64url') });
    expect(ed25519Verify(bad).status).not.toBe(0);
  });

  it('verifies the GB/T 32918.5 Annex A signature as we reproduce it', () => {
    const publicKey = sm2PublicKeyFromCoordinates(fromHex(v.publicKey_x_hex), fromHex(v.publicKey_y_hex));
    const signature = sm2SignWithK(
      BigInt(`0x${v.privateKey_hex}`),
      Buffer.from(v.message_utf8),
      BigInt(`0x${v.k_hex}`),
    );
    const p = files({
      'pub.pem': sm2PublicKeyToSpkiPem(publicKey),
      'msg.bin': v.message_utf8,
      'sig.der': rawSignatureToDer(signature),
    });
    expect(sm2Verify(p).status).toBe(0);
  });

  it('verifies an SM2 signature of ours with a fresh key, and refuses it under another user ID', async () => {
    const signer = generateSigner('SM2SM3');
    const message = new TextEncoder().encode('此件由市场监管局提供');
    const p = files({
      'pub.pem': signer.verifier().publicKeyPem(),
      'msg.bin': message,
      'sig.der': rawSignatureToDer(await signer.sign(message)),
    });
    const result = sm2Verify(p);
    expect(result.out).toContain('Signature Verified Successfully');
    expect(result.status).toBe(0);
    const otherId = openssl([
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      p['pub.pem']!,
      '-rawin',
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:ALICE123@YAHOO.COM',
      '-in',
      p['msg.bin']!,
      '-sigfile',
      p['sig.der']!,
    ]);
    expect(otherId.status).not.toBe(0);
  });

  it('verifies an ES256 signature of ours (DER-converted r‖s)', async () => {
    const signer = generateSigner('ES256');
    const message = new TextEncoder().encode('es256');
    const p = files({
      'pub.pem': signer.verifier().publicKeyPem(),
      'msg.bin': message,
      'sig.der': rawSignatureToDer(await signer.sign(message)),
    });
    expect(
      openssl(['dgst', '-sha256', '-verify', p['pub.pem']!, '-signature', p['sig.der']!, p['msg.bin']!])
        .status,
    ).toBe(0);
  });
});

describe('we read and check what openssl makes', () => {
  it('loads an SM2 key from `openssl genpkey`, agrees on its public key, and each verifies the other', async () => {
    const p = files({ 'msg.bin': 'round trip' });
    const keyPath = join(work, `sm2-${counter++}.pem`);
    expect(openssl(['genpkey', '-algorithm', 'SM2', '-out', keyPath]).status).toBe(0);
    const signer = importPrivateKeyPem(readFileSync(keyPath, 'utf8'));
    expect(signer.alg).toBe('SM2SM3');
    const pub = openssl(['pkey', '-in', keyPath, '-pubout']);
    expect(pub.out).toBe(signer.verifier().publicKeyPem());

    // openssl signs, we verify.
    const sigPath = join(work, `sig-${counter++}.der`);
    const signed = openssl([
      'pkeyutl',
      '-sign',
      '-inkey',
      keyPath,
      '-rawin',
      '-digest',
      'sm3',
      '-pkeyopt',
      `distid:${v.id_utf8}`,
      '-in',
      p['msg.bin']!,
      '-out',
      sigPath,
    ]);
    expect(signed.status).toBe(0);
    const raw = derSignatureToRaw(new Uint8Array(readFileSync(sigPath)));
    expect(signer.verifier().verify(new TextEncoder().encode('round trip'), raw)).toBe(true);

    // We sign, openssl verifies.
    const ours = files({
      'pub.pem': pub.out,
      'msg.bin': 'round trip',
      'sig.der': rawSignatureToDer(await signer.sign(new TextEncoder().encode('round trip'))),
    });
    expect(sm2Verify(ours).status).toBe(0);
  });

  it('reads our SM2 PKCS#8 file as an SM2 private key', () => {
    const signer = generateSigner('SM2SM3');
    const p = files({ 'key.pem': signer.exportPkcs8Pem() });
    const pub = openssl(['pkey', '-in', p['key.pem']!, '-pubout']);
    expect(pub.status).toBe(0);
    expect(pub.out).toBe(signer.verifier().publicKeyPem());
  });
});
