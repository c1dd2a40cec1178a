import type { LookupDenialReason } from '../node/lookup.js';
import type { ConsultDenialReason } from './decide-consult.js';

/** Why a material's source could not answer. */
export const unavailableReasons = [
  /** No node or peer platform in the directory holds the type. */
  'NO_SOURCE',
  /** The source did not answer within the deadline. */
  'TIMEOUT',
  /** The source could not be reached or answered with an error. */
  'SOURCE_ERROR',
  /** The source answered, but its signature or its binding to our request did not verify. */
  'SOURCE_UNVERIFIED',
  /** The source said its own upstream system is unavailable. */
  'SOURCE_UNAVAILABLE',
] as const;
export type UnavailableReason = (typeof unavailableReasons)[number];

/** Who refused: this platform's policy, the source node's rules, or a peer platform's policy. */
export type DeniedBy = 'platform' | 'node' | 'peer';

/** What a consult says about one certificate material of the item. */
export type MaterialOutcome =
  | { readonly status: 'shared'; readonly sealId: string; readonly seal: string; readonly peerSeal?: string }
  /**
   * No usable record: none at all, or (`CERTIFICATE_NOT_VALID`) one whose status is not 有效 or whose
   * validity has ended, which is never sealed: the applicant must bring a valid one.
   */
  | { readonly status: 'not_found'; readonly reason?: 'CERTIFICATE_NOT_VALID' }
  | { readonly status: 'unavailable'; readonly reason: UnavailableReason }
  | {
      readonly status: 'denied';
      readonly by: DeniedBy;
      /** A ConsultDenialReason (platform or peer) or a LookupDenialReason (node). */
      readonly reason: ConsultDenialReason | LookupDenialReason;
    };

/**
 * Whether a released record may be sealed as a usable copy at `now`: status 有效 and, when it has
 * an end, its last valid day (China time, UTC+8) not yet past.
 */
export function isCurrentlyValid(
  record: { readonly status: string; readonly validFrom: string; readonly validUntil: string | null },
  now: Date,
): boolean {
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return (
    record.status === 'valid' &&
    record.validFrom <= today &&
    (record.validUntil === null || record.validUntil >= today)
  );
}
