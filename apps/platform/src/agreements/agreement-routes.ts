import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { AgreementIdParams, ApproveAgreementSchema, RequestAgreementSchema } from '@tongban/contracts';
import { DomainError } from '@tongban/domain';
import { Type } from 'typebox';
import { IdempotencyHeaders, type idempotencyHooks } from '../http/idempotency.js';
import { requirePrincipal, requireRole } from '../identity/identity-plugin.js';
import { decideAgreement } from './decide-agreement.js';
import { requestAgreement, type AgreementDeps } from './request-agreement.js';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
};

/** Sharing agreements (共享申请): requested by the user department, decided by the provider. */
export const agreementRoutes: FastifyPluginCallbackTypebox<
  AgreementDeps & { readonly idempotency: ReturnType<typeof idempotencyHooks> }
> = (app, deps, done) => {
  app.post(
    '/agreements',
    {
      ...deps.idempotency,
      schema: {
        tags: ['agreements'],
        summary: 'Ask a provider department to share a conditional type for one of our items',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        body: RequestAgreementSchema,
        response: { 201: Type.Ref('SharingAgreement'), ...problems },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await requestAgreement(req.body, requireRole(req, 'dept_admin'), String(req.id), deps)),
  );

  app.get(
    '/agreements',
    {
      schema: {
        tags: ['agreements'],
        summary: "Agreements where the caller's department provides or requests",
        security: [{ bearer: [] }],
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: Type.Object({ entries: Type.Array(Type.Ref('SharingAgreement')) }), ...problems },
      },
    },
    async (req) => ({
      entries: [
        ...(await deps.agreements.listForDept(requirePrincipal(req).deptCode, req.query.limit ?? 100)),
      ],
    }),
  );

  app.get(
    '/agreements/:agreementId',
    {
      schema: {
        tags: ['agreements'],
        security: [{ bearer: [] }],
        params: AgreementIdParams,
        response: { 200: Type.Ref('SharingAgreement'), ...problems },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const found = await deps.agreements.find(req.params.agreementId);
      if (
        !found ||
        (found.providerDeptCode !== principal.deptCode && found.requesterDeptCode !== principal.deptCode)
      )
        throw new DomainError('AGREEMENT_NOT_FOUND', 'no such agreement');
      return found;
    },
  );

  for (const [action, status] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
    ['revoke', 'revoked'],
  ] as const)
    app.post(
      `/agreements/:agreementId/${action}`,
      {
        schema: {
          tags: ['agreements'],
          summary: `The provider department ${action}s an agreement`,
          security: [{ bearer: [] }],
          params: AgreementIdParams,
          ...(status === 'approved' ? { body: ApproveAgreementSchema } : {}),
          response: { 200: Type.Ref('SharingAgreement'), ...problems },
        },
      },
      async (req) =>
        decideAgreement(
          req.params.agreementId,
          { status, validUntil: (req.body as { validUntil?: string } | undefined)?.validUntil },
          requireRole(req, 'dept_admin'),
          String(req.id),
          deps,
        ),
    );
  done();
};
