import { generateSigner, signRequest } from '@tongban/crypto';
import { makeCreditCode } from '@tongban/domain';
import { createCatalogRepository } from '@tongban/store';
import { deptCodes, typeCodes } from '@tongban/testing';
import { compactVerify, createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestNode, type TestNode } from '../apps/node/src/test-node.js';
import { openTestPlatform, type TestPlatform } from '../apps/platform/src/test-platform.js';
import { cityCatalog, issue, items, openCity, registerNode, type City } from './consult-harness.js';

/**
 * Federation (省、市平台互联) on loopback: the city platform holds no node for the business
 * licence; the province platform does. The city forwards the consult with its purpose; the
 * province applies its own policy, seals, logs and answers signed; the city keeps both seals.
 */
describe('federation between two platforms', () => {
  let city: City;
  let province: TestPlatform;
  let provinceUrl: string;
  let market: TestNode;
  let cityClerk: string;
  const company = makeCreditCode({
    registrationAuthority: '9',
    category: '1',
    regionCode: '330100',
    organisationBody: '12345678',
  });

  const jwksOf = async (url: string) =>
    (await (await fetch(`${url}/api/v1/keys/jwks.json`)).json()) as { keys: unknown[] };
  const put = (url: string, path: string, authorization: string, body: unknown) =>
    fetch(`${url}/api/v1${path}`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    city = await openCity({}, 'city-platform');
    province = await openTestPlatform({ PLATFORM_ID: 'province-platform' });
    await createCatalogRepository(province.database.db).publish({
      catalog: cityCatalog,
      publishedBy: 't',
      note: 'p',
    });
    await province.app.listen({ host: '127.0.0.1', port: 0 });
    const a = province.app.server.address();
    provinceUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    market = await openTestNode({
      deptCode: deptCodes.market,
      catalog: cityCatalog,
      platformSigner: province.keys.platform.signer,
    });
    await issue(
      market,
      typeCodes.businessLicence,
      company,
      {
        creditCode: company,
        name: '示范科技有限公司',
        legalRepresentative: '张三',
        registeredCapital: '100万元',
      },
      { kind: 'organisation', id: company },
    );
    const provinceAdmin = (await province.signInAs({ deptCode: deptCodes.market, roles: ['platform_admin'] }))
      .authorization;
    expect(
      (await registerNode(provinceUrl, provinceAdmin, market, '省市场监管节点', [typeCodes.businessLicence]))
        .status,
    ).toBe(201);
    // Each platform registers the other as a peer, with its published keys.
    expect(
      (
        await put(provinceUrl, '/directory/peers/city-platform', provinceAdmin, {
          name: '示范市平台',
          baseUrl: city.url,
          jwks: await jwksOf(city.url),
          typeCodes: [],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await put(city.url, '/directory/peers/province-platform', city.admin, {
          name: '省平台',
          baseUrl: provinceUrl,
          jwks: await jwksOf(provinceUrl),
          typeCodes: [typeCodes.businessLicence],
        })
      ).status,
    ).toBe(201);
    cityClerk = (await city.platform.signInAs({ deptCode: deptCodes.market, roles: ['clerk'] }))
      .authorization;
  }, 180_000);

  afterAll(async () => {
    await market.close();
    await province.close();
    await city.close();
  });

  it('forwards a consult with its purpose, and keeps both seals', async () => {
    const opened = await fetch(`${city.url}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: cityClerk, 'content-type': 'application/json' },
      body: JSON.stringify({
        itemCode: items.food,
        applicant: { kind: 'organisation', id: company },
        applicantName: '示范科技有限公司',
        explicitRequest: { method: 'online' },
      }),
    });
    expect(opened.status).toBe(201);
    const { caseNo } = (await opened.json()) as { caseNo: string };
    const res = await fetch(`${city.url}/api/v1/cases/${caseNo}/consult`, {
      method: 'POST',
      headers: { authorization: cityClerk },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      materials: {
        typeCode: string;
        outcome: { status: string; seal?: string; peerSeal?: string; reason?: string };
      }[];
    };
    const licence = body.materials.find((m) => m.typeCode === typeCodes.businessLicence)!;
    expect(licence.outcome.status, JSON.stringify(licence.outcome)).toBe('shared');
    // The representative's ID card is a person's: the organisation's case cannot name its holder.
    expect(body.materials.find((m) => m.typeCode === typeCodes.idCard)!.outcome.reason).toBe(
      'SUBJECT_INVALID',
    );

    const ours = await compactVerify(
      licence.outcome.seal!,
      createLocalJWKSet((await jwksOf(city.url)) as never),
    );
    const theirs = await compactVerify(
      licence.outcome.peerSeal!,
      createLocalJWKSet((await jwksOf(provinceUrl)) as never),
    );
    const decode = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as Record<string, any>;
    const citySeal = decode(ours.payload);
    const provinceSeal = decode(theirs.payload);
    expect(citySeal['platformId']).toBe('city-platform');
    expect(citySeal['source']['via']['platformId']).toBe('province-platform');
    expect(citySeal['source']['nodeId']).toBe(deptCodes.market);
    expect(provinceSeal['platformId']).toBe('province-platform');
    // The original purpose travelled: the province sealed for the city's case, item and clerk.
    expect(provinceSeal['purpose']).toMatchObject({
      caseNo,
      itemCode: items.food,
      deptCode: deptCodes.market,
    });
    expect(Object.keys(provinceSeal['fields']).sort()).toEqual(['creditCode', 'legalRepresentative', 'name']);

    // Both platforms logged it, and the province's node too.
    const ops = async (log: TestPlatform['log']) => {
      const out: string[] = [];
      for (let i = 0; i < (await log.size()); i++) out.push((await log.findEntry(i))!.operation);
      return out;
    };
    expect(await ops(city.platform.log)).toContain('consult.granted');
    expect(await ops(province.log)).toContain('federation.consult.granted');
    expect(await ops(market.log)).toContain('node.lookup');
  });

  it('refuses an unregistered platform, a replayed request and a platform that claims another id', async () => {
    const body = JSON.stringify({
      requestId: 'r-1',
      platformId: 'city-platform',
      typeCode: typeCodes.businessLicence,
      holder: { kind: 'organisation', id: company },
      fields: ['name'],
      itemName: '食品经营许可',
      explicitRequest: true,
      purpose: { itemCode: items.food, caseNo: 'c-1', deptCode: deptCodes.market, clerkId: 'k' },
    });
    const url = `${provinceUrl}/api/v1/federation/consult`;
    const send = async (signer: Parameters<typeof signRequest>[1], nonce: string, text = body) => {
      const headers = { 'content-type': 'application/json' };
      const signed = await signRequest({ method: 'POST', url, headers, body: text }, signer, {
        now: new Date(),
        ttlSeconds: 60,
        nonce,
      });
      const res = await fetch(url, { method: 'POST', headers: { ...headers, ...signed }, body: text });
      return { status: res.status, code: ((await res.json()) as { code?: string }).code };
    };
    expect(await send(generateSigner('EdDSA'), 'n-stranger')).toMatchObject({
      status: 401,
      code: 'UNKNOWN_KEY',
    });
    const citySigner = city.platform.keys.platform.signer;
    expect((await send(citySigner, 'n-once')).status).toBe(200);
    expect(await send(citySigner, 'n-once')).toMatchObject({ status: 401, code: 'REPLAYED' });
    expect(
      await send(
        citySigner,
        'n-claim',
        body.replace('"platformId":"city-platform"', '"platformId":"province-platform"'),
      ),
    ).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    // Unsigned.
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
  });
});
