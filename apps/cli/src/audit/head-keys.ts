import { readFile, stat } from 'node:fs/promises';
import { importJwks, openFileKeyStore, type CryptoProfile, type Verifier } from '@tongban/crypto';
import { CliError, exitCodes } from '../exit-codes.js';

type Lookup = (kid: string, at: Date) => Verifier | undefined;

/** Keys from a saved JWKS file (what an outsider has): any listed key, whatever the time. */
export async function lookupFromJwksFile(path: string): Promise<Lookup> {
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new CliError(exitCodes.io, `cannot read ${path}: ${e.code ?? e.message}`);
  });
  let verifiers: Verifier[];
  try {
    verifiers = importJwks(JSON.parse(text));
  } catch (e) {
    throw new CliError(exitCodes.rejected, `${path} is not a usable JWKS: ${(e as Error).message}`);
  }
  return (kid) => verifiers.find((v) => v.kid === kid);
}

/**
 * Keys from a key store folder (the operator's view): a key counts for a head only if it was valid
 * at the head's time, so a retired key cannot vouch for heads signed after its overlap ended.
 */
export async function lookupFromKeyStore(dir: string, profile: CryptoProfile): Promise<Lookup> {
  // Opening a missing store would create fresh keys, which could then vouch for nothing: refuse.
  await stat(`${dir}/keys.json`).catch(() => {
    throw new CliError(exitCodes.io, `no key store at ${dir}; pass --jwks with the published keys`);
  });
  const store = await openFileKeyStore(dir, { profile }).catch((e: Error) => {
    throw new CliError(exitCodes.io, `cannot open the key store ${dir}: ${e.message}`);
  });
  const entries = store.entries();
  return (kid, at) =>
    entries.find(
      (e) => e.verifier.kid === kid && e.notBefore <= at && (e.notAfter === undefined || at < e.notAfter),
    )?.verifier;
}
