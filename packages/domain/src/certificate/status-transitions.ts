import { DomainError } from '../errors.js';
import type { CertificateStatus } from './types.js';

/**
 * The single source of allowed status moves. A suspension (暂扣) can be lifted; revocation (撤销),
 * cancellation (注销), expiry (失效) and withdrawal (吊销) are final: a renewed certificate is a new
 * certificate with its own identifier.
 */
export const statusTransitions = {
  valid: ['suspended', 'revoked', 'cancelled', 'expired', 'withdrawn'],
  suspended: ['valid', 'revoked', 'cancelled', 'expired', 'withdrawn'],
  revoked: [],
  cancelled: [],
  expired: [],
  withdrawn: [],
} as const satisfies Record<CertificateStatus, readonly CertificateStatus[]>;

export function canChangeStatus(from: CertificateStatus, to: CertificateStatus): boolean {
  return (statusTransitions[from] as readonly CertificateStatus[]).includes(to);
}

/** Throws STATUS_TRANSITION_NOT_ALLOWED for a move the table does not list. */
export function assertStatusTransition(from: CertificateStatus, to: CertificateStatus): void {
  if (!canChangeStatus(from, to))
    throw new DomainError('STATUS_TRANSITION_NOT_ALLOWED', `a ${from} certificate cannot become ${to}`, {
      field: 'status',
      from,
      to,
    });
}
