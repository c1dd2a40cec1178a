import type { CaseFile } from '../case/case-file.js';
import type { CertificateType, ServiceItem } from '../catalog/types.js';
import { hasRole, type Principal } from '../identity/principal.js';
import { agreementCovers, type SharingAgreement } from './sharing-agreement.js';

/**
 * Why the platform refuses to consult a certificate type for a case. Stable: they appear in
 * answers, audit entries and the clerk's screen, and clients branch on them.
 */
export const consultDenialReasons = [
  /** The caller is not window staff (the clerk role). */
  'NOT_A_CLERK',
  /** The clerk belongs to another department than the one handling the case. */
  'NOT_HANDLING_DEPT',
  /** The case is not open at intake (accepted, concluded, withdrawn, ...). */
  'CASE_NOT_IN_INTAKE',
  /** The applicant's explicit request to fetch their data is not recorded on the case. */
  'NO_EXPLICIT_REQUEST',
  /** No material of the case's item names this certificate type. */
  'TYPE_NOT_IN_ITEM',
  /** A field the item's material does not declare. */
  'FIELD_NOT_DECLARED',
  /** The catalog does not know the type. */
  'TYPE_UNKNOWN',
  /** 不予共享. */
  'NOT_SHARED',
  /** 有条件共享 with no approved, unexpired agreement between the two departments for this item. */
  'AGREEMENT_REQUIRED',
] as const;
export type ConsultDenialReason = (typeof consultDenialReasons)[number];

/** Everything the policy looks at. Plain data: the decision is a pure function of it. */
export interface ConsultQuestion {
  readonly principal: Principal;
  readonly caseFile: CaseFile;
  /** The case's item, from the catalog version the case was opened under. */
  readonly item: ServiceItem;
  readonly typeCode: string;
  /** The type from that catalog version, if it exists. */
  readonly type: CertificateType | undefined;
  /** The fields asked for. */
  readonly fields: readonly string[];
  /** The department whose node (or peer platform) holds the type, from the directory. */
  readonly providerDeptCode: string;
  /** Agreements that might apply (any status; the policy picks). */
  readonly agreements: readonly SharingAgreement[];
  readonly now: Date;
}

export type ConsultDecision =
  | {
      readonly allow: true;
      readonly fields: readonly string[];
      /** The agreement that opened a conditional type. */
      readonly agreementId: string | null;
    }
  | { readonly allow: false; readonly reason: ConsultDenialReason };

/**
 * The platform's policy (deny by default, purpose-bound): only window staff of the department
 * handling an open case at intake, with the applicant's request recorded, for a type that the
 * item's materials name, only the fields that material declares, and within the type's sharing
 * class (a conditional type only under an approved, unexpired agreement between the provider and
 * the requester for this item). The first failed rule is the reason.
 */
export function decideConsult(q: ConsultQuestion): ConsultDecision {
  const deny = (reason: ConsultDenialReason): ConsultDecision => ({ allow: false, reason });
  if (q.principal.kind !== 'staff' || !hasRole(q.principal, 'clerk')) return deny('NOT_A_CLERK');
  if (q.principal.deptCode !== q.caseFile.deptCode) return deny('NOT_HANDLING_DEPT');
  if (q.caseFile.status !== 'intake') return deny('CASE_NOT_IN_INTAKE');
  if (q.caseFile.explicitRequest === null) return deny('NO_EXPLICIT_REQUEST');
  if (q.item.itemCode !== q.caseFile.itemCode) return deny('TYPE_NOT_IN_ITEM');
  const declared = new Set<string>();
  for (const m of q.item.materials)
    if (m.source.kind === 'certificate' && m.source.typeCode === q.typeCode)
      for (const f of m.source.fields) declared.add(f);
  if (declared.size === 0) return deny('TYPE_NOT_IN_ITEM');
  if (q.fields.length === 0 || q.fields.some((f) => !declared.has(f))) return deny('FIELD_NOT_DECLARED');
  if (q.type === undefined || q.type.code !== q.typeCode) return deny('TYPE_UNKNOWN');
  const fields = [...new Set(q.fields)];
  switch (q.type.sharing) {
    case 'none':
      return deny('NOT_SHARED');
    case 'unconditional':
      return { allow: true, fields, agreementId: null };
    case 'conditional': {
      const want = {
        providerDeptCode: q.providerDeptCode,
        requesterDeptCode: q.caseFile.deptCode,
        itemCode: q.caseFile.itemCode,
        typeCode: q.typeCode,
        fields,
      };
      const agreement = q.agreements.find((a) => agreementCovers(a, want, q.now));
      return agreement
        ? { allow: true, fields, agreementId: agreement.agreementId }
        : deny('AGREEMENT_REQUIRED');
    }
  }
}

/** The fields an item's materials declare for a type, in declaration order (empty when none). */
export function declaredFields(item: ServiceItem, typeCode: string): string[] {
  const out: string[] = [];
  for (const m of item.materials)
    if (m.source.kind === 'certificate' && m.source.typeCode === typeCode)
      for (const f of m.source.fields) if (!out.includes(f)) out.push(f);
  return out;
}
