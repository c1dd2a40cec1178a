import type { CaseFile, CaseStatus, ExplicitRequest } from '../case/case-file.js';
import type { Holder } from '../certificate/types.js';
import type { AgreementStatus, SharingAgreement } from './sharing-agreement.js';

/** What opening a case at the window records. */
export interface OpenCaseInput {
  readonly itemCode: string;
  readonly catalogVersion: number;
  readonly applicant: Holder;
  readonly applicantName: string;
  readonly deptCode: string;
  readonly clerkId: string;
  /** Region code (6 digits) that starts the case number. */
  readonly regionCode: string;
  readonly explicitRequest: ExplicitRequest | null;
  readonly now: Date;
}

/** Where cases live. */
export interface CaseRepository {
  open(input: OpenCaseInput): Promise<CaseFile>;
  find(caseNo: string): Promise<CaseFile | undefined>;
  /** Records the request on a case still at intake; undefined when it is not (or does not exist). */
  recordExplicitRequest(caseNo: string, request: ExplicitRequest): Promise<CaseFile | undefined>;
  /** Moves a case only if it is still in `from`; undefined when it is not (or does not exist). */
  changeStatus(caseNo: string, from: CaseStatus, to: CaseStatus, now: Date): Promise<CaseFile | undefined>;
}

export interface RequestAgreementInput {
  readonly agreementId: string;
  readonly providerDeptCode: string;
  readonly requesterDeptCode: string;
  readonly itemCode: string;
  readonly typeCode: string;
  readonly fields: readonly string[];
  readonly basis: string;
  readonly requestedBy: string;
  readonly now: Date;
}

export interface AgreementDecision {
  readonly status: Exclude<AgreementStatus, 'requested'>;
  readonly decidedBy: string;
  readonly now: Date;
  /** The approved term (approval only). */
  readonly validFrom?: Date | undefined;
  readonly validUntil?: Date | undefined;
}

/** Where sharing agreements live. */
export interface AgreementRepository {
  request(input: RequestAgreementInput): Promise<SharingAgreement>;
  find(agreementId: string): Promise<SharingAgreement | undefined>;
  /** Applies a decision only from `from`; undefined when the agreement is no longer there. */
  decide(
    agreementId: string,
    from: AgreementStatus,
    decision: AgreementDecision,
  ): Promise<SharingAgreement | undefined>;
  /** Agreements that could open `typeCode` for `itemCode` to the requester (any status). */
  listFor(
    requesterDeptCode: string,
    itemCode: string,
    typeCode: string,
  ): Promise<readonly SharingAgreement[]>;
  /** Agreements where the department is provider or requester, newest first. */
  listForDept(deptCode: string, limit: number): Promise<readonly SharingAgreement[]>;
}

/** Health of a directory entry as the platform saw it. */
export interface EntryHealth {
  readonly lastSuccessAt: string | null;
  readonly lastFailureAt: string | null;
  readonly lastFailure: string | null;
  readonly consecutiveFailures: number;
  readonly successes: number;
  readonly failures: number;
  /** Moving average of answered requests, in milliseconds. */
  readonly latencyMs: number | null;
}

/** A node (a department's) or a peer platform (a province's) in the directory. */
export interface DirectoryEntry {
  /** The node's department credit code, or the peer platform's id. */
  readonly entryId: string;
  readonly kind: 'node' | 'peer';
  readonly name: string;
  readonly baseUrl: string;
  /** The public keys its signatures verify with. */
  readonly jwks: { readonly keys: readonly unknown[] };
  /** Certificate types it answers for. */
  readonly typeCodes: readonly string[];
  readonly registeredAt: string;
  readonly updatedAt: string;
  readonly health: EntryHealth;
}

export interface RegisterEntryInput {
  readonly entryId: string;
  readonly kind: 'node' | 'peer';
  readonly name: string;
  readonly baseUrl: string;
  readonly jwks: { readonly keys: readonly unknown[] };
  readonly typeCodes: readonly string[];
  readonly now: Date;
}

/** Observations of calls to one entry, summed between flushes. */
export interface HealthSample {
  readonly entryId: string;
  readonly successes: number;
  readonly failures: number;
  readonly lastSuccessAt: Date | null;
  readonly lastFailureAt: Date | null;
  readonly lastFailure: string | null;
  /** Failures since the last success, at the end of the window (null: unchanged by this window). */
  readonly consecutiveFailures: number;
  readonly latencyMs: number | null;
}

/** Where the directory lives. */
export interface DirectoryRepository {
  /** Registers or re-registers (keys rotated, types changed); health is kept. */
  register(input: RegisterEntryInput): Promise<{ readonly entry: DirectoryEntry; readonly created: boolean }>;
  find(entryId: string): Promise<DirectoryEntry | undefined>;
  list(): Promise<readonly DirectoryEntry[]>;
  remove(entryId: string): Promise<boolean>;
  recordHealth(samples: readonly HealthSample[]): Promise<void>;
}

/** A sealed copy (加注件) as stored on its case. */
export interface SealedCopy {
  readonly sealId: string;
  readonly caseNo: string;
  readonly typeCode: string;
  readonly certificateId: string;
  readonly holderId: string;
  readonly seal: string;
  readonly peerSeal: string | null;
  readonly issuedAt: string;
  readonly expiresAt: string;
}

export interface SealedCopyRepository {
  save(copies: readonly SealedCopy[]): Promise<void>;
  listForCase(caseNo: string): Promise<readonly SealedCopy[]>;
  find(sealId: string): Promise<SealedCopy | undefined>;
}

/** What an idempotency key holds: claimed by a running request, or its stored answer. */
export type IdempotencyClaim =
  | { readonly state: 'claimed' }
  | { readonly state: 'running'; readonly requestDigest: string }
  | {
      readonly state: 'done';
      readonly requestDigest: string;
      readonly status: number;
      readonly body: string;
    };

/** Where idempotency keys of creating POSTs live (per caller). */
export interface IdempotencyRepository {
  /** Claims the key for a request, or tells what holds it already. */
  claim(principalId: string, key: string, requestDigest: string, now: Date): Promise<IdempotencyClaim>;
  /** Stores the answer of the request that holds the claim. */
  complete(principalId: string, key: string, status: number, body: string): Promise<void>;
  /** Gives the key up (the request failed in a way worth retrying). */
  release(principalId: string, key: string): Promise<void>;
}
