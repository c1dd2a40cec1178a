import { randomBytes, randomUUID } from 'node:crypto';
import type { IdentityRepository } from '@tongban/domain';
import { openTestDatabase, testDatabaseKind } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { platformMigrations } from '../migrations/index.js';
import type { PlatformDatabase } from '../schema.js';
import { sha256Hex } from '../sha256.js';
import { createIdentityRepository } from './create-identity-repository.js';

const deptA = '11330100MB0000001X';
const deptB = '11330100MB0000002X';
const hash = () => sha256Hex(randomBytes(32).toString('base64url'));
const policy = { maxAttempts: 3, lockMinutes: 15 };

describe(`identity repository (${testDatabaseKind()})`, () => {
  let database: Database<PlatformDatabase>;
  let repo: IdentityRepository;
  const newStaff = (username: string, deptCode = deptA) =>
    repo.createStaff({
      id: randomUUID(),
      username,
      name: '测试员',
      deptCode,
      roles: ['clerk', 'reviewer'],
      passwordHash: '$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaA',
      createdBy: 'system',
    });

  beforeAll(async () => {
    database = await openTestDatabase<PlatformDatabase>(platformMigrations);
    repo = createIdentityRepository(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  it('creates and finds accounts, roles as a list, and refuses a taken username', async () => {
    const a = await newStaff('li.na');
    expect(a).toMatchObject({
      username: 'li.na',
      deptCode: deptA,
      roles: ['clerk', 'reviewer'],
      failedAttempts: 0,
    });
    expect(a.createdAt).toBeInstanceOf(Date);
    expect((await repo.findStaffByUsername('li.na'))?.id).toBe(a.id);
    expect((await repo.findStaffById(a.id))?.roles).toEqual(['clerk', 'reviewer']);
    await expect(newStaff('li.na')).rejects.toMatchObject({ code: 'CONFLICT' });
    const none = await repo.createStaff({
      id: randomUUID(),
      username: 'no.roles',
      name: 'x',
      deptCode: deptA,
      roles: [],
      createdBy: 'system',
    });
    expect(none.roles).toEqual([]);
    expect(none.passwordHash).toBeUndefined();
  });

  it('links OIDC identities uniquely', async () => {
    const a = await newStaff('zhou.min');
    const linked = await repo.updateStaff(a.id, {
      external: { issuer: 'https://sso.example', subject: 'u-1' },
    });
    expect(linked?.external).toEqual({ issuer: 'https://sso.example', subject: 'u-1' });
    expect((await repo.findStaffByExternalId('https://sso.example', 'u-1'))?.id).toBe(a.id);
    const b = await newStaff('zhou.min2');
    await expect(
      repo.updateStaff(b.id, { external: { issuer: 'https://sso.example', subject: 'u-1' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await repo.updateStaff(a.id, { external: null }))?.external).toBeUndefined();
    expect(await repo.updateStaff('missing', { disabled: true })).toBeUndefined();
  });

  it('counts failures atomically, locks at the limit, restarts the count after a lock ends', async () => {
    const a = await newStaff('chen.jie');
    const t0 = new Date('2025-03-01T01:00:00Z');
    const results = await Promise.all([1, 2, 3, 4].map(() => repo.recordFailedSignIn(a.id, t0, policy)));
    expect(results.map((r) => r.failedAttempts).sort()).toEqual([1, 2, 3, 4]);
    expect(results.filter((r) => r.lockedNow)).toHaveLength(1);
    const locked = await repo.findStaffById(a.id);
    expect(locked?.lockedUntil?.toISOString()).toBe('2025-03-01T01:15:00.000Z');
    const later = new Date('2025-03-01T01:20:00Z');
    expect(await repo.recordFailedSignIn(a.id, later, policy)).toEqual({
      failedAttempts: 1,
      lockedUntil: undefined,
      lockedNow: false,
    });
    await repo.recordSignIn(a.id, later);
    expect(await repo.findStaffById(a.id)).toMatchObject({ failedAttempts: 0, lockedUntil: undefined });
    await repo.recordFailedSignIn(a.id, later, { maxAttempts: 1, lockMinutes: 1 });
    expect((await repo.unlockStaff(a.id))?.lockedUntil).toBeUndefined();
  });

  it('resolves live sessions only, and revokes', async () => {
    const a = await newStaff('sun.li');
    const now = new Date();
    const live = hash();
    const old = hash();
    await repo.createSession({ tokenHash: live, staffId: a.id, expiresAt: new Date(now.getTime() + 60_000) });
    await repo.createSession({ tokenHash: old, staffId: a.id, expiresAt: new Date(now.getTime() - 1) });
    expect((await repo.findSession(live, now))?.principal).toEqual({
      kind: 'staff',
      id: a.id,
      deptCode: deptA,
      roles: ['clerk', 'reviewer'],
      name: '测试员',
    });
    expect(await repo.findSession(old, now)).toBeUndefined();
    await repo.updateStaff(a.id, { disabled: true });
    expect(await repo.findSession(live, now)).toBeUndefined();
    await repo.updateStaff(a.id, { disabled: false });
    expect(await repo.revokeStaffSessions(a.id, now)).toEqual([live]);
    expect(await repo.findSession(live, now)).toBeUndefined();
    expect(await repo.deleteEndedSessions(new Date(now.getTime() + 1))).toBeGreaterThanOrEqual(1);
    expect(await repo.findSession(old, new Date(0))).toBeUndefined();
  });

  it('keeps API tokens by hash, lists them without it, and revokes', async () => {
    const tokenHash = hash();
    const id = randomUUID();
    const created = await repo.createApiToken({
      id,
      tokenHash,
      name: 'window system',
      deptCode: deptB,
      roles: ['clerk'],
      createdBy: 'admin',
    });
    expect(created).not.toHaveProperty('tokenHash');
    const now = new Date();
    expect((await repo.findApiToken(tokenHash, now))?.principal).toMatchObject({
      kind: 'system',
      id,
      deptCode: deptB,
    });
    const page = await repo.listApiTokens({ deptCode: deptB }, { limit: 10 });
    expect(page.entries.map((t) => t.id)).toContain(id);
    expect(JSON.stringify(page)).not.toContain(tokenHash);
    expect((await repo.listApiTokens({ deptCode: deptA }, { limit: 10 })).entries).toEqual([]);
    expect((await repo.revokeApiToken(id, now, 'admin'))?.tokenHash).toBe(tokenHash);
    expect(await repo.findApiToken(tokenHash, now)).toBeUndefined();
    expect(await repo.revokeApiToken('missing', now, 'admin')).toBeUndefined();
    const expiring = hash();
    await repo.createApiToken({
      id: randomUUID(),
      tokenHash: expiring,
      name: 'short',
      deptCode: deptB,
      roles: [],
      createdBy: 'admin',
      expiresAt: new Date(now.getTime() - 1000),
    });
    expect(await repo.findApiToken(expiring, now)).toBeUndefined();
  });

  it('pages staff by username within a department', async () => {
    for (const n of ['p.a', 'p.b', 'p.c']) await newStaff(n, deptB);
    const first = await repo.listStaff({ deptCode: deptB }, { limit: 2 });
    expect(first.entries.map((s) => s.username)).toEqual(['p.a', 'p.b']);
    const second = await repo.listStaff({ deptCode: deptB }, { limit: 2, cursor: first.nextCursor });
    expect(second.entries.map((s) => s.username)).toEqual(['p.c']);
    expect(second.nextCursor).toBeUndefined();
    expect(await repo.countStaff()).toBeGreaterThan(3);
  });

  it('hands out a pending OIDC sign-in once, and not after it expires', async () => {
    const now = new Date();
    await repo.savePendingSignIn(
      { state: 's1', codeVerifier: 'v1', nonce: 'n1' },
      new Date(now.getTime() + 60_000),
    );
    expect(await repo.takePendingSignIn('s1', now)).toEqual({ state: 's1', codeVerifier: 'v1', nonce: 'n1' });
    expect(await repo.takePendingSignIn('s1', now)).toBeUndefined();
    await repo.savePendingSignIn(
      { state: 's2', codeVerifier: 'v2', nonce: 'n2' },
      new Date(now.getTime() + 60_000),
    );
    expect(await repo.takePendingSignIn('s2', new Date(now.getTime() + 120_000))).toBeUndefined();
  });
});
