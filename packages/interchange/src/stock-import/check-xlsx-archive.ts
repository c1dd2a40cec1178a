import { open } from 'node:fs/promises';
import { DomainError } from '@tongban/domain';

/** Bounds on a workbook's zip structure, checked before exceljs reads it. */
export interface XlsxArchiveLimits {
  /** All parts together once inflated, as the zip declares them (4 GiB by default). */
  readonly maxUncompressedBytes?: number | undefined;
  /**
   * The shared-strings part once inflated (256 MiB by default). exceljs keeps this table in memory
   * while it streams the sheet, so it is what bounds an XLSX import's memory.
   */
  readonly maxSharedStringsBytes?: number | undefined;
  readonly maxEntries?: number | undefined;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const END_RECORD = 22;
const MAX_COMMENT = 0xffff;

/**
 * Checks, reading only the start and the central directory at the end of the file, that it is a zip
 * archive holding an XLSX workbook within the limits. The rest is left to the streaming reader.
 *
 * The sizes checked are those the archive declares; the streaming reader does not inflate beyond what
 * it reads, but a lying archive could still make it work longer than the declared sizes suggest. The
 * upload layer bounds the file itself.
 *
 * @throws DomainError MALFORMED_INPUT (not a workbook, damaged, encrypted) or PAYLOAD_TOO_LARGE.
 */
export async function checkXlsxArchive(path: string, limits: XlsxArchiveLimits = {}): Promise<void> {
  const maxTotal = limits.maxUncompressedBytes ?? 4 * 1024 ** 3;
  const maxShared = limits.maxSharedStringsBytes ?? 256 * 1024 ** 2;
  const maxEntries = limits.maxEntries ?? 10_000;
  const refuse = (message: string): never => {
    throw new DomainError('MALFORMED_INPUT', message);
  };
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const read = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    const head = await read(0, 4);
    if (head.length < 4 || head.readUInt32LE(0) !== SIG_LOCAL) {
      if (head.length === 4 && head.readUInt32LE(0) === 0xe011cfd0)
        refuse(
          'this is an old .xls workbook or a password-protected one: save it as .xlsx without a password',
        );
      refuse('this is not an XLSX workbook (not a zip archive)');
    }
    const tailLength = Math.min(size, END_RECORD + MAX_COMMENT);
    const tail = await read(size - tailLength, tailLength);
    let end = -1;
    for (let i = tail.length - END_RECORD; i >= 0; i--) {
      if (tail.readUInt32LE(i) === SIG_END) {
        end = i;
        break;
      }
    }
    if (end < 0) return refuse('the workbook is incomplete (its zip directory is missing): truncated?');
    const entries = tail.readUInt16LE(end + 10);
    const cdSize = tail.readUInt32LE(end + 12);
    const cdOffset = tail.readUInt32LE(end + 16);
    const endOffset = size - tailLength + end;
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
      refuse('ZIP64 workbooks are not accepted');
    if (entries > maxEntries) refuse(`the workbook has more than ${maxEntries} parts`);
    if (cdOffset + cdSize !== endOffset)
      refuse('the workbook is damaged (its zip directory is out of place)');
    const cd = await read(cdOffset, cdSize);
    const names = new Set<string>();
    let total = 0;
    let at = 0;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > cd.length || cd.readUInt32LE(at) !== SIG_CENTRAL)
        refuse('the workbook is damaged (its zip directory cannot be read)');
      const flags = cd.readUInt16LE(at + 8);
      const uncompressed = cd.readUInt32LE(at + 24);
      const nameLength = cd.readUInt16LE(at + 28);
      const name = cd.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      if (flags & 0x1) refuse('the workbook is encrypted: save it without a password');
      if (uncompressed === 0xffffffff) refuse('ZIP64 workbooks are not accepted');
      if (name === 'xl/sharedStrings.xml' && uncompressed > maxShared)
        throw new DomainError(
          'PAYLOAD_TOO_LARGE',
          `the workbook's text table is larger than ${maxShared} bytes`,
        );
      total += uncompressed;
      names.add(name);
      at += 46 + nameLength + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
    }
    if (total > maxTotal)
      throw new DomainError('PAYLOAD_TOO_LARGE', `the workbook would inflate to more than ${maxTotal} bytes`);
    if (!names.has('xl/workbook.xml') || !names.has('[Content_Types].xml'))
      refuse('this zip archive is not an XLSX workbook (it has no xl/workbook.xml)');
  } finally {
    await file.close();
  }
}
