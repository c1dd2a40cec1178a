import {
  makeResidentId,
  validateCertificateId,
  type CertificateContent,
  type CertificateStore,
  type ImportRecord,
} from '@tongban/domain';
import { deptCodes, openTestDatabase, testDatabaseKind, typeCodes } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { nodeMigrations } from '../migrations/index.js';
import { createCertificateStore } from './create-certificate-store.js';
import type { NodeDatabase } from './node-schema.js';

const alice = makeResidentId({ regionCode: '330102', birthDate: '1990-01-01', sequence: 123 });
const bob = makeResidentId({ regionCode: '330102', birthDate: '1985-12-31', sequence: 456 });

const idCard = (
  holder: string,
  name: string,
  extra: Partial<CertificateContent> = {},
): CertificateContent => ({
  typeCode: typeCodes.idCard,
  holder: { kind: 'person', id: holder },
  issuerCode: deptCodes.police,
  fields: { name, idNumber: holder },
  status: 'valid',
  validFrom: '2020-01-01',
  validUntil: '2040-01-01',
  ...extra,
});

const row = (rowNumber: number, content: CertificateContent, key = content.holder.id): ImportRecord => ({
  rowNumber,
  sourceKey: `${content.typeCode}|${key}`,
  content,
  raw: { 姓名: String(content.fields['name']) },
});

describe(`certificate store (${testDatabaseKind()})`, () => {
  let database: Database<NodeDatabase>;
  let store: CertificateStore;

  beforeAll(async () => {
    database = await openTestDatabase<NodeDatabase>(nodeMigrations);
    store = await createCertificateStore(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  it('issues once per case and output, with a valid GB/T 36904 identifier', async () => {
    const input = {
      content: idCard(alice, '张三'),
      recordedBy: 'platform:test',
      issuance: { caseNo: 'C-1', outputCode: typeCodes.idCard, requestDigest: 'sha-256=:x:' },
    };
    const first = await store.issue(input);
    const again = await store.issue(input);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.record.certificateId).toBe(first.record.certificateId);
    expect(validateCertificateId(first.record.certificateId).ok).toBe(true);
    expect(first.record).toMatchObject({
      version: 1,
      origin: 'issued',
      status: 'valid',
      validFrom: '2020-01-01',
    });
    const found = await store.find({
      by: 'holder',
      typeCode: typeCodes.idCard,
      holder: { kind: 'person', id: alice },
    });
    expect(found?.certificateId).toBe(first.record.certificateId);
  });

  it('keeps every version and the status history; refuses a move the table forbids', async () => {
    const { record } = await store.issue({
      content: idCard(bob, '李四'),
      recordedBy: 'platform:test',
      issuance: { caseNo: 'C-2', outputCode: typeCodes.idCard, requestDigest: 'sha-256=:y:' },
    });
    await store.changeStatus(record.certificateId, 'suspended', { by: 'clerk-7', reason: '挂失' });
    const back = await store.changeStatus(record.certificateId, 'valid', { by: 'clerk-7', reason: '找回' });
    expect(back.version).toBe(3);
    await store.changeStatus(record.certificateId, 'cancelled', { by: 'clerk-8', reason: '注销' });
    await expect(
      store.changeStatus(record.certificateId, 'valid', { by: 'x', reason: 'y' }),
    ).rejects.toMatchObject({
      code: 'STATUS_TRANSITION_NOT_ALLOWED',
    });
    const versions = await store.versions(record.certificateId);
    expect(versions.map((v) => [v.version, v.status, v.recordedBy])).toEqual([
      [1, 'valid', 'platform:test'],
      [2, 'suspended', 'clerk-7'],
      [3, 'valid', 'clerk-7'],
      [4, 'cancelled', 'clerk-8'],
    ]);
    await expect(store.changeStatus('1.2.156.nope', 'valid', { by: 'x', reason: 'y' })).rejects.toMatchObject(
      {
        code: 'CERTIFICATE_NOT_FOUND',
      },
    );
  });

  it('never lets a version be changed or deleted', async () => {
    // Through the query builder, so the suite's schema applies on PostgreSQL too.
    await expect(
      database.db.updateTable('certificate_version').set({ status: 'valid' }).execute(),
    ).rejects.toThrow(/never changed/);
    await expect(database.db.deleteFrom('certificate_version').execute()).rejects.toThrow(/never changed/);
  });

  it('imports idempotently: same rows change nothing, corrected rows make new versions, duplicates go to quarantine', async () => {
    const carol = makeResidentId({ regionCode: '330103', birthDate: '2000-02-29', sequence: 10 });
    const dave = makeResidentId({ regionCode: '330103', birthDate: '1970-01-01', sequence: 11 });
    const file = { fileName: 'ids.csv', fileDigest: 'd1', typeCode: typeCodes.idCard, startedBy: 'test' };
    const rows = [row(2, idCard(carol, '王五')), row(3, idCard(dave, '赵六')), row(4, idCard(carol, '王五'))];
    const refused = [
      { rowNumber: 5, field: 'holder.id', code: 'HOLDER_ID_INVALID', message: 'bad', raw: { a: '1' } },
    ];

    const run1 = await store.startImport(file);
    expect(await store.importBatch(run1, rows, refused)).toEqual({
      imported: 2,
      updated: 0,
      unchanged: 0,
      quarantined: 2,
    });
    const run2 = await store.startImport(file);
    expect(await store.importBatch(run2, rows, refused)).toEqual({
      imported: 0,
      updated: 0,
      unchanged: 2,
      quarantined: 2,
    });
    // Quarantine holds each failing row once, however often the file is imported.
    const open = await store.quarantine({ state: 'open', limit: 100 });
    expect(open.map((q) => [q.rowNumber, q.code])).toEqual([
      [5, 'HOLDER_ID_INVALID'],
      [4, 'DUPLICATE_IN_FILE'],
    ]);

    const run3 = await store.startImport({ ...file, fileDigest: 'd2' });
    const fixed = [
      row(2, idCard(carol, '王五', { fields: { name: '王五', idNumber: carol, address: '示范市' } })),
    ];
    expect(await store.importBatch(run3, fixed, [])).toEqual({
      imported: 0,
      updated: 1,
      unchanged: 0,
      quarantined: 0,
    });
    const now = await store.find({
      by: 'holder',
      typeCode: typeCodes.idCard,
      holder: { kind: 'person', id: carol },
    });
    expect(now?.version).toBe(2);
    expect(now?.fields['address']).toBe('示范市');
    expect((await store.versions(now?.certificateId ?? '')).length).toBe(2);
    // The duplicate row of carol is settled by the corrected import of the same certificate.
    expect((await store.quarantine({ state: 'open', limit: 100 })).map((q) => q.rowNumber)).toEqual([5]);

    // The same content under another key is a duplicate of the stored record.
    const run4 = await store.startImport({ ...file, fileDigest: 'd3' });
    expect(await store.importBatch(run4, [row(2, idCard(dave, '赵六'), 'other-key')], [])).toMatchObject({
      imported: 0,
      quarantined: 1,
    });
    const report = await store.finishImport(
      run4.id,
      { read: 1, imported: 0, updated: 0, unchanged: 0, quarantined: 1 },
      'completed',
    );
    expect(report).toMatchObject({ state: 'completed', read: 1, quarantined: 1 });
    expect(
      await store.discardQuarantine([(await store.quarantine({ runId: run4.id, limit: 1 }))[0]?.id ?? 0]),
    ).toBe(1);
  });
});
