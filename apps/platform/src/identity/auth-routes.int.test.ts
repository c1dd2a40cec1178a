import { createIdentityRepository } from '@tongban/store';
import { testDatabaseKind } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, TEST_AUDITOR_TOKEN, type TestPlatform } from '../test-platform.js';
import { newToken, tokenHash } from './bearer-token.js';
import { auditEntries, call, DEPT_A } from './identity-test-helpers.js';

const ADMIN = { username: 'admin', password: 'bootstrap-password-1' };
const PASSWORD = 'clerk-password-1234';

describe(`sign-in, sessions and lockout (${testDatabaseKind()})`, () => {
  let p: TestPlatform;
  let adminToken: string;

  const signIn = (username: string, password: string) =>
    call(p.app, 'POST', '/api/v1/auth/sign-in', { body: { username, password } });
  const newClerk = async (username: string) => {
    const res = await call(p.app, 'POST', '/api/v1/staff', {
      token: adminToken,
      body: { username, name: '李娜', deptCode: DEPT_A, roles: ['clerk'], password: PASSWORD },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  beforeAll(async () => {
    p = await openTestPlatform({
      PLATFORM_ADMIN_USERNAME: ADMIN.username,
      PLATFORM_ADMIN_PASSWORD: ADMIN.password,
      PLATFORM_LOCKOUT_ATTEMPTS: '3',
      PLATFORM_BODY_LIMIT: '2048',
    });
    const res = await signIn(ADMIN.username, ADMIN.password);
    expect(res.status).toBe(200);
    adminToken = res.body.token;
  });
  afterAll(async () => {
    await p.close();
  });

  it('bootstraps the first platform_admin from the environment and signs it in', async () => {
    const me = await call(p.app, 'GET', '/api/v1/auth/me', { token: adminToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      kind: 'staff',
      roles: ['platform_admin'],
      deptCode: '000000000000000000',
    });
  });

  it('answers a session token, its expiry and the principal; the token resolves on later requests', async () => {
    const clerk = await newClerk('li.na');
    const started = Date.now();
    const res = await signIn('Li.Na', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^tbs_[A-Za-z0-9_-]{43}$/);
    const expires = new Date(res.body.expiresAt).getTime();
    expect(expires - started).toBeGreaterThan(29 * 60_000);
    expect(expires - started).toBeLessThanOrEqual(30 * 60_000 + 5_000);
    expect(res.body.principal).toEqual({
      kind: 'staff',
      id: clerk.id,
      deptCode: DEPT_A,
      roles: ['clerk'],
      name: '李娜',
    });
    const me = await call(p.app, 'GET', '/api/v1/auth/me', { token: res.body.token });
    expect(me.body).toEqual(res.body.principal);
    const log = await auditEntries(p.log);
    expect(log.at(-1)).toMatchObject({ operation: 'staff.signed_in', actor: clerk.id, outcome: 'ok' });
  });

  it('answers a wrong password and an unknown user alike, 401 UNAUTHENTICATED, and never logs the password', async () => {
    await newClerk('wang.fang');
    const wrong = await signIn('wang.fang', 'not-the-password');
    const unknown = await signIn('nobody.here', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('UNAUTHENTICATED');
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.body.title).toBe(unknown.body.title);
    const log = await auditEntries(p.log);
    const failures = log.filter((e) => e.operation === 'staff.sign_in_failed');
    expect(failures.map((e) => e.outcome)).toEqual(
      expect.arrayContaining(['wrong_password', 'unknown_user']),
    );
    expect(failures.find((e) => e.outcome === 'unknown_user')?.actor).toBe('nobody.here');
    expect(JSON.stringify(log)).not.toContain('not-the-password');
  });

  it('locks after the configured failures, refuses even the right password with 423, and unlocks', async () => {
    const clerk = await newClerk('zhao.lei');
    expect((await signIn('zhao.lei', 'wrong-1')).status).toBe(401);
    expect((await signIn('zhao.lei', 'wrong-2')).status).toBe(401);
    const third = await signIn('zhao.lei', 'wrong-3');
    expect(third.status).toBe(423);
    expect(third.body.code).toBe('ACCOUNT_LOCKED');
    const right = await signIn('zhao.lei', PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    const log = await auditEntries(p.log);
    expect(log.filter((e) => e.operation === 'staff.locked' && e.actor === clerk.id)).toHaveLength(1);
    expect(log.at(-1)).toMatchObject({ operation: 'staff.sign_in_failed', outcome: 'ACCOUNT_LOCKED' });

    const listed = await call(p.app, 'GET', `/api/v1/staff?deptCode=${DEPT_A}`, { token: adminToken });
    expect(listed.body.entries.find((s: any) => s.id === clerk.id).lockedUntil).toBeDefined();
    const unlocked = await call(p.app, 'POST', `/api/v1/staff/${clerk.id}/unlock`, { token: adminToken });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.failedAttempts).toBe(0);
    expect(unlocked.body.lockedUntil).toBeUndefined();
    expect((await signIn('zhao.lei', PASSWORD)).status).toBe(200);
  });

  it('resets the failure count on success', async () => {
    await newClerk('qian.yu');
    await signIn('qian.yu', 'wrong-1');
    await signIn('qian.yu', 'wrong-2');
    expect((await signIn('qian.yu', PASSWORD)).status).toBe(200);
    await signIn('qian.yu', 'wrong-3');
    await signIn('qian.yu', 'wrong-4');
    expect((await signIn('qian.yu', PASSWORD)).status).toBe(200);
  });

  it('signs out: the token stops working at once', async () => {
    await newClerk('sun.mei');
    const { token } = (await signIn('sun.mei', PASSWORD)).body;
    expect((await call(p.app, 'GET', '/api/v1/auth/me', { token })).status).toBe(200);
    expect((await call(p.app, 'POST', '/api/v1/auth/sign-out', { token })).status).toBe(204);
    const after = await call(p.app, 'GET', '/api/v1/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    expect((await call(p.app, 'POST', '/api/v1/auth/sign-out')).status).toBe(401);
  });

  it('refuses an expired session, a token of the wrong prefix, and no token', async () => {
    const clerk = await newClerk('expired.one');
    const token = newToken('session');
    await createIdentityRepository(p.database.db).createSession({
      tokenHash: tokenHash(token),
      staffId: clerk.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const t of [token, `tbx_${token.slice(4)}`, 'not-a-token', newToken('api')]) {
      const res = await call(p.app, 'GET', '/api/v1/auth/me', { token: t });
      expect(res.status, t.slice(0, 4)).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(res.body)).not.toContain(t);
    }
    expect((await call(p.app, 'GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it.each([
    ['malformed JSON', { raw: '{"username": "a", ' }, 400, 'MALFORMED_INPUT'],
    [
      'an oversized body',
      { raw: JSON.stringify({ username: 'a', password: 'x'.repeat(4000) }) },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['a missing password', { body: { username: 'li.na' } }, 400, 'VALIDATION_FAILED'],
    [
      'an over-long username',
      { body: { username: 'u'.repeat(65), password: 'x' } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an over-long password',
      { body: { username: 'li.na', password: 'x'.repeat(257) } },
      400,
      'VALIDATION_FAILED',
    ],
    // (Ajv coerces scalars to strings platform-wide; an object cannot be.)
    [
      'an object for the username',
      { body: { username: { $ne: '' }, password: 'x' } },
      400,
      'VALIDATION_FAILED',
    ],
    ['null for the password', { body: { username: 'li.na', password: null } }, 400, 'VALIDATION_FAILED'],
    ['an array body', { body: [] }, 400, 'VALIDATION_FAILED'],
    ['an extra field', { body: { username: 'li.na', password: 'x', admin: true } }, 400, 'VALIDATION_FAILED'],
    [
      'form encoding',
      { raw: 'username=a&password=b', contentType: 'application/x-www-form-urlencoded' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ])('refuses sign-in with %s', async (_name, options, status, code) => {
    const res = await call(p.app, 'POST', '/api/v1/auth/sign-in', options);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('lets a principal with the auditor role read audit entries, and keeps the audit read tokens working', async () => {
    const auditor = await p.signInAs({ deptCode: DEPT_A, roles: ['auditor'] });
    const clerk = await p.signInAs({ deptCode: DEPT_A, roles: ['clerk'] });
    expect((await call(p.app, 'GET', '/api/v1/audit/entries/0', { token: auditor.token })).status).toBe(200);
    const refused = await call(p.app, 'GET', '/api/v1/audit/entries/0', { token: clerk.token });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect((await call(p.app, 'GET', '/api/v1/audit/entries/0', { token: TEST_AUDITOR_TOKEN })).status).toBe(
      200,
    );
    expect((await call(p.app, 'GET', '/api/v1/audit/entries/0')).status).toBe(401);
  });

  it('has no OIDC routes when OIDC is not configured', async () => {
    for (const url of ['/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback?state=x&code=y']) {
      const res = await call(p.app, 'GET', url);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });
});
