import { randomBytes } from 'node:crypto';
import { SourceUnavailableError, type CertificateSource, type SourceQuery } from '@tongban/domain';
import { createConnection, type Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAdapterConfig, type SqlAdapterConfig } from './adapter-config.js';
import { adapterDepts, company, taxAdapterYaml, taxRegistrationType } from './adapter-fixtures.js';
import { generatedCertificateId } from './map-record.js';
import { openSqlAdapter } from './sql-adapter.js';

/**
 * The SQL adapter against a real MariaDB (TEST_MARIADB_URL, or root without a password at
 * 127.0.0.1:3306, database `test`): a tax bureau's registration table and the view the node reads,
 * created with a random suffix and dropped afterwards, so that suites running at once do not meet.
 * When no MariaDB answers, the suite is skipped and says why; the unreachable-server case needs no
 * server and always runs.
 */
const URL = process.env['TEST_MARIADB_URL'] || 'mysql://root@127.0.0.1:3306/test';
const server = (() => {
  const u = new globalThis.URL(URL);
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  };
})();

async function reachable(): Promise<boolean> {
  try {
    const c = await createConnection({ ...server, connectTimeout: 2000 });
    await c.end();
    return true;
  } catch {
    return false;
  }
}
const mariadbUp = await reachable();
const suffix = randomBytes(4).toString('hex');
const table = `tax_${suffix}`;
const view = `v_tax_${suffix}`;
const slowView = `v_tax_slow_${suffix}`;
const typeCode = taxRegistrationType.code;

const adapterOn = (relation: string, timeoutMs = 2000, url = URL): CertificateSource =>
  openSqlAdapter(
    parseAdapterConfig(taxAdapterYaml({ dialect: 'mariadb', url, table: relation, timeoutMs }))
      .adapters[0] as SqlAdapterConfig,
    { certificateType: taxRegistrationType },
  );
const byHolder = (id: string): SourceQuery => ({
  by: 'holder',
  typeCode,
  holder: { kind: 'organisation', id },
});
const byId = (key: number): SourceQuery => ({
  by: 'id',
  typeCode,
  certificateId: generatedCertificateId(typeCode, adapterDepts.cityTax, String(key)),
});
const failureOf = async (p: Promise<unknown>): Promise<Error> => {
  const e: unknown = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(SourceUnavailableError);
  return e as Error;
};

/** Fictional taxpayers: one each for the cases below. */
const taxpayer = {
  plain: company(11),
  renewed: company(12),
  history: company(13),
  broken: company(14),
  otherType: company(15),
  unknown: company(99),
};

describe.skipIf(!mariadbUp)(
  mariadbUp
    ? 'SQL adapter on MariaDB'
    : `SQL adapter on MariaDB (skipped: no MariaDB answers at ${server.host}:${server.port})`,
  () => {
    let admin: Connection;
    let adapter: CertificateSource;

    beforeAll(async () => {
      admin = await createConnection(server);
      await admin.query(
        `CREATE TABLE \`${table}\` (
        id INT NOT NULL,
        revision INT NOT NULL DEFAULT 1,
        sjlx VARCHAR(8) NOT NULL,
        nsrsbh CHAR(18) NOT NULL,
        nsrmc VARCHAR(200) NULL,
        djrq DATE NOT NULL,
        yxqz DATE NULL,
        zt TINYINT NOT NULL,
        zgswjg VARCHAR(100) NULL,
        zczb DECIMAL(14, 2) NULL,
        PRIMARY KEY (id, revision),
        KEY (nsrsbh)
      ) DEFAULT CHARSET = utf8mb4`,
      );
      const rows: unknown[][] = [
        [
          101,
          1,
          'SWDJ',
          taxpayer.plain,
          '示范市青禾贸易有限公司',
          '2019-03-01',
          '9999-12-31',
          1,
          '示范市税务局第一税务所',
          500,
        ],
        // Renewed: the cancelled 2018 registration and the valid one that replaced it.
        [
          201,
          1,
          'SWDJ',
          taxpayer.renewed,
          '示范市远帆物流有限公司',
          '2018-06-01',
          '2021-05-31',
          2,
          '第二税务所',
          null,
        ],
        [
          202,
          1,
          'SWDJ',
          taxpayer.renewed,
          '示范市远帆物流有限公司',
          '2021-06-01',
          null,
          1,
          '第二税务所',
          1200.5,
        ],
        // One certificate with history: suspended in revision 2.
        [
          301,
          1,
          'SWDJ',
          taxpayer.history,
          '示范市晨星餐饮管理有限公司',
          '2020-09-15',
          null,
          1,
          '第三税务所',
          50,
        ],
        [
          301,
          2,
          'SWDJ',
          taxpayer.history,
          '示范市晨星餐饮管理有限公司',
          '2020-09-15',
          null,
          3,
          '第三税务所',
          50,
        ],
        // Upstream data the type refuses: no taxpayer name.
        [401, 1, 'SWDJ', taxpayer.broken, null, '2020-01-01', null, 1, null, null],
        // A row of another registration kind in the same view.
        [501, 1, 'OTHER', taxpayer.otherType, '示范市别类登记有限公司', '2020-01-01', null, 1, null, null],
      ];
      await admin.query(`INSERT INTO \`${table}\` VALUES ?`, [rows]);
      await admin.query(`CREATE VIEW \`${view}\` AS SELECT * FROM \`${table}\``);
      // A view that takes five seconds per row: a slow upstream.
      await admin.query(`CREATE VIEW \`${slowView}\` AS SELECT * FROM \`${table}\` WHERE SLEEP(5) = 0`);
      adapter = adapterOn(view);
    });

    afterAll(async () => {
      await adapter?.close();
      await admin?.query(`DROP VIEW IF EXISTS \`${view}\`, \`${slowView}\``);
      await admin?.query(`DROP TABLE IF EXISTS \`${table}\``);
      await admin?.end();
    });

    it('finds a holder’s registration, mapped and checked', async () => {
      await expect(adapter.find(byHolder(taxpayer.plain))).resolves.toEqual({
        certificateId: generatedCertificateId(typeCode, adapterDepts.cityTax, '101'),
        version: 1,
        typeCode,
        holder: { kind: 'organisation', id: taxpayer.plain },
        issuerCode: adapterDepts.cityTax,
        fields: {
          taxpayerName: '示范市青禾贸易有限公司',
          registeredOn: '2019-03-01',
          taxAuthority: '示范市税务局第一税务所',
          registeredCapital: 500,
        },
        status: 'valid',
        validFrom: '2019-03-01',
        // 9999-12-31 is the upstream's "no end"; the mapping says so.
        validUntil: null,
      });
    });

    it('finds a registration by its generated identifier', async () => {
      const found = await adapter.find(byId(202));
      expect(found).toMatchObject({ holder: { id: taxpayer.renewed }, validFrom: '2021-06-01' });
      await expect(adapter.find(byId(999))).resolves.toBeUndefined();
    });

    it('answers a holder with several registrations with the current one', async () => {
      const found = await adapter.find(byHolder(taxpayer.renewed));
      expect(found?.certificateId).toBe(generatedCertificateId(typeCode, adapterDepts.cityTax, '202'));
      expect(found?.fields['registeredCapital']).toBe(1200.5);
    });

    it('maps status codes, and answers a certificate with history by its latest revision', async () => {
      await expect(adapter.find(byHolder(taxpayer.history))).resolves.toMatchObject({
        version: 2,
        status: 'suspended',
      });
      await expect(adapter.find(byId(301))).resolves.toMatchObject({ version: 2, status: 'suspended' });
    });

    it('does not find an unknown holder, nor a row the where filter excludes', async () => {
      await expect(adapter.find(byHolder(taxpayer.unknown))).resolves.toBeUndefined();
      await expect(adapter.find(byHolder(taxpayer.otherType))).resolves.toBeUndefined();
    });

    it('treats a hostile holder value as data: just not found', async () => {
      for (const id of ["' OR 1=1 --", "x' OR 'a'='a", '1; DROP TABLE tax', '\\', `${taxpayer.plain}' -- `]) {
        await expect(adapter.find(byHolder(id))).resolves.toBeUndefined();
      }
      await expect(adapter.find(byHolder(taxpayer.plain))).resolves.toBeDefined();
    });

    it('refuses an upstream record that fails the type’s checks, without releasing it', async () => {
      const e = await failureOf(adapter.find(byHolder(taxpayer.broken)));
      expect(e.message).toBe(
        'sql:tax-registration: upstream record invalid: FIELD_REQUIRED fields.taxpayerName',
      );
    });

    it('is unavailable on a slow view, and the server stops the query itself', async () => {
      const slow = adapterOn(slowView, 300);
      const started = performance.now();
      const e = await failureOf(slow.find(byHolder(taxpayer.plain)));
      // Whichever comes first: our deadline, or the server's max_statement_time (MariaDB error 1969).
      expect(e.message).toMatch(/no answer within 300 ms|query failed \(errno 1969\)/);
      expect(performance.now() - started).toBeLessThan(1500);
      // max_statement_time ends the statement on the server, long before SLEEP(5) would.
      await expect
        .poll(
          async () => {
            const [rows] = await admin.query(
              'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID()',
              [`%${slowView}%`],
            );
            return Number((rows as { n: number }[])[0]?.n);
          },
          { timeout: 2000, interval: 100 },
        )
        .toBe(0);
      await slow.close();
    });

    it('stops when the node gives up, and stays usable afterwards', async () => {
      const slow = adapterOn(slowView, 1500);
      const started = performance.now();
      const e = await failureOf(slow.find(byHolder(taxpayer.plain), AbortSignal.timeout(200)));
      expect(e.message).toContain('aborted');
      expect(performance.now() - started).toBeLessThan(1000);
      await slow.close();
      await expect(adapter.find(byHolder(taxpayer.plain))).resolves.toBeDefined();
    });

    it('reports wrong credentials and a missing view by code, never the password', async () => {
      const denied = adapterOn(
        view,
        2000,
        `mysql://${server.user}:Wr0ng-Passw0rd@${server.host}:${server.port}/${server.database}`,
      );
      const e = await failureOf(denied.find(byHolder(taxpayer.plain)));
      expect(e.message).toBe('sql:tax-registration: query failed (ER_ACCESS_DENIED_ERROR)');
      await denied.close();
      const missing = adapterOn(`v_missing_${suffix}`);
      expect((await failureOf(missing.find(byHolder(taxpayer.plain)))).message).toContain('ER_NO_SUCH_TABLE');
      await missing.close();
    });

    it('answers lookups in parallel beyond its pool size', async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          adapter.find(byHolder(i % 2 ? taxpayer.plain : taxpayer.unknown)),
        ),
      );
      expect(answers.filter(Boolean)).toHaveLength(10);
    });
  },
);

describe('SQL adapter on MariaDB, server unreachable', () => {
  it('is unavailable, quickly, when MariaDB cannot be reached', async () => {
    const down = adapterOn(view, 2000, 'mysql://root@127.0.0.1:1/test');
    const started = performance.now();
    const e = await failureOf(down.find(byHolder(taxpayer.plain)));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.message).toBe('sql:tax-registration: query failed (ECONNREFUSED)');
    await down.close();
  });
});
