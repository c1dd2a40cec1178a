import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliConfig } from '../config.js';
import { exitCodes } from '../exit-codes.js';
import { runPlatformProcess } from '../run-platform-process.js';
import { demoGenerate, type DemoManifest } from './demo-generate.js';

export interface DemoStartOptions {
  readonly seed: string;
  readonly port: number;
  readonly host: string;
}

/**
 * `tongban demo start` (what `npm start` runs): generates the demo city on first use (embedded
 * storage under the data folder), starts the platform and prints where to look. Runs until Ctrl-C.
 */
export async function demoStart(
  config: CliConfig,
  options: DemoStartOptions,
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

  const url = `http://${options.host}:${options.port}`;
  const auditorToken = await demoAuditorToken(demoDir);
  const env: Record<string, string> = {
    PLATFORM_HOST: options.host,
    PLATFORM_PORT: String(options.port),
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
    CRYPTO_PROFILE: config.cryptoProfile,
    PLATFORM_KEY_DIR: config.keyDir,
    WITNESS_KEY_DIR: config.witnessKeyDir,
    AUDIT_READ_TOKENS: auditorToken,
  };
  if (config.database.kind === 'pglite' && config.database.dataDir)
    env['PLATFORM_DATA_DIR'] = config.database.dataDir;
  const child = await runPlatformProcess(env, url);
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
  out('Press Ctrl-C to stop.');

  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
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
