/**
 * 共享申请: a requesting department asks the providing department to share a conditionally shared
 * certificate type for one service item; the provider approves or rejects; an approved agreement
 * runs until it expires or is revoked. Only an approved, unexpired agreement opens the type.
 */
export const agreementStatuses = ['requested', 'approved', 'rejected', 'revoked'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

export interface SharingAgreement {
  readonly agreementId: string;
  /** The department whose node holds the type. */
  readonly providerDeptCode: string;
  /** The department that handles the item and asks. */
  readonly requesterDeptCode: string;
  readonly itemCode: string;
  readonly typeCode: string;
  /** The fields asked for; a consult may use no others. */
  readonly fields: readonly string[];
  /** The legal basis or reason the requester gives. */
  readonly basis: string;
  readonly status: AgreementStatus;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  /** Inclusive start and exclusive end of the approved term (ISO timestamps). */
  readonly validFrom: string | null;
  readonly validUntil: string | null;
}

/** Moves allowed on an agreement, and who makes them. */
export const agreementTransitions = {
  requested: ['approved', 'rejected'],
  approved: ['revoked'],
  rejected: [],
  revoked: [],
} as const satisfies Record<AgreementStatus, readonly AgreementStatus[]>;

export function canMoveAgreement(from: AgreementStatus, to: AgreementStatus): boolean {
  return (agreementTransitions[from] as readonly AgreementStatus[]).includes(to);
}

/** True when the agreement opens `typeCode` for `itemCode` between the two departments at `now`. */
export function agreementCovers(
  agreement: SharingAgreement,
  want: {
    readonly providerDeptCode: string;
    readonly requesterDeptCode: string;
    readonly itemCode: string;
    readonly typeCode: string;
    readonly fields: readonly string[];
  },
  now: Date,
): boolean {
  if (agreement.status !== 'approved' || !agreement.validFrom || !agreement.validUntil) return false;
  const t = now.getTime();
  if (t < Date.parse(agreement.validFrom) || t >= Date.parse(agreement.validUntil)) return false;
  return (
    agreement.providerDeptCode === want.providerDeptCode &&
    agreement.requesterDeptCode === want.requesterDeptCode &&
    agreement.itemCode === want.itemCode &&
    agreement.typeCode === want.typeCode &&
    want.fields.every((f) => agreement.fields.includes(f))
  );
}
