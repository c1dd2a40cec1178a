import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleSealPayload } from '@tongban/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type { SignatureAlg } from './algorithms.js';
import { parseBase64url } from './base64url.js';
import { concatBytes, fromHex } from './bytes.js';
import { rawSignatureToDer } from './der.js';
import { importPublicJwk, toJwks } from './public-jwk.js';
import { signSeal } from './seal.js';
import type { PublicJwk } from './signer.js';
import { generateSigner, verifierFor } from './software-key.js';

/*
 * Principle 5: a seal checks with the openssl command line, from the published JWKS alone. Two
 * ways: files written here and the openssl commands run directly (these must always run; a missing
 * openssl fails), and the shell recipe of docs/SEALS.md run verbatim, so the page cannot drift from
 * what works. SM2 runs only where this openssl has SM2 and SM3, and says so when skipped.
 */

const OPENSSL = '/usr/bin/openssl';
const SM2_ID = '1234567812345678';
const docs = readFileSync(new URL('../../../docs/SEALS.md', import.meta.url), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'tongban-seal-openssl-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
function folder(contents: Record<string, string | Uint8Array>): string {
  const dir = join(work, String(counter++));
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(contents)) writeFileSync(join(dir, name), content);
  return dir;
}

function run(command: string, args: string[], cwd?: string): { status: number | null; out: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd });
  if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}
const openssl = (args: string[], cwd?: string) => run(OPENSSL, args, cwd);

const listed = (what: string) => openssl(['list', what]).out;
const sm2Missing = !/\bSM2\b/i.test(listed('-public-key-algorithms'))
  ? 'this openssl lists no SM2 public-key algorithm'
  : !/\bSM3\b/i.test(listed('-digest-algorithms'))
    ? 'this openssl lists no SM3 digest'
    : undefined;
const toolsMissing = ['jq', 'xxd', 'base64', 'cut', 'tr', 'sh'].find(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
);

/** SubjectPublicKeyInfo DER prefixes: what precedes the key bytes for each algorithm. */
const spkiPrefix: Record<SignatureAlg, string> = {
  EdDSA: '302a300506032b6570032100',
  ES256: '3059301306072a8648ce3d020106082a8648ce3d030107034200',
  SM2SM3: '3059301306072a8648ce3d020106082a811ccf5501822d034200',
};

/** The key's SPKI DER built from the JWK entry alone, as an outsider would. */
function spkiFromJwk(jwk: PublicJwk): Uint8Array {
  const x = parseBase64url(jwk.x)!;
  if (jwk.kty === 'OKP') return concatBytes(fromHex(spkiPrefix.EdDSA), x);
  return concatBytes(fromHex(spkiPrefix[jwk.alg]), Uint8Array.of(4), x, parseBase64url(jwk.y)!);
}

/** The exact openssl verify command line for each algorithm (files in the current folder). */
const verifyArgs: Record<SignatureAlg, string[]> = {
  EdDSA: [
    'pkeyutl',
    '-verify',
    '-pubin',
    '-inkey',
    'pub.pem',
    '-rawin',
    '-in',
    'input.txt',
    '-sigfile',
    'sig.bin',
  ],
  ES256: ['dgst', '-sha256', '-verify', 'pub.pem', '-signature', 'sig.der', 'input.txt'],
  SM2SM3: [
    'pkeyutl',
    '-verify',
    '-pubin',
    '-inkey',
    'pub.pem',
    '-rawin',
    '-digest',
    'sm3',
    '-pkeyopt',
    `distid:${SM2_ID}`,
    '-in',
    'input.txt',
    '-sigfile',
    'sig.der',
  ],
};
const success: Record<SignatureAlg, string> = {
  EdDSA: 'Signature Verified Successfully',
  ES256: 'Verified OK',
  SM2SM3: 'Signature Verified Successfully',
};

/** One character of the payload part changed: a one-byte change of the signing input. */
function changePayload(seal: string): string {
  const at = seal.indexOf('.') + 150;
  return `${seal.slice(0, at)}${seal[at] === 'A' ? 'B' : 'A'}${seal.slice(at + 1)}`;
}

async function sealAndKeys(alg: SignatureAlg): Promise<{ seal: string; jwks: string; pem: string }> {
  const signer = generateSigner(alg);
  const seal = await signSeal(sampleSealPayload(), signer);
  // Through JSON text, as GET /api/v1/keys/jwks.json hands it out.
  const jwks = JSON.stringify(toJwks([verifierFor(generateSigner(alg)), verifierFor(signer)]));
  return { seal, jwks, pem: importPublicJwk(signer.publicJwk()).publicKeyPem() };
}

/** Writes the files of one check and runs openssl: key conversion, then the verify command. */
function checkWithFiles(
  alg: SignatureAlg,
  seal: string,
  jwks: string,
): { status: number | null; out: string; pem: string } {
  const [h, p, s] = seal.split('.') as [string, string, string];
  const kid = (JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { kid: string }).kid;
  const entry = (JSON.parse(jwks) as { keys: PublicJwk[] }).keys.find((k) => k.kid === kid)!;
  const signature = parseBase64url(s)!;
  const dir = folder({
    'input.txt': `${h}.${p}`,
    'pub.der': spkiFromJwk(entry),
    [alg === 'EdDSA' ? 'sig.bin' : 'sig.der']: alg === 'EdDSA' ? signature : rawSignatureToDer(signature),
  });
  const converted = openssl(['pkey', '-pubin', '-inform', 'DER', '-in', 'pub.der', '-out', 'pub.pem'], dir);
  expect(converted.status, converted.out).toBe(0);
  return { ...openssl(verifyArgs[alg], dir), pem: readFileSync(join(dir, 'pub.pem'), 'utf8') };
}

/** The docs' recipe for the algorithm, verbatim, run by sh in a folder with seal.jws and jwks.json. */
function docsBlock(name: string): string {
  const match = new RegExp(`<!-- test: ${name} -->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(docs);
  if (!match?.[1]) throw new Error(`docs/SEALS.md has no block marked ${name}`);
  return match[1];
}
function checkWithDocs(
  alg: SignatureAlg,
  seal: string,
  jwks: string,
): { status: number | null; out: string } {
  const dir = folder({ 'seal.jws': `${seal}\n`, 'jwks.json': jwks });
  const script = `${docsBlock('seal-openssl-prepare')}${docsBlock(`seal-openssl-${alg}`)}`;
  return run('sh', ['-e', '-c', script], dir);
}

describe.each(['EdDSA', 'ES256', 'SM2SM3'] as const)('openssl verifies a %s seal', (alg) => {
  const skip = alg === 'SM2SM3' ? sm2Missing : undefined;
  const why = skip ? ` (SKIPPED: ${skip})` : '';

  it.skipIf(skip !== undefined)(`from files written here, and refuses a one-byte change${why}`, async () => {
    const { seal, jwks, pem } = await sealAndKeys(alg);
    const good = checkWithFiles(alg, seal, jwks);
    expect(good.out).toContain(success[alg]);
    expect(good.status).toBe(0);
    // openssl's PEM of the key built from the JWK is our own PEM of that key.
    expect(good.pem).toBe(pem);
    const bad = checkWithFiles(alg, changePayload(seal), jwks);
    expect(bad.status).not.toBe(0);
    expect(bad.out).not.toContain(success[alg]);
  });

  it.skipIf(skip !== undefined || toolsMissing !== undefined)(
    `with the docs/SEALS.md recipe verbatim, and refuses a one-byte change${why}${toolsMissing ? ` (SKIPPED: no ${toolsMissing})` : ''}`,
    async () => {
      const { seal, jwks } = await sealAndKeys(alg);
      const good = checkWithDocs(alg, seal, jwks);
      expect(good.out).toContain(success[alg]);
      expect(good.status).toBe(0);
      const bad = checkWithDocs(alg, changePayload(seal), jwks);
      expect(bad.status).not.toBe(0);
      expect(bad.out).not.toContain(success[alg]);
    },
  );
});

it('refuses a seal whose signature has one byte changed (Ed25519, direct)', async () => {
  const { seal, jwks } = await sealAndKeys('EdDSA');
  const at = seal.lastIndexOf('.') + 1;
  const changed = `${seal.slice(0, at)}${seal[at] === 'A' ? 'B' : 'A'}${seal.slice(at + 1)}`;
  expect(checkWithFiles('EdDSA', changed, jwks).status).not.toBe(0);
});

it.skipIf(toolsMissing !== undefined)(
  "the docs' shell conversion of r‖s to DER matches ours, including leading zeros and high bits",
  () => {
    const block = docsBlock('seal-openssl-ES256');
    const derInt = block.split('\n').find((line) => line.startsWith('der_int()'))!;
    const convert = block.split('\n').filter((line) => /^(r=|printf '30)/.test(line));
    const cases = [
      new Uint8Array(64).fill(0x11),
      Uint8Array.from({ length: 64 }, (_, i) => (i === 0 || i === 32 ? 0x80 : i)),
      Uint8Array.from({ length: 64 }, (_, i) => (i < 3 || (i >= 32 && i < 34) ? 0 : 0xff)),
      Uint8Array.from({ length: 64 }, (_, i) => (i < 2 ? 0 : i === 2 ? 0x90 : 7)),
    ];
    for (const raw of cases) {
      const dir = folder({ 'sig.bin': raw });
      const result = run('sh', ['-e', '-c', [derInt, ...convert].join('\n')], dir);
      expect(result.status, result.out).toBe(0);
      expect(readFileSync(join(dir, 'sig.der'))).toEqual(Buffer.from(rawSignatureToDer(raw)));
    }
  },
);
