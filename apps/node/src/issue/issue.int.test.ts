import { requestDigestOf, verifierFor, verifyResponse } from '@tongban/crypto';
import { makeResidentId, validateCertificateId } from '@tongban/domain';
import { deptCodes, typeCodes } from '@tongban/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestNode, type TestNode } from '../test-node.js';

const person = (sequence: number, birthDate = '1990-01-01') =>
  makeResidentId({ regionCode: '330102', birthDate, sequence });
const alice = person(123);

/** A resident ID number with its check character changed (the typing error the check catches). */
const withBadCheckDigit = (id: string) => `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`;

let requests = 0;
const issue = (extra: Record<string, unknown> = {}) => ({
  requestId: `r-${++requests}-${Math.random().toString(36).slice(2)}`,
  caseNo: 'GA-2026-000001',
  outputCode: typeCodes.idCard,
  typeCode: typeCodes.idCard,
  holder: { kind: 'person', id: alice },
  fields: { name: '张三', idNumber: alice, address: '示范市一路1号' },
  validFrom: '2026-01-01',
  validUntil: '2046-01-01',
  clerkId: 'clerk-0001',
  ...extra,
});

interface IssueAnswer {
  certificateId: string;
  version: number;
  created: boolean;
  record: Record<string, unknown>;
}

interface ProblemBody {
  code: string;
  field?: string;
  errors?: { field: string; message: string }[];
}

describe('POST /node/v1/certificates', () => {
  let node: TestNode;

  beforeAll(async () => {
    node = await openTestNode({ deptCode: deptCodes.police });
  });
  afterAll(async () => {
    await node.close();
  });

  const auditEntries = async () => {
    const size = await node.log.size();
    const entries = [];
    for (let i = 0; i < size; i++) entries.push(await node.log.findEntry(i));
    return entries;
  };

  /** Stored certificates: issuances of a case, and certificates of a holder. */
  const issuancesOf = async (caseNo: string) =>
    Number(
      (
        await node.database.db
          .selectFrom('certificate_issuance')
          .select(sql<string>`count(*)`.as('n'))
          .where('case_no', '=', caseNo)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const certificatesOf = async (holderId: string) =>
    Number(
      (
        await node.database.db
          .selectFrom('certificate')
          .select(sql<string>`count(*)`.as('n'))
          .where('holder_id', '=', holderId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const totalCertificates = async () =>
    Number(
      (
        await node.database.db
          .selectFrom('certificate')
          .select(sql<string>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  let firstId = '';

  it('issues a certificate: 201, a valid GB/T 36904 identifier, version 1, stored and signed', async () => {
    const body = issue();
    const text = JSON.stringify(body);
    let sentHeaders: Record<string, string> = {};
    const res = await node.post('/node/v1/certificates', body, {
      tamper: (init) => void (sentHeaders = { ...init.headers }),
    });
    expect(res.status).toBe(201);
    const answerText = await res.text();
    const answer = JSON.parse(answerText) as IssueAnswer;
    expect(answer).toMatchObject({
      version: 1,
      created: true,
      record: {
        certificateId: answer.certificateId,
        typeCode: typeCodes.idCard,
        issuerCode: deptCodes.police,
        holder: { kind: 'person', id: alice },
        status: 'valid',
        validFrom: '2026-01-01',
        validUntil: '2046-01-01',
        version: 1,
        fields: { name: '张三', idNumber: alice, address: '示范市一路1号' },
      },
    });
    expect(validateCertificateId(answer.certificateId).ok).toBe(true);
    // Nothing of the store's bookkeeping leaks into the answer.
    for (const key of ['origin', 'recordedAt', 'recordedBy', 'reason'])
      expect(answer.record).not.toHaveProperty(key);
    firstId = answer.certificateId;

    const stored = await node.store.versions(firstId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ version: 1, origin: 'issued', status: 'valid' });
    expect(stored[0]?.recordedBy).toMatch(/^platform:.+ clerk:clerk-0001$/);

    // The answer is the node's, bound to this very request.
    const headers = Object.fromEntries(res.headers.entries());
    expect(headers['tongban-request-digest']).toBe(
      requestDigestOf({
        method: 'POST',
        url: `${node.url}/node/v1/certificates`,
        headers: sentHeaders,
        body: text,
      }),
    );
    const nodeVerifier = verifierFor(node.node);
    const verified = await verifyResponse(
      { status: res.status, headers, body: answerText },
      {
        requestDigest: headers['tongban-request-digest'] ?? '',
        keyLookup: (kid) => (kid === nodeVerifier.kid ? nodeVerifier : undefined),
        now: new Date(),
      },
    );
    expect(verified.ok).toBe(true);
    // A changed answer does not verify.
    const forged = await verifyResponse(
      { status: res.status, headers, body: answerText.replace('张三', '李四') },
      {
        requestDigest: headers['tongban-request-digest'] ?? '',
        keyLookup: (kid) => (kid === nodeVerifier.kid ? nodeVerifier : undefined),
        now: new Date(),
      },
    );
    expect(forged.ok).toBe(false);

    const entry = (await auditEntries()).findLast((e) => e?.operation === 'node.certificate.issued');
    expect(entry).toMatchObject({
      operation: 'node.certificate.issued',
      outcome: 'ok',
      subject: alice,
      purpose: { caseNo: 'GA-2026-000001' },
      requestId: body.requestId,
      details: { typeCode: typeCodes.idCard, certificateId: firstId, clerkId: 'clerk-0001' },
    });
    expect(entry?.actor).toMatch(/^platform:/);
  });

  it('answers the same case and output again with 200, created false and the same certificate', async () => {
    const before = await node.log.size();
    const res = await node.post('/node/v1/certificates', issue(), { nonce: 'nonce-issue-again-0001' });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as IssueAnswer;
    expect(answer).toMatchObject({ certificateId: firstId, version: 1, created: false });
    // A second retry with yet another nonce: still the one certificate.
    const third = await node.post('/node/v1/certificates', issue(), { nonce: 'nonce-issue-again-0002' });
    expect(third.status).toBe(200);
    expect(((await third.json()) as IssueAnswer).certificateId).toBe(firstId);
    expect(res.headers.get('signature')).toBeTruthy();

    expect(await issuancesOf('GA-2026-000001')).toBe(1);
    expect(await certificatesOf(alice)).toBe(1);
    expect(await node.store.versions(firstId)).toHaveLength(1);
    // Each retry is on the log, as a replay of the first issue.
    const entries = (await auditEntries()).slice(before);
    expect(entries).toHaveLength(2);
    for (const e of entries)
      expect(e).toMatchObject({
        operation: 'node.certificate.issued',
        outcome: 'replayed',
        details: { certificateId: firstId },
      });
  });

  it('issues a new certificate for a second output of the same case', async () => {
    const res = await node.post(
      '/node/v1/certificates',
      issue({ outputCode: 'id-card-temporary', validUntil: '2026-04-01' }),
    );
    expect(res.status).toBe(201);
    const answer = (await res.json()) as IssueAnswer;
    expect(answer.created).toBe(true);
    expect(answer.version).toBe(1);
    expect(answer.certificateId).not.toBe(firstId);
    expect(validateCertificateId(answer.certificateId).ok).toBe(true);
    expect(await issuancesOf('GA-2026-000001')).toBe(2);
    expect(await certificatesOf(alice)).toBe(2);
  });

  it('refuses an unsigned request with 401 SIGNATURE_MISSING, stores nothing, and logs the refusal', async () => {
    const bob = person(201);
    const before = await node.log.size();
    const res = await node.post(
      '/node/v1/certificates',
      issue({ caseNo: 'GA-UNSIGNED', holder: { kind: 'person', id: bob } }),
      { unsigned: true },
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'SIGNATURE_MISSING' });
    expect(await issuancesOf('GA-UNSIGNED')).toBe(0);
    expect(await node.log.size()).toBe(before + 1);
    expect((await auditEntries()).at(-1)).toMatchObject({
      operation: 'node.certificate.issue',
      actor: 'unauthenticated',
      outcome: 'refused',
      details: { code: 'SIGNATURE_MISSING' },
    });
  });

  it.each([
    ['a type this node does not issue', 403, 'FORBIDDEN', { typeCode: typeCodes.marriage }],
    ['an unknown type', 404, 'CERTIFICATE_TYPE_NOT_FOUND', { typeCode: '11100000000013127D999' }],
    ["another department's issuer code", 403, 'FORBIDDEN', { issuerCode: deptCodes.civil }],
  ])('refuses %s with %i %s, stores nothing, and logs it', async (_what, status, code, extra) => {
    const caseNo = `GA-REFUSED-${code}-${status}-${requests}`;
    const before = await node.log.size();
    const totalBefore = await totalCertificates();
    const res = await node.post('/node/v1/certificates', issue({ caseNo, ...extra }));
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await res.json()).toMatchObject({ code });
    expect(await issuancesOf(caseNo)).toBe(0);
    expect(await totalCertificates()).toBe(totalBefore);
    expect(await node.log.size()).toBe(before + 1);
    const last = (await auditEntries()).at(-1);
    expect(last).toMatchObject({
      operation: 'node.certificate.issue',
      outcome: 'refused',
      details: { code },
    });
    expect(last?.actor).toMatch(/^platform:/);
  });

  describe('refuses content that does not pass its type with 400 VALIDATION_FAILED', () => {
    const bob = person(202);

    const refused = async (body: unknown) => {
      const before = await node.log.size();
      const totalBefore = await totalCertificates();
      const res = await node.post('/node/v1/certificates', body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const problem = (await res.json()) as ProblemBody;
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(await totalCertificates()).toBe(totalBefore);
      expect(await node.log.size()).toBe(before + 1);
      const last = (await auditEntries()).at(-1);
      expect(last).toMatchObject({ operation: 'node.certificate.issue', outcome: 'refused' });
      return { problem, loggedCode: last?.details?.['code'] };
    };
    const fieldsOf = (p: ProblemBody) => (p.errors ?? []).map((e) => e.field);

    it('a missing required field', async () => {
      const { problem, loggedCode } = await refused(
        issue({ caseNo: 'GA-V-1', holder: { kind: 'person', id: bob }, fields: { name: '李四' } }),
      );
      expect(fieldsOf(problem)).toEqual(['fields.idNumber']);
      expect(problem.field).toBe('fields.idNumber');
      expect(loggedCode).toBe('VALIDATION_FAILED');
    });

    it('a holder ID number with a bad check digit', async () => {
      const bad = withBadCheckDigit(bob);
      const { problem, loggedCode } = await refused(
        issue({
          caseNo: 'GA-V-2',
          holder: { kind: 'person', id: bad },
          fields: { name: '李四', idNumber: bad },
        }),
      );
      expect(fieldsOf(problem)).toEqual(['holder.id', 'fields.idNumber']);
      expect(loggedCode).toBe('VALIDATION_FAILED');
    });

    it('an impossible date (2021-02-30)', async () => {
      const { problem } = await refused(
        issue({ caseNo: 'GA-V-3', holder: { kind: 'person', id: bob }, validFrom: '2021-02-30' }),
      );
      expect(fieldsOf(problem)).toEqual(['body.validFrom']);
    });

    it('a validity period that ends before it starts', async () => {
      const { problem, loggedCode } = await refused(
        issue({
          caseNo: 'GA-V-4',
          holder: { kind: 'person', id: bob },
          fields: { name: '李四', idNumber: bob },
          validFrom: '2026-01-01',
          validUntil: '2025-12-31',
        }),
      );
      expect(fieldsOf(problem)).toEqual(['validUntil']);
      expect(loggedCode).toBe('VALIDATION_FAILED');
    });

    it('every problem at once, each field listed', async () => {
      const bad = withBadCheckDigit(bob);
      const { problem, loggedCode } = await refused(
        issue({
          caseNo: 'GA-V-5',
          holder: { kind: 'person', id: bad },
          fields: { idNumber: bad },
          validFrom: '2026-01-01',
          validUntil: '2025-12-31',
        }),
      );
      expect([...fieldsOf(problem)].sort()).toEqual(
        ['fields.idNumber', 'fields.name', 'holder.id', 'validUntil'].sort(),
      );
      // Problems name the field, never repeat the ID number.
      expect(JSON.stringify(problem)).not.toContain(bad);
      expect(loggedCode).toBe('VALIDATION_FAILED');
    });

    it('a type that states its validity, issued without validUntil', async () => {
      const body: Record<string, unknown> = issue({
        caseNo: 'GA-V-6',
        holder: { kind: 'person', id: bob },
        fields: { name: '李四', idNumber: bob },
      });
      delete body['validUntil'];
      const { problem, loggedCode } = await refused(body);
      expect(problem.field).toBe('validUntil');
      expect(loggedCode).toBe('VALIDATION_FAILED');
    });

    it('a missing top-level property, and an extra one', async () => {
      const body: Record<string, unknown> = issue({ caseNo: 'GA-V-7', holder: { kind: 'person', id: bob } });
      delete body['clerkId'];
      const { problem: missing } = await refused(body);
      expect(fieldsOf(missing)).toEqual(['body.clerkId']);
      const { problem: extra } = await refused(
        issue({ caseNo: 'GA-V-8', holder: { kind: 'person', id: bob }, extra: 1 }),
      );
      expect(extra.errors).toHaveLength(1);
    });

    // Once a bug (server.ts, the onError hook, `const code = (error as { code?: string }).code ?? 'INTERNAL'`):
    // a refusal by the request schema is answered VALIDATION_FAILED but logged with Fastify's
    // internal code FST_ERR_VALIDATION, so the audit log and the answer disagree.
    it('logs a schema refusal under the stable code it answers with (VALIDATION_FAILED)', async () => {
      const { loggedCode } = await refused(
        issue({ caseNo: 'GA-V-9', holder: { kind: 'person', id: bob }, extra: 1 }),
      );
      expect(loggedCode).toBe('VALIDATION_FAILED');
    });
  });

  describe('refuses prototype-pollution keys in fields', () => {
    const hostile = [
      ['__proto__', '"__proto__":{"polluted":"yes"}', 401],
      ['constructor', '"constructor":{"prototype":{"polluted":"yes"}}', 402],
      ['nested __proto__', '"note":{"__proto__":{"polluted":"yes"}}', 403],
    ] as const;

    /** The issue body with `keys` spliced into `fields` as raw JSON (JSON.stringify cannot write an own `__proto__`). */
    const hostileBody = (caseNo: string, holderId: string, keys: string) => {
      const rawBody = JSON.stringify(
        issue({
          caseNo,
          holder: { kind: 'person', id: holderId },
          fields: { name: '李四', idNumber: holderId },
        }),
      ).replace('"fields":{', `"fields":{${keys},`);
      expect(rawBody).toContain(keys);
      return rawBody;
    };

    it('never pollutes the prototype of the node process, whatever the answer', async () => {
      for (const [what, keys, sequence] of hostile) {
        const res = await node.post('/node/v1/certificates', undefined, {
          rawBody: hostileBody(`GA-PP-PROBE-${what.replace(/[^a-z]/g, '')}`, person(sequence + 100), keys),
        });
        expect(res.status).toBeLessThan(500);
        expect({}).not.toHaveProperty('polluted');
        expect(Object.prototype).not.toHaveProperty('polluted');
      }
    });

    // Once a bug (packages/contracts/src/raw-json-body.ts, the JSON parser: `JSON.parse(raw.toString('utf8'))`):
    // replacing Fastify's JSON parser drops its protection (secure-json-parse, onProtoPoisoning and
    // onConstructorPoisoning 'error'), and the ID card's field schema allows other properties, so
    // `fields` with a `__proto__` or `constructor` key is answered 201 and stored as is.
    it.each(hostile)('%s: 400, nothing stored', async (what, keys, sequence) => {
      const caseNo = `GA-PP-${what.replace(/[^a-z]/g, '')}`;
      const holderId = person(sequence);
      const before = await node.log.size();
      const res = await node.post('/node/v1/certificates', undefined, {
        rawBody: hostileBody(caseNo, holderId, keys),
      });
      expect(res.status).toBe(400);
      expect(await issuancesOf(caseNo)).toBe(0);
      expect(await certificatesOf(holderId)).toBe(0);
      expect(await node.log.size()).toBe(before + 1);
    });
  });

  it('refuses malformed JSON and a non-object body with 400', async () => {
    for (const rawBody of ['{', '[]', '"x"', 'null', '']) {
      const before = await node.log.size();
      const res = await node.post('/node/v1/certificates', undefined, { rawBody });
      expect(res.status).toBe(400);
      expect(['MALFORMED_INPUT', 'VALIDATION_FAILED']).toContain(((await res.json()) as ProblemBody).code);
      expect(await node.log.size()).toBe(before + 1);
    }
  });

  const oversized = [
    ['fields with 10,000 keys', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 'v']))],
    ['a value beyond the body limit', { name: 'x'.repeat(64 * 1024), idNumber: alice }],
  ] as const;

  it.each(oversized)(
    'refuses %s with 413 PAYLOAD_TOO_LARGE, stores nothing, and logs it',
    async (_what, fields) => {
      const before = await node.log.size();
      const totalBefore = await totalCertificates();
      const res = await node.post('/node/v1/certificates', issue({ caseNo: 'GA-HUGE', fields }));
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(await issuancesOf('GA-HUGE')).toBe(0);
      expect(await totalCertificates()).toBe(totalBefore);
      expect(await node.log.size()).toBe(before + 1);
      expect((await auditEntries()).at(-1)).toMatchObject({
        operation: 'node.certificate.issue',
        actor: 'unauthenticated',
        outcome: 'refused',
      });
    },
  );

  // Once a bug (server.ts, the onError hook, as above): the 413 is answered PAYLOAD_TOO_LARGE but logged
  // with Fastify's internal code FST_ERR_CTP_BODY_TOO_LARGE.
  it('logs an oversized body under the stable code it answers with (PAYLOAD_TOO_LARGE)', async () => {
    const res = await node.post(
      '/node/v1/certificates',
      issue({ caseNo: 'GA-HUGE', fields: oversized[1][1] }),
    );
    expect(res.status).toBe(413);
    expect((await auditEntries()).at(-1)?.details).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a replayed nonce', async () => {
    const body = issue({ caseNo: 'GA-REPLAY' });
    expect((await node.post('/node/v1/certificates', body, { nonce: 'nonce-issue-replay' })).status).toBe(
      201,
    );
    const again = await node.post('/node/v1/certificates', body, { nonce: 'nonce-issue-replay' });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: 'REPLAYED' });
  });

  /** 20 identical issue requests at once, each with its own nonce. */
  const race = async (caseNo: string, holderId: string) => {
    const body = issue({
      caseNo,
      holder: { kind: 'person', id: holderId },
      fields: { name: '王五', idNumber: holderId },
    });
    return Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await node.post('/node/v1/certificates', body, { nonce: `nonce-${caseNo}-${i}` });
        return { status: res.status, body: (await res.json()) as IssueAnswer & ProblemBody };
      }),
    );
  };

  it('stores exactly one certificate for 20 concurrent identical requests', async () => {
    const carol = person(303, '1985-06-15');
    const answers = await race('GA-RACE-0001', carol);
    const issued = answers.filter((a) => a.status === 200 || a.status === 201);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status >= 400 && a.status < 500)).toEqual([]);
    expect(new Set(issued.map((a) => a.body.certificateId)).size).toBe(1);
    expect(await issuancesOf('GA-RACE-0001')).toBe(1);
    expect(await certificatesOf(carol)).toBe(1);
    const found = await node.store.find({
      by: 'holder',
      typeCode: typeCodes.idCard,
      holder: { kind: 'person', id: carol },
    });
    expect(found?.certificateId).toBe(issued[0]?.body.certificateId);
    expect(await node.store.versions(found?.certificateId ?? '')).toHaveLength(1);
  });

  // On PostgreSQL the losers of the race hit the issuance primary key; the store then returns the
  // winner's certificate (it once answered 500 for 3 of 20). PGlite never overlaps transactions.
  it('answers every one of 20 concurrent identical requests with 201 or 200 (no 500)', async () => {
    const dave = person(304, '1985-06-15');
    const answers = await race('GA-RACE-0002', dave);
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array<number>(19).fill(200)].sort());
    expect(await issuancesOf('GA-RACE-0002')).toBe(1);
  });
});
