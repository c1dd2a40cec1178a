import type { CertificateType } from '../catalog/types.js';
import type { Holder } from '../certificate/types.js';
import type { LookupDenialReason } from '../node/lookup.js';
import type { ConsultDenialReason, ConsultDecision } from './decide-consult.js';
import { agreementCovers, type SharingAgreement } from './sharing-agreement.js';

/** What a peer platform forwards: the original purpose, carried unchanged. */
export interface FederatedQuestion {
  /** The requesting platform, as registered in this platform's directory. */
  readonly peerId: string;
  readonly typeCode: string;
  readonly type: CertificateType | undefined;
  readonly holder: Holder;
  readonly fields: readonly string[];
  readonly explicitRequest: boolean;
  readonly purpose: { readonly itemCode: string; readonly caseNo: string; readonly deptCode: string };
  /** The department whose node here holds the type. */
  readonly providerDeptCode: string;
  readonly agreements: readonly SharingAgreement[];
  readonly now: Date;
}

export type FederatedDecision =
  | Extract<ConsultDecision, { allow: true }>
  | { readonly allow: false; readonly reason: ConsultDenialReason | LookupDenialReason };

/**
 * The peer's own policy for a forwarded consult (省、市平台互联). The requesting platform already
 * checked case, clerk and item; this platform cannot see those, so it checks what it owns: the
 * type's sharing class here, the fields against the type, the applicant's explicit request, and
 * for a conditional type an agreement registered here between its provider and the requesting
 * department for that item. Deny by default; pure.
 */
export function decideFederatedConsult(q: FederatedQuestion): FederatedDecision {
  const deny = (reason: ConsultDenialReason | LookupDenialReason): FederatedDecision => ({
    allow: false,
    reason,
  });
  if (!q.type || q.type.code !== q.typeCode) return deny('TYPE_UNKNOWN');
  if (q.type.sharing === 'none') return deny('NOT_SHARED');
  if (!q.explicitRequest) return deny('NO_EXPLICIT_REQUEST');
  if (q.holder.kind !== q.type.holderKind) return deny('SUBJECT_INVALID');
  const known = q.type.fields.properties;
  if (q.fields.length === 0 || q.fields.some((f) => !Object.hasOwn(known, f)))
    return deny('FIELD_NOT_IN_TYPE');
  const fields = [...new Set(q.fields)];
  if (q.type.sharing === 'unconditional') return { allow: true, fields, agreementId: null };
  const agreement = q.agreements.find((a) =>
    agreementCovers(
      a,
      {
        providerDeptCode: q.providerDeptCode,
        requesterDeptCode: q.purpose.deptCode,
        itemCode: q.purpose.itemCode,
        typeCode: q.typeCode,
        fields,
      },
      q.now,
    ),
  );
  return agreement ? { allow: true, fields, agreementId: agreement.agreementId } : deny('AGREEMENT_REQUIRED');
}
