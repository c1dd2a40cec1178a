import { concatBytes } from './bytes.js';

/**
 * The few DER (X.690) pieces this package needs: ECDSA/SM2 signature values and the PKCS#8 and
 * SubjectPublicKeyInfo wrappers of SM2 keys, which Node cannot export for us. Strict on read:
 * definite, minimal lengths only, and nothing left over.
 */

export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_OID = 0x06;
export const TAG_SEQUENCE = 0x30;

/** One tag-length-value element; `content` is a view into the input. */
export interface DerElement {
  readonly tag: number;
  readonly content: Uint8Array;
}

/** Encodes a tag, a length and the content. */
export function derEncode(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  const body = concatBytes(...content);
  const len = body.length;
  let header: Uint8Array;
  if (len < 0x80) header = Uint8Array.of(tag, len);
  else if (len < 0x100) header = Uint8Array.of(tag, 0x81, len);
  else if (len < 0x10000) header = Uint8Array.of(tag, 0x82, len >> 8, len & 0xff);
  else throw new RangeError('DER element too large for this encoder');
  return concatBytes(header, body);
}

/** A non-negative INTEGER from big-endian unsigned bytes (leading zeros stripped, sign byte added). */
export function derUnsignedInteger(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  const needsPad = trimmed.length === 0 || (trimmed[0]! & 0x80) !== 0;
  return derEncode(TAG_INTEGER, needsPad ? Uint8Array.of(0) : new Uint8Array(0), trimmed);
}

/** Reads a sequence of elements from `input`; throws TypeError on anything but strict DER. */
export function derReadAll(input: Uint8Array): DerElement[] {
  const out: DerElement[] = [];
  let pos = 0;
  while (pos < input.length) {
    if (pos + 2 > input.length) throw new TypeError('truncated DER');
    const tag = input[pos]!;
    let len = input[pos + 1]!;
    pos += 2;
    if (len & 0x80) {
      const count = len & 0x7f;
      if (count === 0 || count > 2 || pos + count > input.length) throw new TypeError('bad DER length');
      len = 0;
      for (let i = 0; i < count; i++) len = (len << 8) | input[pos + i]!;
      pos += count;
      // Minimal length encoding: long form only when needed, no leading zero byte.
      if (len < 0x80 || (count === 2 && len < 0x100)) throw new TypeError('non-minimal DER length');
    }
    if (pos + len > input.length) throw new TypeError('truncated DER');
    out.push({ tag, content: input.subarray(pos, pos + len) });
    pos += len;
  }
  return out;
}

/** Reads exactly one element of the expected tag. */
export function derReadOne(input: Uint8Array, tag: number): DerElement {
  const all = derReadAll(input);
  if (all.length !== 1 || all[0]!.tag !== tag) throw new TypeError('unexpected DER structure');
  return all[0]!;
}

/** The unsigned big-endian value of an INTEGER's content, left-padded to `size` bytes. */
export function derIntegerToFixed(content: Uint8Array, size: number): Uint8Array {
  if (content.length === 0 || (content[0]! & 0x80) !== 0) throw new TypeError('negative or empty INTEGER');
  if (content.length > 1 && content[0] === 0 && (content[1]! & 0x80) === 0)
    throw new TypeError('non-minimal INTEGER');
  const value = content[0] === 0 ? content.subarray(1) : content;
  if (value.length > size) throw new TypeError('INTEGER too large');
  const out = new Uint8Array(size);
  out.set(value, size - value.length);
  return out;
}

/** Encodes an OBJECT IDENTIFIER from its dotted form. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((s) => Number.parseInt(s, 10));
  const [first = 0, second = 0, ...rest] = arcs;
  const bytes: number[] = [first * 40 + second];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return derEncode(TAG_OID, Uint8Array.from(bytes));
}

/**
 * An r‖s signature (two `size`-byte halves, as JWS and RFC 9421 carry it) as the DER
 * `SEQUENCE { r INTEGER, s INTEGER }` that OpenSSL and X.509 use.
 */
export function rawSignatureToDer(signature: Uint8Array, size = 32): Uint8Array {
  if (signature.length !== 2 * size) throw new TypeError(`signature is not ${2 * size} bytes`);
  return derEncode(
    TAG_SEQUENCE,
    derUnsignedInteger(signature.subarray(0, size)),
    derUnsignedInteger(signature.subarray(size)),
  );
}

/** The inverse of {@link rawSignatureToDer}; throws TypeError on malformed DER. */
export function derSignatureToRaw(der: Uint8Array, size = 32): Uint8Array {
  const parts = derReadAll(derReadOne(der, TAG_SEQUENCE).content);
  if (parts.length !== 2 || parts.some((p) => p.tag !== TAG_INTEGER)) throw new TypeError('not an r,s pair');
  return concatBytes(derIntegerToFixed(parts[0]!.content, size), derIntegerToFixed(parts[1]!.content, size));
}
