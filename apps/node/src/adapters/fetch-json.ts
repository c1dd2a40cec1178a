import { SourceUnavailableError } from '@tongban/domain';
import { errorCodeOf, unavailable } from './upstream-error.js';

/** What a JSON upstream said: nothing there, or a parsed body. */
export type JsonAnswer = { readonly found: false } | { readonly found: true; readonly body: unknown };

export interface FetchJsonOptions {
  /** `http:customs`, for messages. */
  readonly source: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
  readonly maxBytes: number;
  /** Redirects followed, and only within the same origin. */
  readonly maxRedirects?: number | undefined;
}

/**
 * GETs a JSON document. 404, 410 and 204 are "not found"; a redirect is followed only to the same
 * origin (scheme, host and port), so the headers, which may carry a token, never go elsewhere; any
 * other status, a network error, a body over `maxBytes` (read incrementally and cut off there), text
 * that is not UTF-8 or not JSON reject with SourceUnavailableError. Messages name the status or
 * error code, never the URL: it carries the holder's ID number.
 */
export async function fetchJson(url: URL, options: FetchJsonOptions): Promise<JsonAnswer> {
  const { source, signal } = options;
  const origin = url.origin;
  let target = url;
  for (let hops = 0; ; hops++) {
    let response: Response;
    try {
      response = await fetch(target, { headers: options.headers, signal, redirect: 'manual' });
    } catch (e) {
      throw unavailable(source, `network error (${errorCodeOf(e)})`);
    }
    const { status } = response;
    if (status >= 300 && status < 400) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      let next: URL | undefined;
      try {
        next = location === null ? undefined : new URL(location, target);
      } catch {
        next = undefined;
      }
      if (!next) throw unavailable(source, `upstream redirected (${status}) without a usable Location`);
      if (next.origin !== origin)
        throw unavailable(source, `upstream redirected (${status}) to another host: refused`);
      if (hops >= (options.maxRedirects ?? 3))
        throw unavailable(source, 'upstream redirected too many times');
      target = next;
      continue;
    }
    if (status === 404 || status === 410 || status === 204) {
      await response.body?.cancel().catch(() => undefined);
      return { found: false };
    }
    if (status !== 200 && status !== 203) {
      await response.body?.cancel().catch(() => undefined);
      throw unavailable(source, `upstream answered ${status}`);
    }
    const text = await readText(response, options);
    try {
      return { found: true, body: JSON.parse(text) as unknown };
    } catch {
      throw unavailable(source, 'upstream answered something that is not JSON');
    }
  }
}

/** The body as UTF-8, refusing more than `maxBytes` without reading past it. */
async function readText(response: Response, options: FetchJsonOptions): Promise<string> {
  const { source, maxBytes } = options;
  const tooLarge = () => unavailable(source, `upstream answer larger than ${maxBytes} bytes: refused`);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof SourceUnavailableError) throw e;
    throw unavailable(source, `upstream answer cut off (${errorCodeOf(e)})`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw unavailable(source, 'upstream answer is not UTF-8 text');
  }
}
