#!/usr/bin/env node
import { ConfigError, parsePlatformConfig } from './config.js';
import { startPlatform } from './start-platform.js';

/** The platform process: configuration from the environment, stop on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = parsePlatformConfig(process.env);
  const platform = await startPlatform(config);
  process.stdout.write(`tongban platform listening on ${platform.url} (storage: ${config.database.kind})\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    platform.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by `tongban demo start`: stop when it ends (its end of our stdin closes).
  if (process.env['TONGBAN_EXIT_WITH_PARENT'] === '1') process.stdin.once('end', stop).resume();
}

main().catch((e: unknown) => {
  process.stderr.write(
    `tongban platform: ${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e)}\n`,
  );
  process.exit(e instanceof ConfigError ? 78 : 1);
});
