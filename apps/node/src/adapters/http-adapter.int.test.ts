import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  makeCertificateId,
  SourceUnavailableError,
  type CertificateSource,
  type SourceQuery,
} from '@tongban/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAdapterConfig, type HttpAdapterConfig } from './adapter-config.js';
import { adapterDepts, company, customsRegistrationType } from './adapter-fixtures.js';
import { openHttpAdapter } from './http-adapter.js';

/**
 * The HTTP adapter against real node:http servers on loopback: the customs office's registration API
 * (which checks its token), and a second server standing for "another host" that must never be asked.
 * What the API does is chosen by the holder asked about, so one adapter meets every behaviour.
 */
const TOKEN = 'customs-token-7f3a9c';
const typeCode = customsRegistrationType.code;
const certId = (serial: string) =>
  makeCertificateId({ typeCode, issuerCode: adapterDepts.cityCustoms, serial, version: 1 });

const holders = {
  registered: company(31),
  none: company(32),
  failing: company(33),
  hanging: company(34),
  garbage: company(35),
  huge: company(36),
  hugeDeclared: company(37),
  redirectHere: company(38),
  redirectAway: company(39),
  unmappable: company(40),
  latin1: company(41),
  noRecordPath: company(42),
  slowBody: company(43),
};

const record = (holder: string, serial: string, patch: Record<string, unknown> = {}) => ({
  id: certId(serial),
  holder: { id: holder, name: '示范市海通进出口有限公司' },
  issuer: { code: adapterDepts.cityCustoms },
  state: '有效',
  validity: { from: '2020-07-01', to: null },
  customsCode: '3301960001',
  ...patch,
});

let api: Server;
let elsewhere: Server;
let apiUrl: string;
let elsewhereUrl: string;
/** Requests each server received, to see which were (not) made. */
let apiRequests: string[] = [];
let elsewhereRequests: string[] = [];

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

function customsApi(req: IncomingMessage, res: ServerResponse): void {
  apiRequests.push(req.url ?? '');
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 401, { error: 'unauthorised' });
  const url = new URL(req.url ?? '/', 'http://x');
  const byId = /^\/api\/registrations\/([^/]+)$/.exec(url.pathname);
  if (byId) {
    const id = decodeURIComponent(byId[1] ?? '');
    if (id === certId('HG2020000031'))
      return json(res, 200, { data: { items: record(holders.registered, 'HG2020000031') } });
    return json(res, 404, { error: 'not found' });
  }
  if (url.pathname === '/api/moved')
    return json(res, 200, { data: { items: [record(holders.redirectHere, 'HG2020000038')] } });
  if (url.pathname !== '/api/registrations') return json(res, 404, {});
  switch (url.searchParams.get('holder')) {
    case holders.registered:
      return json(res, 200, {
        data: {
          items: [
            record(holders.registered, 'HG2016000031', {
              state: '注销',
              validity: { from: '2016-01-01', to: '2020-06-30' },
            }),
            record(holders.registered, 'HG2020000031'),
          ],
        },
      });
    case holders.failing:
      return json(res, 500, { error: 'database down' });
    case holders.hanging:
      return; // never answers
    case holders.garbage:
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"data": {"items": [ {"id": ');
    case holders.huge: {
      // 2 MiB in chunks, no Content-Length: the adapter must stop reading at its cap.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = ' '.repeat(64 * 1024);
      for (let i = 0; i < 32; i++) res.write(chunk);
      return void res.end('{}');
    }
    case holders.hugeDeclared:
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
      return void res.write('{');
    case holders.redirectHere:
      res.writeHead(302, { location: '/api/moved' });
      return void res.end();
    case holders.redirectAway:
      res.writeHead(302, { location: `${elsewhereUrl}/steal?holder=${holders.redirectAway}` });
      return void res.end();
    case holders.unmappable:
      return json(res, 200, {
        data: { items: [record(holders.unmappable, 'HG2020000040', { state: 'ACTIVE-ish' })] },
      });
    case holders.latin1:
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    case holders.noRecordPath:
      return json(res, 200, { result: 'ok' });
    case holders.slowBody:
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.write('{"data": ');
    default:
      return json(res, 200, { data: { items: [] } });
  }
}

const listen = async (server: Server): Promise<string> => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const adapterWith = (
  patch: { timeoutMs?: number; token?: string; maxBytes?: number } = {},
): CertificateSource => {
  const yaml = `adapters:
  - name: customs
    kind: http
    baseUrl: ${apiUrl}/api
    byHolder: /registrations?holder={holderId}&type={typeCode}
    byId: /registrations/{certificateId}
    headers: {Authorization: {env: CUSTOMS_TOKEN}}
    recordPath: data.items
    typeCode: "${typeCode}"
    issuerCode: {path: issuer.code}
    holder: {kind: organisation, path: holder.id}
    certificateId: {path: id}
    status: {path: state}
    validFrom: {path: validity.from}
    validUntil: {path: validity.to}
    fields:
      enterpriseName: holder.name
      customsCode: customsCode
    timeoutMs: ${patch.timeoutMs ?? 2000}
    maxBytes: ${patch.maxBytes ?? 1024 * 1024}
`;
  const config = parseAdapterConfig(yaml, { env: { CUSTOMS_TOKEN: `Bearer ${patch.token ?? TOKEN}` } });
  return openHttpAdapter(config.adapters[0] as HttpAdapterConfig, {
    certificateType: customsRegistrationType,
  });
};
const byHolder = (id: string): SourceQuery => ({
  by: 'holder',
  typeCode,
  holder: { kind: 'organisation', id },
});
const failureOf = async (p: Promise<unknown>): Promise<Error> => {
  const e: unknown = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(SourceUnavailableError);
  return e as Error;
};

describe('HTTP adapter', () => {
  let adapter: CertificateSource;

  beforeAll(async () => {
    api = createServer(customsApi);
    elsewhere = createServer((req, res) => {
      elsewhereRequests.push(`${req.url ?? ''} ${req.headers.authorization ?? ''}`);
      json(res, 200, { data: { items: [] } });
    });
    apiUrl = await listen(api);
    // Another origin: a different host name for the same machine.
    elsewhereUrl = (await listen(elsewhere)).replace('127.0.0.1', 'localhost');
    adapter = adapterWith();
  });
  beforeEach(() => {
    apiRequests = [];
    elsewhereRequests = [];
  });
  afterAll(async () => {
    await adapter?.close();
    for (const server of [api, elsewhere]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('finds a holder’s current registration (200), mapped and checked', async () => {
    await expect(adapter.find(byHolder(holders.registered))).resolves.toEqual({
      certificateId: certId('HG2020000031'),
      version: 1,
      typeCode,
      holder: { kind: 'organisation', id: holders.registered },
      issuerCode: adapterDepts.cityCustoms,
      fields: { enterpriseName: '示范市海通进出口有限公司', customsCode: '3301960001' },
      status: 'valid',
      validFrom: '2020-07-01',
      validUntil: null,
    });
    expect(apiRequests).toEqual([`/api/registrations?holder=${holders.registered}&type=${typeCode}`]);
  });

  it('finds by identifier, and answers not found for a 404 or an empty list', async () => {
    await expect(
      adapter.find({ by: 'id', typeCode, certificateId: certId('HG2020000031') }),
    ).resolves.toMatchObject({ holder: { id: holders.registered } });
    await expect(
      adapter.find({ by: 'id', typeCode, certificateId: certId('HG2020000999') }),
    ).resolves.toBeUndefined();
    await expect(adapter.find(byHolder(holders.none))).resolves.toBeUndefined();
  });

  it('does not call upstream for a value that cannot be a holder or an identifier', async () => {
    await expect(adapter.find(byHolder("' OR 1=1 --"))).resolves.toBeUndefined();
    await expect(adapter.find(byHolder('../../admin'))).resolves.toBeUndefined();
    await expect(adapter.find({ by: 'id', typeCode, certificateId: '..' })).resolves.toBeUndefined();
    expect(apiRequests).toEqual([]);
  });

  it('is unavailable on a 500, naming the status but not the URL', async () => {
    const e = await failureOf(adapter.find(byHolder(holders.failing)));
    expect(e.message).toBe('http:customs: upstream answered 500');
  });

  it('is unavailable when its token is refused (401)', async () => {
    const wrong = adapterWith({ token: 'expired' });
    expect((await failureOf(wrong.find(byHolder(holders.registered)))).message).toBe(
      'http:customs: upstream answered 401',
    );
  });

  it('is unavailable when the server never answers, after its timeout', async () => {
    const quick = adapterWith({ timeoutMs: 300 });
    const started = performance.now();
    const e = await failureOf(quick.find(byHolder(holders.hanging)));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.message).toBe('http:customs: no answer within 300 ms');
  });

  it('is unavailable when the body stalls half-way', async () => {
    const quick = adapterWith({ timeoutMs: 300 });
    await failureOf(quick.find(byHolder(holders.slowBody)));
  });

  it('is unavailable on garbage: broken JSON, bytes that are not UTF-8, no record where expected', async () => {
    expect((await failureOf(adapter.find(byHolder(holders.garbage)))).message).toContain('not JSON');
    expect((await failureOf(adapter.find(byHolder(holders.latin1)))).message).toContain('not UTF-8');
    expect((await failureOf(adapter.find(byHolder(holders.noRecordPath)))).message).toContain('recordPath');
  });

  it('is unavailable on a record that does not map, without repeating its content', async () => {
    const e = await failureOf(adapter.find(byHolder(holders.unmappable)));
    expect(e.message).toBe('http:customs: upstream record invalid: STATUS_INVALID status');
  });

  it('stops reading an oversized body at its cap', async () => {
    const e = await failureOf(adapter.find(byHolder(holders.huge)));
    expect(e.message).toBe(`http:customs: upstream answer larger than ${1024 * 1024} bytes: refused`);
    const declared = await failureOf(adapter.find(byHolder(holders.hugeDeclared)));
    expect(declared.message).toContain('larger than');
  });

  it('follows a redirect on the same host, and never one to another host', async () => {
    await expect(adapter.find(byHolder(holders.redirectHere))).resolves.toMatchObject({
      holder: { id: holders.redirectHere },
    });
    const e = await failureOf(adapter.find(byHolder(holders.redirectAway)));
    expect(e.message).toBe('http:customs: upstream redirected (302) to another host: refused');
    expect(elsewhereRequests).toEqual([]);
  });

  it('is unavailable when nothing listens', async () => {
    // A port just freed: nothing listens there.
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const yaml = `adapters:
  - name: customs
    kind: http
    baseUrl: http://127.0.0.1:${freePort}/api
    byHolder: /r?h={holderId}
    typeCode: "${typeCode}"
    issuerCode: "${adapterDepts.cityCustoms}"
    holder: {kind: organisation, path: h}
    certificateId: {path: id}
    status: {path: s}
    validFrom: {path: f}
    fields: {enterpriseName: n, customsCode: c}
`;
    const down = openHttpAdapter(parseAdapterConfig(yaml).adapters[0] as HttpAdapterConfig);
    const started = performance.now();
    const e = await failureOf(down.find(byHolder(holders.registered)));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.message).toBe('http:customs: network error (ECONNREFUSED)');
  });
});
