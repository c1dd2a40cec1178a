import { Validator } from '@seriousme/openapi-schema-validator';
import { createCatalogRepository } from '@tongban/store';
import { smallCatalog, typeCodes } from '@tongban/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, TEST_AUDITOR_TOKEN, type TestPlatform } from './test-platform.js';

/**
 * The API as served must match the OpenAPI document it publishes: the document is checked against the
 * OpenAPI 3.1 meta-schema by an independent validator, and real responses against the document.
 */
describe('published OpenAPI document', () => {
  let platform: TestPlatform;
  let app: FastifyInstance;
  let doc: {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
    >;
    components: { schemas: Record<string, unknown> };
  };

  beforeAll(async () => {
    platform = await openTestPlatform();
    app = platform.app;
    const catalog = createCatalogRepository(platform.database.db);
    await catalog.publish({ catalog: smallCatalog, publishedBy: 'test', note: 'v1' });
    await catalog.publish({
      catalog: { ...smallCatalog, items: smallCatalog.items.slice(1) },
      publishedBy: 'test',
      note: 'v2',
    });
    for (let i = 0; i < 5; i++)
      await platform.log.append({
        operation: 'catalog.version.published',
        actor: 'test',
        outcome: 'ok',
        requestId: `r${i}`,
      });
    await platform.log.signTreeHead();
    doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
  });
  afterAll(async () => {
    await platform.close();
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each([
    ['/api/v1/items', '/api/v1/items?version=1&limit=2', '200'],
    ['/api/v1/items/{itemCode}', `/api/v1/items/${smallCatalog.items[1]!.itemCode}`, '200'],
    ['/api/v1/items/{itemCode}', '/api/v1/items/NOPE', '404'],
    ['/api/v1/departments', '/api/v1/departments', '200'],
    ['/api/v1/certificate-types/{code}', `/api/v1/certificate-types/${typeCodes.marriage}`, '200'],
    ['/api/v1/certificate-types', '/api/v1/certificate-types', '200'],
    ['/api/v1/catalog/versions', '/api/v1/catalog/versions', '200'],
    ['/api/v1/catalog/versions/{version}', '/api/v1/catalog/versions/1', '200'],
    ['/api/v1/catalog/versions/{from}/diff/{to}', '/api/v1/catalog/versions/1/diff/2', '200'],
    ['/api/v1/items', '/api/v1/items?limit=0', '400'],
    ['/api/v1/audit/tree-heads/latest', '/api/v1/audit/tree-heads/latest', '200'],
    ['/api/v1/audit/tree-heads/{treeSize}', '/api/v1/audit/tree-heads/5', '200'],
    ['/api/v1/audit/tree-heads/{treeSize}', '/api/v1/audit/tree-heads/4', '404'],
    ['/api/v1/audit/entries/{index}', '/api/v1/audit/entries/2', '200'],
    ['/api/v1/audit/entries/{index}', '/api/v1/audit/entries/99', '404'],
    ['/api/v1/audit/proofs/inclusion', '/api/v1/audit/proofs/inclusion?index=1&treeSize=5', '200'],
    ['/api/v1/audit/proofs/consistency', '/api/v1/audit/proofs/consistency?from=2&to=5', '200'],
    ['/api/v1/keys/jwks.json', '/api/v1/keys/jwks.json', '200'],
  ])('%s answers %s as documented (%s)', async (path, url, status) => {
    const res = await app.inject({ url, headers: { authorization: `Bearer ${TEST_AUDITOR_TOKEN}` } });
    expect(String(res.statusCode)).toBe(status);
    const content = doc.paths[path]?.['get']?.responses[status]?.content;
    const schema = content?.['application/json']?.schema;
    expect(schema).toBeDefined();
    const ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      formats: {
        'date-time': (s: string) =>
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s),
      },
    });
    const validate = ajv.compile({ ...(schema as object), components: doc.components });
    const ok = validate(res.json());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});
