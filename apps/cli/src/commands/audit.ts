import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hashFor, importJwks, parseBase64url } from '@tongban/crypto';
import {
  canonicalJson,
  hashFromHex,
  hashToHex,
  leafHash,
  treeHeadSigningInput,
  verifyInclusion,
  type AuditEntry,
  type SignedTreeHead,
} from '@tongban/domain';
import { exportAuditLog, readAuditLog } from '@tongban/store';
import { lookupFromJwksFile, lookupFromKeyStore } from '../audit/head-keys.js';
import { readAuditExport } from '../audit/read-audit-export.js';
import {
  describeFinding,
  verifyAuditLog,
  type AuditLogCopy,
  type HeadKeys,
} from '../audit/verify-audit-log.js';
import type { CliConfig } from '../config.js';
import { CliError, exitCodes } from '../exit-codes.js';
import { writeLines } from '../jsonl-writer.js';
import { openPlatformStore } from '../open-platform-store.js';

const profileOf = (hashAlg: string): 'international' | 'guomi' => {
  if (hashAlg === 'sha-256') return 'international';
  if (hashAlg === 'sm3') return 'guomi';
  throw new CliError(exitCodes.rejected, `unknown hash algorithm ${JSON.stringify(hashAlg).slice(0, 30)}`);
};

export interface AuditVerifyOptions {
  readonly file?: string;
  readonly jwks?: string;
  readonly witnessJwks?: string;
  readonly json?: boolean;
}

/**
 * `tongban audit verify`: the whole log (the platform database, or an export with --file) against its
 * signed heads. Exit 0 when intact, 5 when anything was altered, removed, inserted or reordered, or a
 * head's signature fails.
 */
export async function auditVerify(
  config: CliConfig,
  options: AuditVerifyOptions,
  out: (line: string) => void,
): Promise<number> {
  let copy: AuditLogCopy & { hashAlg: string | undefined };
  if (options.file) copy = await readAuditExport(options.file);
  else {
    const store = await openPlatformStore(config);
    try {
      const contents = await readAuditLog(store.db);
      copy = { ...contents, entries: contents.entries.map((e) => ({ index: e.index, bytes: e.bytes })) };
    } finally {
      await store.close();
    }
  }
  if (!copy.hashAlg) {
    out('the audit log is empty: nothing to verify');
    return exitCodes.ok;
  }
  const profile = profileOf(copy.hashAlg);
  const keys: HeadKeys = {
    log: options.jwks
      ? await lookupFromJwksFile(options.jwks)
      : await lookupFromKeyStore(config.keyDir, config.cryptoProfile),
    witness: options.witnessJwks
      ? await lookupFromJwksFile(options.witnessJwks)
      : !options.jwks && existsSync(`${config.witnessKeyDir}/keys.json`)
        ? await lookupFromKeyStore(config.witnessKeyDir, config.cryptoProfile)
        : undefined,
  };
  const hash = hashFor(profile);
  const result = verifyAuditLog((d) => hash.digest(d), copy, keys);
  if (options.json) {
    out(
      JSON.stringify(
        {
          intact: result.intact,
          entries: copy.entries.length,
          heads: copy.heads.length,
          trustedHeads: result.trustedHeads,
          signedSize: result.report.signedSize,
          headProblems: result.headProblems,
          findings: result.findings,
        },
        null,
        2,
      ),
    );
  } else {
    out(
      `${copy.entries.length} entries, ${copy.heads.length} signed tree heads (${result.trustedHeads} with valid signatures${keys.witness ? ' and witness cosignatures' : ''}), hash ${copy.hashAlg}`,
    );
    for (const p of result.headProblems) out(`tree head of size ${p.treeSize}: ${p.problem}`);
    for (const f of result.findings) out(describeFinding(f));
    const unsigned = copy.entries.length - result.report.signedSize;
    if (unsigned > 0) out(`${unsigned} entries after the latest signed head are checked for sequence only`);
    out(result.intact ? 'intact: every entry is what the signed heads commit to' : 'NOT INTACT: see above');
  }
  return result.intact ? exitCodes.ok : exitCodes.verification;
}

/** `tongban audit export --out file`: the log as JSON Lines (docs/DATABASE.md), for archiving or checking elsewhere. */
export async function auditExport(
  config: CliConfig,
  outFile: string,
  out: (line: string) => void,
): Promise<number> {
  const store = await openPlatformStore(config);
  try {
    const { count: lines } = await writeLines(outFile, exportAuditLog(store.db), { mode: 0o600 }).catch(
      (e: NodeJS.ErrnoException) => {
        // File-system failures carry a syscall; anything else (the database) keeps its own handling.
        if (!e.syscall) throw e;
        throw new CliError(exitCodes.io, `cannot write ${outFile}: ${e.code ?? e.message}`);
      },
    );
    out(`wrote ${lines} lines to ${outFile}`);
    return exitCodes.ok;
  } finally {
    await store.close();
  }
}

export interface AuditProveOptions {
  readonly index: number;
  /** A signed tree head saved earlier (JSON), which the proof must reach. */
  readonly head: string;
  /** The platform's JWKS saved earlier, to check the head's signature. */
  readonly jwks: string;
  /** The platform's base URL; the entry needs an auditor token (TONGBAN_AUDIT_TOKEN). */
  readonly url: string;
  readonly token?: string | undefined;
}

/**
 * `tongban audit prove`: checks that one entry is in the log a saved signed head commits to, using
 * only public material: the head's signature against a saved JWKS, then the inclusion proof the
 * platform serves (RFC 9162 §2.1.3.2), with the entry's leaf hash computed here from its content.
 */
export async function auditProve(options: AuditProveOptions, out: (line: string) => void): Promise<number> {
  const read = async (path: string): Promise<unknown> => {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as unknown;
    } catch (e) {
      throw new CliError(exitCodes.io, `cannot read ${path} as JSON: ${(e as Error).message}`);
    }
  };
  const head = (await read(options.head)) as SignedTreeHead;
  const verifiers = importJwks(await read(options.jwks));
  const input = treeHeadSigningInput(head);
  const verifier = verifiers.find((v) => v.kid === head.logSignature?.kid);
  const sig = head.logSignature ? parseBase64url(head.logSignature.signature) : undefined;
  if (!verifier || !sig || !verifier.verify(input, sig)) {
    out(
      `the saved head (size ${head.treeSize}) does not carry a valid signature by a key of ${options.jwks}`,
    );
    return exitCodes.verification;
  }
  if (options.index >= head.treeSize)
    throw new CliError(
      exitCodes.usage,
      `index ${options.index} is not below the head's size ${head.treeSize}`,
    );
  const get = async <T>(path: string, auth: boolean): Promise<T> => {
    const res = await fetch(
      `${options.url}${path}`,
      auth && options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {},
    ).catch((e: Error) => {
      throw new CliError(exitCodes.io, `cannot reach ${options.url}: ${e.message}`);
    });
    if (!res.ok)
      throw new CliError(
        exitCodes.rejected,
        `${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`,
      );
    return (await res.json()) as T;
  };
  const { entry } = await get<{ entry: AuditEntry }>(`/api/v1/audit/entries/${options.index}`, true);
  const { proof } = await get<{ proof: string[] }>(
    `/api/v1/audit/proofs/inclusion?index=${options.index}&treeSize=${head.treeSize}`,
    false,
  );
  const hash = hashFor(profileOf(head.hashAlg));
  const h = (d: Uint8Array): Uint8Array => hash.digest(d);
  const leaf = leafHash(h, new TextEncoder().encode(canonicalJson(entry)));
  const ok = verifyInclusion(
    h,
    options.index,
    head.treeSize,
    leaf,
    proof.map((p) => hashFromHex(p)),
    hashFromHex(head.rootHash),
  );
  out(
    ok
      ? `entry ${options.index} (${entry.operation}, leaf ${hashToHex(leaf)}) is included in the signed tree of size ${head.treeSize}`
      : `entry ${options.index} is NOT proven included in the signed tree of size ${head.treeSize}`,
  );
  return ok ? exitCodes.ok : exitCodes.verification;
}
