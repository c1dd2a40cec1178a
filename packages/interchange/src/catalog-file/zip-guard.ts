import { inflateRawSync } from 'node:zlib';

/**
 * An XLSX workbook is a zip archive. exceljs (through JSZip) inflates every entry into memory without
 * a bound and trusts nothing but the deflate stream, so a small hostile file (a zip bomb, or entries
 * that lie about their size, or many entries sharing one compressed kernel) could exhaust memory.
 * Before exceljs sees the bytes we read the central directory ourselves and inflate each entry with
 * a hard output bound: the declared size, and a total for the archive. An archive passing this check
 * inflates to at most `maxUncompressedBytes` when exceljs reads it, since it reads the same entries
 * (JSZip, like us, locates entry data from the central directory).
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the entry's central directory record. */
  readonly centralOffset: number;
  /** Offset of the entry's local file header. */
  readonly localOffset: number;
  /** Offset of the entry's (compressed) data. */
  readonly dataOffset: number;
}

export type ZipProblem =
  | { readonly kind: 'not-zip'; readonly message: string }
  | { readonly kind: 'malformed'; readonly message: string }
  | { readonly kind: 'too-large'; readonly message: string };

export interface ZipLimits {
  /** Total of all entries once inflated. */
  readonly maxUncompressedBytes: number;
  readonly maxEntries: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** Reads the central directory. Refuses what JSZip could read differently from us (ZIP64, spanning). */
export function readZipDirectory(bytes: Uint8Array): { entries: ZipEntry[] } | ZipProblem {
  if (bytes.length < 4 || u32(bytes, 0) !== SIG_LOCAL) {
    const ole = bytes.length >= 4 && u32(bytes, 0) === 0xe011cfd0;
    return {
      kind: 'not-zip',
      message: ole
        ? 'this is an old .xls workbook or a password-protected one: save it as .xlsx without a password'
        : 'this is not an XLSX workbook (not a zip archive)',
    };
  }
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0)
    return { kind: 'malformed', message: 'the zip archive is incomplete (no central directory): truncated?' };
  const total = u16(bytes, end + 10);
  const cdSize = u32(bytes, end + 12);
  const cdOffset = u32(bytes, end + 16);
  if (u16(bytes, end + 4) !== 0 || u16(bytes, end + 6) !== 0 || u16(bytes, end + 8) !== total) {
    return { kind: 'malformed', message: 'multi-part zip archives are not accepted' };
  }
  if (total === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    return { kind: 'malformed', message: 'ZIP64 archives are not accepted' };
  }
  // JSZip treats a gap before the end record as prepended data and shifts every offset: refuse it, so
  // that JSZip cannot read other bytes than the ones checked here.
  if (cdOffset + cdSize !== end)
    return { kind: 'malformed', message: 'the zip central directory is out of place' };

  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let n = 0; n < total; n++) {
    if (at + 46 > end || u32(bytes, at) !== SIG_CENTRAL) {
      return { kind: 'malformed', message: 'the zip central directory is damaged' };
    }
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const uncompressedSize = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) {
      return { kind: 'malformed', message: 'ZIP64 archives are not accepted' };
    }
    if (localOffset + 30 > cdOffset || u32(bytes, localOffset) !== SIG_LOCAL) {
      return { kind: 'malformed', message: 'a zip entry points outside the archive' };
    }
    const dataOffset = localOffset + 30 + u16(bytes, localOffset + 26) + u16(bytes, localOffset + 28);
    if (dataOffset + compressedSize > cdOffset) {
      return { kind: 'malformed', message: 'a zip entry points outside the archive' };
    }
    entries.push({
      name,
      method,
      flags,
      compressedSize,
      uncompressedSize,
      centralOffset: at,
      localOffset,
      dataOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== end) return { kind: 'malformed', message: 'the zip central directory is damaged' };
  return { entries };
}

/**
 * Checks that `bytes` is a zip archive holding an XLSX workbook and that it inflates to a bounded size.
 * Returns undefined when it may be handed to exceljs.
 */
export function checkXlsxArchive(bytes: Uint8Array, limits: ZipLimits): ZipProblem | undefined {
  const dir = readZipDirectory(bytes);
  if (!('entries' in dir)) return dir;
  const { entries } = dir;
  if (entries.length > limits.maxEntries) {
    return { kind: 'too-large', message: `the workbook has more than ${limits.maxEntries} parts` };
  }
  const names = new Set<string>();
  let declared = 0;
  for (const e of entries) {
    if (names.has(e.name)) return { kind: 'malformed', message: 'the zip archive names one entry twice' };
    names.add(e.name);
    if (e.flags & 0x1) return { kind: 'malformed', message: 'encrypted zip entries are not accepted' };
    if (e.method !== 0 && e.method !== 8)
      return { kind: 'malformed', message: 'a zip entry uses an unsupported compression method' };
    if (e.method === 0 && e.compressedSize !== e.uncompressedSize) {
      return { kind: 'malformed', message: 'a stored zip entry has inconsistent sizes' };
    }
    declared += e.uncompressedSize;
  }
  // Fast refusal on the declared sizes, before inflating anything.
  if (declared > limits.maxUncompressedBytes) {
    return {
      kind: 'too-large',
      message: `the workbook would inflate to more than ${limits.maxUncompressedBytes} bytes`,
    };
  }
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    return { kind: 'not-zip', message: 'this zip archive is not an XLSX workbook (no xl/workbook.xml)' };
  }
  // The declared sizes may lie: inflate each entry with its declared size as a hard bound.
  for (const e of entries) {
    const data = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    let out: Uint8Array;
    if (e.method === 0) out = data;
    else {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
      } catch (err) {
        const tooBig = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        return {
          kind: 'malformed',
          message: tooBig
            ? 'a zip entry inflates beyond its declared size (a zip bomb?)'
            : 'a zip entry cannot be inflated: the file is damaged',
        };
      }
    }
    if (out.length !== e.uncompressedSize) {
      return {
        kind: 'malformed',
        message: 'a zip entry does not inflate to its declared size: the file is damaged',
      };
    }
    // Workbook XML never has a document type declaration; refusing one rules out entity expansion.
    if (
      /\.(xml|rels|vml)$/i.test(e.name) &&
      Buffer.from(out.buffer, out.byteOffset, out.length).includes('<!DOCTYPE')
    ) {
      return {
        kind: 'malformed',
        message: 'the workbook contains an XML document type declaration, which is not allowed',
      };
    }
  }
  return undefined;
}

/**
 * Sets every entry's modification time to 1980-01-01 00:00 (the zip epoch) so that the same catalog
 * always gives the same bytes (JSZip stamps entries with the current time). Edits a copy.
 */
export function withFixedZipTimestamps(bytes: Uint8Array): Uint8Array {
  const dir = readZipDirectory(bytes);
  if (!('entries' in dir)) throw new Error(`cannot normalise the zip archive: ${dir.message}`);
  const out = Uint8Array.from(bytes);
  const set16 = (at: number, v: number): void => {
    out[at] = v & 0xff;
    out[at + 1] = v >>> 8;
  };
  const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
  for (const e of dir.entries) {
    set16(e.centralOffset + 12, 0);
    set16(e.centralOffset + 14, DOS_DATE_1980_01_01);
    set16(e.localOffset + 10, 0);
    set16(e.localOffset + 12, DOS_DATE_1980_01_01);
  }
  return out;
}
