import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { bytesEqual, concatBytes } from './bytes.js';
import {
  TAG_BIT_STRING,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
  derEncode,
  derOid,
  derReadAll,
  derReadOne,
  type DerElement,
} from './der.js';
import { fromPem, toPem } from './pem.js';
import { SM2_BYTES } from './sm2-curve.js';
import {
  assertPrivateScalar,
  sm2Coordinates,
  sm2PublicKeyFromCoordinates,
  sm2PublicKeyFromPrivate,
  type Sm2PublicKey,
} from './sm2.js';

/**
 * SM2 keys in the standard containers, byte for byte what OpenSSL 3 writes (`openssl genpkey
 * -algorithm SM2`): PKCS#8 `PrivateKeyInfo` and X.509 `SubjectPublicKeyInfo` with algorithm
 * id-ecPublicKey and the curve OID sm2p256v1 (GB/T 33560, GM/T 0006). Node can hold such keys but
 * cannot export SM2 as JWK nor hand us the scalar, so we encode them ourselves.
 */

const algorithmIdentifier = derEncode(
  TAG_SEQUENCE,
  derOid('1.2.840.10045.2.1'),
  derOid('1.2.156.10197.1.301'),
);

function isSm2Algorithm(element: DerElement | undefined): boolean {
  return (
    element?.tag === TAG_SEQUENCE && bytesEqual(derEncode(TAG_SEQUENCE, element.content), algorithmIdentifier)
  );
}

function uncompressedPoint(publicKey: Sm2PublicKey): Uint8Array {
  const { x, y } = sm2Coordinates(publicKey);
  return concatBytes(Uint8Array.of(0x04), x, y);
}

/** PKCS#8 DER of an SM2 private key, with its public key in the optional field as OpenSSL does. */
export function sm2PrivateKeyToPkcs8Der(d: bigint): Uint8Array {
  assertPrivateScalar(d);
  const ecPrivateKey = derEncode(
    TAG_SEQUENCE,
    derEncode(TAG_INTEGER, Uint8Array.of(1)),
    derEncode(TAG_OCTET_STRING, numberToBytesBE(d, SM2_BYTES)),
    derEncode(
      0xa1,
      derEncode(TAG_BIT_STRING, Uint8Array.of(0), uncompressedPoint(sm2PublicKeyFromPrivate(d))),
    ),
  );
  return derEncode(
    TAG_SEQUENCE,
    derEncode(TAG_INTEGER, Uint8Array.of(0)),
    algorithmIdentifier,
    derEncode(TAG_OCTET_STRING, ecPrivateKey),
  );
}

/** PEM `PRIVATE KEY` of an SM2 private key. */
export function sm2PrivateKeyToPkcs8Pem(d: bigint): string {
  return toPem('PRIVATE KEY', sm2PrivateKeyToPkcs8Der(d));
}

/** True when a PKCS#8 DER names the SM2 curve (so Node's own key import should not be used). */
export function isSm2Pkcs8(der: Uint8Array): boolean {
  try {
    const [, algorithm] = derReadAll(derReadOne(der, TAG_SEQUENCE).content);
    return isSm2Algorithm(algorithm);
  } catch {
    return false;
  }
}

/**
 * The private scalar of an SM2 PKCS#8 DER. Throws TypeError when the structure is not an SM2
 * private key, or when its embedded public key does not belong to the scalar (a damaged or
 * spliced file).
 */
export function sm2PrivateKeyFromPkcs8Der(der: Uint8Array): bigint {
  const [version, algorithm, privateKey, ...rest] = derReadAll(derReadOne(der, TAG_SEQUENCE).content);
  if (version?.tag !== TAG_INTEGER || version.content.length !== 1 || version.content[0] !== 0)
    throw new TypeError('not PKCS#8 v1');
  if (!isSm2Algorithm(algorithm)) throw new TypeError('not an SM2 key');
  if (privateKey?.tag !== TAG_OCTET_STRING) throw new TypeError('no private key');
  // Optional PKCS#8 attributes ([0]) carry nothing we use; anything else is not PKCS#8.
  if (rest.some((e) => e.tag !== 0xa0)) throw new TypeError('unexpected PKCS#8 member');
  const [ecVersion, scalar, ...optional] = derReadAll(derReadOne(privateKey.content, TAG_SEQUENCE).content);
  if (ecVersion?.tag !== TAG_INTEGER || ecVersion.content.length !== 1 || ecVersion.content[0] !== 1)
    throw new TypeError('not an RFC 5915 ECPrivateKey');
  if (scalar?.tag !== TAG_OCTET_STRING || scalar.content.length !== SM2_BYTES)
    throw new TypeError('SM2 private key is not 32 bytes');
  const d = bytesToNumberBE(scalar.content);
  assertPrivateScalar(d);
  for (const member of optional) {
    if (member.tag === 0xa0) {
      // [0] parameters, when present, must name the SM2 curve again.
      if (!bytesEqual(member.content, derOid('1.2.156.10197.1.301'))) throw new TypeError('curve is not SM2');
    } else if (member.tag === 0xa1) {
      const bits = derReadOne(member.content, TAG_BIT_STRING).content;
      const expected = concatBytes(Uint8Array.of(0), uncompressedPoint(sm2PublicKeyFromPrivate(d)));
      if (!bytesEqual(bits, expected)) throw new TypeError('embedded public key does not match');
    } else throw new TypeError('unexpected ECPrivateKey member');
  }
  return d;
}

/** Reads an SM2 private key from PKCS#8 PEM; throws TypeError when it is anything else. */
export function sm2PrivateKeyFromPkcs8Pem(pem: string): bigint {
  const der = fromPem(pem, 'PRIVATE KEY');
  if (!der) throw new TypeError('no PRIVATE KEY block');
  return sm2PrivateKeyFromPkcs8Der(der);
}

/** SubjectPublicKeyInfo DER of an SM2 public key (what `openssl pkey -pubout` writes). */
export function sm2PublicKeyToSpkiDer(publicKey: Sm2PublicKey): Uint8Array {
  return derEncode(
    TAG_SEQUENCE,
    algorithmIdentifier,
    derEncode(TAG_BIT_STRING, Uint8Array.of(0), uncompressedPoint(publicKey)),
  );
}

/** PEM `PUBLIC KEY` of an SM2 public key, for `openssl pkeyutl -verify -pubin -inkey`. */
export function sm2PublicKeyToSpkiPem(publicKey: Sm2PublicKey): string {
  return toPem('PUBLIC KEY', sm2PublicKeyToSpkiDer(publicKey));
}

/** Reads an SM2 SubjectPublicKeyInfo DER; throws TypeError when it is anything else. */
export function sm2PublicKeyFromSpkiDer(der: Uint8Array): Sm2PublicKey {
  const [algorithm, bits, ...rest] = derReadAll(derReadOne(der, TAG_SEQUENCE).content);
  if (rest.length > 0 || bits?.tag !== TAG_BIT_STRING) throw new TypeError('not a SubjectPublicKeyInfo');
  if (!isSm2Algorithm(algorithm)) throw new TypeError('not an SM2 public key');
  const point = bits.content;
  if (point.length !== 2 + 2 * SM2_BYTES || point[0] !== 0 || point[1] !== 0x04)
    throw new TypeError('not an uncompressed point');
  return sm2PublicKeyFromCoordinates(point.subarray(2, 2 + SM2_BYTES), point.subarray(2 + SM2_BYTES));
}
