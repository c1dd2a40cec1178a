import type { CertificateContent, Holder } from '../certificate/types.js';

/** A record as a source serves it for a lookup: content plus identity and version. */
export interface SourceRecord extends CertificateContent {
  readonly certificateId: string;
  readonly version: number;
}

/** Where a lookup reads: by identifier, or the current certificate of a holder for a type. */
export type SourceQuery =
  | { readonly by: 'id'; readonly typeCode: string; readonly certificateId: string }
  | { readonly by: 'holder'; readonly typeCode: string; readonly holder: Holder };

/**
 * The port behind every lookup: the node's own store, or an adapter onto an upstream system (垂管).
 * `find` resolves undefined when there is no such record, and rejects with SourceUnavailableError
 * when the upstream cannot answer (down, slow, malformed): the node then answers `unavailable`.
 */
export interface CertificateSource {
  /** A short name for logs and health (`store`, `sql:tax`, `http:customs`). */
  readonly name: string;
  /** The types this source answers for. */
  readonly typeCodes: ReadonlySet<string>;
  find(query: SourceQuery, signal?: AbortSignal): Promise<SourceRecord | undefined>;
  close(): Promise<void>;
}

/** An upstream that could not answer. Its message is for the log only: it never reaches the caller. */
export class SourceUnavailableError extends Error {
  override readonly name = 'SourceUnavailableError';
}

/**
 * Which of several holder records a holder lookup answers with: a valid one before any other, then
 * the latest validity start (a renewed licence before the one it replaced).
 */
export function pickCurrent<T extends CertificateContent>(records: readonly T[]): T | undefined {
  return [...records].sort(
    (a, b) =>
      Number(b.status === 'valid') - Number(a.status === 'valid') || b.validFrom.localeCompare(a.validFrom),
  )[0];
}
