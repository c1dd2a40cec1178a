import { SourceUnavailableError, validateCertificateId, type SourceQuery } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { parseAdapterConfig, type SqlAdapterConfig } from './adapter-config.js';
import { adapterDepts, company, taxAdapterYaml, taxRegistrationType } from './adapter-fixtures.js';
import { generatedCertificateId, keyOfCertificateId, mapRecord, serialOfKey } from './map-record.js';
import { resolveRecord } from './resolve-record.js';

const config = parseAdapterConfig(
  taxAdapterYaml({ dialect: 'mariadb', url: 'mysql://reader@upstream/tax', table: 'v_tax' }),
).adapters[0] as SqlAdapterConfig;
const context = { source: 'sql:tax-registration', mapping: config, type: taxRegistrationType };
const holder = company(1);

type Row = Record<string, unknown>;
const row = (patch: Row = {}): Row => ({
  id: 1001,
  nsrsbh: holder,
  nsrmc: '示范市青禾贸易有限公司',
  djrq: '2019-03-01',
  yxqz: '9999-12-31',
  zt: 1,
  revision: 1,
  zgswjg: '示范市税务局第一税务所',
  zczb: '500.00',
  ...patch,
});
const readers = (...rows: Row[]) =>
  rows.map((r) => (ref: string) => (Object.hasOwn(r, ref) ? r[ref] : undefined));
const byHolder: SourceQuery = {
  by: 'holder',
  typeCode: taxRegistrationType.code,
  holder: { kind: 'organisation', id: holder },
};
const idOf = (key: number | string) =>
  generatedCertificateId(taxRegistrationType.code, adapterDepts.cityTax, String(key));

describe('mapRecord', () => {
  it('maps a row to a record with a generated GB/T 36904 identifier', () => {
    const outcome = mapRecord(config, readers(row())[0]!);
    expect(outcome).toEqual({
      ok: true,
      record: {
        certificateId: idOf(1001),
        version: 1,
        typeCode: taxRegistrationType.code,
        holder: { kind: 'organisation', id: holder },
        issuerCode: adapterDepts.cityTax,
        fields: {
          taxpayerName: '示范市青禾贸易有限公司',
          registeredOn: '2019-03-01',
          taxAuthority: '示范市税务局第一税务所',
          registeredCapital: 500,
        },
        status: 'valid',
        validFrom: '2019-03-01',
        validUntil: null,
      },
    });
    expect(validateCertificateId(idOf(1001)).ok).toBe(true);
  });

  it('names every part it cannot read, never the values', () => {
    const outcome = mapRecord(
      config,
      readers(row({ zt: 7, djrq: '2019-02-30', revision: 'two', id: 'a-1', zczb: 'lots' }))[0]!,
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems).toEqual([
      { code: 'STATUS_INVALID', field: 'status' },
      { code: 'DATE_INVALID', field: 'validFrom' },
      { code: 'VERSION_INVALID', field: 'version' },
      { code: 'KEY_INVALID', field: 'key' },
      { code: 'DATE_INVALID', field: 'fields.registeredOn' },
      { code: 'FIELD_INVALID', field: 'fields.registeredCapital' },
    ]);
  });

  it('turns keys into serials and back, refusing what an identifier cannot carry', () => {
    expect(serialOfKey(42)).toBe('42');
    expect(serialOfKey(' ns2023ab ')).toBe('NS2023AB');
    expect(serialOfKey('AB-1')).toBeUndefined();
    expect(serialOfKey('')).toBeUndefined();
    expect(keyOfCertificateId(config, idOf('NS2023AB'))).toBe('NS2023AB');
    const otherIssuer = generatedCertificateId(taxRegistrationType.code, adapterDepts.maritime, '42');
    expect(keyOfCertificateId(config, otherIssuer)).toBeUndefined();
    expect(keyOfCertificateId(config, 'not an id')).toBeUndefined();
  });
});

describe('resolveRecord', () => {
  it('answers a holder with the valid certificate before a cancelled newer one', () => {
    const found = resolveRecord(
      context,
      readers(row({ id: 1, zt: 2, djrq: '2022-01-01' }), row({ id: 2, zt: 1, djrq: '2020-01-01' })),
      byHolder,
    );
    expect(found?.certificateId).toBe(idOf(2));
  });

  it('answers with the latest validity start among valid certificates', () => {
    const found = resolveRecord(
      context,
      readers(row({ id: 1 }), row({ id: 2, djrq: '2023-06-01' })),
      byHolder,
    );
    expect(found?.certificateId).toBe(idOf(2));
  });

  it('collapses a certificate to its highest version, so an old valid version never outranks its cancellation', () => {
    const found = resolveRecord(
      context,
      readers(row({ revision: 1, zt: 1 }), row({ revision: 2, zt: 2 })),
      byHolder,
    );
    expect(found).toMatchObject({ version: 2, status: 'cancelled' });
  });

  it('refuses two different rows with one identifier and version', () => {
    expect(() => resolveRecord(context, readers(row(), row({ nsrmc: '另一家公司' })), byHolder)).toThrow(
      /ambiguous/,
    );
    expect(resolveRecord(context, readers(row(), row()), byHolder)?.version).toBe(1);
  });

  it('answers by identifier, and nothing for rows of someone else', () => {
    const byId: SourceQuery = { by: 'id', typeCode: taxRegistrationType.code, certificateId: idOf(1001) };
    expect(resolveRecord(context, readers(row()), byId)?.holder.id).toBe(holder);
    expect(resolveRecord(context, readers(row({ id: 1002 })), byId)).toBeUndefined();
    expect(resolveRecord(context, readers(row({ nsrsbh: company(2) })), byHolder)).toBeUndefined();
    expect(resolveRecord(context, [], byHolder)).toBeUndefined();
  });

  it('fails closed when any row cannot be mapped, even one that would not be chosen', () => {
    const run = () => resolveRecord(context, readers(row(), row({ id: 2, zt: 'X' })), byHolder);
    expect(run).toThrow(SourceUnavailableError);
    expect(run).toThrow('sql:tax-registration: upstream record invalid: STATUS_INVALID status');
  });

  it('refuses a record that fails checkCertificate, naming codes and parts but no values', () => {
    const bad = row({ nsrsbh: holder.slice(0, 17) + (holder.endsWith('0') ? '1' : '0'), nsrmc: null });
    const query = { ...byHolder, holder: { kind: 'organisation' as const, id: String(bad['nsrsbh']) } };
    let error: unknown;
    try {
      resolveRecord(context, readers(bad), query);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain('HOLDER_ID_INVALID holder.id');
    expect(message).toContain('FIELD_REQUIRED fields.taxpayerName');
    expect(message).not.toContain(String(bad['nsrsbh']));
  });

  it('releases an unchecked record when no type is known (the node checks it then)', () => {
    const found = resolveRecord({ ...context, type: undefined }, readers(row({ nsrmc: null })), byHolder);
    expect(found?.fields).not.toHaveProperty('taxpayerName');
  });
});
