import { inspect } from 'node:util';
import { DomainError } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseAdapterConfig, type SqlAdapterConfig } from './adapter-config.js';
import { adapterDepts, taxRegistrationType } from './adapter-fixtures.js';

const PASSWORD = 'S3cret-pw!';
const TOKEN = 'tok-0123456789abcdef';

const sqlAdapter = (): Record<string, unknown> => ({
  name: 'tax-registration',
  kind: 'sql',
  dialect: 'mariadb',
  url: { env: 'TAX_DB_URL' },
  table: 'tax.v_tax_registration',
  where: { zslx: '01' },
  typeCode: taxRegistrationType.code,
  issuerCode: adapterDepts.cityTax,
  holder: { kind: 'organisation', column: 'nsrsbh' },
  key: { column: 'id' },
  version: { column: 'revision' },
  status: { column: 'zt', map: { '1': 'valid', '2': 'cancelled', '3': '吊销' } },
  validFrom: { column: 'djrq' },
  validUntil: { column: 'yxqz', map: { '9999-12-31': null } },
  fields: {
    taxpayerName: 'nsrmc',
    registeredOn: { column: 'djrq', transform: 'date' },
    registeredCapital: { column: 'zczb', transform: 'number' },
  },
  timeoutMs: 1500,
});

const httpAdapter = (): Record<string, unknown> => ({
  name: 'customs',
  kind: 'http',
  baseUrl: 'http://127.0.0.1:9000/api/',
  byHolder: '/registrations?holder={holderId}&type={typeCode}',
  byId: '/registrations/{certificateId}',
  headers: { Authorization: { env: 'CUSTOMS_TOKEN' }, 'X-Caller': 'tongban' },
  recordPath: 'data.items',
  typeCode: `${adapterDepts.maritime}002`,
  issuerCode: { path: 'issuer.code' },
  holder: { kind: 'organisation', path: 'holder.id' },
  certificateId: { path: 'id' },
  status: { path: 'state' },
  validFrom: { path: 'validity.from' },
  fields: { name: 'holder.name' },
});

const env = {
  TAX_DB_URL: `mysql://reader:${encodeURIComponent(PASSWORD)}@db.example:3307/tax`,
  CUSTOMS_TOKEN: TOKEN,
};

const parse = (doc: unknown, e: Record<string, string> = env) =>
  parseAdapterConfig(typeof doc === 'string' ? doc : stringify(doc), { env: e });

/** The DomainError a bad file gives, for assertions on code, field and message. */
function failure(doc: unknown, e: Record<string, string> = env): DomainError {
  try {
    parse(doc, e);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected the file to be refused');
}

const withSql = (patch: Record<string, unknown>) => ({ adapters: [{ ...sqlAdapter(), ...patch }] });
const withHttp = (patch: Record<string, unknown>) => ({ adapters: [{ ...httpAdapter(), ...patch }] });

describe('parseAdapterConfig: a valid file', () => {
  it('reads a SQL and an HTTP adapter with their mappings', () => {
    const { adapters } = parse({ adapters: [sqlAdapter(), httpAdapter()] });
    expect(adapters).toHaveLength(2);
    const sql = adapters[0] as SqlAdapterConfig;
    expect(sql).toMatchObject({
      kind: 'sql',
      name: 'tax-registration',
      dialect: 'mariadb',
      table: 'tax.v_tax_registration',
      where: [{ column: 'zslx', value: '01' }],
      timeoutMs: 1500,
      poolSize: 4,
      tls: false,
      issuer: { kind: 'constant', value: adapterDepts.cityTax },
      holder: { kind: 'organisation', ref: 'nsrsbh' },
      key: { kind: 'read', ref: 'id' },
      fields: {
        taxpayerName: { kind: 'read', ref: 'nsrmc' },
        registeredOn: { kind: 'read', ref: 'djrq', transform: 'date' },
      },
    });
    expect(sql.connection).toMatchObject({ host: 'db.example', port: 3307, user: 'reader', database: 'tax' });
    expect(sql.connection.password?.reveal()).toBe(PASSWORD);
    expect(sql.status.kind === 'read' && [...(sql.status.map ?? [])]).toEqual([
      ['1', 'valid'],
      ['2', 'cancelled'],
      ['3', '吊销'],
    ]);
    expect(adapters[1]).toMatchObject({
      kind: 'http',
      baseUrl: 'http://127.0.0.1:9000/api',
      recordPath: ['data', 'items'],
      maxBytes: 1024 * 1024,
      timeoutMs: 2000,
    });
  });

  it('never prints the password or a token, however the configuration is logged', () => {
    const config = parse({ adapters: [sqlAdapter(), httpAdapter()] });
    for (const text of [
      JSON.stringify(config),
      inspect(config, { depth: 20 }),
      `${(config.adapters[0] as SqlAdapterConfig).connection.password?.toString()}`,
    ]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(TOKEN);
    }
    expect(JSON.stringify(config)).toContain('[redacted]');
  });

  it('accepts a literal URL and a postgres dialect', () => {
    const { adapters } = parse(withSql({ dialect: 'postgres', url: 'postgres://reader@10.0.0.5/maritime' }));
    expect((adapters[0] as SqlAdapterConfig).connection).toMatchObject({
      host: '10.0.0.5',
      port: 5432,
      password: undefined,
    });
  });
});

describe('parseAdapterConfig: malformed and hostile files', () => {
  it.each([
    ['', 'the file is empty'],
    ['adapters: [', 'not valid YAML'],
    ['- just\n- a list\n', 'must be a YAML mapping'],
    ['adapters: {name: x}\n', 'adapters must be a list'],
    ['adapters: []\nextra: 1\n', "unknown key (expected 'adapters')"],
  ])('refuses %j', (text, message) => {
    const e = failure(text);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toContain(message);
  });

  it('refuses an unknown kind, naming the field and its line', () => {
    const e = failure(withSql({ kind: 'ldap' }));
    expect(e.details['field']).toBe('adapters[0].kind');
    expect(e.message).toMatch(/^adapters\[0\]\.kind: kind must be sql or http \(line \d+\)/);
  });

  it.each([
    ['table', { table: 'users; drop table users' }, 'adapters[0].table'],
    ['table with three parts', { table: 'a.b.c' }, 'adapters[0].table'],
    ['quoted table', { table: '`tax`' }, 'adapters[0].table'],
    [
      'holder column',
      { holder: { kind: 'organisation', column: 'nsrsbh` OR 1=1 --' } },
      'adapters[0].holder.column',
    ],
    ['field column', { fields: { taxpayerName: 'nsrmc"; --' } }, 'adapters[0].fields.taxpayerName.column'],
    ['where column', { where: { 'zslx = zslx OR 1': 1 } }, 'adapters[0].where.zslx = zslx OR 1'],
    ['where value', { where: { zslx: { nested: 1 } } }, 'adapters[0].where.zslx'],
    ['key column starting with a digit', { key: { column: '1id' } }, 'adapters[0].key.column'],
  ])('refuses a bad SQL identifier: %s', (_, patch, field) => {
    expect(failure(withSql(patch)).details['field']).toBe(field);
  });

  it.each([
    ['missing typeCode', { typeCode: undefined }, 'adapters[0].typeCode', 'must be non-empty text'],
    [
      'typeCode not a type code',
      { typeCode: 'TAX-REG' },
      'adapters[0].typeCode',
      'a credit code and 3 digits',
    ],
    ['numeric issuer', { issuerCode: 113301001234567 }, 'adapters[0].issuerCode', 'put it in quotes'],
    [
      'issuer not a credit code',
      { issuerCode: 'ABC' },
      'adapters[0].issuerCode',
      'not a unified social credit code',
    ],
    [
      'holder kind',
      { holder: { kind: 'company', column: 'x' } },
      'adapters[0].holder.kind',
      'person or organisation',
    ],
    [
      'status map to a non-status',
      { status: { column: 'zt', map: { '1': 'ok' } } },
      'adapters[0].status.map.1',
      'certificate status',
    ],
    ['constant date', { validFrom: { value: '2021-02-30' } }, 'adapters[0].validFrom.value', 'YYYY-MM-DD'],
    [
      'transform',
      { fields: { x: { column: 'x', transform: 'eval' } } },
      'adapters[0].fields.x.transform',
      'transform must be',
    ],
    ['timeout', { timeoutMs: 0 }, 'adapters[0].timeoutMs', 'from 10 to 60000'],
    ['pool size', { poolSize: 1000 }, 'adapters[0].poolSize', 'from 1 to 50'],
    ['neither key nor certificateId', { key: undefined }, 'adapters[0].key', 'certificateId'],
    ['misspelt key', { tabel: 'x' }, 'adapters[0].tabel', 'unknown key'],
    ['dialect', { dialect: 'oracle' }, 'adapters[0].dialect', 'mariadb or postgres'],
    ['status missing', { status: undefined }, 'adapters[0].status', 'status is required'],
    ['fields not a mapping', { fields: ['a'] }, 'adapters[0].fields', 'fields must map'],
    [
      'constant object',
      { fields: { x: { value: { a: 1 } } } },
      'adapters[0].fields.x.value',
      'a constant is',
    ],
  ])('refuses %s', (_, patch, field, message) => {
    const e = failure(withSql(patch));
    expect(e.details['field']).toBe(field);
    expect(e.message).toContain(message);
  });

  it('refuses a database URL of the wrong kind or with driver options, never repeating it', () => {
    for (const url of [
      `postgres://reader:${PASSWORD}@db/tax`,
      `mysql://reader:${PASSWORD}@db/tax?multipleStatements=true`,
      `mysql://:${PASSWORD}@db/tax`,
      `mysql://reader:${PASSWORD}@db/`,
      'not a url',
      `mysql://reader:${PASSWORD}%zz@db/tax`,
    ]) {
      const e = failure(withSql({ url }));
      expect(e.details['field']).toBe('adapters[0].url');
      expect(JSON.stringify(e.details) + e.message).not.toContain(PASSWORD);
      expect(JSON.stringify(e.details) + e.message).not.toContain('db/tax');
    }
  });

  it('names a missing environment variable, not a value', () => {
    const e = failure(withSql({}), {});
    expect(e.details['field']).toBe('adapters[0].url.env');
    expect(e.message).toContain('TAX_DB_URL is not set');
  });

  it.each([
    ['credentials in baseUrl', { baseUrl: `http://u:${TOKEN}@h/api` }, 'adapters[0].baseUrl'],
    ['file baseUrl', { baseUrl: 'file:///etc/passwd' }, 'adapters[0].baseUrl'],
    ['protocol-relative template', { byHolder: '//evil.example/x?h={holderId}' }, 'adapters[0].byHolder'],
    ['absolute template', { byHolder: 'http://evil.example/{holderId}' }, 'adapters[0].byHolder'],
    ['unknown placeholder', { byId: '/r/{certificateId}?x={env}' }, 'adapters[0].byId'],
    ['unbalanced braces', { byId: '/r/{certificateId' }, 'adapters[0].byId'],
    ['no lookup template', { byHolder: undefined, byId: undefined }, 'adapters[0].byHolder'],
    ['{key} with a certificateId path', { byId: '/r/{key}' }, 'adapters[0].byId'],
    ['Host header', { headers: { Host: 'evil.example' } }, 'adapters[0].headers.Host'],
    ['header injection', { headers: { 'X-A': 'a\r\nX-Injected: 1' } }, 'adapters[0].headers.X-A'],
    [
      'column in an HTTP mapping',
      { holder: { kind: 'organisation', column: 'x' } },
      'adapters[0].holder.column',
    ],
    ['oversized maxBytes', { maxBytes: 2 ** 40 }, 'adapters[0].maxBytes'],
  ])('refuses an HTTP adapter with %s', (_, patch, field) => {
    const e = failure(withHttp(patch));
    expect(e.details['problems']).toContainEqual(expect.objectContaining({ field }));
    expect(e.message).not.toContain(TOKEN);
  });

  it('refuses two adapters with one name or one type', () => {
    expect(failure({ adapters: [sqlAdapter(), sqlAdapter()] }).details['problems']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'adapters[1].name' }),
        expect.objectContaining({ field: 'adapters[1].typeCode' }),
      ]),
    );
  });

  it('refuses a half-valid file whole, listing every problem in file order', () => {
    const e = failure({
      adapters: [sqlAdapter(), { ...httpAdapter(), kind: 'http', baseUrl: 'ftp://x', typeCode: 'x' }],
    });
    const problems = e.details['problems'] as { field: string; line: number }[];
    expect(problems.map((p) => p.field)).toEqual(['adapters[1].baseUrl', 'adapters[1].typeCode']);
    expect(problems[0]!.line).toBeGreaterThan(20);
    expect(e.message).toContain('(and 1 more)');
  });

  it('refuses a YAML bomb, deep nesting, custom tags and duplicate keys', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'adapters: [*d]',
    ].join('\n');
    expect(failure(bomb).message).toContain('YAML bomb');
    expect(failure(`adapters: ${'['.repeat(50)}${']'.repeat(50)}`).message).toContain('nested more than');
    expect(failure('adapters: !!js/function "function(){}"').message).toContain('not valid YAML');
    expect(failure('adapters: []\nadapters: []\n').message).toContain('not valid YAML');
    expect(failure(`adapters: []\n#${'x'.repeat(300_000)}`).message).toContain('larger than');
  });

  it('treats __proto__ keys as data, not as a prototype', () => {
    const text = stringify(withSql({})).replace(
      'taxpayerName: nsrmc',
      'taxpayerName: nsrmc\n      __proto__: polluted',
    );
    const e = failure(text);
    expect(e.details['field']).toBe('adapters[0].fields.__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const mapped = parse(
      stringify(withSql({})).replace('"1": valid', '"1": valid\n        __proto__: cancelled'),
    ).adapters[0] as SqlAdapterConfig;
    expect(mapped.status.kind === 'read' && mapped.status.map?.get('__proto__')).toBe('cancelled');
  });
});
