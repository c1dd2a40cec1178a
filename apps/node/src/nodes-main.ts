#!/usr/bin/env node
import { hostNodes, readNodesSpec } from './host-nodes.js';

/**
 * `tongban-nodes`: hosts several department nodes in one process on one database (NODES_SPEC names
 * the JSON spec). This is how the demo city runs its nodes; production runs `tongban-node` once per
 * department, each with its own PostgreSQL database.
 */
const specFile = process.env['NODES_SPEC'];
if (!specFile) {
  process.stderr.write('configuration error: NODES_SPEC must name a nodes spec file\n');
  process.exit(78);
}
const hosted = await hostNodes(await readNodesSpec(specFile));
process.stdout.write(`${hosted.nodes.length} department nodes listening\n`);
const stop = (): void => {
  void hosted.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
// Started by `tongban demo start`: stop when it ends (its end of our stdin closes).
if (process.env['TONGBAN_EXIT_WITH_PARENT'] === '1') process.stdin.once('end', stop).resume();
