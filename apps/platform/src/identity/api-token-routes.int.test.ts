import { testDatabaseKind } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, type TestPlatform } from '../test-platform.js';
import { auditEntries, call, DEPT_A, DEPT_B } from './identity-test-helpers.js';

describe(`API tokens for systems (${testDatabaseKind()})`, () => {
  let p: TestPlatform;
  let platformAdmin: string;
  let deptAdmin: string;
  let clerk: string;
  const issue = (token: string | undefined, body: unknown) =>
    call(p.app, 'POST', '/api/v1/api-tokens', { token, body });

  beforeAll(async () => {
    p = await openTestPlatform({ PLATFORM_BODY_LIMIT: '2048' });
    platformAdmin = (await p.signInAs({ deptCode: DEPT_B, roles: ['platform_admin'] })).token;
    deptAdmin = (await p.signInAs({ deptCode: DEPT_A, roles: ['dept_admin'] })).token;
    clerk = (await p.signInAs({ deptCode: DEPT_A, roles: ['clerk'] })).token;
  });
  afterAll(async () => {
    await p.close();
  });

  it('issues a token once; it acts as a system principal of its department; listings never show it', async () => {
    const res = await issue(deptAdmin, { name: '综合窗口系统', deptCode: DEPT_A, roles: ['clerk'] });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^tbt_[A-Za-z0-9_-]{43}$/);
    const me = await call(p.app, 'GET', '/api/v1/auth/me', { token: res.body.token });
    expect(me.body).toEqual({
      kind: 'system',
      id: res.body.id,
      deptCode: DEPT_A,
      roles: ['clerk'],
      name: '综合窗口系统',
    });
    const list = await call(p.app, 'GET', '/api/v1/api-tokens', { token: deptAdmin });
    expect(list.status).toBe(200);
    expect(list.body.entries.map((t: any) => t.id)).toContain(res.body.id);
    expect(JSON.stringify(list.body)).not.toContain(res.body.token);
    expect(JSON.stringify(list.body)).not.toMatch(/token"|hash/i);
    const log = await auditEntries(p.log);
    expect(log.at(-1)).toMatchObject({ operation: 'api_token.created', details: { tokenId: res.body.id } });
    expect(JSON.stringify(log)).not.toContain(res.body.token);
  });

  it('revokes: the token stops at once, revoking again is harmless, and the log records it once', async () => {
    const { id, token } = (await issue(platformAdmin, { name: 'bench', deptCode: DEPT_A, roles: ['clerk'] }))
      .body;
    expect((await call(p.app, 'GET', '/api/v1/auth/me', { token })).status).toBe(200);
    expect((await call(p.app, 'DELETE', `/api/v1/api-tokens/${id}`, { token: deptAdmin })).status).toBe(204);
    const after = await call(p.app, 'GET', '/api/v1/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    expect((await call(p.app, 'DELETE', `/api/v1/api-tokens/${id}`, { token: deptAdmin })).status).toBe(204);
    const revoked = (await auditEntries(p.log)).filter((e) => e.operation === 'api_token.revoked');
    expect(revoked).toHaveLength(1);
    const listed = await call(p.app, 'GET', `/api/v1/api-tokens?deptCode=${DEPT_A}`, {
      token: platformAdmin,
    });
    expect(listed.body.entries.find((t: any) => t.id === id).revokedAt).toBeDefined();
    expect((await call(p.app, 'DELETE', '/api/v1/api-tokens/nope', { token: platformAdmin })).status).toBe(
      404,
    );
  });

  it('keeps a dept_admin to its own department, below platform_admin; a clerk and a system cannot issue', async () => {
    const other = await issue(deptAdmin, { name: 'x', deptCode: DEPT_B, roles: ['clerk'] });
    expect(other.status).toBe(403);
    expect((await issue(deptAdmin, { name: 'x', deptCode: DEPT_A, roles: ['platform_admin'] })).status).toBe(
      403,
    );
    expect((await issue(clerk, { name: 'x', deptCode: DEPT_A, roles: ['clerk'] })).status).toBe(403);
    expect(
      (await call(p.app, 'GET', `/api/v1/api-tokens?deptCode=${DEPT_B}`, { token: deptAdmin })).status,
    ).toBe(403);
    const inB = (await issue(platformAdmin, { name: 'b', deptCode: DEPT_B, roles: ['clerk'] })).body;
    expect((await call(p.app, 'DELETE', `/api/v1/api-tokens/${inB.id}`, { token: deptAdmin })).status).toBe(
      403,
    );
    const system = (await issue(platformAdmin, { name: 'sys', deptCode: DEPT_A, roles: ['dept_admin'] }))
      .body;
    expect((await issue(system.token, { name: 'x', deptCode: DEPT_A, roles: ['clerk'] })).status).toBe(403);
    expect((await issue(undefined, { name: 'x', deptCode: DEPT_A, roles: ['clerk'] })).status).toBe(401);
  });

  it('honours expiry', async () => {
    const past = await issue(platformAdmin, {
      name: 'x',
      deptCode: DEPT_A,
      roles: [],
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(past.body.field).toBe('expiresAt');
    const soon = await issue(platformAdmin, {
      name: 'x',
      deptCode: DEPT_A,
      roles: [],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(soon.status).toBe(201);
    expect(soon.body.expiresAt).toBeDefined();
  });

  it.each([
    ['malformed JSON', { raw: '{"name":' }, 400, 'MALFORMED_INPUT'],
    [
      'an oversized body',
      { raw: JSON.stringify({ name: 'x'.repeat(3000), deptCode: DEPT_A, roles: [] }) },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['a missing name', { body: { deptCode: DEPT_A, roles: [] } }, 400, 'VALIDATION_FAILED'],
    ['an unknown role', { body: { name: 'x', deptCode: DEPT_A, roles: ['root'] } }, 400, 'VALIDATION_FAILED'],
    [
      'a bad expiry',
      { body: { name: 'x', deptCode: DEPT_A, roles: [], expiresAt: 'tomorrow' } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a deptCode of the wrong type',
      { body: { name: 'x', deptCode: [DEPT_A, DEPT_B], roles: [] } },
      400,
      'VALIDATION_FAILED',
    ],
  ])('refuses issuing with %s', async (_name, options, status, code) => {
    const res = await call(p.app, 'POST', '/api/v1/api-tokens', { token: platformAdmin, ...options });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });
});
