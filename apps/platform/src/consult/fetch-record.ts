import { verifySeal, type Signer } from '@tongban/crypto';
import {
  lookupDenialReasons,
  consultDenialReasons,
  type LookupDenialReason,
  type ConsultDenialReason,
  type LookupRequest,
  type MaterialOutcome,
  type ReleasedRecord,
} from '@tongban/domain';
import type { ResolvedEntry } from '../directory/directory-service.js';
import type { HealthTracker } from '../directory/health-tracker.js';
import type { SignedClient } from '../directory/signed-client.js';

export interface FetchDeps {
  readonly client: SignedClient;
  readonly health: HealthTracker;
  readonly signer: () => Signer;
  readonly clock: () => Date;
  readonly deadlineMs: number;
  /** This platform's id and what a peer needs to seal on its side. */
  readonly platformId: string;
  readonly itemName: string;
  readonly explicitRequest: boolean;
}

export type FetchedRecord =
  | {
      readonly outcome: 'found';
      readonly record: ReleasedRecord;
      readonly nodeId: string;
      readonly responseDigest: string;
      readonly fetchedAt: string;
      /** Set when a peer platform answered: its seal, kept beside ours. */
      readonly peerSeal?: string;
      readonly viaPlatformId: string;
    }
  | { readonly outcome: 'other'; readonly material: Exclude<MaterialOutcome, { status: 'shared' }> };

type SourceAnswer =
  FetchedRecord | { outcome: 'not_found' } | { outcome: 'denied'; reason: string; by: 'node' | 'peer' };

/** The fetch settings of a consult (or a forwarded one) from the platform's wiring. */
export function fetchDepsOf(
  deps: {
    readonly client: SignedClient;
    readonly directory: { readonly health: HealthTracker };
    readonly signer: () => Signer;
    readonly clock: () => Date;
    readonly nodeDeadlineMs: number;
    readonly platformId: string;
  },
  itemName: string,
  explicitRequest: boolean,
): FetchDeps {
  return {
    client: deps.client,
    health: deps.directory.health,
    signer: deps.signer,
    clock: deps.clock,
    deadlineMs: deps.nodeDeadlineMs,
    platformId: deps.platformId,
    itemName,
    explicitRequest,
  };
}

/** The path of the federation endpoint on a peer platform. */
export const FEDERATION_CONSULT_PATH = '/api/v1/federation/consult';

/**
 * Asks every source of the type at once (usually one node), each under the deadline. A record
 * found anywhere wins; otherwise a source that could not answer makes the material `unavailable`
 * (the record may be there), then a refusal makes it `denied`, and only when every source
 * answered "none" is it `not_found`.
 */
export async function fetchRecord(
  sources: readonly ResolvedEntry[],
  request: LookupRequest,
  deps: FetchDeps,
  /** The departments the catalog says issue the type: a node's record must be issued by one. */
  issuers: readonly string[],
): Promise<FetchedRecord> {
  const answers = await Promise.all(
    sources.map((s) =>
      // Whatever a source sends (or fails to), the material's answer is `unavailable`, never a 500.
      ask(s, request, deps, issuers).catch((e: unknown): SourceAnswer => {
        deps.health.record(
          s.entry.entryId,
          false,
          0,
          `SOURCE_ERROR: ${e instanceof Error ? e.name : 'error'}`,
          deps.clock(),
        );
        return { outcome: 'other', material: { status: 'unavailable', reason: 'SOURCE_ERROR' } };
      }),
    ),
  );
  const found = answers.find((a): a is Extract<FetchedRecord, { outcome: 'found' }> => a.outcome === 'found');
  if (found) return found;
  const unavailable = answers.find((a) => a.outcome === 'other');
  if (unavailable) return unavailable;
  const denied = answers.find((a) => a.outcome === 'denied');
  if (denied && denied.outcome === 'denied')
    return {
      outcome: 'other',
      material: { status: 'denied', by: denied.by, reason: asReason(denied.reason) },
    };
  return { outcome: 'other', material: { status: 'not_found' } };
}

async function ask(
  source: ResolvedEntry,
  request: LookupRequest,
  deps: FetchDeps,
  issuers: readonly string[],
): Promise<SourceAnswer> {
  const entry = source.entry;
  const isPeer = entry.kind === 'peer';
  const result = await deps.client.call({
    baseUrl: entry.baseUrl,
    path: isPeer ? FEDERATION_CONSULT_PATH : '/node/v1/lookup',
    body: isPeer
      ? {
          ...request,
          platformId: deps.platformId,
          itemName: deps.itemName,
          explicitRequest: deps.explicitRequest,
        }
      : request,
    signer: deps.signer(),
    keyLookup: (kid) => source.verifiers.get(kid),
    deadlineMs: deps.deadlineMs,
    now: deps.clock,
  });
  const at = deps.clock();
  if (!result.ok) {
    deps.health.record(entry.entryId, false, result.latencyMs, result.failure, at);
    return { outcome: 'other', material: { status: 'unavailable', reason: result.failure } };
  }
  const unverified = (why: string): SourceAnswer => {
    deps.health.record(entry.entryId, false, result.latencyMs, `SOURCE_UNVERIFIED: ${why}`, at);
    return { outcome: 'other', material: { status: 'unavailable', reason: 'SOURCE_UNVERIFIED' } };
  };
  if (result.status !== 200) {
    deps.health.record(entry.entryId, false, result.latencyMs, `status ${result.status}`, at);
    return { outcome: 'other', material: { status: 'unavailable', reason: 'SOURCE_ERROR' } };
  }
  deps.health.record(entry.entryId, true, result.latencyMs, null, at);
  if (typeof result.body !== 'object' || result.body === null) return unverified('not an object');
  const answer = result.body as Record<string, unknown>;
  if (answer['requestId'] !== request.requestId) return unverified('requestId');
  switch (answer['outcome']) {
    case 'not_found':
      return { outcome: 'not_found' };
    case 'unavailable':
      return { outcome: 'other', material: { status: 'unavailable', reason: 'SOURCE_UNAVAILABLE' } };
    case 'denied':
      return {
        outcome: 'denied',
        reason: typeof answer['reason'] === 'string' ? answer['reason'] : '',
        by: isPeer ? 'peer' : 'node',
      };
    case 'found':
      break;
    default:
      return unverified('outcome');
  }
  if (isPeer) {
    const seal = answer['seal'];
    if (typeof seal !== 'string') return unverified('no seal');
    const checked = verifySeal(seal, (kid) => source.verifiers.get(kid), at);
    if (!checked.ok) return unverified(`peer seal ${checked.reason}`);
    const p = checked.payload;
    const record: ReleasedRecord = {
      certificateId: p.certificate.identifier,
      typeCode: p.certificate.type,
      issuerCode: p.certificate.issuer,
      holder: p.holder,
      status: p.certificate.status,
      validFrom: p.certificate.validFrom,
      validUntil: p.certificate.validUntil,
      version: p.certificate.version,
      fields: p.fields,
    };
    const problem = recordProblem(record, request);
    if (problem) return unverified(problem);
    if (p.purpose.caseNo !== request.purpose.caseNo) return unverified('peer sealed another case');
    if (p.platformId !== entry.entryId) return unverified('peer sealed as another platform');
    return {
      outcome: 'found',
      record,
      nodeId: p.source.nodeId,
      responseDigest: result.responseDigest,
      fetchedAt: at.toISOString(),
      peerSeal: seal,
      viaPlatformId: entry.entryId,
    };
  }
  if (answer['nodeId'] !== entry.entryId) return unverified('nodeId');
  const record = answer['record'] as ReleasedRecord | undefined;
  if (!record || typeof record !== 'object') return unverified('no record');
  const problem = recordProblem(record, request);
  if (problem) return unverified(problem);
  if (!issuers.includes(record.issuerCode)) return unverified('issuer');
  return {
    outcome: 'found',
    record,
    nodeId: entry.entryId,
    responseDigest: result.responseDigest,
    fetchedAt: at.toISOString(),
    viaPlatformId: entry.entryId,
  };
}

/** A record must be of the type and holder asked for, and carry no field that was not asked for. */
function recordProblem(record: ReleasedRecord, request: LookupRequest): string | undefined {
  if (record.typeCode !== request.typeCode) return 'type';
  if (
    request.holder &&
    (record.holder?.kind !== request.holder.kind || record.holder.id !== request.holder.id)
  )
    return 'holder';
  if (typeof record.fields !== 'object' || record.fields === null) return 'fields';
  if (!isIsoDate(record.validFrom) || (record.validUntil !== null && !isIsoDate(record.validUntil)))
    return 'dates';
  if (!Number.isInteger(record.version) || typeof record.certificateId !== 'string') return 'identity';
  for (const f of Object.keys(record.fields)) if (!request.fields.includes(f)) return 'extra field';
  return undefined;
}

/** YYYY-MM-DD of a day that exists. */
function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

const KNOWN: ReadonlySet<string> = new Set([...lookupDenialReasons, ...consultDenialReasons]);

function asReason(reason: string): ConsultDenialReason | LookupDenialReason {
  return (KNOWN.has(reason) ? reason : 'NOT_SHARED') as ConsultDenialReason | LookupDenialReason;
}
