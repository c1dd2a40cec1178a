import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CliError, exitCodes } from './exit-codes.js';

/**
 * Runs a server app as its own process (apps never import each other: the CLI only resolves the
 * path of the app's entry) and resolves once every given URL answers its /readyz. The child
 * inherits stdout and stderr.
 */
export async function runAppProcess(
  what: string,
  entry: string,
  env: Record<string, string>,
  urls: readonly string[],
  timeoutMs = 120_000,
): Promise<ChildProcess> {
  const main = fileURLToPath(import.meta.resolve(entry));
  // The child's stdin is a pipe from us: when this process ends, however abruptly, the pipe
  // closes and the child stops too (TONGBAN_EXIT_WITH_PARENT), so no server is left orphaned.
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env, TONGBAN_EXIT_WITH_PARENT: '1' },
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(
        new CliError(exitCodes.internal, `${what} exited with code ${code ?? 'null'} before it was ready`),
      ),
    ),
  );
  exited.catch(() => undefined);
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(urls);
  while (Date.now() < deadline) {
    for (const url of [...pending]) {
      const ready = await Promise.race([
        fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        ),
        exited,
      ]);
      if (ready) pending.delete(url);
    }
    if (pending.size === 0) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new CliError(exitCodes.internal, `${what} did not become ready within ${timeoutMs / 1000} s`);
}
