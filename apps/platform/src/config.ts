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
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads PLATFORM_HOST, PLATFORM_PORT, DATABASE_URL (PostgreSQL) or PLATFORM_DATA_DIR (embedded
 * PGlite, the default `.data/platform`), LOG_LEVEL, PLATFORM_BODY_LIMIT. Fails fast, naming the
 * variable, on any bad value.
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
  return Object.freeze({
    host,
    port,
    database: Object.freeze(database),
    logLevel: logLevel as PlatformConfig['logLevel'],
    bodyLimit,
    publicUrl,
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
