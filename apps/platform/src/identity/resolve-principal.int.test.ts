import { randomUUID } from 'node:crypto';
import type { IdentityRepository } from '@tongban/domain';
import {
  createIdentityRepository,
  platformMigrations,
  type Database,
  type PlatformDatabase,
} from '@tongban/store';
import { openTestDatabase, testDatabaseKind } from '@tongban/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlatformConfig } from '../config.js';
import { createIdentityContext } from './create-identity-context.js';
import { DEPT_A } from './identity-test-helpers.js';
import { issueSession } from './issue-session.js';
import { resolvePrincipal } from './resolve-principal.js';
import { signOut } from './sign-out.js';

/** The real repository, counting the lookups that reach the database. */
function counting(repo: IdentityRepository): IdentityRepository & { lookups: number } {
  const counted: IdentityRepository & { lookups: number } = { ...repo, lookups: 0 };
  counted.findSession = async (hash, now) => {
    counted.lookups += 1;
    return repo.findSession(hash, now);
  };
  return counted;
}

describe(`resolving tokens with the principal cache (${testDatabaseKind()})`, () => {
  let database: Database<PlatformDatabase>;
  let now = new Date('2030-01-01T08:00:00Z');
  const clock = () => now;
  const audit = { append: () => Promise.resolve({ index: 0, leafHash: '' }) };
  const config = parsePlatformConfig({ PLATFORM_PRINCIPAL_CACHE_SECONDS: '10' }).identity;

  beforeAll(async () => {
    database = await openTestDatabase<PlatformDatabase>(platformMigrations);
  });
  afterAll(async () => {
    await database.close();
  });

  it('costs one database read per TTL, not one per request', async () => {
    const repo = counting(createIdentityRepository(database.db));
    const ctx = createIdentityContext(config, audit, { repo, clock });
    const account = await repo.createStaff({
      id: randomUUID(),
      username: 'busy.clerk',
      name: '忙碌',
      deptCode: DEPT_A,
      roles: ['clerk'],
      createdBy: 'test',
    });
    const { token } = await issueSession(ctx, account, 'test', 'r');
    for (let i = 0; i < 1000; i++) expect((await resolvePrincipal(ctx, token))?.id).toBe(account.id);
    expect(repo.lookups).toBe(1);
    now = new Date(now.getTime() + 10_000);
    await resolvePrincipal(ctx, token);
    expect(repo.lookups).toBe(2);
  });

  it('drops a revoked session here at once; another copy sees it within the TTL', async () => {
    const repo = createIdentityRepository(database.db);
    const here = createIdentityContext(config, audit, { repo, clock });
    const there = createIdentityContext(config, audit, { repo, clock });
    const account = await repo.createStaff({
      id: randomUUID(),
      username: 'two.copies',
      name: '两份',
      deptCode: DEPT_A,
      roles: ['clerk'],
      createdBy: 'test',
    });
    const { token, principal } = await issueSession(here, account, 'test', 'r');
    expect(await resolvePrincipal(here, token)).toBeDefined();
    expect(await resolvePrincipal(there, token)).toBeDefined();
    await signOut(here, principal, token, 'r');
    expect(await resolvePrincipal(here, token)).toBeUndefined();
    expect(await resolvePrincipal(there, token)).toBeDefined();
    now = new Date(now.getTime() + 10_000);
    expect(await resolvePrincipal(there, token)).toBeUndefined();
  });

  it('never serves a session past its expiry from the cache', async () => {
    const repo = createIdentityRepository(database.db);
    const ctx = createIdentityContext({ ...config, sessionMinutes: 1 }, audit, { repo, clock });
    const account = await repo.createStaff({
      id: randomUUID(),
      username: 'short.session',
      name: '短',
      deptCode: DEPT_A,
      roles: [],
      createdBy: 'test',
    });
    const { token } = await issueSession(ctx, account, 'test', 'r');
    now = new Date(now.getTime() + 55_000);
    expect(await resolvePrincipal(ctx, token)).toBeDefined();
    now = new Date(now.getTime() + 5_000);
    expect(await resolvePrincipal(ctx, token)).toBeUndefined();
  });
});
