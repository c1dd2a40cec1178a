import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { SignInRequestSchema } from '@tongban/contracts';
import { Type } from 'typebox';
import type { IdentityContext } from './identity-context.js';
import { requirePrincipal } from './identity-plugin.js';
import type { IssuedSession } from './issue-session.js';
import { signIn } from './sign-in.js';
import { signOut } from './sign-out.js';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  413: Type.Ref('Problem'),
  415: Type.Ref('Problem'),
  423: Type.Ref('Problem'),
  503: Type.Ref('Problem'),
};

export const sessionView = (s: IssuedSession) => ({
  token: s.token,
  expiresAt: s.expiresAt.toISOString(),
  principal: s.principal,
});

/** Password sign-in, sign-out and "who am I" under /auth. */
export const authRoutes: FastifyPluginCallbackTypebox<{ ctx: IdentityContext }> = (app, { ctx }, done) => {
  app.post(
    '/auth/sign-in',
    {
      schema: {
        tags: ['identity'],
        summary:
          'Sign in with username and password: a short-lived session token. 401 for a wrong username or password alike; 423 when locked',
        body: SignInRequestSchema,
        response: { 200: Type.Ref('Session'), ...problems },
      },
    },
    async (req) => sessionView(await signIn(ctx, req.body, String(req.id))),
  );

  app.post(
    '/auth/sign-out',
    {
      schema: {
        tags: ['identity'],
        summary: 'End the session this request is made with',
        security: [{ bearer: [] }],
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      const principal = requirePrincipal(req);
      await signOut(ctx, principal, req.bearerToken!, String(req.id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'The principal the bearer token stands for',
        security: [{ bearer: [] }],
        response: { 200: Type.Ref('Principal'), ...problems },
      },
    },
    (req) => requirePrincipal(req),
  );
  done();
};
