import {
  normaliseIdentifier,
  validateCertificateId,
  type CertificateSource,
  type CertificateType,
  type SourceQuery,
  type SourceRecord,
} from '@tongban/domain';
import type { HttpAdapterConfig } from './adapter-config.js';
import { withDeadline } from './deadline.js';
import { fetchJson } from './fetch-json.js';
import { keyOfCertificateId } from './map-record.js';
import { resolveRecord } from './resolve-record.js';
import { unavailable } from './upstream-error.js';

export interface HttpAdapterOptions {
  /** The catalog's type for `config.typeCode`: records are checked against it before they leave. */
  readonly certificateType?: CertificateType | undefined;
}

/** What may be put into a URL path: what holder IDs and certificate identifiers are made of. */
const URL_SAFE_VALUE = /^[0-9A-Z.]{1,200}$/;

/** Reads a dotted path in parsed JSON; own properties only, so `__proto__` reads nothing. */
export function readJsonPath(value: unknown, path: readonly string[]): unknown {
  let at: unknown = value;
  for (const segment of path) {
    if (Array.isArray(at) && /^(0|[1-9]\d{0,8})$/.test(segment)) at = at[Number(segment)];
    else if (typeof at === 'object' && at !== null && !Array.isArray(at) && Object.hasOwn(at, segment))
      at = (at as Record<string, unknown>)[segment];
    else return undefined;
  }
  return at;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fills a path template; each value is percent-encoded (they are already limited to [0-9A-Z.]). */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

/**
 * A {@link CertificateSource} onto a vertically managed department's JSON API. A lookup is one GET
 * built from the `byHolder` or `byId` template, bounded by `config.timeoutMs` and the caller's
 * signal; the record (or array of records) at `recordPath` is mapped, chosen and checked by
 * {@link resolveRecord}. See {@link fetchJson} for what counts as not found and as unavailable.
 */
export function openHttpAdapter(
  config: HttpAdapterConfig,
  options: HttpAdapterOptions = {},
): CertificateSource {
  const name = `http:${config.name}`;
  const context = { source: name, mapping: config, type: options.certificateType };
  const base = new URL(config.baseUrl);
  let closed = false;

  /** The URL for a query, or undefined when the query cannot match (so the upstream is not asked). */
  const urlFor = (query: SourceQuery): URL | undefined => {
    let path: string;
    if (query.by === 'holder') {
      const id = normaliseIdentifier(query.holder.id);
      if (query.holder.kind !== config.holder.kind || !URL_SAFE_VALUE.test(id)) return undefined;
      if (config.byHolder === undefined)
        throw unavailable(name, 'this upstream cannot be asked by holder (no byHolder template)');
      path = fill(config.byHolder, {
        holderId: id,
        holderKind: query.holder.kind,
        typeCode: config.typeCode,
      });
    } else {
      const check = validateCertificateId(query.certificateId);
      if (!check.ok) return undefined;
      if (config.byId === undefined)
        throw unavailable(name, 'this upstream cannot be asked by identifier (no byId template)');
      const key = config.byId.includes('{key}') ? keyOfCertificateId(config, check.value) : '';
      if (key === undefined) return undefined;
      path = fill(config.byId, { certificateId: check.value, key, typeCode: config.typeCode });
    }
    const url = new URL(config.baseUrl + path);
    // The templates were checked to be paths; this is the invariant they exist for.
    if (url.origin !== base.origin) throw unavailable(name, 'the template leads to another host');
    return url;
  };

  return {
    name,
    typeCodes: new Set([config.typeCode]),
    async find(query: SourceQuery, signal?: AbortSignal): Promise<SourceRecord | undefined> {
      if (closed) throw unavailable(name, 'the adapter is closed');
      if (query.typeCode !== config.typeCode) return undefined;
      const url = urlFor(query);
      if (!url) return undefined;
      const headers = new Headers({ accept: 'application/json' });
      for (const h of config.headers) headers.set(h.name, h.value.reveal());
      const answer = await withDeadline(name, config.timeoutMs, signal, (deadline) =>
        fetchJson(url, { source: name, headers, signal: deadline, maxBytes: config.maxBytes }),
      );
      if (!answer.found) return undefined;
      const at = readJsonPath(answer.body, config.recordPath);
      // An explicit null or [] says "none"; a body without the path at all is not the API we know.
      if (at === undefined) throw unavailable(name, 'upstream answer has nothing at recordPath');
      if (at === null) return undefined;
      const records = Array.isArray(at) ? at : [at];
      if (!records.every(isPlainObject))
        throw unavailable(name, 'upstream answer has no record object at recordPath');
      const readers = records.map((record) => (ref: string) => readJsonPath(record, ref.split('.')));
      return resolveRecord(context, readers, query);
    },
    close(): Promise<void> {
      // Connections belong to fetch's shared pool; closing only stops further lookups.
      closed = true;
      return Promise.resolve();
    },
  };
}
