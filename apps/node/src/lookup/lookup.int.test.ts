import { generateSigner, requestDigestOf, verifierFor, verifyResponse } from '@tongban/crypto';
import { makeCreditCode, makeResidentId } from '@tongban/domain';
import { deptCodes, smallCatalog, typeCodes } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestNode, type TestNode } from '../test-node.js';

const alice = makeResidentId({ regionCode: '330102', birthDate: '1990-01-01', sequence: 123 });
const nobody = makeResidentId({ regionCode: '330102', birthDate: '1991-02-03', sequence: 77 });

const purpose = {
  itemCode: '11330100T0000001XK4000300001000',
  caseNo: 'SFS-2026-000001',
  deptCode: deptCodes.civil,
  clerkId: 'clerk-0001',
};
const lookup = (extra: Record<string, unknown> = {}) => ({
  requestId: `r-${Math.random().toString(36).slice(2)}`,
  typeCode: typeCodes.idCard,
  holder: { kind: 'person', id: alice },
  fields: ['name'],
  purpose,
  ...extra,
});

describe('POST /node/v1/lookup', () => {
  let node: TestNode;
  let certificateId: string;

  beforeAll(async () => {
    // The police node also holds a type that is never shared, to see the node refuse it itself.
    const catalog = {
      ...smallCatalog,
      certificateTypes: smallCatalog.certificateTypes.map((t) =>
        t.code === typeCodes.adoption
          ? { ...t, issuingDeptCodes: [...t.issuingDeptCodes, deptCodes.police] }
          : t,
      ),
    };
    node = await openTestNode({ deptCode: deptCodes.police, catalog });
    const { record } = await node.store.issue({
      content: {
        typeCode: typeCodes.idCard,
        holder: { kind: 'person', id: alice },
        issuerCode: deptCodes.police,
        fields: { name: '张三', idNumber: alice, address: '示范市一路1号' },
        status: 'valid',
        validFrom: '2020-01-01',
        validUntil: '2040-01-01',
      },
      recordedBy: 'test',
      issuance: { caseNo: 'seed', outputCode: typeCodes.idCard, requestDigest: 'sha-256=:x:' },
    });
    certificateId = record.certificateId;
  });
  afterAll(async () => {
    await node.close();
  });

  const auditOutcomes = async () => {
    const size = await node.log.size();
    const entries = [];
    for (let i = 0; i < size; i++) entries.push(await node.log.findEntry(i));
    return entries;
  };

  it('releases only the requested fields, signed by the node and bound to the request', async () => {
    const body = lookup({ fields: ['name', 'name'] });
    const text = JSON.stringify(body);
    let sentHeaders: Record<string, string> = {};
    const res = await node.post('/node/v1/lookup', body, {
      tamper: (init) => void (sentHeaders = { ...init.headers }),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Record<string, unknown>;
    expect(answer).toMatchObject({
      requestId: body.requestId,
      nodeId: deptCodes.police,
      outcome: 'found',
      record: {
        certificateId,
        typeCode: typeCodes.idCard,
        status: 'valid',
        validFrom: '2020-01-01',
        validUntil: '2040-01-01',
        version: 1,
        fields: { name: '张三' },
      },
    });
    expect(Object.keys((answer['record'] as { fields: object }).fields)).toEqual(['name']);
    // The platform's side: the answer verifies under the node's key and names this request.
    const headers = Object.fromEntries(res.headers.entries());
    // It names the digest of the request it answers (as the platform computes it before sending).
    expect(headers['tongban-request-digest']).toBe(
      requestDigestOf({
        method: 'POST',
        url: `${node.url}/node/v1/lookup`,
        headers: sentHeaders,
        body: text,
      }),
    );
    const verified = await verifyResponse(
      { status: res.status, headers, body: JSON.stringify(answer) },
      {
        requestDigest: headers['tongban-request-digest'] ?? '',
        keyLookup: (kid) => (kid === verifierFor(node.node).kid ? verifierFor(node.node) : undefined),
        now: new Date(),
      },
    );
    expect(verified.ok).toBe(true);
  });

  it('answers by identifier too, and not_found for an unknown holder', async () => {
    const byId = await node.post('/node/v1/lookup', lookup({ holder: undefined, certificateId }));
    expect(((await byId.json()) as { outcome: string }).outcome).toBe('found');
    const none = await node.post('/node/v1/lookup', lookup({ holder: { kind: 'person', id: nobody } }));
    expect(((await none.json()) as { outcome: string }).outcome).toBe('not_found');
  });

  it.each([
    ['NOT_SHARED', { typeCode: typeCodes.adoption }],
    [
      'TYPE_NOT_HELD',
      {
        typeCode: typeCodes.businessLicence,
        holder: {
          kind: 'organisation',
          id: makeCreditCode({
            registrationAuthority: '9',
            category: '1',
            regionCode: '330100',
            organisationBody: 'MA000001',
          }),
        },
      },
    ],
    ['TYPE_UNKNOWN', { typeCode: '11100000000013127D999' }],
    ['FIELD_NOT_IN_TYPE', { fields: ['name', 'salary'] }],
    ['SUBJECT_INVALID', { holder: { kind: 'organisation', id: alice } }],
  ])('denies %s with its reason, and logs it', async (reason, extra) => {
    const res = await node.post('/node/v1/lookup', lookup(extra));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'denied', reason });
    const entries = await auditOutcomes();
    expect(entries.at(-1)).toMatchObject({
      operation: 'node.lookup',
      outcome: 'denied',
      details: { reason },
    });
  });

  it.each([
    ['unsigned', 'SIGNATURE_MISSING', { unsigned: true }],
    ['signed by an unregistered key', 'UNKNOWN_KEY', { signer: generateSigner('EdDSA') }],
    ['expired', 'SIGNATURE_EXPIRED', { now: new Date(Date.now() - 10 * 60_000) }],
    ['dated in the future', 'SIGNATURE_NOT_YET_VALID', { now: new Date(Date.now() + 10 * 60_000) }],
    [
      'with a changed body',
      'DIGEST_MISMATCH',
      { tamper: (i: { body: string }) => void (i.body = i.body.replace('name', 'nome')) },
    ],
    [
      'with a forged signature',
      'SIGNATURE_INVALID',
      {
        tamper: (i: { headers: Record<string, string> }) =>
          void (i.headers['signature'] = (i.headers['signature'] ?? '').replace(
            /:(.)/,
            (_m, c: string) => `:${c === 'A' ? 'B' : 'A'}`,
          )),
      },
    ],
  ])('refuses a lookup %s with %s, and logs the refusal', async (_what, code, options) => {
    const before = await node.log.size();
    const res = await node.post('/node/v1/lookup', lookup(), options);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await res.json()).toMatchObject({ code });
    expect(await node.log.size()).toBe(before + 1);
    expect((await auditOutcomes()).at(-1)).toMatchObject({
      operation: 'node.lookup',
      outcome: 'refused',
      details: { code },
    });
  });

  it('refuses a replayed request', async () => {
    const body = lookup();
    expect((await node.post('/node/v1/lookup', body, { nonce: 'nonce-replay-0001' })).status).toBe(200);
    const again = await node.post('/node/v1/lookup', body, { nonce: 'nonce-replay-0001' });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: 'REPLAYED' });
  });

  it('refuses an oversized body with PAYLOAD_TOO_LARGE and logs it', async () => {
    const before = await node.log.size();
    const res = await node.post(
      '/node/v1/lookup',
      lookup({ fields: Array.from({ length: 5000 }, () => 'name') }),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await node.log.size()).toBe(before + 1);
  });

  it('refuses signed but malformed or hostile bodies with a stable code', async () => {
    for (const rawBody of ['{', '[]', '{"requestId":"x"}', JSON.stringify({ ...lookup(), extra: 1 })]) {
      const res = await node.post('/node/v1/lookup', undefined, { rawBody });
      expect(res.status).toBe(400);
      expect(['MALFORMED_INPUT', 'VALIDATION_FAILED']).toContain(
        ((await res.json()) as { code: string }).code,
      );
    }
  });

  it('publishes its public keys', async () => {
    const res = await fetch(`${node.url}/node/v1/keys/jwks.json`);
    expect(((await res.json()) as { keys: { kid: string }[] }).keys[0]?.kid).toBe(verifierFor(node.node).kid);
  });
});
