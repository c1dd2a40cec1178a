import type { DatabaseTarget } from '@tongban/store';

/** The platform's configuration, parsed once at start from the environment and frozen. */
export interface PlatformConfig {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseTarget;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit: number;
  /** The public base URL printed in logs and used in problem `instance` links. */
  readonly publicUrl: string;
  /** The deployment's algorithms: Ed25519 + SHA-256, or SM2 + SM3 (国密). */
  readonly cryptoProfile: 'international' | 'guomi';
  /** The platform's key store folder (0700; keys 0600). */
  readonly keyDir: string;
  /** The witness's key store folder: the supervision authority's key that cosigns tree heads. */
  readonly witnessKeyDir: string | undefined;
  /** Signed tree heads after this many entries or milliseconds, whichever comes first. */
  readonly auditHeadEvery: { readonly entries: number; readonly milliseconds: number };
  /** Bearer tokens that may read audit entries (which name data subjects). */
  readonly auditReadTokens: readonly string[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads PLATFORM_HOST, PLATFORM_PORT, DATABASE_URL (PostgreSQL) or PLATFORM_DATA_DIR (embedded
 * PGlite, the default `.data/platform`), LOG_LEVEL, PLATFORM_BODY_LIMIT, CRYPTO_PROFILE,
 * PLATFORM_KEY_DIR, WITNESS_KEY_DIR, AUDIT_HEAD_EVERY_ENTRIES, AUDIT_HEAD_EVERY_MS,
 * AUDIT_READ_TOKENS. Fails fast, naming the variable, on any bad value.
 */
export function parsePlatformConfig(env: Readonly<Record<string, string | undefined>>): PlatformConfig {
  const host = env['PLATFORM_HOST'] ?? '127.0.0.1';
  const port = parseIntIn(env, 'PLATFORM_PORT', 8080, 0, 65535);
  const url = env['DATABASE_URL'];
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url))
    throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  const database: DatabaseTarget = url
    ? { kind: 'postgres', url }
    : { kind: 'pglite', dataDir: env['PLATFORM_DATA_DIR'] ?? '.data/platform' };
  const logLevel = env['LOG_LEVEL'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const bodyLimit = parseIntIn(env, 'PLATFORM_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024);
  const publicUrl = env['PLATFORM_PUBLIC_URL'] ?? `http://${host}:${port}`;
  const cryptoProfile = env['CRYPTO_PROFILE'] ?? 'international';
  if (cryptoProfile !== 'international' && cryptoProfile !== 'guomi')
    throw new ConfigError('CRYPTO_PROFILE must be international or guomi');
  const keyDir = env['PLATFORM_KEY_DIR'] || '.data/keys/platform';
  const witnessKeyDir = env['WITNESS_KEY_DIR'] || undefined;
  const auditHeadEvery = Object.freeze({
    entries: parseIntIn(env, 'AUDIT_HEAD_EVERY_ENTRIES', 1000, 1, 1_000_000),
    milliseconds: parseIntIn(env, 'AUDIT_HEAD_EVERY_MS', 10_000, 100, 86_400_000),
  });
  const auditReadTokens = Object.freeze(
    (env['AUDIT_READ_TOKENS'] ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  );
  if (auditReadTokens.some((t) => t.length < 24))
    throw new ConfigError('AUDIT_READ_TOKENS must each be at least 24 characters');
  return Object.freeze({
    host,
    port,
    database: Object.freeze(database),
    logLevel: logLevel as PlatformConfig['logLevel'],
    bodyLimit,
    publicUrl,
    cryptoProfile,
    keyDir,
    witnessKeyDir,
    auditHeadEvery,
    auditReadTokens,
  });
}

function parseIntIn(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}`);
  return n;
}
