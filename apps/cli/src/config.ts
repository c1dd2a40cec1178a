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
  return Object.freeze({
    database,
    dataDir,
    cryptoProfile,
    keyDir: env['PLATFORM_KEY_DIR'] || `${dataDir}/keys/platform`,
    witnessKeyDir: env['WITNESS_KEY_DIR'] || `${dataDir}/keys/witness`,
    interactive,
  });
}
