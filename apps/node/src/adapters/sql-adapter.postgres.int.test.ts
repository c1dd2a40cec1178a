import { randomBytes } from 'node:crypto';
import {
  makeCertificateId,
  SourceUnavailableError,
  type CertificateSource,
  type SourceQuery,
} from '@tongban/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAdapterConfig, type SqlAdapterConfig } from './adapter-config.js';
import { adapterDepts, resident, seafarerType } from './adapter-fixtures.js';
import { openSqlAdapter } from './sql-adapter.js';

/**
 * The SQL adapter against a real PostgreSQL: TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test.
 * The maritime bureau keeps seafarers' certificates with their GB/T 36904 identifiers, statuses in
 * Chinese and the end of validity as a timestamptz. Everything lives in a random schema, dropped after.
 * When no PostgreSQL answers, the PostgreSQL suite is skipped and says why; the unreachable-server
 * case needs no server and always runs.
 */
const DB_URL = process.env['TEST_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const where = (() => {
  const u = new URL(DB_URL);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
})();

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: DB_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
const postgresUp = await reachable();

const schema = `adapt_${randomBytes(4).toString('hex')}`;
const typeCode = seafarerType.code;
const certId = (serial: string) =>
  makeCertificateId({ typeCode, issuerCode: adapterDepts.maritime, serial, version: 1 });

const yaml = (url: string, table: string, timeoutMs = 2000) => `adapters:
  - name: seafarers
    kind: sql
    dialect: postgres
    url: ${JSON.stringify(url)}
    table: ${table}
    typeCode: "${typeCode}"
    issuerCode: {column: qfjg}
    holder: {kind: person, column: sfzh}
    certificateId: {column: zsbh}
    status: {column: zt}
    validFrom: {column: qfrq}
    validUntil: {column: yxqz}
    fields: {holderName: xm, rank: zw}
    timeoutMs: ${timeoutMs}
`;
const adapterOn = (table: string, timeoutMs?: number, url = DB_URL): CertificateSource =>
  openSqlAdapter(parseAdapterConfig(yaml(url, table, timeoutMs)).adapters[0] as SqlAdapterConfig, {
    certificateType: seafarerType,
  });
const byHolder = (id: string): SourceQuery => ({ by: 'holder', typeCode, holder: { kind: 'person', id } });
const failureOf = async (p: Promise<unknown>): Promise<Error> => {
  const e: unknown = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(SourceUnavailableError);
  return e as Error;
};

const seafarer = { master: resident(11), mate: resident(22), unknown: resident(99) };

describe.skipIf(!postgresUp)(
  postgresUp
    ? 'SQL adapter on PostgreSQL'
    : `SQL adapter on PostgreSQL (skipped: no PostgreSQL answers at ${where})`,
  () => {
    let admin: pg.Client;
    let adapter: CertificateSource;

    beforeAll(async () => {
      admin = new pg.Client({ connectionString: DB_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.query(`CREATE TABLE ${schema}.cyzs (
        zsbh TEXT PRIMARY KEY, sfzh CHAR(18) NOT NULL, xm TEXT, zw TEXT, qfjg CHAR(18) NOT NULL,
        zt TEXT NOT NULL, qfrq DATE NOT NULL, yxqz TIMESTAMPTZ)`);
      const insert = `INSERT INTO ${schema}.cyzs VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
      const m = adapterDepts.maritime;
      await admin.query(insert, [
        certId('HY2019000101'),
        seafarer.master,
        '林海生',
        '二副',
        m,
        '注销',
        '2019-04-01',
        '2024-03-31 16:00:00+00',
      ]);
      await admin.query(insert, [
        certId('HY2024000102'),
        seafarer.master,
        '林海生',
        '船长',
        m,
        '有效',
        '2024-04-01',
        '2029-03-31 16:00:00+00',
      ]);
      // A certificate whose rank is not one the type knows: upstream data the node must not release.
      await admin.query(insert, [
        certId('HY2022000201'),
        seafarer.mate,
        '陈渡',
        '轮机长',
        m,
        '有效',
        '2022-01-10',
        null,
      ]);
      await admin.query(`CREATE VIEW ${schema}.v_cyzs AS SELECT * FROM ${schema}.cyzs`);
      await admin.query(
        `CREATE VIEW ${schema}.v_slow AS SELECT * FROM ${schema}.cyzs WHERE pg_sleep(5) IS NOT NULL`,
      );
      adapter = adapterOn(`${schema}.v_cyzs`);
    });

    afterAll(async () => {
      await adapter?.close();
      await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin?.end();
    });

    it('answers a holder with the valid certificate, its day of expiry read in China time', async () => {
      await expect(adapter.find(byHolder(seafarer.master))).resolves.toEqual({
        certificateId: certId('HY2024000102'),
        version: 1,
        typeCode,
        holder: { kind: 'person', id: seafarer.master },
        issuerCode: adapterDepts.maritime,
        fields: { holderName: '林海生', rank: '船长' },
        status: 'valid',
        validFrom: '2024-04-01',
        validUntil: '2029-04-01',
      });
    });

    it('finds by the identifier kept upstream, statuses written in Chinese', async () => {
      await expect(
        adapter.find({ by: 'id', typeCode, certificateId: certId('HY2019000101') }),
      ).resolves.toMatchObject({ status: 'cancelled', fields: { rank: '二副' } });
      await expect(
        adapter.find({ by: 'id', typeCode, certificateId: certId('HY2019000999') }),
      ).resolves.toBeUndefined();
    });

    it('does not find an unknown or hostile holder', async () => {
      await expect(adapter.find(byHolder(seafarer.unknown))).resolves.toBeUndefined();
      await expect(adapter.find(byHolder("' OR 1=1 --"))).resolves.toBeUndefined();
      await expect(adapter.find(byHolder("x'); DROP SCHEMA public; --"))).resolves.toBeUndefined();
    });

    it('refuses a record the type refuses', async () => {
      const e = await failureOf(adapter.find(byHolder(seafarer.mate)));
      expect(e.message).toBe('sql:seafarers: upstream record invalid: FIELD_INVALID fields.rank');
    });

    it('is unavailable on a slow view; the server cancels the statement', async () => {
      const slow = adapterOn(`${schema}.v_slow`, 300);
      const started = performance.now();
      await failureOf(slow.find(byHolder(seafarer.master)));
      expect(performance.now() - started).toBeLessThan(1500);
      await expect
        .poll(
          async () =>
            (
              await admin.query<{ n: string }>(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE '%v_slow%' AND state = 'active' AND pid <> pg_backend_pid()",
              )
            ).rows[0]?.n,
          { timeout: 2000, interval: 100 },
        )
        .toBe('0');
      await slow.close();
    });
  },
);

describe('SQL adapter on PostgreSQL, server unreachable', () => {
  it('is unavailable quickly', async () => {
    const down = adapterOn('v_cyzs', 2000, 'postgres://postgres@127.0.0.1:1/test');
    const started = performance.now();
    const e = await failureOf(down.find(byHolder(seafarer.master)));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.message).toBe('sql:seafarers: query failed (ECONNREFUSED)');
    await down.close();
  });
});
