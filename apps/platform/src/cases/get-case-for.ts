import { DomainError, hasRole, type CaseFile, type CaseRepository, type Principal } from '@tongban/domain';

/**
 * A case as the principal may see it: staff of the handling department, supervisors and auditors.
 * Anyone else gets CASE_NOT_FOUND, so case numbers of other departments cannot be probed.
 */
export async function getCaseFor(
  caseNo: string,
  principal: Principal,
  cases: CaseRepository,
): Promise<CaseFile> {
  const found = await cases.find(caseNo);
  const mayRead =
    found !== undefined &&
    (found.deptCode === principal.deptCode ||
      hasRole(principal, 'supervisor') ||
      hasRole(principal, 'auditor'));
  if (!found || !mayRead) throw new DomainError('CASE_NOT_FOUND', 'no such case', { field: 'caseNo' });
  return found;
}
