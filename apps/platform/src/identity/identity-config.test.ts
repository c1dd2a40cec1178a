import { describe, expect, it } from 'vitest';
import { ConfigError, parsePlatformConfig } from '../config.js';

describe('identity configuration', () => {
  it('has safe defaults: 5 attempts, 15 minutes locked, 30-minute sessions, 10 s cache, no OIDC', () => {
    expect(parsePlatformConfig({}).identity).toEqual({
      lockoutAttempts: 5,
      lockoutMinutes: 15,
      sessionMinutes: 30,
      principalCacheSeconds: 10,
      bootstrapAdmin: undefined,
      oidc: undefined,
    });
  });

  it('reads every variable', () => {
    const identity = parsePlatformConfig({
      PLATFORM_LOCKOUT_ATTEMPTS: '3',
      PLATFORM_LOCKOUT_MINUTES: '60',
      PLATFORM_SESSION_MINUTES: '15',
      PLATFORM_PRINCIPAL_CACHE_SECONDS: '0',
      PLATFORM_ADMIN_USERNAME: 'root',
      PLATFORM_ADMIN_PASSWORD: 'long-enough-password',
      PLATFORM_ADMIN_DEPT_CODE: '11330100MB0000001X',
      OIDC_ISSUER: 'https://sso.city.example',
      OIDC_CLIENT_ID: 'tongban',
      OIDC_CLIENT_SECRET: 's',
      OIDC_REDIRECT_URI: 'https://tongban.city.example/api/v1/auth/oidc/callback',
    }).identity;
    expect(identity).toMatchObject({
      lockoutAttempts: 3,
      lockoutMinutes: 60,
      sessionMinutes: 15,
      principalCacheSeconds: 0,
      bootstrapAdmin: { username: 'root', deptCode: '11330100MB0000001X' },
      oidc: { issuer: 'https://sso.city.example', clientId: 'tongban', clientSecret: 's' },
    });
    expect(Object.isFrozen(identity)).toBe(true);
  });

  it.each([
    [{ PLATFORM_PRINCIPAL_CACHE_SECONDS: '16' }, 'PLATFORM_PRINCIPAL_CACHE_SECONDS'],
    [{ PLATFORM_LOCKOUT_ATTEMPTS: '0' }, 'PLATFORM_LOCKOUT_ATTEMPTS'],
    [{ PLATFORM_SESSION_MINUTES: 'x' }, 'PLATFORM_SESSION_MINUTES'],
    [{ PLATFORM_ADMIN_USERNAME: 'root' }, 'PLATFORM_ADMIN_PASSWORD'],
    [
      { PLATFORM_ADMIN_USERNAME: 'Root', PLATFORM_ADMIN_PASSWORD: 'long-enough-password' },
      'PLATFORM_ADMIN_USERNAME',
    ],
    [{ PLATFORM_ADMIN_USERNAME: 'root', PLATFORM_ADMIN_PASSWORD: 'short' }, 'PLATFORM_ADMIN_PASSWORD'],
    [{ OIDC_ISSUER: 'https://sso.example' }, 'OIDC_CLIENT_ID'],
    [{ OIDC_CLIENT_ID: 'x' }, 'OIDC_ISSUER'],
    [
      { OIDC_ISSUER: 'http://sso.example', OIDC_CLIENT_ID: 'x', OIDC_REDIRECT_URI: 'https://a/cb' },
      'OIDC_ISSUER',
    ],
  ])('refuses %j, naming %s and never the value', (env, name) => {
    expect(() => parsePlatformConfig(env)).toThrow(ConfigError);
    expect(() => parsePlatformConfig(env)).toThrow(name);
    try {
      parsePlatformConfig(env);
    } catch (e) {
      expect((e as Error).message).not.toContain('short');
      expect((e as Error).message).not.toContain('long-enough-password');
    }
  });
});
