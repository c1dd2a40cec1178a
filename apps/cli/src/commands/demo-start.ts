import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliConfig } from '../config.js';
import { CliError, exitCodes } from '../exit-codes.js';
import { generateDemoCity } from '@tongban/demo';
import { openFileKeyStore } from '@tongban/crypto';
import { DEMO_ADMIN_USERNAME, demoConsultExample, demoSecret, seedDemoAccess } from '../demo/demo-access.js';
import { demoNodesDatabase, planDemoNodes, seedDemoNodes, writeNodesSpec } from '../demo/demo-nodes.js';
import { createProgress } from '../progress.js';
import { runAppProcess } from '../run-app-process.js';
import { demoGenerate, type DemoManifest } from './demo-generate.js';

export interface DemoStartOptions {
  readonly seed: string;
  readonly port: number;
  readonly host: string;
  /** Node i listens on nodePortBase + 1 + i. */
  readonly nodePortBase: number;
}

/**
 * `tongban demo prepare`: what a first start needs before any server runs: the demo city generated
 * and published, and each department node loaded with its share of the certificates. Both steps
 * are skipped when already done for this seed. `demo start` runs it as a child process, so the
 * memory the generator and the loading take is returned before the servers start.
 */
export async function demoPrepare(
  config: CliConfig,
  options: { readonly seed: string; readonly nodePortBase: number },
  out: (line: string) => void,
): Promise<number> {
  const demoDir = join(config.dataDir, 'demo');
  const manifest = await readFile(join(demoDir, 'manifest.json'), 'utf8').then(
    (t) => JSON.parse(t) as DemoManifest,
    () => undefined,
  );
  if (!manifest || manifest.seed !== options.seed || manifest.catalogVersion === undefined) {
    out(`generating the demo city into ${demoDir} (first start only)...`);
    await demoGenerate(config, { seed: options.seed, scale: 1, out: demoDir, publish: true }, out);
  } else {
    out(
      `demo city already generated in ${demoDir} (seed ${manifest.seed}); delete ${config.dataDir} to start afresh`,
    );
  }

  // The department nodes: one per department, on one shared database, each loaded once with its
  // share of the demo certificates (a second start finds them there).
  const city = generateDemoCity({ seed: options.seed, scale: 1 });
  const plans = planDemoNodes(city, config.dataDir, options.nodePortBase);
  const nodesDatabase = demoNodesDatabase(config.database, config.dataDir);
  const seededMarker = join(demoDir, 'nodes-seeded');
  const seeded = await readFile(seededMarker, 'utf8').then(
    (t) => t.trim() === options.seed,
    () => false,
  );
  if (!seeded) {
    out(
      `loading each department node with its share of the ${city.counts.certificates} demo certificates...`,
    );
    const progress = createProgress(config.interactive);
    progress.start(city.counts.certificates, 'certificates ');
    const { total } = await seedDemoNodes(city, plans, nodesDatabase, config.cryptoProfile, (n) =>
      progress.update(n),
    );
    progress.stop();
    await writeFile(seededMarker, `${options.seed}\n`);
    out(`loaded ${total} certificates into ${plans.length} department nodes`);
  }
  return exitCodes.ok;
}

/**
 * `tongban demo start` (what `npm start` runs): prepares the demo city on first use (embedded
 * storage under the data folder), starts the platform and every department node, and prints where
 * to look. Runs until Ctrl-C.
 */
export async function demoStart(
  config: CliConfig,
  options: DemoStartOptions,
  out: (line: string) => void,
): Promise<number> {
  const demoDir = join(config.dataDir, 'demo');
  const prepared = await runCliChild([
    'demo',
    'prepare',
    '--seed',
    options.seed,
    '--node-port-base',
    String(options.nodePortBase),
  ]);
  if (prepared !== exitCodes.ok) return prepared;
  const url = `http://${options.host}:${options.port}`;
  const auditorToken = await demoAuditorToken(demoDir);
  const city = generateDemoCity({ seed: options.seed, scale: 1 });
  const plans = planDemoNodes(city, config.dataDir, options.nodePortBase);
  const nodesDatabase = demoNodesDatabase(config.database, config.dataDir);
  // The nodes accept only requests signed by the platform's keys: register them (the JWKS file).
  const platformKeys = await openFileKeyStore(config.keyDir, { profile: config.cryptoProfile });
  const platformJwksFile = join(demoDir, 'platform-jwks.json');
  await writeFile(platformJwksFile, `${JSON.stringify(platformKeys.jwks(new Date()), null, 2)}\n`);
  const nodesSpecFile = join(demoDir, 'nodes.json');
  await writeNodesSpec(nodesSpecFile, {
    database: nodesDatabase,
    catalogFile: join(demoDir, 'catalog.json'),
    platformJwksFile,
    cryptoProfile: config.cryptoProfile,
    host: options.host,
    logLevel: process.env['LOG_LEVEL'] ?? 'warn',
    nodes: plans,
  });

  const env: Record<string, string> = {
    PLATFORM_HOST: options.host,
    PLATFORM_PORT: String(options.port),
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
    CRYPTO_PROFILE: config.cryptoProfile,
    PLATFORM_KEY_DIR: config.keyDir,
    WITNESS_KEY_DIR: config.witnessKeyDir,
    AUDIT_READ_TOKENS: auditorToken,
    PLATFORM_ID: 'shifan-city',
    PLATFORM_REGION_CODE: '449900',
    // The platform creates its first administrator from these when it has no account at all.
    PLATFORM_ADMIN_USERNAME: DEMO_ADMIN_USERNAME,
    PLATFORM_ADMIN_PASSWORD: await demoSecret(demoDir, 'admin-password'),
    PLATFORM_ADMIN_DEPT_CODE: city.catalog.departments[0]!.creditCode,
  };
  if (config.database.kind === 'pglite' && config.database.dataDir)
    env['PLATFORM_DATA_DIR'] = config.database.dataDir;
  const nodeUrls = plans.map((p) => `http://${options.host}:${p.port}`);
  const [child, nodesChild] = await Promise.all([
    runAppProcess('the platform', '@tongban/platform/main', env, [url]),
    runAppProcess(
      'the department nodes',
      '@tongban/node/nodes-main',
      { NODES_SPEC: nodesSpecFile },
      nodeUrls,
    ),
  ]);
  const staffPassword = await demoSecret(demoDir, 'staff-password');
  const access = await seedDemoAccess({
    url,
    city,
    plans,
    host: options.host,
    demoDir,
    profile: config.cryptoProfile,
    adminPassword: env['PLATFORM_ADMIN_PASSWORD']!,
    staffPassword,
    out,
  });
  if (access.created > 0) out(`created ${access.created} demo staff accounts`);
  out('');
  out(
    `Tongban demo city 示范市 is running (${config.database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}):`,
  );
  out(`  platform API     ${url}/api/v1/items`);
  out(`  OpenAPI 3.1      ${url}/api/v1/openapi.json`);
  out(`  departments      ${url}/api/v1/departments`);
  out(`  catalog versions ${url}/api/v1/catalog/versions`);
  out(
    `  audit log        ${url}/api/v1/audit/tree-heads/latest  (entries: Authorization: Bearer $(cat ${demoDir}/auditor-token))`,
  );
  out(`  public keys      ${url}/api/v1/keys/jwks.json  ${url}/api/v1/keys/witness.jwks.json`);
  out(`  health           ${url}/healthz  ${url}/readyz`);
  out(`  demo population  ${demoDir}/ (persons, organisations, certificates, cases as JSON Lines)`);
  out(
    `  department nodes ${plans.length}, ${nodeUrls[0] ?? ''} … ${nodeUrls.at(-1) ?? ''} (signed lookups only; list in ${nodesSpecFile})`,
  );
  for (const p of plans.slice(0, 3))
    out(`    ${p.name.padEnd(14, '　')} http://${options.host}:${p.port}/node/v1/keys/jwks.json`);
  out(
    `  directory        ${url}/api/v1/directory  (every node registered with its keys; health as consults run)`,
  );
  out('');
  out(
    'Sign in as staff of any department: <dept>.clerk, <dept>.reviewer, <dept>.admin; also supervisor, auditor.',
  );
  out(
    `  password: ${demoDir}/staff-password; the platform admin "${DEMO_ADMIN_USERNAME}": ${demoDir}/admin-password`,
  );
  const example = demoConsultExample(city);
  if (example) {
    out(
      `Try a consult: ${example.itemName}, for an applicant whose ${example.typeName} a node holds (docs/CONSULT.md):`,
    );
    out(
      `  TOKEN=$(curl -s ${url}/api/v1/auth/sign-in -H 'content-type: application/json' -d "{\\"username\\":\\"${example.username}\\",\\"password\\":\\"$(cat ${demoDir}/staff-password)\\"}" | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
    );
    out(
      `  CASE=$(curl -s ${url}/api/v1/cases -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"itemCode":"${example.itemCode}","applicant":{"kind":"person","id":"${example.applicantId}"},"applicantName":"申请人","explicitRequest":{"method":"signed_form"}}' | sed -E 's/.*"caseNo":"([0-9]+)".*/\\1/')`,
    );
    out(`  curl -s -X POST ${url}/api/v1/cases/$CASE/consult -H "authorization: Bearer $TOKEN"`);
  }
  out('Press Ctrl-C to stop.');

  const forward = (signal: NodeJS.Signals) => () => {
    child.kill(signal);
    nodesChild.kill(signal);
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  // Either process ending ends the demo: the other one is stopped too.
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', (c) => {
      nodesChild.kill('SIGTERM');
      resolve(c);
    });
    nodesChild.once('exit', (c) => {
      child.kill('SIGTERM');
      resolve(c);
    });
  });
  return code === 0 || code === null ? exitCodes.ok : exitCodes.internal;
}

/** The demo's auditor token: made once, kept in a 0600 file beside the demo data, never printed. */
async function demoAuditorToken(demoDir: string): Promise<string> {
  const path = join(demoDir, 'auditor-token');
  const existing = await readFile(path, 'utf8').then(
    (t) => t.trim(),
    () => '',
  );
  if (existing.length >= 24) return existing;
  const token = randomBytes(24).toString('base64url');
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  return token;
}

/** Runs this CLI again as a child (same environment, output passed through); resolves its exit code. */
async function runCliChild(args: readonly string[]): Promise<number> {
  const main = process.argv[1];
  if (!main) throw new CliError(exitCodes.internal, 'cannot find the CLI entry point');
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? exitCodes.internal)));
}
