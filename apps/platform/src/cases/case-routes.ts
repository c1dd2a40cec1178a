import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { CaseNoParams, ExplicitRequestSchema, OpenCaseRequestSchema } from '@tongban/contracts';
import { DomainError, type SealedCopyRepository } from '@tongban/domain';
import { Type } from 'typebox';
import { consultCertificates, type ConsultDeps } from '../consult/consult-certificates.js';
import { IdempotencyHeaders, type idempotencyHooks } from '../http/idempotency.js';
import { requirePrincipal, requireRole } from '../identity/identity-plugin.js';
import { getCaseFor } from './get-case-for.js';
import { openCase, type CaseDeps } from './open-case.js';
import { recordExplicitRequest } from './record-explicit-request.js';

export interface CaseRouteOptions {
  readonly cases: CaseDeps;
  readonly idempotency: ReturnType<typeof idempotencyHooks>;
  readonly consult: ConsultDeps;
  readonly sealedCopies: SealedCopyRepository;
}

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
};

/** Cases (the part consult needs) and the consult itself. */
export const caseRoutes: FastifyPluginCallbackTypebox<CaseRouteOptions> = (app, options, done) => {
  app.post(
    '/cases',
    {
      ...options.idempotency,
      schema: {
        tags: ['cases'],
        summary: 'Open a case at the window (clerk of the item’s department)',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        body: OpenCaseRequestSchema,
        response: { 201: Type.Ref('Case'), ...problems },
      },
    },
    async (req, reply) => {
      const principal = requireRole(req, 'clerk');
      const opened = await openCase(req.body, principal, String(req.id), options.cases);
      return reply.code(201).send(opened);
    },
  );

  app.get(
    '/cases/:caseNo',
    {
      schema: {
        tags: ['cases'],
        summary: 'A case (staff of the handling department, supervisors, auditors)',
        security: [{ bearer: [] }],
        params: CaseNoParams,
        response: { 200: Type.Ref('Case'), ...problems },
      },
    },
    async (req) => getCaseFor(req.params.caseNo, requirePrincipal(req), options.cases.cases),
  );

  app.post(
    '/cases/:caseNo/explicit-request',
    {
      schema: {
        tags: ['cases'],
        summary: "Record the applicant's explicit request that their data be fetched",
        security: [{ bearer: [] }],
        params: CaseNoParams,
        body: ExplicitRequestSchema,
        response: { 200: Type.Ref('Case'), 409: Type.Ref('Problem'), ...problems },
      },
    },
    async (req) =>
      recordExplicitRequest(
        req.params.caseNo,
        req.body.method,
        requireRole(req, 'clerk'),
        String(req.id),
        options.cases,
      ),
  );

  app.post(
    '/cases/:caseNo/consult',
    {
      schema: {
        tags: ['consult'],
        summary: 'Consult (请求调阅): fetch, check, seal and log every certificate material of the item',
        description:
          'Each certificate material comes back as shared (with its seal), not_found, unavailable (the source did not answer in time) or denied (with a stable reason code). Every outcome is on the audit log before the answer leaves.',
        security: [{ bearer: [] }],
        params: CaseNoParams,
        response: { 200: Type.Ref('ConsultAnswer'), 503: Type.Ref('Problem'), ...problems },
      },
    },
    async (req) =>
      consultCertificates(req.params.caseNo, requirePrincipal(req), String(req.id), options.consult),
  );

  app.get(
    '/cases/:caseNo/sealed-copies',
    {
      schema: {
        tags: ['consult'],
        summary: 'The sealed copies (加注件) attached to a case (window staff of its department; logged)',
        security: [{ bearer: [] }],
        params: CaseNoParams,
        response: { 200: Type.Object({ entries: Type.Array(Type.Ref('SealedCopy')) }), ...problems },
      },
    },
    async (req) => {
      // The copies hold certificate fields: only window staff of the handling department see them,
      // and each reading is logged before it is answered.
      const principal = requireRole(req, 'clerk');
      const found = await getCaseFor(req.params.caseNo, principal, options.cases.cases);
      if (found.deptCode !== principal.deptCode) throw new DomainError('CASE_NOT_FOUND', 'no such case');
      const copies = await options.sealedCopies.listForCase(req.params.caseNo);
      try {
        await options.cases.log.append({
          operation: 'case.sealed_copies.read',
          actor: principal.id,
          subject: found.applicant.id,
          purpose: { itemCode: found.itemCode, caseNo: found.caseNo, deptCode: found.deptCode },
          outcome: 'ok',
          requestId: String(req.id),
          details: { copies: copies.length },
        });
      } catch {
        throw new DomainError('AUDIT_UNAVAILABLE', 'the reading could not be logged; nothing was released');
      }
      return { entries: copies.map(({ holderId: _h, ...rest }) => rest) };
    },
  );
  done();
};
