import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sessionView } from './auth-routes.js';
import { beginOidcSignIn } from './begin-oidc-sign-in.js';
import { completeOidcSignIn } from './complete-oidc-sign-in.js';
import type { IdentityContext } from './identity-context.js';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  503: Type.Ref('Problem'),
};
const param = Type.Optional(Type.String({ maxLength: 2048 }));

/**
 * Sign-in through the city's sign-on (OIDC authorization code + PKCE). Both answer 404 NOT_FOUND
 * when OIDC is not configured. The callback answers the session as JSON (there is no console yet
 * to redirect to).
 */
export const oidcRoutes: FastifyPluginCallbackTypebox<{ ctx: IdentityContext }> = (app, { ctx }, done) => {
  app.get(
    '/auth/oidc/start',
    {
      schema: {
        tags: ['identity'],
        summary: "Start a sign-in at the city's sign-on: 302 to the identity provider",
        response: { 302: Type.Null(), ...problems },
      },
    },
    async (_req, reply) => {
      const url = await beginOidcSignIn(ctx);
      return reply.header('cache-control', 'no-store').redirect(url, 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      schema: {
        tags: ['identity'],
        summary:
          'Where the identity provider sends the browser back: a session for the linked staff account; 403 when the identity is linked to none',
        querystring: Type.Object(
          {
            code: param,
            state: param,
            iss: param,
            error: param,
            error_description: param,
            session_state: param,
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Session'), ...problems },
      },
    },
    async (req, reply) => {
      const query = Object.fromEntries(
        Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const session = await completeOidcSignIn(ctx, query, String(req.id));
      return reply.header('cache-control', 'no-store').send(sessionView(session));
    },
  );
  done();
};
