import type { Catalog, CertificateType } from '../catalog/types.js';
import type { LookupDenialReason, LookupRequest } from './lookup.js';

/** What the node's own rules decided, before anything is read. */
export type LookupDecision =
  | { readonly allow: true; readonly type: CertificateType; readonly fields: readonly string[] }
  | { readonly allow: false; readonly reason: LookupDenialReason };

/** The node's side of the policy: which types it answers for. */
export interface NodeScope {
  /** The node's department (credit code). */
  readonly deptCode: string;
  /** Types served through an adapter, beyond those the catalog says this department issues. */
  readonly servedTypeCodes: ReadonlySet<string>;
}

/**
 * The node applies its own sharing rules again (defence in depth): the type must exist and be one
 * this node holds, its sharing class must allow release (a conditional type only under a named
 * agreement), the purpose must be complete, and every requested field must be a field of the type.
 * Deny by default; pure.
 */
export function decideLookup(request: LookupRequest, catalog: Catalog, scope: NodeScope): LookupDecision {
  const deny = (reason: LookupDenialReason): LookupDecision => ({ allow: false, reason });
  const type = catalog.certificateTypes.find((t) => t.code === request.typeCode);
  if (!type) return deny('TYPE_UNKNOWN');
  if (!type.issuingDeptCodes.includes(scope.deptCode) && !scope.servedTypeCodes.has(type.code))
    return deny('TYPE_NOT_HELD');
  if (type.sharing === 'none') return deny('NOT_SHARED');
  const p = request.purpose;
  const blank = (v: string | undefined) => v === undefined || v.trim() === '';
  if (
    blank(p.itemCode) ||
    blank(p.caseNo) ||
    blank(p.deptCode) ||
    blank(p.clerkId) ||
    request.fields.length === 0
  )
    return deny('PURPOSE_INCOMPLETE');
  if (type.sharing === 'conditional' && blank(p.agreementId)) return deny('AGREEMENT_REQUIRED');
  if (blank(request.certificateId) && (request.holder === undefined || blank(request.holder.id)))
    return deny('SUBJECT_INVALID');
  if (request.holder !== undefined && request.holder.kind !== type.holderKind) return deny('SUBJECT_INVALID');
  const known = type.fields.properties;
  if (request.fields.some((f) => !Object.hasOwn(known, f))) return deny('FIELD_NOT_IN_TYPE');
  return { allow: true, type, fields: [...new Set(request.fields)] };
}
