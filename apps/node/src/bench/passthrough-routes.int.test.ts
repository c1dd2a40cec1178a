import { makeResidentId } from '@tongban/domain';
import { deptCodes, typeCodes } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseNodeConfig } from '../config.js';
import { openTestNode, type TestNode } from '../test-node.js';

const alice = makeResidentId({ regionCode: '330102', birthDate: '1990-01-01', sequence: 123 });
const body = { typeCode: typeCodes.idCard, holder: { kind: 'person', id: alice } };

/** The benchmark-only pass-through (bench/consult.js): absent unless NODE_BENCH_PASSTHROUGH=1. */
describe('POST /node/v1/bench/passthrough', () => {
  let off: TestNode;
  let on: TestNode;

  beforeAll(async () => {
    off = await openTestNode({ deptCode: deptCodes.police });
    on = await openTestNode({ deptCode: deptCodes.police, env: { NODE_BENCH_PASSTHROUGH: '1' } });
    await on.store.issue({
      content: {
        typeCode: typeCodes.idCard,
        holder: { kind: 'person', id: alice },
        issuerCode: deptCodes.police,
        fields: { name: '张三', idNumber: alice },
        status: 'valid',
        validFrom: '2020-01-01',
        validUntil: '2040-01-01',
      },
      recordedBy: 'test',
      issuance: { caseNo: 'seed-1', outputCode: typeCodes.idCard, requestDigest: 'sha-256=:x:' },
    });
  }, 60_000);
  afterAll(async () => {
    await off.close();
    await on.close();
  });

  it('does not exist by default (404), signed or not', async () => {
    expect((await off.post('/node/v1/bench/passthrough', body, { unsigned: true })).status).toBe(404);
    expect((await off.post('/node/v1/bench/passthrough', body)).status).toBe(404);
  });

  it('serves the current record unsigned when NODE_BENCH_PASSTHROUGH=1', async () => {
    const res = await on.post('/node/v1/bench/passthrough', body, { unsigned: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'found', record: { holder: { id: alice } } });
  });

  it('takes only 0 or 1 for the flag', () => {
    const env = { NODE_DEPT_CODE: deptCodes.police, NODE_CATALOG: 'c.json', NODE_PLATFORM_JWKS: 'k.json' };
    expect(parseNodeConfig(env).benchPassthrough).toBe(false);
    expect(parseNodeConfig({ ...env, NODE_BENCH_PASSTHROUGH: '0' }).benchPassthrough).toBe(false);
    expect(() => parseNodeConfig({ ...env, NODE_BENCH_PASSTHROUGH: 'yes' })).toThrow(ConfigError);
  });
});
