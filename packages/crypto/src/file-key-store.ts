import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { signatureAlgFor, type CryptoProfile } from './crypto-profile.js';
import { CryptoError } from './crypto-error.js';
import { KeyRing, type KeyRingEntry } from './key-ring.js';
import type { KeyStore } from './key-store.js';
import { MANIFEST, parseManifest, writeManifest, type Manifest } from './key-store-manifest.js';
import { checkDirectory, checkFile, writeFileDurably } from './secure-files.js';
import type { Jwks } from './public-jwk.js';
import type { Signer, Verifier } from './signer.js';
import { generateSigner, importPrivateKeyPem, verifierFor, type SoftwareSigner } from './software-key.js';

/**
 * Keys in a directory:
 *
 *     <dir>/            0700
 *       keys.json       0600  manifest: profile, and per key kid, alg, notBefore, notAfter
 *       <kid>.pem       0600  PKCS#8 PEM private key (SM2 too, in OpenSSL's layout)
 *
 * Files are created with mode 0600 and re-checked on every load: a private key that anyone but
 * the owner can read is refused, as is a directory or manifest that others can write (they could
 * swap in their own key). Writes go to a temporary file that is fsynced and renamed, so a crash
 * leaves either the old manifest or the new one.
 */

const DEFAULT_OVERLAP_SECONDS = 7 * 24 * 3600;

/** Options for {@link openFileKeyStore}. */
export interface FileKeyStoreOptions {
  /** The algorithm family; a store is created for one profile and refuses to open as another. */
  readonly profile: CryptoProfile;
  /** notBefore of the first key when the store is created (now by default). */
  readonly now?: Date;
  /** How long a replaced key keeps verifying after `rotate`, in seconds (7 days by default). */
  readonly overlapSeconds?: number;
  /** Receives warnings about loose permissions or stray files; paths and modes only, never key material. */
  readonly onWarning?: (message: string) => void;
}

/** A {@link KeyStore} on the local file system; see {@link openFileKeyStore}. */
export class FileKeyStore implements KeyStore {
  readonly #ring: KeyRing;
  #queue: Promise<unknown> = Promise.resolve();

  /** Use {@link openFileKeyStore}. */
  constructor(
    readonly dir: string,
    readonly profile: CryptoProfile,
    entries: readonly KeyRingEntry[],
    overlapSeconds: number,
  ) {
    this.#ring = new KeyRing({
      overlapSeconds,
      entries,
      newSigner: async () => {
        const signer = generateSigner(signatureAlgFor(profile));
        await writeFileDurably(join(dir, `${signer.kid}.pem`), signer.exportPkcs8Pem());
        return signer;
      },
    });
  }

  signer(now: Date): Signer {
    return this.#ring.signer(now);
  }

  verifiers(now: Date): Verifier[] {
    return this.#ring.verifiers(now);
  }

  findVerifier(kid: string, now: Date): Verifier | undefined {
    return this.#ring.findVerifier(kid, now);
  }

  jwks(now: Date): Jwks {
    return this.#ring.jwks(now);
  }

  /** Every key with its validity, oldest first. */
  entries(): readonly KeyRingEntry[] {
    return this.#ring.entries();
  }

  rotate(now: Date): Promise<Signer> {
    // One rotation at a time within this process: each rewrites the manifest from the ring.
    const run = this.#queue.then(async () => {
      const entry = await this.#ring.rotate(now);
      await writeManifest(this.dir, this.profile, this.#ring.entries(), 'replace');
      return entry.signer;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Prints the directory and profile only. */
  toString(): string {
    return `FileKeyStore(${this.profile} ${this.dir})`;
  }
}

async function loadEntries(dir: string, manifest: Manifest, expectedAlg: string): Promise<KeyRingEntry[]> {
  const entries: KeyRingEntry[] = [];
  for (const key of manifest.keys) {
    const path = join(dir, `${key.kid}.pem`);
    await checkFile(path, 0o077, 'private key');
    let signer: SoftwareSigner;
    try {
      signer = importPrivateKeyPem(await readFile(path, 'utf8'));
    } catch (e) {
      if (e instanceof CryptoError) throw new CryptoError('KEY_STORE_CORRUPT', `${path}: ${e.message}`);
      throw e;
    }
    // The file name and manifest say which key this is; the key itself must agree.
    if (signer.kid !== key.kid || signer.alg !== key.alg || signer.alg !== expectedAlg)
      throw new CryptoError('KEY_STORE_CORRUPT', `${path} does not hold key ${key.kid} (${key.alg})`);
    entries.push({
      signer,
      verifier: verifierFor(signer),
      notBefore: new Date(key.notBefore),
      ...(key.notAfter ? { notAfter: new Date(key.notAfter) } : {}),
    });
  }
  return entries;
}

/**
 * Opens the key store in `dir`, creating the directory (0700) and a first key for the profile
 * when there is none yet, loading and checking the keys otherwise. Throws `KEY_FILE_PERMISSIONS`
 * for a private key others can read or a directory or manifest others can write,
 * `KEY_STORE_PROFILE_MISMATCH` when the store belongs to the other profile, and
 * `KEY_STORE_CORRUPT` for a damaged manifest or a key file that does not hold the key it claims.
 */
export async function openFileKeyStore(dir: string, options: FileKeyStoreOptions): Promise<FileKeyStore> {
  const warn = options.onWarning ?? (() => undefined);
  const overlapSeconds = options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
  const alg = signatureAlgFor(options.profile);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await checkDirectory(dir, warn);

  const manifestPath = join(dir, MANIFEST);
  for (let attempt = 0; attempt < 2; attempt++) {
    let text: string | undefined;
    try {
      await checkFile(manifestPath, 0o022, 'key manifest');
      text = await readFile(manifestPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (text !== undefined) {
      const manifest = parseManifest(text, manifestPath);
      if (manifest.profile !== options.profile)
        throw new CryptoError(
          'KEY_STORE_PROFILE_MISMATCH',
          `key store ${dir} is for profile ${manifest.profile}, not ${options.profile}`,
        );
      return new FileKeyStore(dir, options.profile, await loadEntries(dir, manifest, alg), overlapSeconds);
    }

    const strays = (await readdir(dir)).filter((f) => f.endsWith('.pem'));
    if (strays.length > 0)
      warn(`key directory ${dir} has ${strays.length} key file(s) but no ${MANIFEST}; starting a new key`);
    const signer = generateSigner(alg);
    const keyPath = join(dir, `${signer.kid}.pem`);
    await writeFileDurably(keyPath, signer.exportPkcs8Pem());
    const entry: KeyRingEntry = {
      signer,
      verifier: verifierFor(signer),
      notBefore: options.now ?? new Date(),
    };
    if (await writeManifest(dir, options.profile, [entry], 'create'))
      return new FileKeyStore(dir, options.profile, [entry], overlapSeconds);
    // Another process created the store meanwhile: drop our key and load theirs.
    await unlink(keyPath);
  }
  throw new CryptoError('KEY_STORE_CORRUPT', `key store ${dir} could not be created`);
}
