import { SourceUnavailableError, type SourceQuery } from '@tongban/domain';
import { describe, expect, it, vi } from 'vitest';
import { parseAdapterConfig, type SqlAdapterConfig } from './adapter-config.js';
import { company, taxAdapterYaml, taxRegistrationType } from './adapter-fixtures.js';
import { openSqlAdapter } from './sql-adapter.js';
import type { SqlDriver } from './sql-driver.js';

/** The SQL adapter's own behaviour, on a fake driver: deadlines, errors, limits. No database. */
const config = parseAdapterConfig(
  taxAdapterYaml({ dialect: 'mariadb', url: 'mysql://reader@upstream/tax', table: 'v_tax', timeoutMs: 50 }),
).adapters[0] as SqlAdapterConfig;
const holder = company(3);
const query: SourceQuery = {
  by: 'holder',
  typeCode: taxRegistrationType.code,
  holder: { kind: 'organisation', id: holder },
};
const row = [holder, 7, 1, 1, '2020-01-01', null, '示范市某某有限公司', '第一税务所', '10.00'];

const fakeDriver = (select: SqlDriver['select']) => {
  const driver = { select: vi.fn(select), close: vi.fn(() => Promise.resolve()) };
  return driver;
};
const rejection = async (p: Promise<unknown>): Promise<Error> => {
  const e: unknown = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(SourceUnavailableError);
  return e as Error;
};

describe('openSqlAdapter', () => {
  it('is named and declares its type', () => {
    const adapter = openSqlAdapter(config, { driver: fakeDriver(() => Promise.resolve([])) });
    expect(adapter.name).toBe('sql:tax-registration');
    expect([...adapter.typeCodes]).toEqual([taxRegistrationType.code]);
  });

  it('maps rows read by the driver', async () => {
    const adapter = openSqlAdapter(config, {
      driver: fakeDriver(() => Promise.resolve([row])),
      certificateType: taxRegistrationType,
    });
    await expect(adapter.find(query)).resolves.toMatchObject({
      holder: { id: holder },
      fields: { taxpayerName: '示范市某某有限公司', registeredCapital: 10 },
    });
  });

  it('gives up after its timeout, and tells the driver to drop the connection', async () => {
    let seen: AbortSignal | undefined;
    const driver = fakeDriver((_s, _t, signal) => {
      seen = signal;
      return new Promise(() => undefined);
    });
    const started = performance.now();
    const e = await rejection(openSqlAdapter(config, { driver }).find(query));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.message).toBe('sql:tax-registration: no answer within 50 ms');
    expect(seen?.aborted).toBe(true);
  });

  it("stops at once when the caller's signal fires", async () => {
    const driver = fakeDriver(() => new Promise(() => undefined));
    const controller = new AbortController();
    const pending = openSqlAdapter({ ...config, timeoutMs: 60_000 }, { driver }).find(
      query,
      controller.signal,
    );
    controller.abort();
    expect((await rejection(pending)).message).toContain('aborted');
    const already = openSqlAdapter(config, { driver }).find(query, AbortSignal.abort());
    await rejection(already);
  });

  it('reports a driver failure by its code only: driver messages can quote the value', async () => {
    const driver = fakeDriver(() =>
      Promise.reject(
        Object.assign(new Error(`invalid input syntax for type integer: "${holder}"`), { code: '22P02' }),
      ),
    );
    const e = await rejection(openSqlAdapter(config, { driver }).find(query));
    expect(e.message).toBe('sql:tax-registration: query failed (SQLSTATE 22P02)');
    expect(e.message).not.toContain(holder);
  });

  it('refuses more rows than one lookup can mean', async () => {
    const driver = fakeDriver(() => Promise.resolve(Array.from({ length: 101 }, () => row)));
    expect((await rejection(openSqlAdapter(config, { driver }).find(query))).message).toContain(
      'more than 100',
    );
  });

  it('does not ask upstream about another type, and stops answering once closed', async () => {
    const driver = fakeDriver(() => Promise.resolve([]));
    const adapter = openSqlAdapter(config, { driver });
    await expect(adapter.find({ ...query, typeCode: `${'1'.repeat(18)}001` })).resolves.toBeUndefined();
    expect(driver.select).not.toHaveBeenCalled();
    await adapter.close();
    await adapter.close();
    expect(driver.close).toHaveBeenCalledTimes(1);
    await rejection(adapter.find(query));
  });
});
