import {
  canMoveAgreement,
  DomainError,
  type AgreementStatus,
  type Principal,
  type SharingAgreement,
} from '@tongban/domain';
import type { AgreementDeps } from './request-agreement.js';

/** Longest term an approval may give: agreements are reviewed at least every three years. */
const MAX_TERM_MS = 3 * 366 * 86_400_000;

/**
 * The provider department decides: approve (with an expiry), reject, or later revoke. Only the
 * provider's department admin decides; a move the agreement's status does not allow is a conflict.
 */
export async function decideAgreement(
  agreementId: string,
  decision: {
    readonly status: Exclude<AgreementStatus, 'requested'>;
    readonly validUntil?: string | undefined;
  },
  principal: Principal,
  requestId: string,
  deps: AgreementDeps,
): Promise<SharingAgreement> {
  const current = await deps.agreements.find(agreementId);
  if (
    !current ||
    (current.providerDeptCode !== principal.deptCode && current.requesterDeptCode !== principal.deptCode)
  )
    throw new DomainError('AGREEMENT_NOT_FOUND', 'no such agreement');
  if (current.providerDeptCode !== principal.deptCode)
    throw new DomainError('FORBIDDEN', "only the provider's department decides");
  if (!canMoveAgreement(current.status, decision.status))
    throw new DomainError(
      'CONFLICT',
      `an agreement that is ${current.status} cannot become ${decision.status}`,
    );
  const now = deps.clock();
  let validUntil: Date | undefined;
  if (decision.status === 'approved') {
    if (!decision.validUntil)
      throw new DomainError('VALIDATION_FAILED', 'an approval needs validUntil', { field: 'validUntil' });
    validUntil = new Date(decision.validUntil);
    if (
      Number.isNaN(validUntil.getTime()) ||
      validUntil <= now ||
      validUntil.getTime() - now.getTime() > MAX_TERM_MS
    )
      throw new DomainError(
        'VALIDATION_FAILED',
        'validUntil must be in the future and at most three years ahead',
        {
          field: 'validUntil',
        },
      );
  }
  const updated = await deps.agreements.decide(agreementId, current.status, {
    status: decision.status,
    decidedBy: principal.id,
    now,
    ...(validUntil ? { validFrom: now, validUntil } : {}),
  });
  if (!updated) throw new DomainError('CONFLICT', 'the agreement changed meanwhile; read it again');
  await deps.log.append({
    operation: `agreement.${decision.status}`,
    actor: principal.id,
    purpose: { itemCode: updated.itemCode, deptCode: updated.requesterDeptCode },
    outcome: 'ok',
    requestId,
    details: { agreementId, typeCode: updated.typeCode, provider: updated.providerDeptCode },
  });
  return updated;
}
