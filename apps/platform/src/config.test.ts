import { describe, expect, it } from 'vitest';
import { ConfigError, parsePlatformConfig } from './config.js';

describe('parsePlatformConfig', () => {
  it('defaults to embedded PGlite on 127.0.0.1:8080 and freezes the result', () => {
    const c = parsePlatformConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      database: { kind: 'pglite', dataDir: '.data/platform' },
      logLevel: 'info',
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(parsePlatformConfig({ DATABASE_URL: 'postgres://u@h:5432/d' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/d',
    });
  });

  it.each([
    [{ PLATFORM_PORT: 'eighty' }, 'PLATFORM_PORT'],
    [{ PLATFORM_PORT: '70000' }, 'PLATFORM_PORT'],
    [{ PLATFORM_PORT: '-1' }, 'PLATFORM_PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ PLATFORM_BODY_LIMIT: '1' }, 'PLATFORM_BODY_LIMIT'],
  ])('fails fast on %o, naming %s', (env, name) => {
    expect(() => parsePlatformConfig(env)).toThrow(ConfigError);
    expect(() => parsePlatformConfig(env)).toThrow(name);
  });
});
