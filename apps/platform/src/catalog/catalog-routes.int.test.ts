import { createCatalogRepository, type Database, type PlatformDatabase } from '@tongban/store';
import { deptCodes, smallCatalog, typeCodes } from '@tongban/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, type TestPlatform } from '../test-platform.js';

describe('catalog API', () => {
  let platform: TestPlatform;
  let database: Database<PlatformDatabase>;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    return {
      status: res.statusCode,
      type: String(res.headers['content-type']),
      body: res.json<Record<string, any>>(),
    };
  };

  beforeAll(async () => {
    platform = await openTestPlatform();
    ({ app, database } = platform);
  });
  afterAll(async () => {
    await platform.close();
  });

  it('says plainly when nothing is published yet', async () => {
    const res = await get('/api/v1/items');
    expect(res.status).toBe(404);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'CATALOG_VERSION_NOT_FOUND', status: 404, field: 'version' });
    expect(res.body['requestId']).toBeTruthy();
  });

  it('serves departments, certificate types and items of the latest version', async () => {
    const repo = createCatalogRepository(database.db);
    await repo.publish({ catalog: smallCatalog, publishedBy: 'test', note: 'v1' });
    await repo.publish({
      catalog: { ...smallCatalog, items: smallCatalog.items.slice(1) },
      publishedBy: 'test',
      note: 'v2',
    });

    const depts = await get('/api/v1/departments?limit=2');
    expect(depts.status).toBe(200);
    expect(depts.body['entries']).toHaveLength(2);
    const next = await get(`/api/v1/departments?limit=2&cursor=${depts.body['nextCursor']}`);
    expect(next.body['entries']).toHaveLength(1);

    expect((await get(`/api/v1/departments/${deptCodes.civil}`)).body['name']).toBe('示范市民政局');
    const type = await get(`/api/v1/certificate-types/${typeCodes.marriage}`);
    expect(type.body).toMatchObject({ sharing: 'conditional', legalBasis: '《婚姻登记条例》' });
    expect(type.body['fields']['properties']['holderName']['title']).toBe('持证人');

    expect((await get('/api/v1/items')).body['entries']).toHaveLength(2);
    expect((await get('/api/v1/items?version=1')).body['entries']).toHaveLength(3);
    const filtered = await get(`/api/v1/items?certificateType=${typeCodes.idCard}&version=1`);
    expect(filtered.body['entries'].map((i: { name: string }) => i.name).sort()).toEqual([
      '内地居民婚姻登记',
      '食品经营许可',
    ]);
    const item = await get(`/api/v1/items/${smallCatalog.items[1]!.itemCode}`);
    expect(item.body['materials'][0]).toEqual(smallCatalog.items[1]!.materials[0]);
    expect(item.body['statutoryDays']).toBeNull();
  });

  it('lists versions and diffs any two', async () => {
    const versions = await get('/api/v1/catalog/versions');
    expect(versions.body['entries'].map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await get('/api/v1/catalog/versions/latest')).body['version']).toBe(2);
    const diff = await get('/api/v1/catalog/versions/1/diff/2');
    expect(diff.status).toBe(200);
    expect(diff.body['items']['removed']).toEqual([smallCatalog.items[0]!.itemCode]);
    const back = await get('/api/v1/catalog/versions/2/diff/1');
    expect(back.body['items']['added']).toEqual([smallCatalog.items[0]!.itemCode]);
  });

  it.each([
    ['/api/v1/items/NOPE', 404, 'ITEM_NOT_FOUND'],
    ['/api/v1/departments/NOPE', 404, 'DEPARTMENT_NOT_FOUND'],
    ['/api/v1/certificate-types/NOPE', 404, 'CERTIFICATE_TYPE_NOT_FOUND'],
    ['/api/v1/catalog/versions/99', 404, 'CATALOG_VERSION_NOT_FOUND'],
    ['/api/v1/catalog/versions/0', 400, 'VALIDATION_FAILED'],
    ['/api/v1/catalog/versions/-1/diff/2', 400, 'VALIDATION_FAILED'],
    ['/api/v1/items?limit=0', 400, 'VALIDATION_FAILED'],
    ['/api/v1/items?limit=100000', 400, 'VALIDATION_FAILED'],
    ['/api/v1/items?type=不存在的类型', 400, 'VALIDATION_FAILED'],
    ['/api/v1/items?cursor=%27%3B%20drop%20table', 400, 'VALIDATION_FAILED'],
    [`/api/v1/items?q=${'x'.repeat(500)}`, 400, 'VALIDATION_FAILED'],
    [`/api/v1/items/${'9'.repeat(5000)}`, 414, 'URI_TOO_LONG'],
    ['/api/v1/items/%E0%A4%A', 400, 'MALFORMED_INPUT'],
    ['/api/v1/nothing-here', 404, 'NOT_FOUND'],
  ])('GET %# → %i %s', async (url, status, code) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    expect(res.type).toContain('application/problem+json');
    expect(res.body['code']).toBe(code);
  });

  it('refuses a body on a route that takes none, and an oversized body, with problem+json', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/api/v1/items',
      payload: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'content-type': 'application/json' },
    });
    expect([404, 413]).toContain(big.statusCode);
    expect(big.headers['content-type']).toContain('application/problem+json');
  });

  it('answers health and readiness', async () => {
    expect((await get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('publishes an OpenAPI 3.1 document naming every route', async () => {
    const doc = (await get('/api/v1/openapi.json')).body;
    expect(doc['openapi']).toBe('3.1.0');
    for (const path of [
      '/api/v1/items',
      '/api/v1/items/{itemCode}',
      '/api/v1/departments',
      '/api/v1/certificate-types/{code}',
      '/api/v1/catalog/versions/{from}/diff/{to}',
    ])
      expect(Object.keys(doc['paths'])).toContain(path);
    expect(Object.keys(doc['components']['schemas'])).toEqual(
      expect.arrayContaining(['ServiceItem', 'Problem', 'CatalogDiff']),
    );
  });
});
