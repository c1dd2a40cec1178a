import { randomBytes } from 'node:crypto';
import { link, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isSignatureAlg } from './algorithms.js';
import { isCryptoProfile, type CryptoProfile } from './crypto-profile.js';
import { CryptoError } from './crypto-error.js';
import type { KeyRingEntry } from './key-ring.js';
import { syncDirectory, writeFileDurably } from './secure-files.js';

/**
 * `keys.json` of a file key store: which keys it holds, for which profile, valid when. It names
 * keys by kid only; the key files are `<kid>.pem`, so a kid is checked to be a thumbprint before
 * it becomes part of a path.
 */

/** The manifest's file name. */
export const MANIFEST = 'keys.json';
const FORMAT = 'tongban-keystore/1';
const KID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** One key as the manifest lists it. */
export interface ManifestKey {
  kid: string;
  alg: string;
  notBefore: string;
  notAfter?: string;
}

/** The whole manifest. */
export interface Manifest {
  format: typeof FORMAT;
  profile: CryptoProfile;
  keys: ManifestKey[];
}

/** Reads and validates a manifest; throws `KEY_STORE_CORRUPT` naming the problem. */
export function parseManifest(text: string, path: string): Manifest {
  const corrupt = (why: string) => new CryptoError('KEY_STORE_CORRUPT', `${path}: ${why}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw corrupt('not JSON');
  }
  const m = raw as Partial<Manifest> | null;
  if (m?.format !== FORMAT) throw corrupt(`format is not ${FORMAT}`);
  if (!isCryptoProfile(m.profile)) throw corrupt('unknown profile');
  if (!Array.isArray(m.keys) || m.keys.length === 0) throw corrupt('no keys');
  for (const k of m.keys as unknown[]) {
    const key = k as Partial<ManifestKey> | null;
    if (typeof key?.kid !== 'string' || !KID_PATTERN.test(key.kid)) throw corrupt('bad kid');
    if (!isSignatureAlg(key.alg)) throw corrupt('bad alg');
    if (typeof key.notBefore !== 'string' || Number.isNaN(Date.parse(key.notBefore)))
      throw corrupt('bad notBefore');
    if (
      key.notAfter !== undefined &&
      (typeof key.notAfter !== 'string' || Number.isNaN(Date.parse(key.notAfter)))
    )
      throw corrupt('bad notAfter');
  }
  return m as Manifest;
}

function manifestOf(profile: CryptoProfile, entries: readonly KeyRingEntry[]): Manifest {
  return {
    format: FORMAT,
    profile,
    keys: entries.map((e) => ({
      kid: e.signer.kid,
      alg: e.signer.alg,
      notBefore: e.notBefore.toISOString(),
      ...(e.notAfter ? { notAfter: e.notAfter.toISOString() } : {}),
    })),
  };
}

/**
 * Writes the manifest through a temporary file. `create` links it into place, which fails when
 * another process created the store first (then it returns false); `replace` renames over the old one.
 */
export async function writeManifest(
  dir: string,
  profile: CryptoProfile,
  entries: readonly KeyRingEntry[],
  mode: 'create' | 'replace',
): Promise<boolean> {
  const target = join(dir, MANIFEST);
  const temp = join(dir, `.${MANIFEST}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFileDurably(temp, `${JSON.stringify(manifestOf(profile, entries), null, 2)}\n`);
  try {
    if (mode === 'replace') await rename(temp, target);
    else {
      try {
        await link(temp, target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    }
  } finally {
    if (mode === 'create') await unlink(temp).catch(() => undefined);
  }
  await syncDirectory(dir);
  return true;
}
