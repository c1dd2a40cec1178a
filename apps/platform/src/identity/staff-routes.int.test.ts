import { testDatabaseKind } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, type TestPlatform } from '../test-platform.js';
import { auditEntries, call, DEPT_A, DEPT_B } from './identity-test-helpers.js';

const PASSWORD = 'staff-password-1234';

describe(`staff administration (${testDatabaseKind()})`, () => {
  let p: TestPlatform;
  let platformAdmin: string;
  let deptAdmin: string;
  let clerk: string;
  const staff = (username: string, over: Record<string, unknown> = {}) => ({
    username,
    name: '周敏',
    deptCode: DEPT_A,
    roles: ['clerk'],
    password: PASSWORD,
    ...over,
  });
  const create = (token: string | undefined, body: unknown) =>
    call(p.app, 'POST', '/api/v1/staff', { token, body });

  beforeAll(async () => {
    p = await openTestPlatform({ PLATFORM_BODY_LIMIT: '2048' });
    platformAdmin = (await p.signInAs({ deptCode: DEPT_B, roles: ['platform_admin'] })).token;
    deptAdmin = (await p.signInAs({ deptCode: DEPT_A, roles: ['dept_admin'] })).token;
    clerk = (await p.signInAs({ deptCode: DEPT_A, roles: ['clerk'] })).token;
  });
  afterAll(async () => {
    await p.close();
  });

  it('lets a platform_admin create accounts in any department, recorded in the audit log', async () => {
    const res = await create(
      platformAdmin,
      staff('zhou.min', { deptCode: DEPT_B, roles: ['dept_admin', 'clerk'] }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'zhou.min',
      deptCode: DEPT_B,
      roles: ['dept_admin', 'clerk'],
      hasPassword: true,
      disabled: false,
      failedAttempts: 0,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password_hash|passwordHash/);
    const log = await auditEntries(p.log);
    expect(log.at(-1)).toMatchObject({
      operation: 'staff.created',
      outcome: 'ok',
      purpose: { deptCode: DEPT_B },
      details: { staffId: res.body.id, username: 'zhou.min' },
    });
    expect(JSON.stringify(log)).not.toContain(PASSWORD);
    const admin = await create(platformAdmin, staff('root.two', { roles: ['platform_admin'] }));
    expect(admin.status).toBe(201);
  });

  it('lets a dept_admin create accounts in its own department only, and never platform_admin', async () => {
    expect((await create(deptAdmin, staff('a.own'))).status).toBe(201);
    const other = await create(deptAdmin, staff('a.other', { deptCode: DEPT_B }));
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    const grant = await create(deptAdmin, staff('a.root', { roles: ['clerk', 'platform_admin'] }));
    expect(grant.status).toBe(403);
    expect(grant.body.field).toBe('roles');
  });

  it('refuses a non-admin and an anonymous caller', async () => {
    const res = await create(clerk, staff('c.made'));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect((await create(undefined, staff('anon.made'))).status).toBe(401);
    expect((await call(p.app, 'GET', '/api/v1/staff', { token: clerk })).status).toBe(403);
  });

  it('refuses a taken username with 409 CONFLICT', async () => {
    expect((await create(platformAdmin, staff('dup.name'))).status).toBe(201);
    const again = await create(platformAdmin, staff('dup.name'));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
  });

  it('scopes listings: a dept_admin sees its own department', async () => {
    const mine = await call(p.app, 'GET', '/api/v1/staff', { token: deptAdmin });
    expect(mine.status).toBe(200);
    expect(mine.body.entries.length).toBeGreaterThan(0);
    expect(mine.body.entries.every((s: any) => s.deptCode === DEPT_A)).toBe(true);
    expect((await call(p.app, 'GET', `/api/v1/staff?deptCode=${DEPT_B}`, { token: deptAdmin })).status).toBe(
      403,
    );
    const all = await call(p.app, 'GET', '/api/v1/staff?limit=500', { token: platformAdmin });
    expect(new Set(all.body.entries.map((s: any) => s.deptCode))).toEqual(new Set([DEPT_A, DEPT_B]));
    const page = await call(p.app, 'GET', `/api/v1/staff?deptCode=${DEPT_A}&limit=1`, {
      token: platformAdmin,
    });
    expect(page.body.entries).toHaveLength(1);
    expect(page.body.nextCursor).toBeDefined();
  });

  it('disables an account: its sessions stop at once and it cannot sign in; enabling restores sign-in', async () => {
    const made = (await create(deptAdmin, staff('to.disable'))).body;
    const { token } = (
      await call(p.app, 'POST', '/api/v1/auth/sign-in', {
        body: { username: 'to.disable', password: PASSWORD },
      })
    ).body;
    expect((await call(p.app, 'GET', '/api/v1/auth/me', { token })).status).toBe(200);
    const off = await call(p.app, 'PATCH', `/api/v1/staff/${made.id}`, {
      token: deptAdmin,
      body: { disabled: true },
    });
    expect(off.status).toBe(200);
    expect(off.body.disabled).toBe(true);
    expect((await call(p.app, 'GET', '/api/v1/auth/me', { token })).status).toBe(401);
    const refused = await call(p.app, 'POST', '/api/v1/auth/sign-in', {
      body: { username: 'to.disable', password: PASSWORD },
    });
    expect(refused.status).toBe(401);
    await call(p.app, 'PATCH', `/api/v1/staff/${made.id}`, { token: deptAdmin, body: { disabled: false } });
    const back = await call(p.app, 'POST', '/api/v1/auth/sign-in', {
      body: { username: 'to.disable', password: PASSWORD },
    });
    expect(back.status).toBe(200);
    const ops = (await auditEntries(p.log)).map((e) => e.operation);
    expect(ops).toEqual(expect.arrayContaining(['staff.disabled', 'staff.enabled']));
  });

  it("refuses a dept_admin acting on another department's account, and unknown ids", async () => {
    const b = (await create(platformAdmin, staff('in.b', { deptCode: DEPT_B }))).body;
    for (const [method, url, body] of [
      ['POST', `/api/v1/staff/${b.id}/unlock`, undefined],
      ['PATCH', `/api/v1/staff/${b.id}`, { disabled: true }],
    ] as const) {
      const res = await call(p.app, method, url, { token: deptAdmin, body });
      expect(res.status).toBe(403);
    }
    const missing = await call(p.app, 'POST', '/api/v1/staff/00000000-0000-0000-0000-000000000000/unlock', {
      token: platformAdmin,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('STAFF_NOT_FOUND');
  });

  it('refuses to let an admin disable itself', async () => {
    const me = (await call(p.app, 'GET', '/api/v1/auth/me', { token: deptAdmin })).body;
    const res = await call(p.app, 'PATCH', `/api/v1/staff/${me.id}`, {
      token: deptAdmin,
      body: { disabled: true },
    });
    expect(res.status).toBe(409);
  });

  it.each([
    ['malformed JSON', { raw: '{"username":' }, 400, 'MALFORMED_INPUT'],
    [
      'an oversized body',
      { raw: JSON.stringify(staff('big', { name: 'x'.repeat(3000) })) },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a missing deptCode',
      { body: { username: 'x.y', name: 'n', roles: [], password: PASSWORD } },
      400,
      'VALIDATION_FAILED',
    ],
    ['an over-long username', { body: staff('u'.repeat(65)) }, 400, 'VALIDATION_FAILED'],
    ['an upper-case username', { body: staff('Li.Na') }, 400, 'VALIDATION_FAILED'],
    ['a deptCode of the wrong shape', { body: staff('x.z', { deptCode: 'ABC' }) }, 400, 'VALIDATION_FAILED'],
    ['an unknown role', { body: staff('x.r', { roles: ['superuser'] }) }, 400, 'VALIDATION_FAILED'],
    ['roles as a string', { body: staff('x.s', { roles: { a: 1 } }) }, 400, 'VALIDATION_FAILED'],
    ['a short password', { body: staff('x.p', { password: 'short' }) }, 400, 'VALIDATION_FAILED'],
    [
      'neither password nor OIDC link',
      { body: staff('x.n', { password: undefined }) },
      400,
      'VALIDATION_FAILED',
    ],
  ])('refuses creating staff with %s', async (_name, options, status, code) => {
    const res = await call(p.app, 'POST', '/api/v1/staff', { token: platformAdmin, ...options });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('refuses a PATCH with nothing to change or a wrong type', async () => {
    const me = (await call(p.app, 'GET', '/api/v1/auth/me', { token: clerk })).body;
    for (const body of [{}, { disabled: { yes: 1 } }, { role: 'platform_admin' }]) {
      const res = await call(p.app, 'PATCH', `/api/v1/staff/${me.id}`, { token: platformAdmin, body });
      expect(res.status).toBe(400);
    }
    const long = await call(p.app, 'POST', `/api/v1/staff/${'x'.repeat(65)}/unlock`, {
      token: platformAdmin,
    });
    expect(long.status).toBe(400);
  });
});
