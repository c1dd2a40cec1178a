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
  | { readonly status: 'not_found' }
  | { readonly status: 'unavailable'; readonly reason: UnavailableReason }
  | {
      readonly status: 'denied';
      readonly by: DeniedBy;
      /** A ConsultDenialReason (platform or peer) or a LookupDenialReason (node). */
      readonly reason: ConsultDenialReason | LookupDenialReason;
    };
