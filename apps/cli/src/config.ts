import type { DatabaseTarget } from '@tongban/store';
import { CliError, exitCodes } from './exit-codes.js';

/** The CLI's configuration, parsed once from the environment (flags override it per command). */
export interface CliConfig {
  /** Where the platform's data lives: PostgreSQL when DATABASE_URL is set, else PGlite in dataDir. */
  readonly database: DatabaseTarget;
  readonly dataDir: string;
  /** The deployment's algorithms (CRYPTO_PROFILE): international (Ed25519 + SHA-256) or guomi (SM2 + SM3). */
  readonly cryptoProfile: 'international' | 'guomi';
  /** The platform's key store (PLATFORM_KEY_DIR, default <data>/keys/platform). */
  readonly keyDir: string;
  /** The witness's key store (WITNESS_KEY_DIR, default <data>/keys/witness). */
  readonly witnessKeyDir: string;
  /** Whether stderr is a terminal: progress bars only then. */
  readonly interactive: boolean;
  /** The department node the `node` commands work on (NODE_* variables), if one is configured. */
  readonly node: NodeCliConfig | undefined;
  /** A session or API token for commands that call the platform (TONGBAN_TOKEN; never a flag, so it stays out of `ps`). */
  readonly platformToken: string | undefined;
}

/** A department node as the CLI reaches it: its own database (and schema), keys and catalog. */
export interface NodeCliConfig {
  readonly deptCode: string;
  readonly database: DatabaseTarget;
  readonly schema: string | undefined;
  readonly keyDir: string;
  readonly catalogFile: string | undefined;
  /** Where `node start` listens (NODE_HOST, NODE_PORT). */
  readonly host: string;
  readonly port: number;
}

export function parseCliConfig(
  env: Readonly<Record<string, string | undefined>>,
  interactive: boolean,
): CliConfig {
  const url = env['DATABASE_URL'];
  if (url !== undefined && url !== '' && !/^postgres(ql)?:\/\//.test(url))
    throw new CliError(exitCodes.config, 'DATABASE_URL must be a postgres:// URL');
  const dataDir = env['TONGBAN_DATA_DIR'] || '.data';
  const database: DatabaseTarget = url
    ? { kind: 'postgres', url }
    : { kind: 'pglite', dataDir: `${dataDir}/platform` };
  const cryptoProfile = env['CRYPTO_PROFILE'] || 'international';
  if (cryptoProfile !== 'international' && cryptoProfile !== 'guomi')
    throw new CliError(exitCodes.config, 'CRYPTO_PROFILE must be international or guomi');
  const deptCode = env['NODE_DEPT_CODE'] || undefined;
  if (deptCode !== undefined && !/^[0-9A-Z]{18}$/.test(deptCode))
    throw new CliError(exitCodes.config, "NODE_DEPT_CODE must be the department's 18-character credit code");
  const schema = env['NODE_SCHEMA'] || undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new CliError(exitCodes.config, 'NODE_SCHEMA must be a lower-case identifier');
  const node: NodeCliConfig | undefined = deptCode
    ? Object.freeze({
        deptCode,
        database: url
          ? ({ kind: 'postgres', url } as const)
          : { kind: 'pglite' as const, dataDir: env['NODE_DATA_DIR'] || `${dataDir}/node-${deptCode}` },
        schema,
        keyDir: env['NODE_KEY_DIR'] || `${dataDir}/keys/node-${deptCode}`,
        catalogFile: env['NODE_CATALOG'] || undefined,
        host: env['NODE_HOST'] || '127.0.0.1',
        port: /^\d{1,5}$/.test(env['NODE_PORT'] ?? '') ? Number(env['NODE_PORT']) : 8090,
      })
    : undefined;
  return Object.freeze({
    node,
    database,
    dataDir,
    cryptoProfile,
    keyDir: env['PLATFORM_KEY_DIR'] || `${dataDir}/keys/platform`,
    witnessKeyDir: env['WITNESS_KEY_DIR'] || `${dataDir}/keys/witness`,
    interactive,
    platformToken: env['TONGBAN_TOKEN'] || undefined,
  });
}
