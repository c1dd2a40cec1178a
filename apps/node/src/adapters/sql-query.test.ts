import type { SourceQuery } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { parseAdapterConfig, type SqlAdapterConfig } from './adapter-config.js';
import { adapterDepts, company, taxAdapterYaml, taxRegistrationType } from './adapter-fixtures.js';
import { generatedCertificateId } from './map-record.js';
import { buildSelect, quoteIdentifier } from './sql-query.js';

const configFor = (dialect: 'mariadb' | 'postgres') =>
  parseAdapterConfig(
    taxAdapterYaml({
      dialect,
      url: dialect === 'mariadb' ? 'mysql://reader@upstream/tax' : 'postgres://reader@upstream/tax',
      table: 'tax.v_tax',
    }),
  ).adapters[0] as SqlAdapterConfig;
const typeCode = taxRegistrationType.code;
const holder = (id: string): SourceQuery => ({
  by: 'holder',
  typeCode,
  holder: { kind: 'organisation', id },
});
const COLUMNS = '`nsrsbh`, `id`, `revision`, `zt`, `djrq`, `yxqz`, `nsrmc`, `zgswjg`, `zczb`';

describe('buildSelect', () => {
  it('selects only the mapped columns, with the holder and the filter as parameters (MariaDB)', () => {
    const s = buildSelect(configFor('mariadb'), holder(company(1)));
    expect(s).toEqual({
      text: `SELECT ${COLUMNS} FROM \`tax\`.\`v_tax\` WHERE \`nsrsbh\` = ? AND \`sjlx\` = ? LIMIT 101`,
      values: [company(1), 'SWDJ'],
      columns: ['nsrsbh', 'id', 'revision', 'zt', 'djrq', 'yxqz', 'nsrmc', 'zgswjg', 'zczb'],
    });
  });

  it('numbers its parameters and quotes with double quotes (PostgreSQL)', () => {
    const s = buildSelect(configFor('postgres'), holder(company(1)));
    expect(s?.text).toBe(
      `SELECT ${COLUMNS.replaceAll('`', '"')} FROM "tax"."v_tax" WHERE "nsrsbh" = $1 AND "sjlx" = $2 LIMIT 101`,
    );
  });

  it('keeps a hostile holder value out of the SQL text', () => {
    const hostile = "' OR 1=1 --";
    const s = buildSelect(configFor('mariadb'), holder(hostile));
    expect(s?.text).not.toContain('OR 1=1');
    expect(s?.values[0]).toBe("'OR1=1--");
  });

  it('looks a generated identifier up by its key, and does not ask about identifiers it did not make', () => {
    const config = configFor('mariadb');
    const id = generatedCertificateId(typeCode, adapterDepts.cityTax, '1001');
    expect(buildSelect(config, { by: 'id', typeCode, certificateId: id })).toMatchObject({
      text: expect.stringContaining('WHERE `id` = ? AND `sjlx` = ?') as string,
      values: ['1001', 'SWDJ'],
    });
    const foreign = generatedCertificateId(typeCode, adapterDepts.maritime, '1001');
    expect(buildSelect(config, { by: 'id', typeCode, certificateId: foreign })).toBeUndefined();
    expect(buildSelect(config, { by: 'id', typeCode, certificateId: "1' OR '1'='1" })).toBeUndefined();
    expect(
      buildSelect(config, { ...holder(company(1)), typeCode: `${adapterDepts.maritime}001` }),
    ).toBeUndefined();
    expect(
      buildSelect(config, { by: 'holder', typeCode, holder: { kind: 'person', id: '1' } }),
    ).toBeUndefined();
    expect(buildSelect(config, holder('x'.repeat(500)))).toBeUndefined();
  });

  it('refuses to quote anything but a plain identifier', () => {
    expect(() => quoteIdentifier('mariadb', 'a`b')).toThrow(RangeError);
    expect(() => quoteIdentifier('postgres', 'a"; drop table x; --')).toThrow(RangeError);
    expect(() => quoteIdentifier('postgres', 'a.b.c')).toThrow(RangeError);
  });
});
