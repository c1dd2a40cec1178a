import type { Holder } from '../certificate/types.js';

/**
 * A case (办件) as far as consult needs it: the purpose a consult is bound to. The full workflow
 * (acceptance, routing, review, decision, conclusion, delivery, supplement, suspension) grows from
 * here; the status list already names its steps so stored cases never need renaming.
 */
export const caseStatuses = [
  /** 受理前: at the window; the applicant is identified; consult runs here and only here. */
  'intake',
  'accepted',
  'refused',
  'in_review',
  'supplement',
  'suspended',
  'decided',
  'concluded',
  'delivered',
  'withdrawn',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** The applicant's explicit request that their data be fetched instead of brought (recorded at the window). */
export interface ExplicitRequest {
  readonly recordedAt: string;
  /** The clerk who recorded it. */
  readonly recordedBy: string;
  /** How the applicant asked: signed form, e-signature on the pad, online application. */
  readonly method: 'signed_form' | 'signature_pad' | 'online';
}

export interface CaseFile {
  /** 办件编号. */
  readonly caseNo: string;
  readonly itemCode: string;
  /** The catalog version the case was opened under: its materials are the ones that bind. */
  readonly catalogVersion: number;
  /** The applicant, identified at the window. */
  readonly applicant: Holder;
  readonly applicantName: string;
  /** Credit code of the department handling the case (the item's 实施主体). */
  readonly deptCode: string;
  /** The clerk who opened the case. */
  readonly clerkId: string;
  readonly status: CaseStatus;
  readonly explicitRequest: ExplicitRequest | null;
  readonly openedAt: string;
  readonly updatedAt: string;
}

/**
 * Case numbers: region code (6 digits), opening date (8), then a 9-digit serial, the form the
 * demo city's history uses. Stable and free of personal data.
 */
export const CASE_NO_PATTERN = /^[0-9]{6}[0-9]{8}[0-9]{9}$/;

export function isCaseNo(value: string): boolean {
  return CASE_NO_PATTERN.test(value);
}
