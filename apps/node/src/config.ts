import type { DatabaseTarget } from '@tongban/store';

/** A department node's configuration, parsed once at start from the environment and frozen. */
export interface NodeConfig {
  /** The node's department: its 统一社会信用代码. Also the node's id. */
  readonly deptCode: string;
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseTarget;
  /** The database schema of this node (several nodes may share one database, one schema each). */
  readonly schema: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest request body accepted, in bytes (lookups are small: 16 KiB by default). */
  readonly bodyLimit: number;
  /** The base URL the platform calls, if it differs from the Host header (behind a proxy). */
  readonly publicUrl: string | undefined;
  readonly cryptoProfile: 'international' | 'guomi';
  /** The node's key store folder (0700; keys 0600). */
  readonly keyDir: string;
  /** The catalog file (our JSON or YAML format) the node checks records and requests against. */
  readonly catalogFile: string;
  /** The platform's public keys (a JWKS file): only requests signed by one of them are served. */
  readonly platformJwksFile: string;
  /** Upstream adapters (YAML), for a vertically managed department. */
  readonly adaptersFile: string | undefined;
  /** Oldest acceptable signature `created`, in seconds. */
  readonly signatureMaxAgeSeconds: number;
  /** How long an upstream system may take to answer one lookup, in milliseconds. */
  readonly upstreamTimeoutMs: number;
  readonly auditHeadEvery: { readonly entries: number; readonly milliseconds: number };
  /**
   * NODE_BENCH_PASSTHROUGH=1: serve `POST /node/v1/bench/passthrough`, the consult benchmark's
   * baseline (a record read with no signature, policy or audit). Off by default; never turn it on
   * in production.
   */
  readonly benchPassthrough: boolean;
  /**
   * Registration in the platform's directory (NODE_PLATFORM_URL + NODE_PLATFORM_TOKEN, an API token
   * of this department with dept_admin; NODE_NAME): on start, then every NODE_REGISTER_EVERY_S
   * (default 300), so a key rotation reaches the platform. Undefined: an operator registers it.
   */
  readonly registration:
    | {
        readonly platformUrl: string;
        readonly token: string;
        readonly name: string;
        readonly everySeconds: number;
      }
    | undefined;
  /** The environment as read at start: where `{env: NAME}` in the adapters file is resolved. */
  readonly environment: Readonly<Record<string, string | undefined>>;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads NODE_DEPT_CODE, NODE_HOST, NODE_PORT, DATABASE_URL (PostgreSQL) or NODE_DATA_DIR (embedded
 * PGlite, default `.data/node-<dept>`), NODE_SCHEMA, LOG_LEVEL, NODE_BODY_LIMIT, NODE_PUBLIC_URL,
 * CRYPTO_PROFILE, NODE_KEY_DIR, NODE_CATALOG, NODE_PLATFORM_JWKS, NODE_ADAPTERS,
 * NODE_SIGNATURE_MAX_AGE, NODE_UPSTREAM_TIMEOUT_MS, AUDIT_HEAD_EVERY_ENTRIES, AUDIT_HEAD_EVERY_MS,
 * NODE_BENCH_PASSTHROUGH.
 * Fails fast, naming the variable, on any bad value.
 */
export function parseNodeConfig(env: Readonly<Record<string, string | undefined>>): NodeConfig {
  const deptCode = env['NODE_DEPT_CODE'] ?? '';
  if (!/^[0-9A-Z]{18}$/.test(deptCode))
    throw new ConfigError("NODE_DEPT_CODE must be the department's 18-character credit code");
  const host = env['NODE_HOST'] ?? '127.0.0.1';
  const port = parseIntIn(env, 'NODE_PORT', 8090, 0, 65535);
  const url = env['DATABASE_URL'];
  if (url !== undefined && url !== '' && !/^postgres(ql)?:\/\//.test(url))
    throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  const database: DatabaseTarget = url
    ? { kind: 'postgres', url }
    : { kind: 'pglite', dataDir: env['NODE_DATA_DIR'] || `.data/node-${deptCode}` };
  const schema = env['NODE_SCHEMA'] || undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new ConfigError('NODE_SCHEMA must be a lower-case identifier');
  const logLevel = env['LOG_LEVEL'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const cryptoProfile = env['CRYPTO_PROFILE'] ?? 'international';
  if (cryptoProfile !== 'international' && cryptoProfile !== 'guomi')
    throw new ConfigError('CRYPTO_PROFILE must be international or guomi');
  const catalogFile = required(env, 'NODE_CATALOG');
  const platformJwksFile = required(env, 'NODE_PLATFORM_JWKS');
  return Object.freeze({
    deptCode,
    host,
    port,
    database: Object.freeze(database),
    schema,
    logLevel: logLevel as NodeConfig['logLevel'],
    bodyLimit: parseIntIn(env, 'NODE_BODY_LIMIT', 16 * 1024, 1024, 16 * 1024 * 1024),
    publicUrl: env['NODE_PUBLIC_URL'] || undefined,
    cryptoProfile,
    keyDir: env['NODE_KEY_DIR'] || `.data/keys/node-${deptCode}`,
    catalogFile,
    platformJwksFile,
    adaptersFile: env['NODE_ADAPTERS'] || undefined,
    signatureMaxAgeSeconds: parseIntIn(env, 'NODE_SIGNATURE_MAX_AGE', 60, 1, 3600),
    upstreamTimeoutMs: parseIntIn(env, 'NODE_UPSTREAM_TIMEOUT_MS', 2000, 10, 120_000),
    auditHeadEvery: Object.freeze({
      entries: parseIntIn(env, 'AUDIT_HEAD_EVERY_ENTRIES', 1000, 1, 1_000_000),
      milliseconds: parseIntIn(env, 'AUDIT_HEAD_EVERY_MS', 10_000, 100, 86_400_000),
    }),
    benchPassthrough: parseFlag(env, 'NODE_BENCH_PASSTHROUGH'),
    registration: parseRegistration(env, deptCode),
    environment: Object.freeze({ ...env }),
  });
}

function parseRegistration(
  env: Readonly<Record<string, string | undefined>>,
  deptCode: string,
): NodeConfig['registration'] {
  const platformUrl = env['NODE_PLATFORM_URL'] || undefined;
  const token = env['NODE_PLATFORM_TOKEN'] || undefined;
  if (platformUrl === undefined && token === undefined) return undefined;
  if (platformUrl === undefined || token === undefined)
    throw new ConfigError('NODE_PLATFORM_URL and NODE_PLATFORM_TOKEN must be set together');
  if (!/^https?:\/\/[^\s]+$/.test(platformUrl))
    throw new ConfigError('NODE_PLATFORM_URL must be an http(s) URL');
  return Object.freeze({
    platformUrl: platformUrl.replace(/\/$/, ''),
    token,
    name: env['NODE_NAME'] || `node ${deptCode}`,
    everySeconds: parseIntIn(env, 'NODE_REGISTER_EVERY_S', 300, 10, 86_400),
  });
}

function required(env: Readonly<Record<string, string | undefined>>, name: string): string {
  const v = env[name];
  if (!v) throw new ConfigError(`${name} is required`);
  return v;
}

/** A 0/1 switch (unset or empty is off). */
function parseFlag(env: Readonly<Record<string, string | undefined>>, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  throw new ConfigError(`${name} must be 0 or 1`);
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
