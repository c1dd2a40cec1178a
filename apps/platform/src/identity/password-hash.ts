import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: N = 2^ln, block size r, parallelism p. */
export interface ScryptParams {
  readonly ln: number;
  readonly r: number;
  readonly p: number;
}

/**
 * Today's cost: N = 2^15, r = 8, p = 1 (32 MiB and tens of milliseconds per hash, OWASP's
 * minimum). Stored hashes carry their own parameters, so this can be raised later: sign-in
 * re-hashes a password whose hash is weaker than this ({@link PasswordHasher.needsRehash}).
 */
export const CURRENT_SCRYPT: ScryptParams = Object.freeze({ ln: 15, r: 8, p: 1 });

const SALT_BYTES = 32;
const KEY_BYTES = 64;
/** Bounds for parameters read back from storage: a corrupt row must not cost gigabytes. */
const LIMITS = { ln: [10, 20], r: [1, 32], p: [1, 16] } as const;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22,})\$([A-Za-z0-9+/]{22,})$/;

/** scrypt needs 128·N·r bytes; allow twice that so Node's default 32 MiB cap does not refuse it. */
const optionsOf = ({ ln, r, p }: ScryptParams): ScryptOptions => ({
  N: 2 ** ln,
  r,
  p,
  maxmem: 256 * 2 ** ln * r,
});

const derive = (password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, optionsOf(params), (e, key) =>
      e ? reject(e) : resolve(key),
    ),
  );

/** PHC strings use standard base64 without padding. */
const b64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

/** `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (PHC string format). */
export async function hashPassword(
  password: string,
  params: ScryptParams = CURRENT_SCRYPT,
  salt: Buffer = randomBytes(SALT_BYTES),
): Promise<string> {
  const key = await derive(password, salt, KEY_BYTES, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(encoded: string): ParsedHash | undefined {
  const m = PHC.exec(encoded);
  if (!m) return undefined;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  for (const name of ['ln', 'r', 'p'] as const)
    if (params[name] < LIMITS[name][0] || params[name] > LIMITS[name][1]) return undefined;
  return { params, salt: Buffer.from(m[4]!, 'base64'), key: Buffer.from(m[5]!, 'base64') };
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** True when the stored hash is not made with today's parameters (or cannot be read). */
export function needsRehash(encoded: string, params: ScryptParams = CURRENT_SCRYPT): boolean {
  const parsed = parseHash(encoded);
  return (
    !parsed ||
    parsed.params.ln < params.ln ||
    parsed.params.r < params.r ||
    parsed.params.p < params.p ||
    parsed.key.length < KEY_BYTES
  );
}

/** Hashing and checking passwords, with a dummy hash so unknown usernames cost the same time. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * Checks `password` against `encoded`; with no hash (unknown user, OIDC-only account) it checks
   * against a dummy hash of today's cost and answers false, so the time taken does not tell.
   */
  verify(password: string, encoded: string | undefined): Promise<boolean>;
  needsRehash(encoded: string): boolean;
}

export function createPasswordHasher(params: ScryptParams = CURRENT_SCRYPT): PasswordHasher {
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hashPassword(password, params),
    verify: async (password, encoded) => {
      if (encoded !== undefined) return verifyPassword(password, encoded);
      dummy ??= hashPassword(randomBytes(24).toString('base64url'), params);
      await verifyPassword(password, await dummy);
      return false;
    },
    needsRehash: (encoded) => needsRehash(encoded, params),
  };
}
