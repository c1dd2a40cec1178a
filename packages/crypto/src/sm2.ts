import { randomBytes } from 'node:crypto';
import { invert, mod } from '@noble/curves/abstract/modular.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { concatBytes, toBytes } from './bytes.js';
import { sm3 } from './hashes.js';
import { SM2_BYTES, Sm2Point, sm2CurveParams, type Sm2PointType } from './sm2-curve.js';

/**
 * SM2 digital signatures with SM3, per GB/T 32918.2-2016 §6–7 (ISO/IEC 14888-3 SM2). Signatures
 * are r‖s, 32 bytes each, big-endian; `sm2SignatureToDer` gives the ASN.1 form OpenSSL wants.
 *
 * Secret scalars are JavaScript bigints, whose arithmetic is not constant-time: acceptable for a
 * software key store on a machine we control, which is why signers sit behind an interface that
 * an HSM (PKCS#11, SKF) can implement later.
 */

/** The default user ID (distinguishing identifier) of GB/T 32918 and GM/T 0009: `1234567812345678`. */
export const SM2_DEFAULT_ID = '1234567812345678';

const { n, a, b, Gx, Gy } = sm2CurveParams;

/** An SM2 public key: the point, validated on construction. */
export interface Sm2PublicKey {
  readonly point: Sm2PointType;
}

/** Builds a public key from affine coordinates; throws TypeError when the point is not on the curve. */
export function sm2PublicKeyFromCoordinates(x: Uint8Array, y: Uint8Array): Sm2PublicKey {
  if (x.length !== SM2_BYTES || y.length !== SM2_BYTES) throw new TypeError('SM2 coordinates are 32 bytes');
  const point = Sm2Point.fromAffine({ x: bytesToNumberBE(x), y: bytesToNumberBE(y) });
  point.assertValidity(); // on the curve, not the point at infinity, coordinates in range
  return { point };
}

/** The public key d·G of a private scalar. */
export function sm2PublicKeyFromPrivate(d: bigint): Sm2PublicKey {
  assertPrivateScalar(d);
  return { point: Sm2Point.BASE.multiply(d) };
}

/** x and y of a public key, 32 bytes each. */
export function sm2Coordinates(key: Sm2PublicKey): { x: Uint8Array; y: Uint8Array } {
  const { x, y } = key.point.toAffine();
  return { x: numberToBytesBE(x, SM2_BYTES), y: numberToBytesBE(y, SM2_BYTES) };
}

/** The private scalar must lie in [1, n−2]: the signature divides by (1 + d) mod n. */
export function assertPrivateScalar(d: bigint): void {
  if (d < 1n || d > n - 2n) throw new RangeError('SM2 private key out of range');
}

/** A fresh private scalar from the system CSPRNG, uniform in [1, n−2] by rejection. */
export function sm2GeneratePrivateKey(): bigint {
  for (;;) {
    const d = bytesToNumberBE(randomBytes(SM2_BYTES));
    if (d >= 1n && d <= n - 2n) return d;
  }
}

/**
 * Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 §5.5), where ENTL_A is the
 * bit length of the ID as two bytes. Binds the signer's identity and the curve into the digest.
 */
export function sm2Z(publicKey: Sm2PublicKey, id: Uint8Array | string = SM2_DEFAULT_ID): Uint8Array {
  const idBytes = toBytes(id);
  const bits = idBytes.length * 8;
  if (bits > 0xffff) throw new RangeError('SM2 user ID longer than 8191 bytes');
  const { x, y } = sm2Coordinates(publicKey);
  return sm3(
    concatBytes(
      Uint8Array.of(bits >> 8, bits & 0xff),
      idBytes,
      numberToBytesBE(a, SM2_BYTES),
      numberToBytesBE(b, SM2_BYTES),
      numberToBytesBE(Gx, SM2_BYTES),
      numberToBytesBE(Gy, SM2_BYTES),
      x,
      y,
    ),
  );
}

/** e = SM3(Z_A ‖ M) as an integer (GB/T 32918.2 §6.1 steps A1–A2). */
function messageScalar(publicKey: Sm2PublicKey, message: Uint8Array, id: Uint8Array | string): bigint {
  return bytesToNumberBE(sm3(concatBytes(sm2Z(publicKey, id), message)));
}

/**
 * One signing attempt with the given k (steps A3–A7); undefined when this k must be rejected
 * (r = 0, r + k = n, or s = 0).
 */
function signWith(d: bigint, e: bigint, k: bigint): Uint8Array | undefined {
  const x1 = Sm2Point.BASE.multiply(k).toAffine().x;
  const r = mod(e + x1, n);
  if (r === 0n || r + k === n) return undefined;
  const s = mod(invert(1n + d, n) * mod(k - r * d, n), n);
  if (s === 0n) return undefined;
  return concatBytes(numberToBytesBE(r, SM2_BYTES), numberToBytesBE(s, SM2_BYTES));
}

/** Options for SM2 signing and verification. */
export interface Sm2Options {
  /** The signer's user ID; {@link SM2_DEFAULT_ID} when omitted. */
  readonly id?: Uint8Array | string;
  /** The signer's public key, when the caller has it (saves a scalar multiplication). */
  readonly publicKey?: Sm2PublicKey;
}

/** Signs `message` with the private scalar `d`; a fresh random k from the system CSPRNG each time. */
export function sm2Sign(d: bigint, message: Uint8Array, options: Sm2Options = {}): Uint8Array {
  assertPrivateScalar(d);
  const publicKey = options.publicKey ?? sm2PublicKeyFromPrivate(d);
  const e = messageScalar(publicKey, message, options.id ?? SM2_DEFAULT_ID);
  for (;;) {
    const k = bytesToNumberBE(randomBytes(SM2_BYTES));
    if (k < 1n || k >= n) continue;
    const signature = signWith(d, e, k);
    if (signature) return signature;
  }
}

/**
 * Signs with a caller-chosen k. Only for reproducing the standard's test vector: a k that is
 * reused or predictable reveals the private key. Deliberately not exported from the package.
 */
export function sm2SignWithK(
  d: bigint,
  message: Uint8Array,
  k: bigint,
  options: Sm2Options = {},
): Uint8Array {
  assertPrivateScalar(d);
  if (k < 1n || k >= n) throw new RangeError('k out of range');
  const publicKey = options.publicKey ?? sm2PublicKeyFromPrivate(d);
  const signature = signWith(d, messageScalar(publicKey, message, options.id ?? SM2_DEFAULT_ID), k);
  if (!signature) throw new RangeError('this k yields no signature');
  return signature;
}

/**
 * Verifies an r‖s signature (GB/T 32918.2 §7.1 steps B1–B7). Never throws: malformed input is
 * simply not a valid signature.
 */
export function sm2Verify(
  publicKey: Sm2PublicKey,
  message: Uint8Array,
  signature: Uint8Array,
  id: Uint8Array | string = SM2_DEFAULT_ID,
): boolean {
  if (signature.length !== 2 * SM2_BYTES) return false;
  const r = bytesToNumberBE(signature.subarray(0, SM2_BYTES));
  const s = bytesToNumberBE(signature.subarray(SM2_BYTES));
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = mod(r + s, n);
  if (t === 0n) return false;
  try {
    const e = messageScalar(publicKey, message, id);
    // Public scalars only, so the faster variable-time multiplication is fine here.
    const point = Sm2Point.BASE.multiplyUnsafe(s).add(publicKey.point.multiplyUnsafe(t));
    if (point.is0()) return false;
    return mod(e + point.toAffine().x, n) === r;
  } catch {
    return false;
  }
}
