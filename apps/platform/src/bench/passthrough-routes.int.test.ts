import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parsePlatformConfig } from '../config.js';
import { openTestPlatform, type TestPlatform } from '../test-platform.js';

const path = '/api/v1/bench/passthrough/44010020261127000000001';

/** The benchmark-only pass-through (bench/consult.js): absent unless PLATFORM_BENCH_PASSTHROUGH=1. */
describe('POST /api/v1/bench/passthrough/:caseNo', () => {
  let off: TestPlatform;
  let on: TestPlatform;

  beforeAll(async () => {
    off = await openTestPlatform();
    on = await openTestPlatform({ PLATFORM_BENCH_PASSTHROUGH: '1' });
  }, 60_000);
  afterAll(async () => {
    await off.close();
    await on.close();
  });

  it('does not exist by default (404, no route)', async () => {
    const res = await off.app.inject({ method: 'POST', url: path });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('exists when PLATFORM_BENCH_PASSTHROUGH=1 (an unknown case is CASE_NOT_FOUND)', async () => {
    const res = await on.app.inject({ method: 'POST', url: path });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'CASE_NOT_FOUND' });
  });

  it('takes only 0 or 1 for the flag', () => {
    expect(parsePlatformConfig({}).consult.benchPassthrough).toBe(false);
    expect(parsePlatformConfig({ PLATFORM_BENCH_PASSTHROUGH: '1' }).consult.benchPassthrough).toBe(true);
    expect(() => parsePlatformConfig({ PLATFORM_BENCH_PASSTHROUGH: 'on' })).toThrow(ConfigError);
  });
});
