import type { TreeHeadSigner } from '@tongban/domain';
import type { CryptoProfile } from './crypto-profile.js';
import type { Jwks } from './public-jwk.js';
import type { Signer, Verifier } from './signer.js';

/**
 * Where a party's keys live. The file store implements it today; a hardware store (PKCS#11 HSM,
 * SKF token) implements the same interface later, handing out signers whose private keys never
 * leave the device.
 */
export interface KeyStore {
  readonly profile: CryptoProfile;
  /** The key that signs at `now`. Throws `NO_SIGNING_KEY` when there is none. */
  signer(now: Date): Signer;
  /** Every key that verifies at `now` (the current one and those within their overlap). */
  verifiers(now: Date): Verifier[];
  /** The verifier with this kid, if it verifies at `now`. */
  findVerifier(kid: string, now: Date): Verifier | undefined;
  /** The public keys valid at `now`, to publish. */
  jwks(now: Date): Jwks;
  /** Brings in a new signing key from `now`; earlier keys keep verifying for the overlap period. */
  rotate(now: Date): Promise<Signer>;
}

/**
 * Signs with whichever key of the store is current at signing time, so a rotation takes effect
 * without a restart (kid, alg and signature always come from the same key). This is what the audit
 * log takes as its tree-head signer, for the platform, the witness and every node.
 */
export function currentKeySigner(store: KeyStore): TreeHeadSigner {
  return {
    get kid() {
      return store.signer(new Date()).kid;
    },
    get alg() {
      return store.signer(new Date()).alg;
    },
    sign: (data) => store.signer(new Date()).sign(data),
  };
}
