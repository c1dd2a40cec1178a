import {
  DomainError,
  validateCreditCode,
  validateResidentId,
  type AuditLog,
  type CaseFile,
  type CaseRepository,
  type ExplicitRequest,
  type Holder,
  type Principal,
} from '@tongban/domain';
import type { CatalogCache } from '../consult/catalog-cache.js';

export interface OpenCaseCommand {
  readonly itemCode: string;
  readonly applicant: Holder;
  readonly applicantName: string;
  readonly explicitRequest?: { readonly method: ExplicitRequest['method'] } | undefined;
}

export interface CaseDeps {
  readonly cases: CaseRepository;
  readonly catalog: CatalogCache;
  readonly log: AuditLog;
  readonly clock: () => Date;
  readonly regionCode: string;
}

/**
 * Opens a case at the window (受理前, status intake) under the latest catalog version: the item
 * must be one of the clerk's own department, and the applicant's ID number or credit code must
 * pass its check character. The applicant's explicit request may be recorded at once.
 */
export async function openCase(
  command: OpenCaseCommand,
  principal: Principal,
  requestId: string,
  deps: CaseDeps,
): Promise<CaseFile> {
  const catalog = await deps.catalog.latest();
  if (!catalog) throw new DomainError('CATALOG_VERSION_NOT_FOUND', 'no catalog has been published yet');
  const item = catalog.items.get(command.itemCode);
  if (!item)
    throw new DomainError('ITEM_NOT_FOUND', 'no such item in the latest catalog', { field: 'itemCode' });
  if (item.deptCode !== principal.deptCode)
    throw new DomainError('FORBIDDEN', "a clerk opens cases only for the department's own items", {
      field: 'itemCode',
    });
  const check =
    command.applicant.kind === 'person'
      ? validateResidentId(command.applicant.id)
      : validateCreditCode(command.applicant.id);
  if (!check.ok)
    throw new DomainError('VALIDATION_FAILED', `applicant id: ${check.reason}`, { field: 'applicant.id' });
  const now = deps.clock();
  const opened = await deps.cases.open({
    itemCode: item.itemCode,
    catalogVersion: catalog.version,
    applicant: { kind: command.applicant.kind, id: check.value },
    applicantName: command.applicantName.trim(),
    deptCode: principal.deptCode,
    clerkId: principal.id,
    regionCode: deps.regionCode,
    explicitRequest: command.explicitRequest
      ? { recordedAt: now.toISOString(), recordedBy: principal.id, method: command.explicitRequest.method }
      : null,
    now,
  });
  await deps.log.append({
    operation: 'case.opened',
    actor: principal.id,
    subject: opened.applicant.id,
    purpose: { itemCode: opened.itemCode, caseNo: opened.caseNo, deptCode: opened.deptCode },
    outcome: 'ok',
    requestId,
    details: { explicitRequest: opened.explicitRequest !== null },
  });
  return opened;
}
