import { createLocalJWKSet, compactVerify } from 'jose';
import { makeResidentId } from '@tongban/domain';
import { deptCodes, typeCodes } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, items, nobody, openCity, type City } from './consult-harness.js';

/**
 * Consult end to end on loopback: a platform and two department nodes, real HTTP, real
 * signatures, real databases. Each scenario is one the issue names.
 */

interface MaterialAnswer {
  name: string;
  typeCode: string;
  outcome: { status: string; reason?: string; by?: string; seal?: string; sealId?: string };
}
interface ConsultBody {
  caseNo: string;
  materials: MaterialAnswer[];
  stillToBring: string[];
}

describe('consult (请求调阅) on loopback', () => {
  let city: City;
  const token: Record<string, string> = {};

  const call = async (method: string, path: string, authorization: string | undefined, body?: unknown) => {
    const res = await fetch(`${city.url}/api/v1${path}`, {
      method,
      headers: {
        ...(authorization ? { authorization } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };
  const openCase = async (who: string, itemCode: string, holderId: string, explicit = true) => {
    const res = await call('POST', '/cases', token[who], {
      itemCode,
      applicant: { kind: 'person', id: holderId },
      applicantName: '张三',
      ...(explicit ? { explicitRequest: { method: 'signed_form' } } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body['caseNo'] as string;
  };
  const consult = async (who: string, caseNo: string) => {
    const res = await call('POST', `/cases/${caseNo}/consult`, token[who]);
    return { status: res.status, body: res.body as unknown as ConsultBody };
  };

  beforeAll(async () => {
    city = await openCity();
    const sign = async (deptCode: string, roles: Parameters<City['platform']['signInAs']>[0]['roles']) =>
      (await city.platform.signInAs({ deptCode, roles })).authorization;
    token['civilClerk'] = await sign(deptCodes.civil, ['clerk']);
    token['civilAdmin'] = await sign(deptCodes.civil, ['dept_admin']);
    token['policeClerk'] = await sign(deptCodes.police, ['clerk']);
    token['policeAdmin'] = await sign(deptCodes.police, ['dept_admin']);
    token['civilReviewer'] = await sign(deptCodes.civil, ['reviewer']);
    token['marketClerk'] = await sign(deptCodes.market, ['clerk']);
  }, 120_000);
  afterAll(async () => {
    await city.close();
  });

  it('shares an unconditional type with a seal, and says what is still to bring', async () => {
    const caseNo = await openCase('civilClerk', items.marriage, alice);
    const { status, body } = await consult('civilClerk', caseNo);
    expect(status).toBe(200);
    const idCard = body.materials.find((m) => m.typeCode === typeCodes.idCard)!;
    expect(idCard.outcome.status).toBe('shared');
    expect(body.stillToBring).toEqual(['本人无配偶声明']);

    // The seal verifies with the platform's published keys, by a second JOSE implementation.
    const jwks = (await (await fetch(`${city.url}/api/v1/keys/jwks.json`)).json()) as Parameters<
      typeof createLocalJWKSet
    >[0];
    const { payload, protectedHeader } = await compactVerify(idCard.outcome.seal!, createLocalJWKSet(jwks));
    expect(protectedHeader.typ).toBe('tongban-seal+jws');
    const sealed = JSON.parse(new TextDecoder().decode(payload)) as {
      fields: Record<string, unknown>;
      purpose: { caseNo: string; explicitRequest: boolean };
      certificate: { identifier: string };
      watermark: string;
    };
    // Only the fields the item's material declares, bound to this case.
    expect(Object.keys(sealed.fields).sort()).toEqual(['address', 'idNumber', 'name']);
    expect(sealed.purpose).toMatchObject({ caseNo, explicitRequest: true });
    expect(sealed.certificate.identifier).toBe(city.aliceIdCard);
    expect(sealed.watermark).toMatch(
      /^此件由示范市公安局提供，仅供办理内地居民婚姻登记事项使用，有效期至\d{4}年\d{1,2}月\d{1,2}日$/,
    );

    // The sealed copy is stored on the case; only window staff of the department read it, logged.
    const copies = await call('GET', `/cases/${caseNo}/sealed-copies`, token['civilClerk']);
    expect((copies.body['entries'] as unknown[]).length).toBe(1);
    expect(await operations(city.platform.log)).toContain('case.sealed_copies.read');
    expect((await call('GET', `/cases/${caseNo}/sealed-copies`, token['civilAdmin'])).status).toBe(403);
    expect((await call('GET', `/cases/${caseNo}/sealed-copies`, token['policeClerk'])).status).toBe(404);

    // Both sides logged the access.
    const platformOps = await operations(city.platform.log);
    expect(platformOps).toContain('consult.granted');
    expect(await operations(city.nodes.police.log)).toContain('node.lookup');
  });

  it('opens one case however often a request with one Idempotency-Key is sent', async () => {
    const body = {
      itemCode: items.marriage,
      applicant: { kind: 'person', id: alice },
      applicantName: '张三',
      explicitRequest: { method: 'signed_form' },
    };
    const post = (key: string, b: unknown = body) =>
      fetch(`${city.url}/api/v1/cases`, {
        method: 'POST',
        headers: {
          authorization: token['civilClerk']!,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(b),
      });
    const first = await post('window-3-click-1');
    expect(first.status).toBe(201);
    const { caseNo } = (await first.json()) as { caseNo: string };
    const again = await post('window-3-click-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { caseNo: string }).caseNo).toBe(caseNo);
    // The same key for another request: refused, nothing opened.
    const other = await post('window-3-click-1', { ...body, applicantName: '李四' });
    expect(other.status).toBe(409);
    // Two at once with a fresh key: one case between them.
    const both = await Promise.all([post('window-3-click-2'), post('window-3-click-2')]);
    const opened = await Promise.all(
      both.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as { caseNo: string }).caseNo),
    );
    expect(new Set(opened).size).toBe(1);
    expect(both.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    // A malformed key is a 400 with the field named.
    const bad = await post('no spaces allowed');
    expect(bad.status).toBe(400);
  });

  it('answers not_found for an applicant the source has no record of', async () => {
    const caseNo = await openCase('civilClerk', items.marriage, nobody);
    const { body } = await consult('civilClerk', caseNo);
    expect(body.materials[0]!.outcome.status).toBe('not_found');
    expect(body.stillToBring).toContain('居民身份证');
  });

  it('never seals a record that is revoked or past its validity', async () => {
    const { issue } = await import('./consult-harness.js');
    const carol = makeResidentId({ regionCode: '330102', birthDate: '1970-03-04', sequence: 11 });
    const dave = makeResidentId({ regionCode: '330102', birthDate: '1971-03-04', sequence: 13 });
    // Still marked 有效 at the node although its validity ended (a quality problem of the source).
    await city.nodes.police.store.issue({
      content: {
        typeCode: typeCodes.idCard,
        holder: { kind: 'person', id: carol },
        issuerCode: deptCodes.police,
        fields: { name: '赵六', idNumber: carol },
        status: 'valid',
        validFrom: '2000-01-01',
        validUntil: '2020-01-01',
      },
      recordedBy: 'test',
      issuance: { caseNo: 'seed-expired', outputCode: typeCodes.idCard, requestDigest: 'sha-256=:x:' },
    });
    const revoked = await issue(city.nodes.police, typeCodes.idCard, dave, { name: '钱七', idNumber: dave });
    await city.nodes.police.store.changeStatus(revoked, 'revoked', { by: 'test', reason: '撤销' });
    for (const holder of [carol, dave]) {
      const caseNo = await openCase('civilClerk', items.marriage, holder);
      const { body } = await consult('civilClerk', caseNo);
      expect(body.materials[0]!.outcome).toEqual({ status: 'not_found', reason: 'CERTIFICATE_NOT_VALID' });
      expect(body.stillToBring).toContain('居民身份证');
    }
  });

  it('denies a type that is never shared, and says why', async () => {
    const caseNo = await openCase('civilClerk', items.adoption, alice);
    const { body } = await consult('civilClerk', caseNo);
    expect(body.materials[0]!.outcome).toMatchObject({
      status: 'denied',
      by: 'platform',
      reason: 'NOT_SHARED',
    });
    expect(await operations(city.platform.log)).toContain('consult.denied');
  });

  it('releases a conditional type only under an approved, unexpired agreement', async () => {
    const caseNo = await openCase('policeClerk', items.migration, alice);
    const before = await consult('policeClerk', caseNo);
    expect(before.body.materials[0]!.outcome).toMatchObject({
      status: 'denied',
      reason: 'AGREEMENT_REQUIRED',
    });

    const asked = await call('POST', '/agreements', token['policeAdmin'], {
      providerDeptCode: deptCodes.civil,
      itemCode: items.migration,
      typeCode: typeCodes.marriage,
      fields: ['holderName', 'spouseName'],
      basis: '《户口登记条例》第十九条',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const id = asked.body['agreementId'] as string;
    // Still requested: nothing released.
    expect((await consult('policeClerk', caseNo)).body.materials[0]!.outcome.reason).toBe(
      'AGREEMENT_REQUIRED',
    );
    // The requester cannot approve its own request.
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
    expect(
      (await call('POST', `/agreements/${id}/approve`, token['policeAdmin'], { validUntil })).status,
    ).toBe(403);
    const approved = await call('POST', `/agreements/${id}/approve`, token['civilAdmin'], { validUntil });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const after = await consult('policeClerk', caseNo);
    expect(after.body.materials[0]!.outcome.status).toBe('shared');

    // Revoked: closed again.
    expect((await call('POST', `/agreements/${id}/revoke`, token['civilAdmin'])).status).toBe(200);
    expect((await consult('policeClerk', caseNo)).body.materials[0]!.outcome.reason).toBe(
      'AGREEMENT_REQUIRED',
    );
  });

  it('refuses cross-case, wrong-role, closed-case and unrequested consults', async () => {
    const caseNo = await openCase('civilClerk', items.marriage, alice);
    // A clerk of another department: refused as if the case did not exist (no probing), and logged.
    const before = (await operations(city.platform.log)).filter((o) => o === 'consult.denied').length;
    const foreign = await consult('marketClerk', caseNo);
    expect(foreign.status).toBe(404);
    expect((foreign.body as unknown as { code: string }).code).toBe('CASE_NOT_FOUND');
    expect((await operations(city.platform.log)).filter((o) => o === 'consult.denied').length).toBe(
      before + 1,
    );
    // Not window staff.
    const reviewer = await consult('civilReviewer', caseNo);
    expect(reviewer.body.materials[0]!.outcome.reason).toBe('NOT_A_CLERK');
    // Without identity.
    expect((await call('POST', `/cases/${caseNo}/consult`, undefined)).status).toBe(401);
    expect((await call('POST', `/cases/${caseNo}/consult`, 'Bearer tbs_forged')).status).toBe(401);
    // Not at intake any more.
    await city.cases.changeStatus(caseNo, 'intake', 'accepted', new Date());
    expect((await consult('civilClerk', caseNo)).body.materials[0]!.outcome.reason).toBe(
      'CASE_NOT_IN_INTAKE',
    );
    // No explicit request yet; then recorded.
    const quiet = await openCase('civilClerk', items.marriage, alice, false);
    expect((await consult('civilClerk', quiet)).body.materials[0]!.outcome.reason).toBe(
      'NO_EXPLICIT_REQUEST',
    );
    const recorded = await call('POST', `/cases/${quiet}/explicit-request`, token['civilClerk'], {
      method: 'signature_pad',
    });
    expect(recorded.status).toBe(200);
    expect((await consult('civilClerk', quiet)).body.materials[0]!.outcome.status).toBe('shared');
    // Unknown and malformed case numbers.
    expect((await consult('civilClerk', '44010020261127000000000')).status).toBe(404);
    expect((await consult('civilClerk', 'x'.repeat(30))).status).toBe(400);
  });

  it('verifies seals, refuses a changed byte, and notices a revocation at the source', async () => {
    const caseNo = await openCase('civilClerk', items.marriage, bob);
    // Bob's ID card is issued now, so this test can revoke it without touching others.
    const { issue } = await import('./consult-harness.js');
    const bobCard = await issue(city.nodes.police, typeCodes.idCard, bob, { name: '王五', idNumber: bob });
    const { body } = await consult('civilClerk', caseNo);
    const seal = body.materials[0]!.outcome.seal!;
    const verify = (s: string) => call('POST', '/seals/verify', token['civilClerk'], { seal: s });
    expect((await verify(seal)).body).toMatchObject({ valid: true, sourceStatus: 'valid' });

    const [h, p, s] = seal.split('.') as [string, string, string];
    const flipped = s[5] === 'A' ? 'B' : 'A';
    const changed = `${h}.${p}.${s.slice(0, 5)}${flipped}${s.slice(6)}`;
    expect((await verify(changed)).body).toMatchObject({ valid: false, reason: 'BAD_SIGNATURE' });
    expect((await verify('not a seal')).body).toMatchObject({ valid: false, reason: 'MALFORMED' });
    expect((await verify('x'.repeat(70_000))).status).toBe(400);

    await city.nodes.police.store.changeStatus(bobCard, 'revoked', { by: 'test', reason: '撤销' });
    expect((await verify(seal)).body).toMatchObject({
      valid: false,
      reason: 'REVOKED_AT_SOURCE',
      sourceStatus: 'revoked',
    });
  });

  it('tracks node health in the directory', async () => {
    const res = await call('GET', '/directory', token['civilClerk']);
    const police = (
      res.body['entries'] as { entryId: string; health: { successes: number; lastSuccessAt: string } }[]
    ).find((e) => e.entryId === deptCodes.police)!;
    expect(police.health.successes).toBeGreaterThan(0);
    expect(police.health.lastSuccessAt).not.toBeNull();
    // A department registers its node only for types it issues (else it could answer for others').
    const civilJwks = await (await fetch(`${city.nodes.civil.url}/node/v1/keys/jwks.json`)).json();
    const foreignTypes = await call('PUT', `/directory/nodes/${deptCodes.civil}`, token['civilAdmin'], {
      name: '民政局节点',
      baseUrl: city.nodes.civil.url,
      jwks: civilJwks,
      typeCodes: [typeCodes.marriage, typeCodes.idCard],
    });
    expect(foreignTypes.status).toBe(403);
    expect(foreignTypes.body['field']).toBe('typeCodes');
    const badUrl = await call('PUT', `/directory/nodes/${deptCodes.civil}`, city.admin, {
      name: 'x',
      baseUrl: 'http://[bad',
      jwks: civilJwks,
      typeCodes: [],
    });
    expect(badUrl.status).toBe(400);
    // Only admins register nodes.
    const forbidden = await call('PUT', `/directory/nodes/${deptCodes.police}`, token['civilClerk'], {
      name: 'x',
      baseUrl: 'http://127.0.0.1:1',
      jwks: { keys: [{ kty: 'OKP' }] },
      typeCodes: [],
    });
    expect(forbidden.status).toBe(403);
  });

  it('answers unavailable for a node killed mid-load; the others still answer, and nothing is a 500', async () => {
    // Cases whose material lives on the civil node (a conditional type, under an agreement) and
    // cases whose material lives on the police node, consulted together while the civil node dies.
    const asked = await call('POST', '/agreements', token['policeAdmin'], {
      providerDeptCode: deptCodes.civil,
      itemCode: items.migration,
      typeCode: typeCodes.marriage,
      fields: ['holderName', 'spouseName'],
      basis: '《户口登记条例》第十九条',
    });
    await call('POST', `/agreements/${asked.body['agreementId'] as string}/approve`, token['civilAdmin'], {
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const civilCases = await Promise.all(
      Array.from({ length: 6 }, () => openCase('policeClerk', items.migration, alice)),
    );
    const policeCases = await Promise.all(
      Array.from({ length: 6 }, () => openCase('civilClerk', items.marriage, alice)),
    );
    const rounds = 8;
    const answers: { who: 'civil' | 'police'; status: number; outcome: string; reason?: string }[] = [];
    let killed = false;
    const load = Array.from({ length: rounds }, async (_, round) => {
      if (round === rounds / 2 && !killed) {
        killed = true;
        await city.nodes.civil.close();
      }
      const batch = await Promise.all([
        ...civilCases.map(async (c) => ({ who: 'civil' as const, ...(await consult('policeClerk', c)) })),
        ...policeCases.map(async (c) => ({ who: 'police' as const, ...(await consult('civilClerk', c)) })),
      ]);
      for (const a of batch)
        answers.push({
          who: a.who,
          status: a.status,
          outcome: a.body.materials[0]?.outcome.status ?? 'none',
          ...(a.body.materials[0]?.outcome.reason ? { reason: a.body.materials[0].outcome.reason } : {}),
        });
    });
    await Promise.all(load);
    // No failed consult: every answer is a 200 with an outcome per material.
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // The police node never stopped answering.
    expect(answers.filter((a) => a.who === 'police').every((a) => a.outcome === 'shared')).toBe(true);
    // The civil node answered until it died, then its material is unavailable.
    const civil = answers.filter((a) => a.who === 'civil');
    expect(civil.every((a) => a.outcome === 'shared' || a.outcome === 'unavailable')).toBe(true);
    expect(civil.some((a) => a.outcome === 'unavailable')).toBe(true);
    const after = await consult('policeClerk', civilCases[0]!);
    expect(after.body.materials[0]!.outcome).toMatchObject({ status: 'unavailable', reason: 'SOURCE_ERROR' });
    // The directory saw the failures.
    const directory = await call('GET', '/directory', token['civilClerk']);
    const entry = (
      directory.body['entries'] as { entryId: string; health: { failures: number; lastFailure: string } }[]
    ).find((e) => e.entryId === deptCodes.civil)!;
    expect(entry.health.failures).toBeGreaterThan(0);
    // A type denied by policy is still denied (no node is asked), with the civil node gone.
    const adoption = await openCase('civilClerk', items.adoption, alice);
    expect((await consult('civilClerk', adoption)).body.materials[0]!.outcome.reason).toBe('NOT_SHARED');
  });
});

async function operations(log: {
  size(): Promise<number>;
  findEntry(i: number): Promise<{ operation: string } | undefined>;
}) {
  const size = await log.size();
  const ops: string[] = [];
  for (let i = 0; i < size; i++) ops.push((await log.findEntry(i))?.operation ?? '');
  return ops;
}
