import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigner, signRequest, toJwks, verifierFor } from '@tongban/crypto';
import { writeCatalogFile } from '@tongban/interchange';
import { deptCodes, smallCatalog, typeCodes } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostNodes, type HostedNodes } from './host-nodes.js';

describe('several department nodes in one process on one embedded database', () => {
  let dir: string;
  let hosted: HostedNodes;
  const platform = generateSigner('EdDSA');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tongban-nodes-'));
    await writeFile(join(dir, 'catalog.json'), await writeCatalogFile(smallCatalog, 'json'));
    await writeFile(join(dir, 'platform.jwks.json'), JSON.stringify(toJwks([verifierFor(platform)])));
    hosted = await hostNodes({
      database: { kind: 'pglite' },
      catalogFile: join(dir, 'catalog.json'),
      platformJwksFile: join(dir, 'platform.jwks.json'),
      cryptoProfile: 'international',
      host: '127.0.0.1',
      logLevel: 'silent',
      nodes: Object.values(deptCodes).map((deptCode) => ({
        deptCode,
        port: 0,
        schema: `node_${deptCode.toLowerCase()}`,
        keyDir: join(dir, 'keys', deptCode),
      })),
    });
  });
  afterAll(async () => {
    await hosted.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives each node its own port, keys and schema, reached over real HTTP', async () => {
    expect(hosted.nodes).toHaveLength(3);
    expect(new Set(hosted.nodes.map((n) => n.url)).size).toBe(3);
    const kids = await Promise.all(
      hosted.nodes.map(async (n) => {
        const jwks = (await (await fetch(`${n.url}/node/v1/keys/jwks.json`)).json()) as {
          keys: { kid: string }[];
        };
        return jwks.keys[0]?.kid;
      }),
    );
    expect(new Set(kids).size).toBe(3);
  });

  it("keeps each node's data apart: a record issued at one node is not found at another", async () => {
    const police = hosted.nodes.find((n) => n.deptCode === deptCodes.police);
    const civil = hosted.nodes.find((n) => n.deptCode === deptCodes.civil);
    if (!police || !civil) throw new Error('nodes missing');
    const holder = { kind: 'person', id: '11010519491231002X' } as const;
    const post = async (base: string, path: string, body: unknown) => {
      const text = JSON.stringify(body);
      const headers = { 'content-type': 'application/json' };
      const signed = await signRequest(
        { method: 'POST', url: `${base}${path}`, headers, body: text },
        platform,
        {
          now: new Date(),
          ttlSeconds: 60,
        },
      );
      return fetch(`${base}${path}`, { method: 'POST', headers: { ...headers, ...signed }, body: text });
    };
    const issued = await post(police.url, '/node/v1/certificates', {
      requestId: 'i-1',
      caseNo: 'SFS-1',
      outputCode: typeCodes.idCard,
      typeCode: typeCodes.idCard,
      holder,
      fields: { name: '王小明', idNumber: holder.id },
      validFrom: '2021-05-26',
      validUntil: '2041-05-26',
      clerkId: 'clerk-1',
    });
    expect(issued.status).toBe(201);
    const lookup = {
      requestId: 'l-1',
      typeCode: typeCodes.idCard,
      holder,
      fields: ['name'],
      purpose: { itemCode: 'I-1', caseNo: 'SFS-2', deptCode: deptCodes.civil, clerkId: 'clerk-2' },
    };
    const atPolice = (await (await post(police.url, '/node/v1/lookup', lookup)).json()) as {
      outcome: string;
    };
    expect(atPolice.outcome).toBe('found');
    const atCivil = (await (
      await post(civil.url, '/node/v1/lookup', { ...lookup, requestId: 'l-2' })
    ).json()) as {
      outcome: string;
      reason?: string;
    };
    expect(atCivil).toMatchObject({ outcome: 'denied', reason: 'TYPE_NOT_HELD' });
  });
});
