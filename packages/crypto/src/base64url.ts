/** base64url without padding (RFC 7515 §2). */
export function base64urlEncode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Strict base64url decoding: only the URL-safe alphabet, no padding, and only the canonical
 * encoding of the bytes (so one value has exactly one spelling, which keeps signatures and
 * thumbprints unambiguous). Returns undefined for anything else; Buffer's own decoder would
 * silently skip bad characters.
 */
export function parseBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Buffer.from(text, 'base64url'));
  return base64urlEncode(bytes) === text ? bytes : undefined;
}

/** Like {@link parseBase64url} but throws a TypeError naming `what` (never the value). */
export function decodeBase64url(text: string, what = 'value'): Uint8Array {
  const bytes = parseBase64url(text);
  if (!bytes) throw new TypeError(`${what} is not canonical base64url`);
  return bytes;
}
