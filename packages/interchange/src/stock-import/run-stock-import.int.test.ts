import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditLog, Catalog, CertificateStore } from '@tongban/domain';
import {
  createAuditLog,
  createCertificateStore,
  nodeMigrations,
  type Database,
  type NodeDatabase,
} from '@tongban/store';
import { openTestDatabase, testDatabaseKind, testHash, testKey } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessLicence, ISSUER } from './fixtures/business-licence-type.js';
import { parseImportMapping } from './import-mapping.js';
import { runStockImport } from './run-stock-import.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const catalog: Catalog = {
  departments: [{ creditCode: ISSUER, name: '示范市市场监督管理局', level: 'city', vertical: false }],
  certificateTypes: [businessLicence],
  items: [],
};

describe(`stock-data import into a node's store (${testDatabaseKind()})`, () => {
  let database: Database<NodeDatabase>;
  let store: CertificateStore;
  let log: AuditLog;
  let dir: string;
  const mappingText = readFile(fixture('business-licences.mapping.yaml'), 'utf8');

  beforeAll(async () => {
    database = await openTestDatabase<NodeDatabase>(nodeMigrations);
    store = await createCertificateStore(database.db);
    log = await createAuditLog(database.db, {
      hash: testHash,
      hashAlg: 'sha-256',
      logSigner: testKey().signer,
    });
    dir = await mkdtemp(join(tmpdir(), 'tongban-import-'));
  });
  afterAll(async () => {
    await log.close();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (file: string, batchSize = 7) =>
    runStockImport({
      file,
      fileName: file.split('/').at(-1) ?? file,
      mapping: parseImportMapping(await mappingText),
      catalog,
      store,
      log,
      startedBy: 'test',
      batchSize,
    });
  const openQuarantine = () => store.quarantine({ state: 'open', limit: 1000 });

  it('imports the dirty CSV: every bad row in quarantine, and the counts add up', async () => {
    const report = await run(fixture('business-licences.csv'));
    // 29 data records: 18 map, 11 are refused while mapping, and one of the 18 repeats an earlier
    // company (DUPLICATE_IN_FILE), so 17 certificates are stored and 12 rows quarantined.
    expect(report).toMatchObject({
      state: 'completed',
      read: 29,
      imported: 17,
      updated: 0,
      unchanged: 0,
      quarantined: 12,
    });
    expect(report.imported + report.updated + report.unchanged + report.quarantined).toBe(report.read);
    const open = await openQuarantine();
    expect(new Set(open.map((q) => q.rowNumber)).size).toBe(12);
    expect(open.map((q) => q.code)).toEqual(
      expect.arrayContaining([
        'CHECK_CHARACTER',
        'DATE_INVALID',
        'FIELD_REQUIRED',
        'ROW_MALFORMED',
        'DUPLICATE_IN_FILE',
      ]),
    );
    for (const q of open) {
      expect(q.fileName).toBe('business-licences.csv');
      expect(q.rowNumber).toBeGreaterThan(2);
    }
    const entry = await log.findEntry((await log.size()) - 1);
    expect(entry).toMatchObject({
      operation: 'node.import.completed',
      details: { imported: 17, quarantined: 12 },
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = (await openQuarantine()).length;
    const report = await run(fixture('business-licences.csv'), 1000);
    expect(report).toMatchObject({ read: 29, imported: 0, updated: 0, unchanged: 17, quarantined: 12 });
    expect((await openQuarantine()).length).toBe(before);
  });

  it('reads the XLSX of the same data into the same certificates', async () => {
    const report = await run(fixture('business-licences.xlsx'));
    // The 17 stored certificates come back unchanged; the workbook's row with the unquoted comma is
    // well-formed there (cells, not text), so one more certificate is imported and 11 are refused.
    expect(report).toMatchObject({ read: 29, imported: 1, updated: 0, unchanged: 17, quarantined: 11 });
  });

  it('makes a new version, not a duplicate, when a corrected row is imported', async () => {
    const csv = await readFile(fixture('business-licences.csv'), 'utf8');
    const renamed = csv.replace('示范市青禾科技有限公司', '示范市青禾数字科技有限公司');
    const file = join(dir, 'renamed.csv');
    await writeFile(file, renamed);
    const report = await run(file);
    expect(report).toMatchObject({ imported: 0, updated: 1, unchanged: 16 });
    const record = await store.find({
      by: 'holder',
      typeCode: businessLicence.code,
      holder: { kind: 'organisation', id: '91330100MA2000019M' },
    });
    expect(record?.fields['name']).toBe('示范市青禾数字科技有限公司');
    expect((await store.versions(record?.certificateId ?? '')).map((v) => v.version)).toEqual([1, 2]);
  });

  it('imports a corrected quarantine export and settles those quarantine rows', async () => {
    const dateRow = (await openQuarantine()).find(
      (q) => q.code === 'DATE_INVALID' && q.field.includes('validFrom'),
    );
    if (!dateRow) throw new Error('the fixture has an impossible date');
    const header = Object.keys(dateRow.raw);
    const fixed: Record<string, string> = { ...dateRow.raw, 成立日期: '2020-02-28' };
    const lines = [
      '示范市营业执照存量数据（更正）',
      ['_quarantine_id', ...header].join(','),
      [String(dateRow.id), ...header.map((h) => JSON.stringify(fixed[h] ?? ''))].join(','),
    ];
    const file = join(dir, 'corrected.csv');
    await writeFile(file, `${lines.join('\n')}\n`);
    const report = await run(file);
    expect(report).toMatchObject({ read: 1, quarantined: 0 });
    expect(report.imported + report.updated).toBe(1);
    expect((await openQuarantine()).some((q) => q.id === dateRow.id)).toBe(false);
  });

  it('refuses a file whose columns do not fit the mapping, storing nothing', async () => {
    const file = join(dir, 'wrong.csv');
    await writeFile(file, 'a,b,c\n1,2,3\n');
    const runsBefore = (await store.importRuns(100)).length;
    await expect(run(file)).rejects.toMatchObject({ code: 'IMPORT_REJECTED' });
    expect((await store.importRuns(100)).length).toBe(runsBefore);
  });

  it('refuses a file that is not CSV or XLSX', async () => {
    await expect(run(fixture('binary.bin'))).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    await expect(run(fixture('not-a-workbook.zip'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expect(run(join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
