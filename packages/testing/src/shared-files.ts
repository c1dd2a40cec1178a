import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's shared material (published test vectors, real government files) lives in a `shared/`
 * folder beside the repository. Tests find it by walking up from here, or from SHARED_DIR when set.
 * A missing folder is a failure, never a skip: vectors that are not checked pin nothing.
 */
export function sharedDir(): string {
  const fromEnv = process.env['SHARED_DIR'];
  if (fromEnv) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'shared');
    if (existsSync(join(candidate, 'vectors'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('shared/ with vectors/ not found beside the repository; set SHARED_DIR');
}

export function sharedPath(...parts: string[]): string {
  return join(sharedDir(), ...parts);
}

/** Reads a published test-vector file from shared/vectors. */
export function readVectors<T = unknown>(name: 'identifiers' | 'crypto'): T {
  return JSON.parse(readFileSync(sharedPath('vectors', `${name}.json`), 'utf8')) as T;
}
