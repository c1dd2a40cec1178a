import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import {
  DeptCodeSchema,
  IssuedApiTokenSchema,
  Merge,
  NewApiTokenSchema,
  PageOf,
  PageQuerySchema,
} from '@tongban/contracts';
import { administeredDept } from '@tongban/domain';
import { Type } from 'typebox';
import { createApiToken } from './create-api-token.js';
import type { IdentityContext } from './identity-context.js';
import { requirePrincipal } from './identity-plugin.js';
import { revokeApiToken } from './revoke-api-token.js';
import { apiTokenView } from './staff-account-view.js';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  413: Type.Ref('Problem'),
  415: Type.Ref('Problem'),
  503: Type.Ref('Problem'),
};

/** API tokens for other systems acting for a department (`Authorization: Bearer tbt_…`). */
export const apiTokenRoutes: FastifyPluginCallbackTypebox<{ ctx: IdentityContext }> = (
  app,
  { ctx },
  done,
) => {
  app.post(
    '/api-tokens',
    {
      schema: {
        tags: ['identity'],
        summary: 'Issue an API token for a system; the token is in this answer only',
        security: [{ bearer: [] }],
        body: NewApiTokenSchema,
        response: { 201: IssuedApiTokenSchema, ...problems },
      },
    },
    async (req, reply) => {
      const { expiresAt, ...input } = req.body;
      const issued = await createApiToken(
        ctx,
        requirePrincipal(req),
        { ...input, expiresAt: expiresAt === undefined ? undefined : new Date(expiresAt) },
        String(req.id),
      );
      return reply.code(201).send({ ...apiTokenView(issued), token: issued.token });
    },
  );

  app.get(
    '/api-tokens',
    {
      schema: {
        tags: ['identity'],
        summary: 'List API tokens (never their secrets)',
        security: [{ bearer: [] }],
        querystring: Merge(PageQuerySchema, Type.Object({ deptCode: Type.Optional(DeptCodeSchema) })),
        response: { 200: PageOf(Type.Ref('ApiToken')), ...problems },
      },
    },
    async (req) => {
      const deptCode = administeredDept(requirePrincipal(req), req.query.deptCode);
      const page = await ctx.repo.listApiTokens(
        { deptCode },
        { cursor: req.query.cursor, limit: req.query.limit ?? 50 },
      );
      return { ...page, entries: page.entries.map(apiTokenView) };
    },
  );

  app.delete(
    '/api-tokens/:id',
    {
      schema: {
        tags: ['identity'],
        summary: 'Revoke an API token (idempotent)',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await revokeApiToken(ctx, requirePrincipal(req), req.params.id, String(req.id));
      return reply.code(204).send(null);
    },
  );
  done();
};
