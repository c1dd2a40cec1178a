import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SignedTreeHead } from '@tongban/domain';
import { CliError, exitCodes } from '../exit-codes.js';
import type { AuditLogCopy } from './verify-audit-log.js';

const utf8 = new TextEncoder();
const HEX32 = /^[0-9a-f]{64}$/;

/** The sequence number an entry claims: its own `index` field (hashed with it), or -1 if unreadable. */
export function claimedIndex(canonical: string): number {
  try {
    const index = (JSON.parse(canonical) as { index?: unknown }).index;
    return typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 ? index : -1;
  } catch {
    return -1;
  }
}

/**
 * Reads an export made by `tongban audit export` (JSON Lines: header, heads, pruned ranges, leaf
 * hashes, entries, end; see docs/DATABASE.md). A file without its end line is truncated and refused;
 * a malformed line names its number. Entry bytes are the exported canonical text, never re-serialised.
 */
export async function readAuditExport(path: string): Promise<AuditLogCopy & { hashAlg: string }> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  const entries: { index: number; bytes: Uint8Array }[] = [];
  const heads: SignedTreeHead[] = [];
  const pruned: { fromIndex: number; toIndex: number }[] = [];
  const leafHashes: string[] = [];
  let hashAlg: string | undefined;
  let fromIndex = 0;
  let endCount: number | undefined;
  let ended = false;
  let n = 0;
  const bad = (why: string): never => {
    throw new CliError(exitCodes.rejected, `${path}:${n}: ${why}`);
  };
  try {
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      if (ended) bad('content after the end line');
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return bad('not a JSON line');
      }
      switch (record['type']) {
        case 'header':
          if (record['format'] !== 'tongban-audit-log' || record['version'] !== 1)
            bad('not a tongban audit log export (format 1)');
          hashAlg = typeof record['hashAlg'] === 'string' ? record['hashAlg'] : undefined;
          fromIndex = typeof record['fromIndex'] === 'number' ? record['fromIndex'] : 0;
          break;
        case 'head': {
          const { type: _type, ...head } = record;
          heads.push(head as unknown as SignedTreeHead);
          break;
        }
        case 'pruned':
          pruned.push({ fromIndex: Number(record['fromIndex']), toIndex: Number(record['toIndex']) });
          break;
        case 'leaves': {
          const from = record['fromIndex'];
          const list = record['leafHashes'];
          if (
            typeof from !== 'number' ||
            !Array.isArray(list) ||
            !list.every((h) => typeof h === 'string' && HEX32.test(h))
          )
            bad('a leaves line has fromIndex and a list of 64-digit hex hashes');
          (list as string[]).forEach((h, i) => (leafHashes[(from as number) + i] = h));
          break;
        }
        case 'entry': {
          const canonical = record['canonical'];
          if (typeof canonical !== 'string') bad('an entry line carries its canonical text');
          entries.push({ index: claimedIndex(canonical as string), bytes: utf8.encode(canonical as string) });
          break;
        }
        case 'end':
          ended = true;
          endCount = typeof record['entries'] === 'number' ? record['entries'] : undefined;
          break;
        default:
          bad(`unknown line type ${JSON.stringify(record['type'])?.slice(0, 40)}`);
      }
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      exitCodes.io,
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  if (!hashAlg) throw new CliError(exitCodes.rejected, `${path}: no header line naming the hash algorithm`);
  if (!ended) throw new CliError(exitCodes.rejected, `${path}: truncated (no end line)`);
  if (endCount !== entries.length)
    throw new CliError(
      exitCodes.rejected,
      `${path}: the end line counts ${endCount ?? '?'} entries, the file holds ${entries.length}`,
    );
  // A partial export starts at fromIndex: the entries before it are absent by design.
  if (fromIndex > 0) pruned.push({ fromIndex: 0, toIndex: fromIndex });
  const firstGap = leafHashes.findIndex((h) => h === undefined);
  return {
    hashAlg,
    entries,
    heads,
    pruned,
    leafHashes: firstGap === -1 ? leafHashes : leafHashes.slice(0, firstGap),
  };
}
