import type { CertificateStatus, Holder } from '../certificate/types.js';

/**
 * What the platform asks a node for: one record, by identifier or by holder and type, and only the
 * fields the item's material declares, for a stated purpose.
 */
export interface LookupRequest {
  /** The platform's id for this lookup (it appears in both sides' audit logs). */
  readonly requestId: string;
  readonly typeCode: string;
  readonly certificateId?: string | undefined;
  readonly holder?: Holder | undefined;
  readonly fields: readonly string[];
  readonly purpose: LookupPurpose;
}

export interface LookupPurpose {
  readonly itemCode: string;
  readonly caseNo: string;
  /** Credit code of the department handling the case. */
  readonly deptCode: string;
  /** The clerk who pressed the button. */
  readonly clerkId: string;
  /** The approved sharing agreement, for a conditionally shared type. */
  readonly agreementId?: string | undefined;
}

/** The record as released: the requested fields only, with what a seal needs to say about it. */
export interface ReleasedRecord {
  readonly certificateId: string;
  readonly typeCode: string;
  readonly issuerCode: string;
  readonly holder: Holder;
  readonly status: CertificateStatus;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly version: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Why a node refuses a lookup it could read. Stable: both audit logs and the platform branch on them. */
export const lookupDenialReasons = [
  /** The catalog does not know the type. */
  'TYPE_UNKNOWN',
  /** This node neither issues nor serves the type. */
  'TYPE_NOT_HELD',
  /** 不予共享. */
  'NOT_SHARED',
  /** 有条件共享 without an agreement named. */
  'AGREEMENT_REQUIRED',
  /** A field the type does not have. */
  'FIELD_NOT_IN_TYPE',
  /** No fields, or a purpose with parts missing. */
  'PURPOSE_INCOMPLETE',
  /** Neither an identifier nor a holder, or a holder of the wrong kind. */
  'SUBJECT_INVALID',
] as const;
export type LookupDenialReason = (typeof lookupDenialReasons)[number];

/** A node's answer. `unavailable` when an upstream system behind an adapter failed or was slow. */
export type LookupOutcome =
  | { readonly outcome: 'found'; readonly record: ReleasedRecord }
  | { readonly outcome: 'not_found' }
  | { readonly outcome: 'denied'; readonly reason: LookupDenialReason }
  | { readonly outcome: 'unavailable' };
