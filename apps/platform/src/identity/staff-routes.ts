import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import {
  DeptCodeSchema,
  NewStaffAccountSchema,
  PageOf,
  PageQuerySchema,
  StaffAccountChangeSchema,
  Merge,
} from '@tongban/contracts';
import { administeredDept } from '@tongban/domain';
import { Type } from 'typebox';
import { createStaffAccount } from './create-staff-account.js';
import type { IdentityContext } from './identity-context.js';
import { requirePrincipal } from './identity-plugin.js';
import { staffAccountView } from './staff-account-view.js';
import { unlockStaffAccount } from './unlock-staff-account.js';
import { updateStaffAccount } from './update-staff-account.js';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
  413: Type.Ref('Problem'),
  415: Type.Ref('Problem'),
  503: Type.Ref('Problem'),
};
const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/**
 * Staff administration: a platform_admin for every department, a dept_admin for its own (and never
 * platform_admin). Idempotency-Key is not taken here: a repeated create answers 409 CONFLICT.
 */
export const staffRoutes: FastifyPluginCallbackTypebox<{ ctx: IdentityContext }> = (app, { ctx }, done) => {
  app.post(
    '/staff',
    {
      schema: {
        tags: ['identity'],
        summary: 'Create a staff account (with a password, an OIDC link, or both)',
        security: [{ bearer: [] }],
        body: NewStaffAccountSchema,
        response: { 201: Type.Ref('StaffAccount'), ...problems },
      },
    },
    async (req, reply) => {
      const account = await createStaffAccount(ctx, requirePrincipal(req), req.body, String(req.id));
      return reply.code(201).send(staffAccountView(account));
    },
  );

  app.get(
    '/staff',
    {
      schema: {
        tags: ['identity'],
        summary: "List staff accounts (a dept_admin sees its own department's)",
        security: [{ bearer: [] }],
        querystring: Merge(PageQuerySchema, Type.Object({ deptCode: Type.Optional(DeptCodeSchema) })),
        response: { 200: PageOf(Type.Ref('StaffAccount')), ...problems },
      },
    },
    async (req) => {
      const deptCode = administeredDept(requirePrincipal(req), req.query.deptCode);
      const page = await ctx.repo.listStaff(
        { deptCode },
        { cursor: req.query.cursor, limit: req.query.limit ?? 50 },
      );
      return { ...page, entries: page.entries.map(staffAccountView) };
    },
  );

  app.post(
    '/staff/:id/unlock',
    {
      schema: {
        tags: ['identity'],
        summary: 'Clear a lockout after failed sign-ins',
        security: [{ bearer: [] }],
        params: IdParam,
        response: { 200: Type.Ref('StaffAccount'), ...problems },
      },
    },
    async (req) =>
      staffAccountView(await unlockStaffAccount(ctx, requirePrincipal(req), req.params.id, String(req.id))),
  );

  app.patch(
    '/staff/:id',
    {
      schema: {
        tags: ['identity'],
        summary: 'Disable or enable an account (disabling ends its sessions), or change its OIDC link',
        security: [{ bearer: [] }],
        params: IdParam,
        body: StaffAccountChangeSchema,
        response: { 200: Type.Ref('StaffAccount'), ...problems },
      },
    },
    async (req) =>
      staffAccountView(
        await updateStaffAccount(ctx, requirePrincipal(req), req.params.id, req.body, String(req.id)),
      ),
  );
  done();
};
