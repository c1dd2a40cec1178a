import { generateSigner, sha256, toJwks, verifierFor, type Signer } from '@tongban/crypto';
import type { HashFn, TreeHeadSigner } from '@tongban/domain';

/** A fresh Ed25519 key for one test: the platform's, or the witness's. */
export interface TestKey {
  readonly signer: Signer & TreeHeadSigner;
  readonly jwks: () => ReturnType<typeof toJwks>;
}

export function testKey(): TestKey {
  const signer = generateSigner('EdDSA');
  return { signer, jwks: () => toJwks([verifierFor(signer)]) };
}

/** SHA-256 as the domain's Merkle math takes it. */
export const testHash: HashFn = (data) => sha256(data);
