import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatalogRepository } from '@tongban/store';
import { deptCodes, typeCodes } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNodeConfig, startNode, type RunningNode } from '../apps/node/src/index.js';
import { openTestPlatform, type TestPlatform } from '../apps/platform/src/test-platform.js';
import { cityCatalog } from './consult-harness.js';

/**
 * A node registers itself in the platform's directory on start, with an API token of its
 * department, and registers again after its keys rotate.
 */
describe('a node registers in the directory', () => {
  let platform: TestPlatform;
  let url: string;
  let dir: string;
  let node: RunningNode | undefined;

  beforeAll(async () => {
    platform = await openTestPlatform();
    // A department registers only the types the latest catalog says it issues.
    await createCatalogRepository(platform.database.db).publish({
      catalog: cityCatalog,
      publishedBy: 't',
      note: 'n',
    });
    await platform.app.listen({ host: '127.0.0.1', port: 0 });
    const a = platform.app.server.address();
    url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    dir = await mkdtemp(join(tmpdir(), 'tongban-registration-'));
    await writeFile(join(dir, 'platform-jwks.json'), JSON.stringify(platform.keys.platform.jwks()));
  });
  afterAll(async () => {
    await node?.stop();
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  });

  const env = (token: string) => ({
    NODE_DEPT_CODE: deptCodes.civil,
    NODE_CATALOG: 'given',
    NODE_PLATFORM_JWKS: join(dir, 'platform-jwks.json'),
    NODE_DATA_DIR: join(dir, 'db'),
    NODE_KEY_DIR: join(dir, 'keys'),
    NODE_PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_PLATFORM_URL: url,
    NODE_PLATFORM_TOKEN: token,
    NODE_NAME: '示范市民政局节点',
  });

  it('on start, and again with the new key after a rotation', async () => {
    const { authorization } = await platform.signInAs({ deptCode: deptCodes.civil, roles: ['dept_admin'] });
    const made = await fetch(`${url}/api/v1/api-tokens`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '民政局节点', deptCode: deptCodes.civil, roles: ['dept_admin'] }),
    });
    expect(made.status).toBe(201);
    const { token } = (await made.json()) as { token: string };

    node = await startNode(parseNodeConfig(env(token)), { catalog: cityCatalog });
    const entry = async () => {
      const res = await fetch(`${url}/api/v1/directory`, { headers: { authorization } });
      const body = (await res.json()) as {
        entries: {
          entryId: string;
          baseUrl: string;
          typeCodes: string[];
          jwks: { keys: { kid: string }[] };
        }[];
      };
      return body.entries.find((e) => e.entryId === deptCodes.civil);
    };
    const first = await entry();
    expect(first?.baseUrl).toBe(node.url);
    expect(first?.typeCodes.sort()).toEqual([typeCodes.marriage, typeCodes.adoption].sort());
    const firstKid = node.keys.signer(new Date()).kid;
    expect(first?.jwks.keys.map((k) => k.kid)).toEqual([firstKid]);

    // Rotate, restart: the directory now holds the new key (and the old one, within its overlap).
    await node.keys.rotate(new Date());
    await node.stop();
    node = await startNode(parseNodeConfig(env(token)), { catalog: cityCatalog });
    const second = await entry();
    const kids = second?.jwks.keys.map((k) => k.kid) ?? [];
    expect(kids).toContain(node.keys.signer(new Date()).kid);
    expect(kids).not.toEqual([firstKid]);
  });

  it('a token of another department cannot register this node', async () => {
    const { authorization } = await platform.signInAs({ deptCode: deptCodes.police, roles: ['dept_admin'] });
    const res = await fetch(`${url}/api/v1/directory/nodes/${deptCodes.civil}`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'x',
        baseUrl: 'http://127.0.0.1:9',
        jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AA' }] },
        typeCodes: [],
      }),
    });
    expect(res.status).toBe(403);
  });
});
