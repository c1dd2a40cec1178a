/** An int8 column as a number: `pg` hands them over as strings, PGlite as numbers. */
export function toCount(value: string | number | bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error('an audit counter is beyond the safe integer range');
  return n;
}

/** A bytea column as a plain Uint8Array (`pg` returns a Buffer, which is one already). */
export const toBytes = (value: Uint8Array): Uint8Array =>
  value instanceof Uint8Array ? value : new Uint8Array(value);

/** Lowercase hex, as hashes travel in JSON. */
export const hex = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
