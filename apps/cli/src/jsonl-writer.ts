import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Writes records as JSON Lines with back-pressure, returning the count and the SHA-256 of the file. */
export async function writeJsonLines(
  path: string,
  records: Iterable<unknown>,
  onProgress: (written: number) => void = () => undefined,
): Promise<{ count: number; sha256: string }> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
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
  for (const record of records) {
    buffer += `${JSON.stringify(record)}\n`;
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
