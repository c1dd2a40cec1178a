import { sealFailureReasons, type SealFailureReason } from '@tongban/domain';
import { CliError, exitCodes } from '../exit-codes.js';

/** The platform's answer about one seal, as far as the CLI relies on it. */
export type PlatformSealAnswer =
  | { readonly valid: true; readonly sourceStatus: string | undefined }
  | {
      readonly valid: false;
      readonly reason: SealFailureReason | 'UNKNOWN';
      readonly sourceStatus: string | undefined;
    };

// The answer comes from the network: only short plain words reach the terminal.
const word = (value: unknown): string | undefined =>
  typeof value === 'string' && /^[A-Za-z_-]{1,32}$/.test(value) ? value : undefined;

const ONLINE_TIMEOUT_MS = 10_000;

/**
 * Asks the platform whether a seal is still good at its source (`POST {base}/api/v1/seals/verify`,
 * body `{seal}`, answer `{valid, reason?, sourceStatus?}`): the one check a saved JWKS cannot do,
 * since only the source knows whether the certificate was revoked since. Throws a CliError: io when
 * the platform cannot be reached, rejected when it answers with an error or an unreadable body.
 * The platform answers only signed-in callers: `token` is a session or API token (TONGBAN_TOKEN).
 */
export async function askPlatform(base: URL, seal: string, token: string): Promise<PlatformSealAnswer> {
  const url = new URL('api/v1/seals/verify', base.href.endsWith('/') ? base : new URL(`${base.href}/`));
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ seal }),
    signal: AbortSignal.timeout(ONLINE_TIMEOUT_MS),
  }).catch((e: Error) => {
    throw new CliError(exitCodes.io, `cannot reach ${url.origin}: ${e.message}`);
  });
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    // Only the problem's stable code reaches the terminal, never the body as sent.
    let code: string | undefined;
    try {
      code = word((JSON.parse(text) as Record<string, unknown> | null)?.['code']);
    } catch {
      code = undefined;
    }
    throw new CliError(exitCodes.rejected, `${url.href}: HTTP ${response.status}${code ? ` ${code}` : ''}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new CliError(exitCodes.rejected, `${url.href}: the answer is not JSON`);
  }
  const answer = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof answer['valid'] !== 'boolean')
    throw new CliError(exitCodes.rejected, `${url.href}: the answer has no boolean "valid"`);
  const sourceStatus = word(answer['sourceStatus']);
  if (answer['valid']) return { valid: true, sourceStatus };
  const reason = word(answer['reason']);
  return {
    valid: false,
    reason: (sealFailureReasons as readonly string[]).includes(reason ?? '')
      ? (reason as SealFailureReason)
      : 'UNKNOWN',
    sourceStatus,
  };
}
