import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes text lines (each already ending in "\n") to a file with back-pressure, buffering small
 * lines into 64 KiB writes; returns how many lines and the SHA-256 of the file.
 */
export async function writeLines(
  path: string,
  lines: Iterable<string> | AsyncIterable<string>,
  options: { readonly mode?: number; readonly onProgress?: (written: number) => void } = {},
): Promise<{ count: number; sha256: string }> {
  const onProgress = options.onProgress ?? (() => undefined);
  const stream = createWriteStream(path, {
    encoding: 'utf8',
    ...(options.mode ? { mode: options.mode } : {}),
  });
  const hash = createHash('sha256');
  const failed = once(stream, 'error').then(([e]) => Promise.reject(e as Error));
  failed.catch(() => undefined);
  let count = 0;
  let buffer = '';
  const flush = async (): Promise<void> => {
    hash.update(buffer, 'utf8');
    if (!stream.write(buffer)) await Promise.race([once(stream, 'drain'), failed]);
    buffer = '';
  };
  for await (const line of lines) {
    buffer += line;
    count++;
    if (buffer.length > 1 << 16) {
      await flush();
      onProgress(count);
    }
  }
  await flush();
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
  onProgress(count);
  return { count, sha256: hash.digest('hex') };
}

/** Writes records as JSON Lines (see writeLines). */
export function writeJsonLines(
  path: string,
  records: Iterable<unknown>,
  onProgress?: (written: number) => void,
): Promise<{ count: number; sha256: string }> {
  function* lines(): Generator<string> {
    for (const record of records) yield `${JSON.stringify(record)}\n`;
  }
  return writeLines(path, lines(), onProgress ? { onProgress } : {});
}
