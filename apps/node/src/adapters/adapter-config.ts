import {
  DomainError,
  isIsoDate,
  parseCertificateStatus,
  validateCreditCode,
  type CertificateStatus,
  type HolderKind,
} from '@tongban/domain';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { Secret } from './secret.js';

/** A constant in a mapping, or a value a `map` table turns an upstream value into. */
export type Scalar = string | number | boolean;

/** How an upstream value becomes a certificate value; without one, text, numbers and booleans pass as read. */
export const valueTransforms = ['text', 'date', 'number', 'integer'] as const;
export type ValueTransform = (typeof valueTransforms)[number];

/** Reads a column (SQL) or a JSON path (HTTP) of the upstream record. */
export interface ReadSpec {
  readonly kind: 'read';
  /** The column name (SQL) or the dotted JSON path (HTTP), validated for the adapter's kind. */
  readonly ref: string;
  readonly transform?: ValueTransform | undefined;
  /** Upstream value (as text) → replacement, applied before the transform; unlisted values pass through. */
  readonly map?: ReadonlyMap<string, Scalar | null> | undefined;
}

/** Where one value of a record comes from: the upstream record, or a constant of the mapping. */
export type ValueSpec = ReadSpec | { readonly kind: 'constant'; readonly value: Scalar | null };

/** How one upstream record becomes a certificate's content, identity and version. */
export interface RecordMapping {
  /** The certificate type this adapter serves (catalog code, 21 characters). */
  readonly typeCode: string;
  /** The issuing department's credit code: a constant, or read from the record. */
  readonly issuer: ValueSpec;
  readonly holder: { readonly kind: HolderKind; readonly ref: string };
  /** A GB/T 36904 identifier kept upstream; absent: generated from `key` (see map-record.ts). */
  readonly certificateId?: ReadSpec | undefined;
  /** The upstream row key, the serial of a generated identifier. Required without `certificateId`. */
  readonly key?: ReadSpec | undefined;
  /** The record's version; absent: 1. */
  readonly version?: ValueSpec | undefined;
  readonly status: ValueSpec;
  readonly validFrom: ValueSpec;
  /** Absent: the certificates have no end date (长期). */
  readonly validUntil?: ValueSpec | undefined;
  /** Certificate field name → where its value comes from. Built with fromEntries: own keys only. */
  readonly fields: Readonly<Record<string, ValueSpec>>;
}

interface AdapterCommon extends RecordMapping {
  /** Unique in the file; the source is named `sql:<name>` or `http:<name>` in logs and audit. */
  readonly name: string;
  /** How long one lookup may take upstream, connecting included. */
  readonly timeoutMs: number;
}

/** Where a SQL upstream is; the password stays a {@link Secret}. */
export interface SqlConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: Secret | undefined;
  readonly database: string;
}

/** An adapter onto a table or view of a MariaDB or PostgreSQL database. */
export interface SqlAdapterConfig extends AdapterCommon {
  readonly kind: 'sql';
  readonly dialect: 'mariadb' | 'postgres';
  readonly connection: SqlConnection;
  /** Encrypt the connection and verify the server certificate (the system CA store). */
  readonly tls: boolean;
  /** `table` or `schema.table`, validated as identifiers. */
  readonly table: string;
  /** Extra equality filters (a view holding several types): column = value, all of them. */
  readonly where: readonly { readonly column: string; readonly value: Scalar }[];
  readonly poolSize: number;
}

/** An adapter onto a JSON API. */
export interface HttpAdapterConfig extends AdapterCommon {
  readonly kind: 'http';
  /** http(s) origin and optional base path, without a query, fragment or credentials. */
  readonly baseUrl: string;
  /** Path template for holder lookups: `{holderId}`, `{holderKind}`, `{typeCode}`. */
  readonly byHolder?: string | undefined;
  /** Path template for identifier lookups: `{certificateId}`, `{key}`, `{typeCode}`. */
  readonly byId?: string | undefined;
  readonly headers: readonly { readonly name: string; readonly value: Secret }[];
  /** Path of the record (or array of records) in the response; empty: the body itself. */
  readonly recordPath: readonly string[];
  /** Largest response body read, in bytes. */
  readonly maxBytes: number;
}

export type AdapterConfig = SqlAdapterConfig | HttpAdapterConfig;

/** A parsed adapter file. */
export interface AdaptersConfig {
  readonly adapters: readonly AdapterConfig[];
}

/** Limits that keep a hostile or mistaken file cheap to refuse. */
export const ADAPTER_CONFIG_LIMITS = {
  maxChars: 256 * 1024,
  maxAdapters: 100,
  maxFields: 500,
  maxMapEntries: 1000,
  maxTextLength: 200,
  maxUrlLength: 2000,
  maxDepth: 12,
  maxAliasCount: 20,
  timeoutMs: { min: 10, max: 60_000, default: 2000 },
  poolSize: { min: 1, max: 50, default: 4 },
  maxBytes: { min: 1024, max: 16 * 1024 * 1024, default: 1024 * 1024 },
} as const;

export interface ParseAdapterConfigOptions {
  /**
   * Where `{env: NAME}` references are read (the caller passes process.env, parsed once at start).
   * Absent: any reference is an error.
   */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** `ident` or `schema.ident`: what SQL names may be, so they can be quoted without escaping. */
export const SQL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const SQL_TABLE = /^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63})?$/;
/** A JSON path segment: anything but dots, whitespace and braces, at most 100 characters. */
const JSON_PATH = /^[^.\s{}]{1,100}(\.[^.\s{}]{1,100}){0,15}$/;
const TYPE_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}[0-9]{3}$/;
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
const HOLDER_PLACEHOLDERS = ['holderId', 'holderKind', 'typeCode'] as const;
const ID_PLACEHOLDERS = ['certificateId', 'key', 'typeCode'] as const;
/** Names that mean something to JavaScript objects: refused as field names. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
/** Headers fetch sets itself or that would change how the response is framed. */
const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

type Path = readonly (string | number)[];

/** One problem of the file: where (`adapters[0].table`), what, and its line. */
export interface AdapterConfigProblem {
  readonly field: string;
  readonly message: string;
  readonly line: number;
}

const fieldOf = (path: Path): string =>
  path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isScalarValue = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Collects every problem, so that an operator fixes the whole file in one pass. */
class Reader {
  readonly problems: { path: Path; message: string }[] = [];

  constructor(private readonly env: ParseAdapterConfigOptions['env']) {}

  fail(path: Path, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }

  keys(obj: Record<string, unknown>, path: Path, allowed: readonly string[]): void {
    for (const k of Object.keys(obj))
      if (!allowed.includes(k))
        this.fail([...path, k], `unknown key (expected ${allowed.map((a) => `'${a}'`).join(', ')})`);
  }

  text(v: unknown, path: Path, what: string, max: number = ADAPTER_CONFIG_LIMITS.maxTextLength) {
    if (typeof v !== 'string' || v.trim() === '') return this.fail(path, `${what} must be non-empty text`);
    if (v.length > max) return this.fail(path, `${what} is longer than ${max} characters`);
    return v;
  }

  /** A code must be quoted text: YAML reads an all-digit code as a number and may drop digits. */
  code(v: unknown, path: Path, what: string): string | undefined {
    if (typeof v === 'number') return this.fail(path, `${what} must be text: put it in quotes`);
    return this.text(v, path, what)?.trim();
  }

  int(v: unknown, path: Path, what: string, range: { min: number; max: number; default: number }) {
    if (v === undefined) return range.default;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < range.min || v > range.max)
      return this.fail(path, `${what} must be a whole number from ${range.min} to ${range.max}`);
    return v;
  }

  /**
   * A secret value: literal text, or `{env: NAME}` read from the caller's environment. Messages name
   * the variable, never its value.
   */
  secret(v: unknown, path: Path, what: string): string | undefined {
    if (isRecord(v)) {
      this.keys(v, path, ['env']);
      const name = v['env'];
      if (typeof name !== 'string' || !ENV_NAME.test(name))
        return this.fail([...path, 'env'], 'env must name an environment variable');
      const value = this.env?.[name];
      if (value === undefined || value === '')
        return this.fail([...path, 'env'], `the environment variable ${name} is not set`);
      return value;
    }
    if (typeof v !== 'string' || v === '') return this.fail(path, `${what} must be text or {env: NAME}`);
    return v;
  }

  /** A column (SQL) or a JSON path (HTTP), as the adapter's kind requires. */
  ref(v: unknown, path: Path, kind: AdapterKind): string | undefined {
    const what = kind === 'sql' ? 'column' : 'path';
    if (typeof v !== 'string') return this.fail(path, `${what} must be text`);
    if (kind === 'sql' && !SQL_IDENTIFIER.test(v))
      return this.fail(
        path,
        'a column name is letters, digits and _ (not starting with a digit), at most 64',
      );
    if (kind === 'http' && !JSON_PATH.test(v))
      return this.fail(path, 'a JSON path is names separated by dots, without spaces or braces');
    return v;
  }

  /** `{column|path: …, transform: …, map: {…}}`, each part only where `allow` permits it. */
  read(
    v: unknown,
    path: Path,
    kind: AdapterKind,
    allow: { transform: boolean; map: boolean },
  ): ReadSpec | undefined {
    const refKey = kind === 'sql' ? 'column' : 'path';
    if (!isRecord(v)) return this.fail(path, `expected {${refKey}: …}`);
    this.keys(v, path, [refKey, ...(allow.transform ? ['transform'] : []), ...(allow.map ? ['map'] : [])]);
    if (v[refKey] === undefined) return this.fail([...path, refKey], `${refKey} is required`);
    const ref = this.ref(v[refKey], [...path, refKey], kind);
    let transform: ValueTransform | undefined;
    if (v['transform'] !== undefined) {
      transform = valueTransforms.find((t) => t === v['transform']);
      if (!transform) this.fail([...path, 'transform'], `transform must be ${valueTransforms.join(', ')}`);
    }
    let map: Map<string, Scalar | null> | undefined;
    if (v['map'] !== undefined) {
      const m = v['map'];
      if (!isRecord(m) || Object.keys(m).length === 0)
        this.fail([...path, 'map'], 'map needs a table of upstream value: replacement');
      else if (Object.keys(m).length > ADAPTER_CONFIG_LIMITS.maxMapEntries)
        this.fail([...path, 'map'], `at most ${ADAPTER_CONFIG_LIMITS.maxMapEntries} entries`);
      else {
        map = new Map();
        for (const [from, to] of Object.entries(m)) {
          if (to !== null && !isScalarValue(to))
            this.fail([...path, 'map', from], 'a replacement is text, a number, true/false or null');
          else map.set(from, to);
        }
      }
    }
    if (ref === undefined) return undefined;
    return { kind: 'read', ref, ...(transform ? { transform } : {}), ...(map ? { map } : {}) };
  }

  /** `{column|path: …}` or `{value: …}`; `check` validates a constant (and each `map` replacement). */
  value(
    v: unknown,
    path: Path,
    kind: AdapterKind,
    check: (value: unknown, path: Path) => Scalar | null | undefined,
    allow: { transform: boolean; map: boolean },
  ): ValueSpec | undefined {
    if (isRecord(v) && 'value' in v) {
      this.keys(v, path, ['value']);
      const value = check(v['value'], [...path, 'value']);
      return value === undefined ? undefined : { kind: 'constant', value };
    }
    const spec = this.read(v, path, kind, allow);
    if (spec?.map) for (const [from, to] of spec.map) check(to, [...path, 'map', from]);
    return spec;
  }
}

type AdapterKind = 'sql' | 'http';

function anyValue(r: Reader) {
  return (v: unknown, path: Path): Scalar | null | undefined =>
    isScalarValue(v) || v === null ? v : r.fail(path, 'a constant is text, a number, true/false or null');
}

function statusCheck(r: Reader) {
  return (v: unknown, path: Path): CertificateStatus | undefined =>
    (typeof v === 'string' ? parseCertificateStatus(v) : undefined) ??
    r.fail(path, 'expected a certificate status (valid, suspended, revoked, cancelled, expired, withdrawn)');
}

function dateCheck(r: Reader, allowNull: boolean) {
  return (v: unknown, path: Path): string | null | undefined => {
    if (v === null && allowNull) return null;
    if (typeof v === 'string' && isIsoDate(v)) return v;
    return r.fail(path, allowNull ? 'expected a date (YYYY-MM-DD) or null' : 'expected a date (YYYY-MM-DD)');
  };
}

function issuerCheck(r: Reader) {
  return (v: unknown, path: Path): string | undefined => {
    const code = r.code(v, path, 'the issuing department code');
    if (code === undefined) return undefined;
    // Lenient as checkCertificate is: some real early codes have a wrong 18th character.
    return validateCreditCode(code, { lenientCheck: true }).ok
      ? code
      : r.fail(path, 'not a unified social credit code');
  };
}

function versionCheck(r: Reader) {
  return (v: unknown, path: Path): number | undefined =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= 1
      ? v
      : r.fail(path, 'a version is a whole number from 1');
}

const COMMON_KEYS = [
  'name',
  'kind',
  'typeCode',
  'issuerCode',
  'holder',
  'certificateId',
  'key',
  'version',
  'status',
  'validFrom',
  'validUntil',
  'fields',
  'timeoutMs',
] as const;
const SQL_KEYS = [...COMMON_KEYS, 'dialect', 'url', 'tls', 'table', 'where', 'poolSize'];
const HTTP_KEYS = [...COMMON_KEYS, 'baseUrl', 'byHolder', 'byId', 'headers', 'recordPath', 'maxBytes'];

function readMapping(r: Reader, v: Record<string, unknown>, path: Path, kind: AdapterKind) {
  const refKey = kind === 'sql' ? 'column' : 'path';
  const typeCode = r.code(v['typeCode'], [...path, 'typeCode'], 'typeCode');
  if (typeCode !== undefined && !TYPE_CODE.test(typeCode))
    r.fail([...path, 'typeCode'], 'typeCode must be a certificate type code: a credit code and 3 digits');

  let issuer: ValueSpec | undefined;
  const issuerValue = v['issuerCode'];
  if (issuerValue === undefined)
    r.fail([...path, 'issuerCode'], `issuerCode is required: a code or {${refKey}: …}`);
  else if (isRecord(issuerValue))
    issuer = r.value(issuerValue, [...path, 'issuerCode'], kind, issuerCheck(r), {
      transform: false,
      map: true,
    });
  else {
    const code = issuerCheck(r)(issuerValue, [...path, 'issuerCode']);
    if (code !== undefined) issuer = { kind: 'constant', value: code };
  }

  let holder: RecordMapping['holder'] | undefined;
  const h = v['holder'];
  if (!isRecord(h))
    r.fail([...path, 'holder'], `holder is required: {kind: person|organisation, ${refKey}: …}`);
  else {
    r.keys(h, [...path, 'holder'], ['kind', refKey]);
    const holderKind = h['kind'];
    if (holderKind !== 'person' && holderKind !== 'organisation')
      r.fail([...path, 'holder', 'kind'], 'kind must be person or organisation');
    const ref =
      h[refKey] === undefined
        ? r.fail([...path, 'holder', refKey], `${refKey} is required`)
        : r.ref(h[refKey], [...path, 'holder', refKey], kind);
    if (ref !== undefined && (holderKind === 'person' || holderKind === 'organisation'))
      holder = { kind: holderKind, ref };
  }

  const optionalRead = (name: 'certificateId' | 'key') =>
    v[name] === undefined
      ? undefined
      : r.read(v[name], [...path, name], kind, { transform: false, map: false });
  const certificateId = optionalRead('certificateId');
  const key = optionalRead('key');
  if (v['certificateId'] === undefined && v['key'] === undefined)
    r.fail(
      [...path, 'key'],
      `give certificateId: {${refKey}: …} (a GB/T 36904 identifier upstream) or key: {${refKey}: …} to generate one`,
    );

  const version =
    v['version'] === undefined
      ? undefined
      : r.value(v['version'], [...path, 'version'], kind, versionCheck(r), { transform: false, map: false });

  const required = (
    name: 'status' | 'validFrom',
    check: (value: unknown, path: Path) => Scalar | null | undefined,
  ) =>
    v[name] === undefined
      ? r.fail([...path, name], `${name} is required: {${refKey}: …} or {value: …}`)
      : r.value(v[name], [...path, name], kind, check, { transform: false, map: true });
  const status = required('status', statusCheck(r));
  const validFrom = required('validFrom', dateCheck(r, false));
  const validUntil =
    v['validUntil'] === undefined
      ? undefined
      : r.value(v['validUntil'], [...path, 'validUntil'], kind, dateCheck(r, true), {
          transform: false,
          map: true,
        });

  const fields: [string, ValueSpec][] = [];
  const f = v['fields'];
  if (!isRecord(f))
    r.fail([...path, 'fields'], 'fields must map certificate field names to columns or paths');
  else if (Object.keys(f).length > ADAPTER_CONFIG_LIMITS.maxFields)
    r.fail([...path, 'fields'], `at most ${ADAPTER_CONFIG_LIMITS.maxFields} fields`);
  else
    for (const [name, spec] of Object.entries(f)) {
      const at = [...path, 'fields', name];
      if (!/^[A-Za-z_$][A-Za-z0-9_$]{0,99}$/.test(name) || RESERVED_NAMES.has(name))
        r.fail(at, 'a field name is letters, digits, _ or $ (and not __proto__, constructor or prototype)');
      // A bare string is the column or path: the common case, `taxpayerName: nsrmc`.
      const s =
        typeof spec === 'string'
          ? r.read({ [refKey]: spec }, at, kind, { transform: false, map: false })
          : r.value(spec, at, kind, anyValue(r), { transform: true, map: true });
      if (s) fields.push([name, s]);
    }

  return {
    typeCode,
    issuer,
    holder,
    certificateId,
    key,
    version,
    status,
    validFrom,
    validUntil,
    fields: Object.fromEntries(fields),
  };
}

function readSql(r: Reader, v: Record<string, unknown>, path: Path) {
  r.keys(v, path, SQL_KEYS);
  const dialect = v['dialect'];
  if (dialect !== 'mariadb' && dialect !== 'postgres')
    r.fail([...path, 'dialect'], 'dialect must be mariadb or postgres');
  const rawUrl =
    v['url'] === undefined
      ? r.fail([...path, 'url'], 'url is required')
      : r.secret(v['url'], [...path, 'url'], 'url');
  let connection: SqlConnection | undefined;
  if (rawUrl !== undefined && (dialect === 'mariadb' || dialect === 'postgres'))
    connection = parseConnectionUrl(r, rawUrl, [...path, 'url'], dialect);
  const tls = v['tls'] ?? false;
  if (typeof tls !== 'boolean') r.fail([...path, 'tls'], 'tls must be true or false');
  const table =
    v['table'] === undefined
      ? r.fail([...path, 'table'], 'table is required (a table or view)')
      : typeof v['table'] === 'string' && SQL_TABLE.test(v['table'])
        ? v['table']
        : r.fail([...path, 'table'], 'table must be a name or schema.name of letters, digits and _');
  const where: { column: string; value: Scalar }[] = [];
  const w = v['where'];
  if (w !== undefined) {
    if (!isRecord(w) || Object.keys(w).length > 20)
      r.fail([...path, 'where'], 'where must map up to 20 columns to the values they must equal');
    else
      for (const [column, value] of Object.entries(w)) {
        if (!SQL_IDENTIFIER.test(column)) r.fail([...path, 'where', column], 'not a column name');
        else if (!isScalarValue(value))
          r.fail([...path, 'where', column], 'the value must be text, a number or true/false');
        else where.push({ column, value });
      }
  }
  const poolSize = r.int(v['poolSize'], [...path, 'poolSize'], 'poolSize', ADAPTER_CONFIG_LIMITS.poolSize);
  if (connection === undefined || table === undefined || poolSize === undefined) return undefined;
  return {
    kind: 'sql' as const,
    dialect: dialect as SqlAdapterConfig['dialect'],
    connection,
    tls: tls === true,
    table,
    where,
    poolSize,
  };
}

/**
 * Splits a database URL into what the driver needs, refusing query parameters: drivers read driver
 * options from them (mysql2 would accept multipleStatements=true), and this file is not the place.
 * Messages never repeat the URL: it may carry the password.
 */
function parseConnectionUrl(
  r: Reader,
  raw: string,
  path: Path,
  dialect: SqlAdapterConfig['dialect'],
): SqlConnection | undefined {
  const schemes = dialect === 'mariadb' ? ['mysql:', 'mariadb:'] : ['postgres:', 'postgresql:'];
  const expected =
    dialect === 'mariadb' ? 'mysql://user@host:3306/database' : 'postgres://user@host:5432/database';
  if (raw.length > ADAPTER_CONFIG_LIMITS.maxUrlLength) return r.fail(path, 'url is too long');
  let url: URL;
  let parts: { user: string; password: string; database: string };
  try {
    url = new URL(raw);
    // decodeURIComponent throws on a stray % (a password typed without percent-encoding).
    parts = {
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: decodeURIComponent(url.pathname.replace(/^\//, '')),
    };
  } catch {
    return r.fail(path, `url is not a URL, or has a stray % (expected ${expected}, percent-encoded)`);
  }
  if (!schemes.includes(url.protocol)) return r.fail(path, `url must start with ${schemes.join(' or ')}//`);
  if (url.search !== '' || url.hash !== '')
    return r.fail(path, 'url must not have query parameters or a fragment (use tls: true for TLS)');
  if (url.hostname === '' || parts.user === '' || !SQL_IDENTIFIER.test(parts.database))
    return r.fail(path, `url must name a user, a host and a database (expected ${expected})`);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (dialect === 'mariadb' ? 3306 : 5432) : Number(url.port),
    user: parts.user,
    password: parts.password === '' ? undefined : new Secret(parts.password),
    database: parts.database,
  };
}

/** Control characters (line breaks included): never in a URL template or a header value. */
const hasControl = (s: string): boolean =>
  [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** Checks a path template: relative to the base URL, known placeholders only. */
function template(r: Reader, v: unknown, path: Path, allowed: readonly string[]): string | undefined {
  const t = r.text(v, path, 'the template', ADAPTER_CONFIG_LIMITS.maxUrlLength);
  if (t === undefined) return undefined;
  // `//host/…` would be a protocol-relative URL: another host.
  if (!t.startsWith('/') || t.startsWith('//'))
    return r.fail(path, 'a template is a path starting with one / (relative to baseUrl)');
  if (/[\s#\\]/.test(t) || hasControl(t)) return r.fail(path, 'a template has no spaces, # or \\');
  const names = [...t.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
  const unknown = names.find((n) => !allowed.includes(n));
  if (unknown !== undefined)
    return r.fail(
      path,
      `unknown placeholder {${unknown}} (known: ${allowed.map((a) => `{${a}}`).join(', ')})`,
    );
  if (/[{}]/.test(t.replace(/\{[^{}]*\}/g, ''))) return r.fail(path, 'unbalanced braces');
  return t;
}

function readHttp(r: Reader, v: Record<string, unknown>, path: Path, hasKey: boolean, hasId: boolean) {
  r.keys(v, path, HTTP_KEYS);
  let baseUrl: string | undefined;
  const b = r.text(v['baseUrl'], [...path, 'baseUrl'], 'baseUrl', ADAPTER_CONFIG_LIMITS.maxUrlLength);
  if (b !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(b);
    } catch {
      r.fail([...path, 'baseUrl'], 'baseUrl is not a URL');
    }
    if (url && url.protocol !== 'http:' && url.protocol !== 'https:')
      r.fail([...path, 'baseUrl'], 'baseUrl must be http:// or https://');
    else if (url && (url.username !== '' || url.password !== ''))
      r.fail([...path, 'baseUrl'], 'baseUrl must not carry credentials: use headers with {env: …}');
    else if (url && (url.search !== '' || url.hash !== ''))
      r.fail([...path, 'baseUrl'], 'baseUrl has no query or fragment (put the query in the templates)');
    else if (url) baseUrl = url.href.replace(/\/+$/, '');
  }
  const byHolder =
    v['byHolder'] === undefined
      ? undefined
      : template(r, v['byHolder'], [...path, 'byHolder'], HOLDER_PLACEHOLDERS);
  const byId =
    v['byId'] === undefined ? undefined : template(r, v['byId'], [...path, 'byId'], ID_PLACEHOLDERS);
  if (v['byHolder'] === undefined && v['byId'] === undefined)
    r.fail([...path, 'byHolder'], 'give byHolder, byId or both');
  if (byId?.includes('{key}') && (!hasKey || hasId))
    r.fail(
      [...path, 'byId'],
      '{key} needs key: {path: …} and no certificateId (the identifier is generated)',
    );
  if (byId !== undefined && !byId.includes('{key}') && !byId.includes('{certificateId}'))
    r.fail([...path, 'byId'], 'byId must use {certificateId} or {key}');

  const headers: { name: string; value: Secret }[] = [];
  const hs = v['headers'];
  if (hs !== undefined) {
    if (!isRecord(hs) || Object.keys(hs).length > 20)
      r.fail([...path, 'headers'], 'headers must map up to 20 header names to values');
    else
      for (const [name, value] of Object.entries(hs)) {
        const at = [...path, 'headers', name];
        if (!HEADER_NAME.test(name) || FORBIDDEN_HEADERS.has(name.toLowerCase()))
          r.fail(at, 'not a header name that may be set');
        const resolved = r.secret(value, at, 'a header value');
        if (resolved !== undefined && hasControl(resolved))
          r.fail(at, 'a header value has no line breaks or control characters');
        else if (resolved !== undefined) headers.push({ name, value: new Secret(resolved) });
      }
  }
  let recordPath: string[] = [];
  const rp = v['recordPath'];
  if (rp !== undefined && rp !== '') {
    if (typeof rp !== 'string' || !JSON_PATH.test(rp))
      r.fail([...path, 'recordPath'], 'recordPath is names separated by dots');
    else recordPath = rp.split('.');
  }
  const maxBytes = r.int(v['maxBytes'], [...path, 'maxBytes'], 'maxBytes', ADAPTER_CONFIG_LIMITS.maxBytes);
  if (baseUrl === undefined || maxBytes === undefined) return undefined;
  return {
    kind: 'http' as const,
    baseUrl,
    ...(byHolder === undefined ? {} : { byHolder }),
    ...(byId === undefined ? {} : { byId }),
    headers,
    recordPath,
    maxBytes,
  };
}

function readAdapter(r: Reader, v: unknown, path: Path): AdapterConfig | undefined {
  if (!isRecord(v)) return r.fail(path, 'each adapter is a mapping (name: …, kind: …, …)');
  const name =
    typeof v['name'] === 'string' && NAME.test(v['name'])
      ? v['name']
      : r.fail([...path, 'name'], 'name is required: lower-case letters, digits and -, at most 63');
  const kind = v['kind'];
  if (kind !== 'sql' && kind !== 'http') {
    r.fail([...path, 'kind'], 'kind must be sql or http');
    return undefined;
  }
  const mapping = readMapping(r, v, path, kind);
  const timeoutMs = r.int(
    v['timeoutMs'],
    [...path, 'timeoutMs'],
    'timeoutMs',
    ADAPTER_CONFIG_LIMITS.timeoutMs,
  );
  const specific =
    kind === 'sql'
      ? readSql(r, v, path)
      : readHttp(r, v, path, mapping.key !== undefined, mapping.certificateId !== undefined);
  const { typeCode, issuer, holder, status, validFrom } = mapping;
  if (
    name === undefined ||
    timeoutMs === undefined ||
    specific === undefined ||
    typeCode === undefined ||
    issuer === undefined ||
    holder === undefined ||
    status === undefined ||
    validFrom === undefined ||
    (mapping.certificateId === undefined && mapping.key === undefined)
  )
    return undefined;
  return {
    name,
    timeoutMs,
    typeCode,
    issuer,
    holder,
    ...(mapping.certificateId ? { certificateId: mapping.certificateId } : {}),
    ...(mapping.key ? { key: mapping.key } : {}),
    ...(mapping.version ? { version: mapping.version } : {}),
    status,
    validFrom,
    ...(mapping.validUntil ? { validUntil: mapping.validUntil } : {}),
    fields: mapping.fields,
    ...specific,
  };
}

function readFile(r: Reader, root: unknown): AdaptersConfig | undefined {
  if (!isRecord(root)) return r.fail([], 'the file must be a YAML mapping with an adapters: list');
  r.keys(root, [], ['adapters']);
  const list = root['adapters'];
  if (!Array.isArray(list)) return r.fail(['adapters'], 'adapters must be a list');
  if (list.length > ADAPTER_CONFIG_LIMITS.maxAdapters)
    return r.fail(['adapters'], `at most ${ADAPTER_CONFIG_LIMITS.maxAdapters} adapters`);
  const adapters: AdapterConfig[] = [];
  const names = new Map<string, number>();
  const types = new Map<string, number>();
  list.forEach((item: unknown, i) => {
    const a = readAdapter(r, item, ['adapters', i]);
    if (!a) return;
    // Two adapters for one type would leave the node to pick one silently.
    if (names.has(a.name))
      r.fail(['adapters', i, 'name'], `the name is already used by adapters[${names.get(a.name)}]`);
    if (types.has(a.typeCode))
      r.fail(['adapters', i, 'typeCode'], `adapters[${types.get(a.typeCode)}] already serves this type`);
    names.set(a.name, i);
    types.set(a.typeCode, i);
    adapters.push(a);
  });
  return r.problems.length === 0 ? { adapters } : undefined;
}

/** The line of the node at `path`, or of its nearest ancestor present in the document. */
function lineOf(doc: Document.Parsed, counter: LineCounter, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    const offset = node?.range?.[0];
    if (offset !== undefined) return Math.max(1, counter.linePos(offset).line);
  }
  return 1;
}

/** Deepest nesting of collections, found without recursion (a hostile file may nest deeply). */
function depthOf(root: unknown): number {
  let max = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isMap(node)) {
      max = Math.max(max, depth);
      for (const p of node.items) stack.push({ node: p.value, depth: depth + 1 });
    } else if (isSeq(node)) {
      max = Math.max(max, depth);
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    }
  }
  return max;
}

const invalid = (message: string, field: string, line: number, problems: AdapterConfigProblem[] = []) =>
  new DomainError(
    'VALIDATION_FAILED',
    field === '' ? `${message} (line ${line})` : `${field}: ${message} (line ${line})`,
    {
      field,
      line,
      problems: problems.length > 0 ? problems : [{ field, message, line }],
    },
  );

/**
 * Reads and validates an adapter file (YAML 1.2 core schema; see docs/adapters.md). `{env: NAME}`
 * values are read from `options.env`. Values that may be secret (database passwords, header values)
 * come back as {@link Secret}s.
 *
 * @throws DomainError VALIDATION_FAILED listing every problem: `details.field` is the path of the first
 *   one (`adapters[0].table`), `details.line` its line, `details.problems` all of them. Messages never
 *   repeat a URL, a password or a header value.
 */
export function parseAdapterConfig(
  yamlText: string,
  options: ParseAdapterConfigOptions = {},
): AdaptersConfig {
  if (yamlText.length > ADAPTER_CONFIG_LIMITS.maxChars)
    throw invalid(`the adapter file is larger than ${ADAPTER_CONFIG_LIMITS.maxChars} characters`, '', 1);
  const counter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(yamlText, {
      lineCounter: counter,
      version: '1.2',
      schema: 'core',
      customTags: [],
      merge: false,
      uniqueKeys: true,
      strict: true,
      prettyErrors: false,
    });
  } catch (e) {
    throw invalid(`the YAML cannot be parsed (${(e as Error).name})`, '', 1);
  }
  // Warnings (an unknown tag such as !!js/function) are errors here: nothing in this file needs them.
  const syntax = [...doc.errors, ...doc.warnings][0];
  if (syntax) {
    const line = syntax.linePos?.[0]?.line ?? 1;
    // Only the first line of the parser's message: the rest quotes the file, which may hold a password.
    throw invalid(
      `not valid YAML: ${(syntax.message.split('\n')[0] ?? '').replace(/ at line \d+.*$/, '')}`,
      '',
      line,
    );
  }
  if (doc.contents === null) throw invalid('the file is empty', '', 1);
  if (depthOf(doc.contents) > ADAPTER_CONFIG_LIMITS.maxDepth)
    throw invalid(`values are nested more than ${ADAPTER_CONFIG_LIMITS.maxDepth} levels deep`, '', 1);
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: ADAPTER_CONFIG_LIMITS.maxAliasCount });
  } catch {
    throw invalid('aliases expand to too much data: refused as a possible YAML bomb', '', 1);
  }
  const r = new Reader(options.env);
  const config = readFile(r, root);
  if (config && r.problems.length === 0) return config;
  const problems = r.problems
    .map(({ path, message }) => ({ field: fieldOf(path), message, line: lineOf(doc, counter, path) }))
    .sort((a, b) => a.line - b.line);
  const first = problems[0] ?? { field: '', message: 'the adapter file is invalid', line: 1 };
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new DomainError(
    'VALIDATION_FAILED',
    `${first.field === '' ? '' : `${first.field}: `}${first.message} (line ${first.line})${more}`,
    { field: first.field, line: first.line, problems },
  );
}
