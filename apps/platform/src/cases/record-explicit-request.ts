import { DomainError, type CaseFile, type ExplicitRequest, type Principal } from '@tongban/domain';
import type { CaseDeps } from './open-case.js';
import { getCaseFor } from './get-case-for.js';

/**
 * Records the applicant's explicit request that their data be fetched rather than brought: only
 * at intake, only by a clerk of the handling department. Logged with the applicant as subject.
 */
export async function recordExplicitRequest(
  caseNo: string,
  method: ExplicitRequest['method'],
  principal: Principal,
  requestId: string,
  deps: CaseDeps,
): Promise<CaseFile> {
  const found = await getCaseFor(caseNo, principal, deps.cases);
  if (found.status !== 'intake')
    throw new DomainError('CASE_STATUS_CONFLICT', 'the request is recorded at intake only');
  const updated = await deps.cases.recordExplicitRequest(caseNo, {
    recordedAt: deps.clock().toISOString(),
    recordedBy: principal.id,
    method,
  });
  if (!updated) throw new DomainError('CASE_STATUS_CONFLICT', 'the case left intake meanwhile');
  await deps.log.append({
    operation: 'case.explicit_request.recorded',
    actor: principal.id,
    subject: updated.applicant.id,
    purpose: { itemCode: updated.itemCode, caseNo, deptCode: updated.deptCode },
    outcome: 'ok',
    requestId,
    details: { method },
  });
  return updated;
}
