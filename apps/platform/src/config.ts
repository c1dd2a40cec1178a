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
  /** Staff identity: lockout, sessions, the principal cache, the bootstrap admin, OIDC. */
  readonly identity: IdentityConfig;
  /** Consult, seals and federation. */
  readonly consult: ConsultConfig;
}

/** Consult settings (docs/CONSULT.md). */
export interface ConsultConfig {
  /** This platform's id in seals and between peers (PLATFORM_ID, default `tongban-platform`). */
  readonly platformId: string;
  /** Six-digit region code that starts case numbers (PLATFORM_REGION_CODE, default 440100). */
  readonly regionCode: string;
  /** How long a consult waits for each node or peer (CONSULT_NODE_DEADLINE_MS, default 2000). */
  readonly nodeDeadlineMs: number;
  /** How long a sealed copy is valid at most (SEAL_TTL_DAYS, default 30). */
  readonly sealTtlSeconds: number;
  /** How often node health is written to the directory (DIRECTORY_HEALTH_FLUSH_MS, default 2000). */
  readonly healthFlushMs: number;
  /** How often the directory is re-read, for changes made through other copies (DIRECTORY_REFRESH_MS, default 30000). */
  readonly directoryRefreshMs: number;
  /**
   * The base URL peers sign (`@target-uri`) when forwarding a consult here: PLATFORM_PUBLIC_URL
   * when set (behind a proxy), else undefined and taken from the request's Host.
   */
  readonly signedBaseUrl: string | undefined;
  /**
   * PLATFORM_BENCH_PASSTHROUGH=1: serve `POST /api/v1/bench/passthrough/:caseNo`, the consult
   * benchmark's baseline (no identity, policy, signatures, seal or audit). Off by default; never
   * turn it on in production.
   */
  readonly benchPassthrough: boolean;
}

/** Staff identity settings (docs/IDENTITY.md). */
export interface IdentityConfig {
  /** Consecutive failed sign-ins that lock an account (PLATFORM_LOCKOUT_ATTEMPTS, default 5). */
  readonly lockoutAttempts: number;
  /** How long a lock lasts (PLATFORM_LOCKOUT_MINUTES, default 15). */
  readonly lockoutMinutes: number;
  /** How long a session lasts (PLATFORM_SESSION_MINUTES, default 30). */
  readonly sessionMinutes: number;
  /**
   * How long this process trusts a resolved token before asking the database again
   * (PLATFORM_PRINCIPAL_CACHE_SECONDS, default 10, at most 15; 0 turns the cache off). Another copy
   * of the platform sees a sign-out or revocation within this time.
   */
  readonly principalCacheSeconds: number;
  /** The first platform_admin, created on start when there is no account at all. */
  readonly bootstrapAdmin:
    { readonly username: string; readonly password: string; readonly deptCode: string } | undefined;
  /** The city's sign-on; undefined when OIDC_ISSUER is unset (the OIDC routes answer 404). */
  readonly oidc:
    | {
        readonly issuer: string;
        readonly clientId: string;
        readonly clientSecret: string | undefined;
        readonly redirectUri: string;
      }
    | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads PLATFORM_HOST, PLATFORM_PORT, DATABASE_URL (PostgreSQL) or PLATFORM_DATA_DIR (embedded
 * PGlite, the default `.data/platform`), LOG_LEVEL, PLATFORM_BODY_LIMIT, CRYPTO_PROFILE,
 * PLATFORM_KEY_DIR, WITNESS_KEY_DIR, AUDIT_HEAD_EVERY_ENTRIES, AUDIT_HEAD_EVERY_MS,
 * AUDIT_READ_TOKENS and the identity variables (parseIdentityConfig). Fails fast, naming the variable, on any bad value.
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
    identity: parseIdentityConfig(env),
    consult: parseConsultConfig(env),
  });
}

/**
 * PLATFORM_ID, PLATFORM_REGION_CODE, CONSULT_NODE_DEADLINE_MS, SEAL_TTL_DAYS, DIRECTORY_HEALTH_FLUSH_MS,
 * PLATFORM_BENCH_PASSTHROUGH.
 */
function parseConsultConfig(env: Readonly<Record<string, string | undefined>>): ConsultConfig {
  const platformId = env['PLATFORM_ID'] || 'tongban-platform';
  if (!/^[0-9A-Za-z._:-]{1,64}$/.test(platformId))
    throw new ConfigError('PLATFORM_ID must be 1-64 of A-Z a-z 0-9 . _ : -');
  const regionCode = env['PLATFORM_REGION_CODE'] || '440100';
  if (!/^[0-9]{6}$/.test(regionCode)) throw new ConfigError('PLATFORM_REGION_CODE must be six digits');
  return Object.freeze({
    platformId,
    regionCode,
    nodeDeadlineMs: parseIntIn(env, 'CONSULT_NODE_DEADLINE_MS', 2000, 50, 60_000),
    sealTtlSeconds: parseIntIn(env, 'SEAL_TTL_DAYS', 30, 1, 3650) * 86_400,
    healthFlushMs: parseIntIn(env, 'DIRECTORY_HEALTH_FLUSH_MS', 2000, 100, 600_000),
    directoryRefreshMs: parseIntIn(env, 'DIRECTORY_REFRESH_MS', 30_000, 1000, 3_600_000),
    signedBaseUrl: env['PLATFORM_PUBLIC_URL'] || undefined,
    benchPassthrough: parseFlag(env, 'PLATFORM_BENCH_PASSTHROUGH'),
  });
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * PLATFORM_LOCKOUT_ATTEMPTS, PLATFORM_LOCKOUT_MINUTES, PLATFORM_SESSION_MINUTES,
 * PLATFORM_PRINCIPAL_CACHE_SECONDS, PLATFORM_ADMIN_USERNAME + PLATFORM_ADMIN_PASSWORD (+
 * PLATFORM_ADMIN_DEPT_CODE), OIDC_ISSUER + OIDC_CLIENT_ID + OIDC_REDIRECT_URI (+ OIDC_CLIENT_SECRET).
 * Error messages name the variable, never its value.
 */
function parseIdentityConfig(env: Readonly<Record<string, string | undefined>>): IdentityConfig {
  const username = env['PLATFORM_ADMIN_USERNAME'] || undefined;
  const password = env['PLATFORM_ADMIN_PASSWORD'] || undefined;
  if ((username === undefined) !== (password === undefined))
    throw new ConfigError('PLATFORM_ADMIN_USERNAME and PLATFORM_ADMIN_PASSWORD must be set together');
  if (username !== undefined && !USERNAME.test(username))
    throw new ConfigError('PLATFORM_ADMIN_USERNAME must be 1-64 of a-z 0-9 . _ - (lower case)');
  if (password !== undefined && (password.length < 12 || password.length > 256))
    throw new ConfigError('PLATFORM_ADMIN_PASSWORD must be 12 to 256 characters');
  const deptCode = env['PLATFORM_ADMIN_DEPT_CODE'] || '000000000000000000';
  if (!CREDIT_CODE_SHAPE.test(deptCode))
    throw new ConfigError('PLATFORM_ADMIN_DEPT_CODE must be an 18-character credit code');

  const issuer = env['OIDC_ISSUER'] || undefined;
  const clientId = env['OIDC_CLIENT_ID'] || undefined;
  const redirectUri = env['OIDC_REDIRECT_URI'] || undefined;
  const clientSecret = env['OIDC_CLIENT_SECRET'] || undefined;
  if (issuer === undefined && (clientId ?? redirectUri ?? clientSecret) !== undefined)
    throw new ConfigError('OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI need OIDC_ISSUER');
  if (issuer !== undefined) {
    if (clientId === undefined) throw new ConfigError('OIDC_CLIENT_ID is required with OIDC_ISSUER');
    if (redirectUri === undefined) throw new ConfigError('OIDC_REDIRECT_URI is required with OIDC_ISSUER');
    assertSecureUrl('OIDC_ISSUER', issuer);
    assertSecureUrl('OIDC_REDIRECT_URI', redirectUri);
  }
  return Object.freeze({
    lockoutAttempts: parseIntIn(env, 'PLATFORM_LOCKOUT_ATTEMPTS', 5, 1, 100),
    lockoutMinutes: parseIntIn(env, 'PLATFORM_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    sessionMinutes: parseIntIn(env, 'PLATFORM_SESSION_MINUTES', 30, 1, 24 * 60),
    principalCacheSeconds: parseIntIn(env, 'PLATFORM_PRINCIPAL_CACHE_SECONDS', 10, 0, 15),
    bootstrapAdmin:
      username !== undefined && password !== undefined
        ? Object.freeze({ username, password, deptCode })
        : undefined,
    oidc:
      issuer !== undefined && clientId !== undefined && redirectUri !== undefined
        ? Object.freeze({ issuer, clientId, clientSecret, redirectUri })
        : undefined,
  });
}

/** https, or plain http on loopback only (a provider run beside the platform, or a test). */
function assertSecureUrl(name: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw new ConfigError(`${name} must be https (plain http only on loopback)`);
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
