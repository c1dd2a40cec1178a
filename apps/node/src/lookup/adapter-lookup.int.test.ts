import { randomBytes } from 'node:crypto';
import type { Catalog } from '@tongban/domain';
import { createConnection, type Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdapters, parseAdapterConfig } from '../adapters/index.js';
import { adapterDepts, company, taxAdapterYaml, taxRegistrationType } from '../adapters/adapter-fixtures.js';
import { openTestNode, type TestNode } from '../test-node.js';

/**
 * A vertically managed department's node serving its upstream system's data (a MariaDB view)
 * through the SQL adapter: signed lookups behave exactly like local ones, and a failing upstream
 * yields `unavailable`, on the record, never an error page.
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
const mariadbUp = await createConnection({ ...server, connectTimeout: 2000 }).then(
  async (c) => {
    await c.end();
    return true;
  },
  () => false,
);
const suffix = randomBytes(4).toString('hex');
const table = `tax_node_${suffix}`;
const catalog: Catalog = {
  departments: [
    { creditCode: adapterDepts.nationalTax, name: '国家税务总局', level: 'province', vertical: true },
    { creditCode: adapterDepts.cityTax, name: '示范市税务局', level: 'city', vertical: true },
  ],
  certificateTypes: [taxRegistrationType],
  items: [],
};
const taxpayer = company(41);
const lookup = (holder: string) => ({
  requestId: `r-${randomBytes(4).toString('hex')}`,
  typeCode: taxRegistrationType.code,
  holder: { kind: 'organisation', id: holder },
  fields: ['taxpayerName', 'registeredOn'],
  purpose: { itemCode: 'I-1', caseNo: 'SFS-9', deptCode: adapterDepts.cityTax, clerkId: 'clerk-9' },
});

const loadAdaptersFromText = (yaml: string, c: Catalog) =>
  openAdapters(parseAdapterConfig(yaml), { certificateTypes: c.certificateTypes });

describe.skipIf(!mariadbUp)(
  mariadbUp
    ? 'a node over an upstream MariaDB view'
    : 'a node over an upstream MariaDB view (skipped: no MariaDB)',
  () => {
    let admin: Connection;
    let node: TestNode;
    let down: TestNode;

    beforeAll(async () => {
      admin = await createConnection(server);
      await admin.query(`CREATE TABLE \`${table}\` (id INT NOT NULL, revision INT NOT NULL DEFAULT 1,
        sjlx VARCHAR(8) NOT NULL, nsrsbh CHAR(18) NOT NULL, nsrmc VARCHAR(200) NULL, djrq DATE NOT NULL,
        yxqz DATE NULL, zt TINYINT NOT NULL, zgswjg VARCHAR(100) NULL, zczb DECIMAL(14, 2) NULL,
        PRIMARY KEY (id, revision), KEY (nsrsbh)) DEFAULT CHARSET = utf8mb4`);
      await admin.query(
        `INSERT INTO \`${table}\` VALUES (?, 1, 'SWDJ', ?, '示范市青禾贸易有限公司', '2019-03-01', '9999-12-31', 1, '第一税务所', 500)`,
        [4101, taxpayer],
      );
      const yaml = (url: string, timeoutMs = 2000) =>
        taxAdapterYaml({ dialect: 'mariadb', url, table, timeoutMs });
      node = await openTestNode({
        deptCode: adapterDepts.cityTax,
        catalog,
        adapters: await loadAdaptersFromText(yaml(URL), catalog),
      });
      down = await openTestNode({
        deptCode: adapterDepts.cityTax,
        catalog,
        adapters: await loadAdaptersFromText(yaml('mysql://root@127.0.0.1:1/test', 500), catalog),
      });
    });
    afterAll(async () => {
      await node?.close();
      await down?.close();
      await admin?.query(`DROP TABLE IF EXISTS \`${table}\``);
      await admin?.end();
    });

    it('answers a signed lookup from the upstream view, only the requested fields, and logs it', async () => {
      const res = await node.post('/node/v1/lookup', lookup(taxpayer));
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { outcome: string; record: { fields: Record<string, unknown> } };
      expect(answer).toMatchObject({
        outcome: 'found',
        record: {
          typeCode: taxRegistrationType.code,
          issuerCode: adapterDepts.cityTax,
          status: 'valid',
          validUntil: null,
        },
      });
      expect(Object.keys(answer.record.fields).sort()).toEqual(['registeredOn', 'taxpayerName']);
      const entry = await node.log.findEntry((await node.log.size()) - 1);
      expect(entry).toMatchObject({
        operation: 'node.lookup',
        outcome: 'granted',
        details: { source: 'sql:tax-registration' },
      });
    });

    it('answers not_found for a holder the upstream does not know', async () => {
      const res = await node.post('/node/v1/lookup', lookup(company(42)));
      expect(((await res.json()) as { outcome: string }).outcome).toBe('not_found');
    });

    it('answers unavailable, signed and logged, when the upstream is down', async () => {
      const res = await down.post('/node/v1/lookup', lookup(taxpayer));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { outcome: string }).outcome).toBe('unavailable');
      expect(res.headers.get('signature')).toBeTruthy();
      const entry = await down.log.findEntry((await down.log.size()) - 1);
      expect(entry).toMatchObject({ operation: 'node.lookup', outcome: 'unavailable' });
    });
  },
);
