import { createCaseRepository, createCatalogRepository } from '@tongban/store';
import { deptCodes, smallCatalog, typeCodes } from '@tongban/testing';
import type { Catalog, Holder } from '@tongban/domain';
import { makeResidentId } from '@tongban/domain';
import { openTestNode, type TestNode } from '../apps/node/src/test-node.js';
import { openTestPlatform, type TestPlatform } from '../apps/platform/src/test-platform.js';

/**
 * A city on loopback for consult tests: a platform (listening) and real department nodes that
 * trust its key, registered in its directory, with certificates issued on them. Everything is
 * real: HTTP, signatures, databases, audit logs.
 */

export const items = {
  /** 婚姻登记 (民政局): needs the ID card (unconditional, 公安局). */
  marriage: '11330100T00000036E4000200001000',
  /** 户口迁移 (公安局): needs the marriage certificate (conditional, 民政局). */
  migration: '11330100T0000001XK4000300001000',
  /** 食品经营许可 (市场监管局): the business licence, and the representative's ID card. */
  food: '11330100T00000028K4000100001000',
  /** 收养事项 (民政局), added here: needs the adoption certificate (不予共享). */
  adoption: '11330100T00000036E4000400001000',
} as const;

/** The small catalog plus one item that names a type that is never shared. */
export const cityCatalog: Catalog = {
  ...smallCatalog,
  items: [
    ...smallCatalog.items,
    {
      itemCode: items.adoption,
      baseCode: '000400001000',
      name: '收养关系证明',
      deptCode: deptCodes.civil,
      type: '公共服务',
      statutoryDays: null,
      promisedDays: null,
      materials: [
        {
          name: '收养登记证',
          required: true,
          source: { kind: 'certificate', typeCode: typeCodes.adoption, fields: ['holderName'] },
        },
      ],
      outputs: [],
      followUps: [],
      serviceObjects: ['自然人'],
    },
  ],
};

export const alice = makeResidentId({ regionCode: '330102', birthDate: '1990-01-01', sequence: 123 });
export const bob = makeResidentId({ regionCode: '330102', birthDate: '1988-05-06', sequence: 45 });
/** Holds no certificate anywhere. */
export const nobody = makeResidentId({ regionCode: '330102', birthDate: '1991-02-03', sequence: 77 });

export interface City {
  readonly platform: TestPlatform;
  readonly url: string;
  readonly nodes: Record<'police' | 'civil', TestNode>;
  readonly admin: string;
  readonly cases: ReturnType<typeof createCaseRepository>;
  /** The ID card of alice at the police node. */
  readonly aliceIdCard: string;
  close(): Promise<void>;
}

export async function openCity(
  env: Record<string, string> = {},
  platformId = 'city-platform',
): Promise<City> {
  const platform = await openTestPlatform({
    PLATFORM_ID: platformId,
    CONSULT_NODE_DEADLINE_MS: '1500',
    ...env,
  });
  await createCatalogRepository(platform.database.db).publish({
    catalog: cityCatalog,
    publishedBy: 'test',
    note: 'consult tests',
  });
  await platform.app.listen({ host: '127.0.0.1', port: 0 });
  const address = platform.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const signer = platform.keys.platform.signer;
  const police = await openTestNode({
    deptCode: deptCodes.police,
    catalog: cityCatalog,
    platformSigner: signer,
  });
  const civil = await openTestNode({
    deptCode: deptCodes.civil,
    catalog: cityCatalog,
    platformSigner: signer,
  });
  const { authorization: admin } = await platform.signInAs({
    deptCode: deptCodes.police,
    roles: ['platform_admin'],
  });
  const aliceIdCard = await issue(police, typeCodes.idCard, alice, {
    name: '张三',
    idNumber: alice,
    address: '示范市一路1号',
  });
  await issue(civil, typeCodes.marriage, alice, {
    holderName: '张三',
    spouseName: '李四',
    registeredOn: '2020-05-20',
  });
  await issue(civil, typeCodes.adoption, alice, { holderName: '张三' });
  await registerNode(url, admin, police, '示范市公安局节点', [typeCodes.idCard]);
  await registerNode(url, admin, civil, '示范市民政局节点', [typeCodes.marriage, typeCodes.adoption]);
  return {
    platform,
    url,
    nodes: { police, civil },
    admin,
    cases: createCaseRepository(platform.database.db),
    aliceIdCard,
    close: async () => {
      await police.close();
      await civil.close().catch(() => undefined);
      await platform.close();
    },
  };
}

export async function issue(
  node: TestNode,
  typeCode: string,
  holderId: string,
  fields: Record<string, unknown>,
  holder: Holder = { kind: 'person', id: holderId },
): Promise<string> {
  const { record } = await node.store.issue({
    content: {
      typeCode,
      holder,
      issuerCode: node.deptCode,
      fields,
      status: 'valid',
      validFrom: '2020-01-01',
      validUntil: '2040-01-01',
    },
    recordedBy: 'test',
    issuance: { caseNo: `seed-${typeCode}-${holderId}`, outputCode: typeCode, requestDigest: 'sha-256=:x:' },
  });
  return record.certificateId;
}

export async function registerNode(
  url: string,
  authorization: string,
  node: TestNode,
  name: string,
  typeCodes: readonly string[],
): Promise<Response> {
  const jwks = await (await fetch(`${node.url}/node/v1/keys/jwks.json`)).json();
  return fetch(`${url}/api/v1/directory/nodes/${node.deptCode}`, {
    method: 'PUT',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ name, baseUrl: node.url, jwks, typeCodes }),
  });
}
