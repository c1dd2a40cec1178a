// Runs one benchmark: `node bench/run.js <name>` runs bench/<name>.js (npm run bench -- <name>).
// Benchmarks import the built packages (dist), so `npm run bench` builds first. The list is every
// bench/*.js but this one (audit-append, node-lookup, …); arguments after the name stay in
// process.argv for the benchmark (`npm run bench -- node-lookup --records 1000000`).
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js')
  .map((f) => f.slice(0, -3))
  .sort();
const name = process.argv[2];
if (name === undefined || !available.includes(name)) {
  console.error(`usage: node bench/run.js <name>   (one of: ${available.join(', ') || 'none'})`);
  process.exit(2);
}
await import(pathToFileURL(`${here}/${name}.js`).href);
