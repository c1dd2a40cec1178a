import { readFile, stat } from 'node:fs/promises';
import { verifySeal, type SealVerification, type SignatureAlg } from '@tongban/crypto';
import { InvalidArgumentError } from 'commander';
import { lookupFromJwksFile } from '../audit/head-keys.js';
import { CliError, exitCodes } from '../exit-codes.js';
import { askPlatform, type PlatformSealAnswer } from '../seal/ask-platform.js';
import { describeSeal, summariseSeal, type SealSummary } from '../seal/describe-seal.js';
import { findSeals } from '../seal/find-seals.js';

/** Options of `tongban seal verify`. */
export interface SealVerifyOptions {
  /** The platform's keys saved earlier (GET /api/v1/keys/jwks.json). */
  readonly jwks: string;
  /** The time to check at (default: now). */
  readonly at?: Date | undefined;
  /** The platform to ask whether each good seal is still valid at its source. */
  readonly online?: URL | undefined;
  /** The token `--online` signs in with (TONGBAN_TOKEN). */
  readonly token?: string | undefined;
  readonly json?: boolean | undefined;
}

/** What is reported of one seal. */
interface SealReport {
  readonly path: string;
  readonly ok: boolean;
  readonly reason?: string;
  readonly detail?: string;
  readonly kid?: string;
  readonly alg?: SignatureAlg;
  readonly seal?: SealSummary;
  readonly online?: { readonly valid: boolean; readonly reason?: string; readonly sourceStatus?: string };
}

// A consult answer with every material sealed is far smaller; a larger file is not one of ours,
// and reading it whole would only cost memory.
export const MAX_SEAL_FILE_BYTES = 16 * 1024 * 1024;

async function readSealFile(file: string): Promise<string> {
  const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(exitCodes.io, `cannot read ${file}: ${e.code ?? e.message}`);
  });
  if (!info.isFile()) throw new CliError(exitCodes.io, `cannot read ${file}: not a file`);
  if (info.size > MAX_SEAL_FILE_BYTES)
    throw new CliError(
      exitCodes.rejected,
      `${file} is ${info.size} bytes, larger than any seal or consult answer (${MAX_SEAL_FILE_BYTES} at most)`,
    );
  return readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new CliError(exitCodes.io, `cannot read ${file}: ${e.code ?? e.message}`);
  });
}

function reportOf(path: string, v: SealVerification): SealReport {
  if (v.ok) return { path, ok: true, kid: v.kid, alg: v.alg, seal: summariseSeal(v.payload) };
  return {
    path,
    ok: false,
    reason: v.reason,
    detail: v.detail,
    ...(v.payload ? { seal: summariseSeal(v.payload) } : {}),
  };
}

/** A good offline result, amended by what the platform says about the source. */
function withOnline(report: SealReport, answer: PlatformSealAnswer, base: URL): SealReport {
  const online = {
    valid: answer.valid,
    ...(answer.valid ? {} : { reason: answer.reason }),
    ...(answer.sourceStatus ? { sourceStatus: answer.sourceStatus } : {}),
  };
  if (answer.valid) return { ...report, online };
  const detail =
    answer.reason === 'REVOKED_AT_SOURCE'
      ? `the source reports the certificate as ${answer.sourceStatus ?? 'no longer valid'} (per ${base.origin})`
      : `the platform at ${base.origin} refuses the seal`;
  return { ...report, ok: false, reason: answer.reason, detail, online };
}

function printReport(r: SealReport, out: (line: string) => void): void {
  const label = r.path === '' ? '' : `${r.path}: `;
  out(r.ok ? `${label}seal verified` : `${label}seal refused: ${r.reason}: ${r.detail}`);
  if (r.seal) for (const line of describeSeal(r.seal)) out(line);
  if (r.kid) out(`  key          ${r.kid} (${r.alg})`);
  if (r.online?.valid)
    out(`  at source    valid${r.online.sourceStatus ? ` (status ${r.online.sourceStatus})` : ''}`);
}

/**
 * `tongban seal verify <file> --jwks <jwks.json>`: checks every seal in the file offline against
 * the saved keys (and, with --online, asks the platform about each good one at its source). Exit 0
 * when every seal is good, 5 when any is refused; 1 for a file without a seal or an unusable JWKS,
 * 3 when a file cannot be read or the platform cannot be reached.
 */
/** Hosts a token may be sent to over plain http: this machine only. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function sealVerify(
  file: string,
  options: SealVerifyOptions,
  out: (line: string) => void,
): Promise<number> {
  if (options.online && !options.token)
    throw new CliError(
      exitCodes.config,
      '--online needs TONGBAN_TOKEN: a session or API token of the platform',
    );
  if (options.online && options.online.protocol !== 'https:' && !LOOPBACK.has(options.online.hostname))
    throw new CliError(
      exitCodes.usage,
      '--online sends the token: use https (plain http only to this machine)',
    );
  const lookup = await lookupFromJwksFile(options.jwks);
  const found = findSeals(await readSealFile(file));
  if (!found.ok) throw new CliError(exitCodes.rejected, `${file}: ${found.problem}`);
  const now = options.at ?? new Date();
  const reports: SealReport[] = [];
  for (const { path, jws } of found.seals) {
    let report = reportOf(
      path,
      verifySeal(jws, (kid) => lookup(kid, now), now),
    );
    // Only seals that hold offline are worth asking about; a forgery needs no second opinion.
    if (report.ok && options.online)
      report = withOnline(
        report,
        await askPlatform(options.online, jws, options.token ?? ''),
        options.online,
      );
    reports.push(report);
  }
  if (options.json) out(JSON.stringify({ seals: reports }, null, 2));
  else for (const r of reports) printReport(r, out);
  return reports.every((r) => r.ok) ? exitCodes.ok : exitCodes.verification;
}

/**
 * `--at`: an ISO 8601 time with its offset (a date alone means its midnight UTC). A time without an
 * offset is refused: read in the checker's own zone, the same command would answer differently on
 * another machine.
 */
export function parseAtTime(value: string): Date {
  const t = Date.parse(value);
  if (
    !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ||
    Number.isNaN(t)
  )
    throw new InvalidArgumentError('an ISO 8601 time with offset, such as 2026-11-26T12:00:00+08:00');
  return new Date(t);
}

/** `--online`: the platform's base URL, http or https. */
export function parsePlatformUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('a URL, such as https://platform.example');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError('an http or https URL');
  return url;
}
