#!/usr/bin/env node
import { ConfigError, parseNodeConfig } from './config.js';
import { startNode } from './start-node.js';

/** `tongban-node`: one department node, configured from the environment (see config.ts). */
async function main(): Promise<void> {
  let config;
  try {
    config = parseNodeConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`configuration error: ${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const node = await startNode(config);
  process.stdout.write(`department node ${config.deptCode} listening on ${node.url}\n`);
  const stop = (): void => {
    void node.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (process.env['TONGBAN_EXIT_WITH_PARENT'] === '1') process.stdin.once('end', stop).resume();
}

await main();
