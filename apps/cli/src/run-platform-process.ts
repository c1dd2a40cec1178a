import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CliError, exitCodes } from './exit-codes.js';

/**
 * Runs the platform as its own process (apps never import each other) and resolves once it
 * answers /readyz, with its base URL. The child inherits stdout/stderr.
 */
export async function runPlatformProcess(env: Record<string, string>, url: string): Promise<ChildProcess> {
  const main = fileURLToPath(import.meta.resolve('@tongban/platform/main'));
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(
        new CliError(
          exitCodes.internal,
          `the platform exited with code ${code ?? 'null'} before it was ready`,
        ),
      ),
    ),
  );
  exited.catch(() => undefined);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ready = await Promise.race([
      fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ]);
    if (ready) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new CliError(exitCodes.internal, 'the platform did not become ready within 60 s');
}
