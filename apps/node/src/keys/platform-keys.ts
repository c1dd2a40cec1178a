import { readFile } from 'node:fs/promises';
import { importJwks, type KeyLookup, type Verifier } from '@tongban/crypto';

/**
 * The platform keys registered with this node: a JWKS file the operator installs (copied from the
 * platform's `/api/v1/keys/jwks.json`). When a request names a key the node does not know, the
 * file is read again (at most once every 10 s), so a platform key rotation needs no node restart.
 */
export async function loadPlatformKeys(
  file: string,
  clock: () => Date = () => new Date(),
): Promise<{ readonly keyLookup: KeyLookup; readonly count: () => number }> {
  const read = async (): Promise<Map<string, Verifier>> =>
    new Map(importJwks(JSON.parse(await readFile(file, 'utf8')) as unknown).map((v) => [v.kid, v]));
  let keys = await read();
  let lastRead = clock().getTime();
  return {
    keyLookup: async (kid) => {
      const known = keys.get(kid);
      if (known) return known;
      if (clock().getTime() - lastRead < 10_000) return undefined;
      lastRead = clock().getTime();
      keys = await read().catch(() => keys);
      return keys.get(kid);
    },
    count: () => keys.size,
  };
}
