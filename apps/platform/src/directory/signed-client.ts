import { requestDigestOf, signRequest, verifyResponse, type KeyLookup, type Signer } from '@tongban/crypto';
import { Pool } from 'undici';

/** Why a signed call to a node or peer platform did not give a verified answer. */
export type CallFailure = 'TIMEOUT' | 'SOURCE_ERROR' | 'SOURCE_UNVERIFIED';

export type SignedCallResult =
  | {
      readonly ok: true;
      readonly status: number;
      readonly body: unknown;
      /** SHA-256 of the answer's signature base: what a seal records as the source's response. */
      readonly responseDigest: string;
      readonly latencyMs: number;
    }
  | {
      readonly ok: false;
      readonly failure: CallFailure;
      readonly detail: string;
      readonly latencyMs: number;
    };

export interface SignedCall {
  readonly baseUrl: string;
  readonly path: string;
  readonly body: unknown;
  readonly signer: Signer;
  /** The keys the answer must be signed with (the entry's published JWKS). */
  readonly keyLookup: KeyLookup;
  readonly deadlineMs: number;
  readonly now: () => Date;
}

const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Signed HTTP between the platform and the parties in its directory: the request is signed per
 * RFC 9421 with Content-Digest and a fresh nonce; the answer must be signed by one of the party's
 * keys and bound to this request (its digest echoed), within the deadline. Connections are pooled
 * per origin with keep-alive, since a busy window calls the same nodes all day.
 */
export class SignedClient {
  readonly #pools = new Map<string, Pool>();

  async call(c: SignedCall): Promise<SignedCallResult> {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    const url = new URL(c.path, c.baseUrl);
    const body = JSON.stringify(c.body);
    const baseHeaders = { 'content-type': 'application/json' };
    let signed;
    try {
      signed = await signRequest({ method: 'POST', url: url.href, headers: baseHeaders, body }, c.signer, {
        now: c.now(),
        ttlSeconds: 60,
      });
    } catch (e) {
      return {
        ok: false,
        failure: 'SOURCE_ERROR',
        detail: `cannot sign: ${String(e)}`,
        latencyMs: elapsed(),
      };
    }
    const headers = { ...baseHeaders, ...signed };
    const requestDigest = requestDigestOf({ method: 'POST', url: url.href, headers, body });
    if (!requestDigest)
      return { ok: false, failure: 'SOURCE_ERROR', detail: 'no request digest', latencyMs: elapsed() };
    const signal = AbortSignal.timeout(c.deadlineMs);
    let status: number;
    let answerHeaders: Record<string, string | string[] | undefined>;
    let raw: Buffer;
    try {
      const res = await this.#pool(url.origin).request({
        method: 'POST',
        path: url.pathname + url.search,
        headers,
        body,
        signal,
        headersTimeout: c.deadlineMs,
        bodyTimeout: c.deadlineMs,
      });
      status = res.statusCode;
      answerHeaders = res.headers;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > MAX_ANSWER_BYTES) {
          res.body.destroy();
          return { ok: false, failure: 'SOURCE_ERROR', detail: 'answer too large', latencyMs: elapsed() };
        }
        chunks.push(chunk as Buffer);
      }
      raw = Buffer.concat(chunks);
    } catch (e) {
      const timedOut =
        signal.aborted || (e instanceof Error && /timeout|aborted/i.test(`${e.name} ${e.message}`));
      return {
        ok: false,
        failure: timedOut ? 'TIMEOUT' : 'SOURCE_ERROR',
        detail: e instanceof Error ? e.message : String(e),
        latencyMs: elapsed(),
      };
    }
    const verified = await verifyResponse(
      { status, headers: answerHeaders, body: raw },
      { requestDigest, keyLookup: c.keyLookup, now: c.now() },
    );
    if (!verified.ok)
      return {
        ok: false,
        failure: status >= 500 ? 'SOURCE_ERROR' : 'SOURCE_UNVERIFIED',
        detail: `${verified.code}: status ${status}`,
        latencyMs: elapsed(),
      };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return { ok: false, failure: 'SOURCE_ERROR', detail: 'answer is not JSON', latencyMs: elapsed() };
    }
    return { ok: true, status, body: parsed, responseDigest: verified.responseDigest, latencyMs: elapsed() };
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });
      this.#pools.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#pools.values()].map((p) => p.close()));
    this.#pools.clear();
  }
}
