import { lstat, open } from 'node:fs/promises';
import { CryptoError } from './crypto-error.js';

/**
 * File-system helpers for secrets: owner-only files written durably, and the permission checks
 * a key store makes before trusting what it reads.
 */

const octal = (mode: number): string => (mode & 0o777).toString(8).padStart(3, '0');

/** Creates `path` (failing if it exists) with mode 0600, writes `content` and fsyncs it. */
export async function writeFileDurably(path: string, content: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    // The mode given to open() is reduced by the umask; set it exactly.
    await handle.chmod(0o600);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Fsyncs a directory, so that a rename or link in it survives a crash. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Refuses a key directory that group or others can write (they could swap in their own key) and
 * warns when they can read it.
 */
export async function checkDirectory(dir: string, warn: (m: string) => void): Promise<void> {
  const stats = await lstat(dir);
  if (!stats.isDirectory()) throw new CryptoError('KEY_STORE_CORRUPT', `${dir} is not a directory`);
  if (stats.mode & 0o022)
    throw new CryptoError(
      'KEY_FILE_PERMISSIONS',
      `key directory ${dir} is writable by group or others (mode ${octal(stats.mode)}); chmod 700 it`,
    );
  if (stats.mode & 0o077)
    warn(`key directory ${dir} is readable by group or others (mode ${octal(stats.mode)})`);
}

/** Refuses anything but a regular file, and a file with any of the `forbidden` mode bits. */
export async function checkFile(path: string, forbidden: number, what: string): Promise<void> {
  const stats = await lstat(path);
  // No symbolic links: the key must be the file we vetted, not wherever a link points later.
  if (!stats.isFile()) throw new CryptoError('KEY_STORE_CORRUPT', `${what} ${path} is not a regular file`);
  if (stats.mode & forbidden)
    throw new CryptoError(
      'KEY_FILE_PERMISSIONS',
      `${what} ${path} is accessible to group or others (mode ${octal(stats.mode)}); chmod 600 it`,
    );
}
