import { generateSigner, signRequest, type Signer } from '@tongban/crypto';
import {
  makeResidentId,
  type CertificateContent,
  type QualityReport,
  type TypeQuality,
} from '@tongban/domain';
import { deptCodes, typeCodes } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestNode, type TestNode } from '../test-node.js';

const person = (sequence: number) =>
  makeResidentId({ regionCode: '330102', birthDate: '1990-01-01', sequence });
const [alice, bob, carol, dave, erin, frank] = [11, 12, 13, 14, 15, 16].map(person) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
/** A resident ID number with its check character changed. */
const withBadCheckDigit = (id: string) => `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`;

const idCard = (holder: string, extra: Partial<CertificateContent> = {}): CertificateContent => ({
  typeCode: typeCodes.idCard,
  holder: { kind: 'person', id: holder },
  issuerCode: deptCodes.police,
  fields: { name: '张三', idNumber: holder },
  status: 'valid',
  validFrom: '2020-01-01',
  validUntil: '2040-01-01',
  ...extra,
});

describe('GET /node/v1/quality', () => {
  let node: TestNode;

  beforeAll(async () => {
    node = await openTestNode({ deptCode: deptCodes.police });
  });
  afterAll(async () => {
    await node.close();
  });

  /** A GET signed as the platform signs it (RFC 9421 over an empty body). */
  async function signedGet(
    path: string,
    options: { signer?: Signer; unsigned?: boolean; nonce?: string } = {},
  ): Promise<Response> {
    const url = `${node.url}${path}`;
    const headers: Record<string, string> = options.unsigned
      ? {}
      : {
          ...(await signRequest(
            { method: 'GET', url, headers: {}, body: '' },
            options.signer ?? node.platform,
            {
              now: new Date(),
              ttlSeconds: 60,
              ...(options.nonce ? { nonce: options.nonce } : {}),
            },
          )),
        };
    return fetch(url, { headers });
  }

  const idCardQuality = async (): Promise<TypeQuality | undefined> => {
    const res = await signedGet('/node/v1/quality');
    expect(res.status).toBe(200);
    const report = (await res.json()) as QualityReport;
    // The police node answers for the one type it issues.
    expect(report.types.map((t) => t.typeCode)).toEqual([typeCodes.idCard]);
    expect(Math.abs(Date.parse(report.asOf) - Date.now())).toBeLessThan(60_000);
    return report.types[0];
  };

  it.each([
    ['unsigned', 'SIGNATURE_MISSING', { unsigned: true }],
    ['signed by an unregistered key', 'UNKNOWN_KEY', { signer: generateSigner('EdDSA') }],
  ])('refuses a request %s with 401 %s', async (_what, code, options) => {
    const res = await signedGet('/node/v1/quality', options);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await res.json()).toMatchObject({ code });
  });

  it('refuses a replayed request', async () => {
    expect((await signedGet('/node/v1/quality', { nonce: 'nonce-quality-0001' })).status).toBe(200);
    const again = await signedGet('/node/v1/quality', { nonce: 'nonce-quality-0001' });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: 'REPLAYED' });
  });

  it('reports a type with no records with zeros and nulls', async () => {
    expect(await idCardQuality()).toEqual({
      typeCode: typeCodes.idCard,
      records: 0,
      complete: 0,
      valid: 0,
      byStatus: {},
      newestChange: null,
      newestChangeAgeDays: null,
      validButExpired: 0,
      duplicates: 0,
      quarantined: 0,
    });
  });

  it('measures completeness, validity, status, expiry, duplicates and quarantine', async () => {
    const issue = (content: CertificateContent, caseNo: string) =>
      node.store.issue({
        content,
        recordedBy: 'test',
        issuance: { caseNo, outputCode: typeCodes.idCard, requestDigest: 'sha-256=:x:' },
      });
    // A valid one, a suspended one, and the same certificate of carol issued twice (two cases).
    await issue(idCard(alice), 'Q-1');
    const { record: suspended } = await issue(idCard(bob), 'Q-2');
    await node.store.changeStatus(suspended.certificateId, 'suspended', { by: 'clerk-1', reason: '挂失' });
    const first = await issue(idCard(carol), 'Q-3a');
    const second = await issue(idCard(carol), 'Q-3b');
    expect(second.created).toBe(true);
    expect(second.record.certificateId).not.toBe(first.record.certificateId);

    // Imported (the store does not check content): incomplete, a bad check digit, expired but valid.
    const run = await node.store.startImport({
      fileName: 'ids.csv',
      fileDigest: 'quality-file-1',
      typeCode: typeCodes.idCard,
      startedBy: 'test',
    });
    const row = (rowNumber: number, content: CertificateContent, key = content.holder.id) => ({
      rowNumber,
      sourceKey: `${typeCodes.idCard}|${key}`,
      content,
      raw: { 姓名: '张三' },
    });
    const refused = [
      { rowNumber: 10, field: 'holder.id', code: 'HOLDER_ID_INVALID', message: 'bad', raw: { a: '1' } },
      { rowNumber: 10, field: 'fields.name', code: 'FIELD_REQUIRED', message: 'missing', raw: { a: '1' } },
      { rowNumber: 11, field: 'validFrom', code: 'DATE_INVALID', message: 'bad', raw: { a: '2' } },
    ];
    expect(
      await node.store.importBatch(
        run,
        [
          row(2, idCard(dave, { fields: { name: '李四' } })),
          row(3, idCard(erin, { fields: { name: '王五', idNumber: withBadCheckDigit(erin) } })),
          row(4, idCard(frank, { validFrom: '2000-01-01', validUntil: '2020-01-01' })),
          // The same content as carol's stored certificate under another key: quarantined, not stored.
          row(5, idCard(carol), 'carol-again'),
        ],
        refused,
      ),
    ).toEqual({ imported: 3, updated: 0, unchanged: 0, quarantined: 3 });

    expect(await idCardQuality()).toEqual({
      typeCode: typeCodes.idCard,
      // alice, bob, carol twice, dave, erin, frank
      records: 7,
      // all but dave (no idNumber)
      complete: 6,
      // all but dave and erin (check digit)
      valid: 5,
      byStatus: { valid: 6, suspended: 1 },
      newestChange: expect.any(String) as unknown,
      newestChangeAgeDays: 0,
      // frank
      validButExpired: 1,
      // carol's second certificate
      duplicates: 1,
      // rows 10 (two problems, one row), 11 and 5
      quarantined: 3,
    });
    const report = await idCardQuality();
    expect(Math.abs(Date.parse(report?.newestChange ?? '') - Date.now())).toBeLessThan(60_000);

    // Discarded quarantine rows no longer count; a third identical certificate is a second duplicate.
    const open = await node.store.quarantine({ state: 'open', runId: run.id, limit: 10 });
    expect(await node.store.discardQuarantine(open.filter((q) => q.rowNumber === 11).map((q) => q.id))).toBe(
      1,
    );
    await issue(idCard(carol), 'Q-3c');
    // Revoking one of carol's changes its content: it is no longer a duplicate.
    await node.store.changeStatus(first.record.certificateId, 'revoked', { by: 'clerk-1', reason: '撤销' });
    expect(await idCardQuality()).toMatchObject({
      records: 8,
      complete: 7,
      valid: 6,
      byStatus: { valid: 6, suspended: 1, revoked: 1 },
      validButExpired: 1,
      duplicates: 1,
      quarantined: 2,
      newestChangeAgeDays: 0,
    });
  });
});
