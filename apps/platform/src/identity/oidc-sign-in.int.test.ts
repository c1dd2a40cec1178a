import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testDatabaseKind } from '@tongban/testing';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, type TestPlatform } from '../test-platform.js';
import { auditEntries, call, DEPT_A } from './identity-test-helpers.js';

const CLIENT_ID = 'tongban-platform';
const CLIENT_SECRET = 'a-client-secret-for-tests-only-0123456789';
const REDIRECT_URI = 'http://127.0.0.1:8080/api/v1/auth/oidc/callback';

/**
 * A real OpenID provider (oidc-provider v9) on loopback, with a fixed confidential client. Its
 * login interaction is completed programmatically: the test says which subject signs in next, and
 * consent is granted for this first-party client without asking.
 */
async function startProvider(): Promise<{
  issuer: string;
  server: Server;
  signInAs: (subject: string) => void;
}> {
  let nextSubject = '';
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: {
      keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', use: 'sig', alg: 'RS256' }],
    },
    cookies: { keys: ['cookie-signing-key-for-tests-0123456789'] },
    claims: { openid: ['sub'], profile: ['name'] },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, name: `OIDC ${id}` }),
    }),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
    loadExistingGrant: async (ctx: any) => {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name !== 'login') throw new Error(`unexpected prompt ${details.prompt.name}`);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: nextSubject } },
        { mergeWithLastSubmission: false },
      );
    })().catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  return { issuer, server, signInAs: (subject) => (nextSubject = subject) };
}

/** Follows the provider's redirects with a cookie jar until it sends the browser to our callback. */
async function browseToCallback(start: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`provider answered ${res.status} without a redirect: ${await res.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(REDIRECT_URI)) return next;
    url = next.href;
  }
  throw new Error('too many redirects');
}

describe(`sign-in through a real OIDC provider on loopback (${testDatabaseKind()})`, () => {
  let idp: Awaited<ReturnType<typeof startProvider>>;
  let p: TestPlatform;
  let admin: string;

  const signInThroughProvider = async (subject: string) => {
    idp.signInAs(subject);
    const start = await call(p.app, 'GET', '/api/v1/auth/oidc/start');
    expect(start.status).toBe(302);
    const location = String(start.headers['location']);
    expect(location.startsWith(`${idp.issuer}/`)).toBe(true);
    const authorize = new URL(location);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('state')).toBeTruthy();
    const callback = await browseToCallback(location);
    return { callback, answer: await call(p.app, 'GET', `/api/v1/auth/oidc/callback${callback.search}`) };
  };

  beforeAll(async () => {
    idp = await startProvider();
    p = await openTestPlatform({
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URI: REDIRECT_URI,
    });
    admin = (await p.signInAs({ deptCode: DEPT_A, roles: ['dept_admin'] })).token;
  });
  afterAll(async () => {
    await p.close();
    await new Promise((resolve) => idp.server.close(resolve));
  });

  it('signs a linked identity in to its staff account with a session', async () => {
    const made = await call(p.app, 'POST', '/api/v1/staff', {
      token: admin,
      body: {
        username: 'sso.clerk',
        name: '吴静',
        deptCode: DEPT_A,
        roles: ['clerk'],
        oidc: { issuer: idp.issuer, subject: 'person-0001' },
      },
    });
    expect(made.status).toBe(201);
    expect(made.body.hasPassword).toBe(false);

    const { callback, answer } = await signInThroughProvider('person-0001');
    expect(answer.status).toBe(200);
    expect(answer.body.token).toMatch(/^tbs_/);
    expect(answer.body.principal).toEqual({
      kind: 'staff',
      id: made.body.id,
      deptCode: DEPT_A,
      roles: ['clerk'],
      name: '吴静',
    });
    const me = await call(p.app, 'GET', '/api/v1/auth/me', { token: answer.body.token });
    expect(me.body.id).toBe(made.body.id);
    expect((await auditEntries(p.log)).at(-1)).toMatchObject({
      operation: 'staff.signed_in',
      actor: made.body.id,
      details: { method: 'oidc' },
    });

    // The state is used once: replaying the callback finds nothing.
    const replay = await call(p.app, 'GET', `/api/v1/auth/oidc/callback${callback.search}`);
    expect(replay.status).toBe(401);
    // An account with no password cannot be signed in with one.
    const password = await call(p.app, 'POST', '/api/v1/auth/sign-in', {
      body: { username: 'sso.clerk', password: 'anything-at-all' },
    });
    expect(password.status).toBe(401);
  });

  it('refuses an identity no administrator linked: 403, and no account is made', async () => {
    const { answer } = await signInThroughProvider('stranger-9999');
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('FORBIDDEN');
    const listed = await call(p.app, 'GET', '/api/v1/staff', { token: admin });
    expect(listed.body.entries.some((s: any) => s.oidc?.subject === 'stranger-9999')).toBe(false);
    expect((await auditEntries(p.log)).at(-1)).toMatchObject({
      operation: 'staff.sign_in_failed',
      outcome: 'not_linked',
    });
  });

  it('refuses a callback with a state it never issued, without one, or with a provider error', async () => {
    const forged = await call(p.app, 'GET', '/api/v1/auth/oidc/callback?code=abc&state=forged-state');
    expect(forged.status).toBe(401);
    expect((await call(p.app, 'GET', '/api/v1/auth/oidc/callback?code=abc')).status).toBe(400);
    const error = await call(p.app, 'GET', '/api/v1/auth/oidc/callback?error=access_denied&state=x');
    expect(error.status).toBe(401);
    expect((await call(p.app, 'GET', '/api/v1/auth/oidc/callback?unknown=1')).status).toBe(400);
  });

  it('refuses a code that the provider did not issue for this state', async () => {
    idp.signInAs('person-0001');
    const start = await call(p.app, 'GET', '/api/v1/auth/oidc/start');
    const state = new URL(String(start.headers['location'])).searchParams.get('state')!;
    const res = await call(
      p.app,
      'GET',
      `/api/v1/auth/oidc/callback?code=made-up-code&state=${state}&iss=${encodeURIComponent(idp.issuer)}`,
    );
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});
