import {
  makeCreditCode,
  makeResidentId,
  type CertificateContent,
  type CertificateStore,
  type CertificateType,
  type ImportRecord,
  type TypeQuality,
} from '@tongban/domain';
import { deptCodes, openTestDatabase, smallCatalog, testDatabaseKind, typeCodes } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { nodeMigrations } from '../migrations/index.js';
import { createCertificateStore } from './create-certificate-store.js';
import { measureQuality } from './measure-quality.js';
import type { NodeDatabase } from './node-schema.js';

const DAY_MS = 86_400_000;
const typeOf = (code: string): CertificateType => {
  const type = smallCatalog.certificateTypes.find((t) => t.code === code);
  if (!type) throw new Error(`no type ${code}`);
  return type;
};
const idCardType = typeOf(typeCodes.idCard);
const marriageType = typeOf(typeCodes.marriage);
const adoptionType = typeOf(typeCodes.adoption);

const person = (sequence: number, birthDate = '1990-01-01') =>
  makeResidentId({ regionCode: '330102', birthDate, sequence });
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

const row = (rowNumber: number, content: CertificateContent, key = content.holder.id): ImportRecord => ({
  rowNumber,
  sourceKey: `${content.typeCode}|${key}`,
  content,
  raw: { row: String(rowNumber) },
});

const empty = (typeCode: string): TypeQuality => ({
  typeCode,
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

describe(`measureQuality (${testDatabaseKind()})`, () => {
  let database: Database<NodeDatabase>;
  let store: CertificateStore;
  /** The store's clock: what `updated_at` (and so newestChange) records. */
  let now = new Date('2026-03-01T10:00:00.000Z');

  beforeAll(async () => {
    database = await openTestDatabase<NodeDatabase>(nodeMigrations);
    store = await createCertificateStore(database.db, { clock: () => now });
  });
  afterAll(async () => {
    await database.close();
  });

  const measure = async (types: readonly CertificateType[], asOf: Date) => {
    const report = await measureQuality(database.db, types, asOf);
    expect(report.asOf).toBe(asOf.toISOString());
    return report;
  };
  const quality = async (type: CertificateType, asOf: Date) =>
    (await measure([type], asOf)).types.find((t) => t.typeCode === type.code);

  it('reports each type with no records with zeros and nulls, in code order', async () => {
    const report = await measure([marriageType, idCardType, adoptionType], now);
    expect(report.types).toEqual(
      [typeCodes.idCard, typeCodes.marriage, typeCodes.adoption].sort().map(empty),
    );
    expect(await measure([], now)).toEqual({ asOf: now.toISOString(), types: [] });
  });

  it('measures completeness, validity, status, expiry, duplicates and quarantine of one type', async () => {
    now = new Date('2026-03-01T10:00:00.000Z');
    const issue = (content: CertificateContent, caseNo: string) =>
      store.issue({
        content,
        recordedBy: 'test',
        issuance: { caseNo, outputCode: typeCodes.idCard, requestDigest: 'sha-256=:x:' },
      });
    const [alice, bob, carol, dave, erin, frank, grace] = [1, 2, 3, 4, 5, 6, 7].map((n) => person(n));
    await issue(idCard(alice ?? ''), 'M-1');
    const { record: bobs } = await issue(idCard(bob ?? ''), 'M-2');
    await store.changeStatus(bobs.certificateId, 'suspended', { by: 'clerk', reason: '挂失' });
    // carol's certificate three times over (three cases, identical content): two duplicates.
    for (const caseNo of ['M-3a', 'M-3b', 'M-3c']) await issue(idCard(carol ?? ''), caseNo);

    const run = await store.startImport({
      fileName: 'ids.csv',
      fileDigest: 'measure-1',
      typeCode: typeCodes.idCard,
      startedBy: 'test',
    });
    const result = await store.importBatch(
      run,
      [
        // No idNumber: neither complete nor valid.
        row(2, idCard(dave ?? '', { fields: { name: '李四' } })),
        // A bad check digit in the ID field: complete, not valid.
        row(3, idCard(erin ?? '', { fields: { name: '王五', idNumber: withBadCheckDigit(erin ?? '') } })),
        // Valid, but its period ended before the report (and one ending after it).
        row(4, idCard(frank ?? '', { validFrom: '2000-01-01', validUntil: '2026-02-28' })),
        row(5, idCard(grace ?? '', { validFrom: '2006-03-01', validUntil: '2026-03-01' })),
        // carol's again under another key: quarantined as a duplicate of the stored one.
        row(6, idCard(carol ?? ''), 'carol-other-key'),
      ],
      [
        { rowNumber: 10, field: 'holder.id', code: 'HOLDER_ID_INVALID', message: 'bad', raw: { a: '1' } },
        { rowNumber: 10, field: 'fields.name', code: 'FIELD_REQUIRED', message: 'missing', raw: { a: '1' } },
        { rowNumber: 11, field: 'validFrom', code: 'DATE_INVALID', message: 'bad', raw: { a: '2' } },
      ],
    );
    expect(result).toEqual({ imported: 4, updated: 0, unchanged: 0, quarantined: 3 });

    const asOf = new Date('2026-03-01T12:00:00.000Z');
    expect(await quality(idCardType, asOf)).toEqual({
      typeCode: typeCodes.idCard,
      records: 9,
      complete: 8,
      valid: 7,
      byStatus: { valid: 8, suspended: 1 },
      newestChange: '2026-03-01T10:00:00.000Z',
      newestChangeAgeDays: 0,
      validButExpired: 1,
      duplicates: 2,
      quarantined: 3,
    });

    // Later: grace's period has ended too, and the newest change is three and a half days old.
    const later = await quality(idCardType, new Date('2026-03-05T00:00:00.000Z'));
    expect(later).toMatchObject({ validButExpired: 2, newestChangeAgeDays: 3 });

    // Quarantine the same file again: each refused row still counts once; discarded rows not at all.
    const again = await store.startImport({
      fileName: 'ids.csv',
      fileDigest: 'measure-1',
      typeCode: typeCodes.idCard,
      startedBy: 'test',
    });
    await store.importBatch(
      again,
      [],
      [{ rowNumber: 11, field: 'validFrom', code: 'DATE_INVALID', message: 'bad', raw: { a: '2' } }],
    );
    expect((await quality(idCardType, asOf))?.quarantined).toBe(3);
    const open = await store.quarantine({ typeCode: typeCodes.idCard, state: 'open', limit: 100 });
    expect(await store.discardQuarantine(open.filter((q) => q.rowNumber === 11).map((q) => q.id))).toBe(1);

    // A later change moves newestChange; a status change makes a duplicate distinct.
    now = new Date('2026-03-03T08:00:00.000Z');
    const carols = await database.db
      .selectFrom('certificate')
      .select('certificate_id')
      .where('holder_id', '=', carol ?? '')
      .orderBy('certificate_id')
      .execute();
    await store.changeStatus(carols[0]?.certificate_id ?? '', 'cancelled', { by: 'clerk', reason: '注销' });
    expect(await quality(idCardType, new Date('2026-03-04T07:59:59.000Z'))).toEqual({
      typeCode: typeCodes.idCard,
      records: 9,
      complete: 8,
      valid: 7,
      byStatus: { valid: 7, suspended: 1, cancelled: 1 },
      newestChange: '2026-03-03T08:00:00.000Z',
      newestChangeAgeDays: 0,
      validButExpired: 2,
      duplicates: 1,
      quarantined: 2,
    });
  });

  it('reports a type it holds records of but was not asked about, without checking them', async () => {
    now = new Date('2026-03-01T10:00:00.000Z');
    const licence = makeCreditCode({
      registrationAuthority: '9',
      category: '1',
      regionCode: '330100',
      organisationBody: 'MA000009',
    });
    const run = await store.startImport({
      fileName: 'licences.csv',
      fileDigest: 'measure-licences',
      typeCode: typeCodes.businessLicence,
      startedBy: 'test',
    });
    await store.importBatch(
      run,
      [
        row(2, {
          typeCode: typeCodes.businessLicence,
          holder: { kind: 'organisation', id: licence },
          issuerCode: deptCodes.market,
          fields: { creditCode: licence, name: '示范公司' },
          status: 'valid',
          validFrom: '2020-01-01',
          validUntil: null,
        }),
      ],
      [],
    );
    const report = await measure([idCardType, adoptionType], now);
    expect(report.types.map((t) => t.typeCode)).toEqual(
      [typeCodes.idCard, typeCodes.businessLicence, typeCodes.adoption].sort(),
    );
    expect(report.types.find((t) => t.typeCode === typeCodes.businessLicence)).toMatchObject({
      records: 1,
      complete: 0,
      valid: 0,
      byStatus: { valid: 1 },
      validButExpired: 0,
    });
    expect(report.types.find((t) => t.typeCode === typeCodes.adoption)).toEqual(empty(typeCodes.adoption));
  });

  it('checks every record of a type past one page of 5,000 (the keyset loop)', async () => {
    now = new Date('2026-03-01T10:00:00.000Z');
    const total = 5003;
    const incomplete = new Set([7, 1007, 2007, 3007, 4007, 5001]);
    const badDate = new Set([500, 1500, 2500, 3500, 4500, 5002]);
    const birthDate = (i: number) =>
      new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 1000) * DAY_MS).toISOString().slice(0, 10);
    const records = Array.from({ length: total }, (_, i): ImportRecord => {
      const holder = person(i % 1000, birthDate(i));
      const fields: Record<string, unknown> = incomplete.has(i)
        ? { spouseName: '配偶', registeredOn: '2010-05-20' }
        : {
            holderName: `持证人${i}`,
            spouseName: '配偶',
            registeredOn: badDate.has(i) ? '2021-02-30' : '2010-05-20',
          };
      return row(i + 2, {
        typeCode: typeCodes.marriage,
        holder: { kind: 'person', id: holder },
        issuerCode: deptCodes.civil,
        fields,
        status: 'valid',
        validFrom: '2010-05-20',
        validUntil: null,
      });
    });
    expect(new Set(records.map((r) => r.content.holder.id)).size).toBe(total);
    const run = await store.startImport({
      fileName: 'marriages.csv',
      fileDigest: 'measure-marriages',
      typeCode: typeCodes.marriage,
      startedBy: 'test',
    });
    let imported = 0;
    for (const batch of [records.slice(0, 2600), records.slice(2600)])
      imported += (await store.importBatch(run, batch, [])).imported;
    expect(imported).toBe(total);

    // The last records (after the first page in identifier order) include bad ones: a loop that
    // stopped at one page, or read a record twice, would count differently.
    const ids = await database.db
      .selectFrom('certificate')
      .select(['certificate_id', 'source_key'])
      .where('type_code', '=', typeCodes.marriage)
      .orderBy('certificate_id')
      .execute();
    expect(ids).toHaveLength(total);
    expect(ids.slice(5000).map((r) => r.source_key?.split('|')[1])).toEqual(
      records.slice(5000).map((r) => r.content.holder.id),
    );

    expect(await quality(marriageType, new Date('2026-03-01T10:00:00.000Z'))).toEqual({
      typeCode: typeCodes.marriage,
      records: total,
      complete: total - incomplete.size,
      valid: total - incomplete.size - badDate.size,
      byStatus: { valid: total },
      newestChange: '2026-03-01T10:00:00.000Z',
      newestChangeAgeDays: 0,
      validButExpired: 0,
      duplicates: 0,
      quarantined: 0,
    });
  });
});
