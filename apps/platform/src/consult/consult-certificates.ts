import type { Signer } from '@tongban/crypto';
import {
  decideConsult,
  isCurrentlyValid,
  DomainError,
  type AgreementRepository,
  type AuditEntryInput,
  type AuditLog,
  type CaseFile,
  type CaseRepository,
  type CertificateType,
  type LookupRequest,
  type MaterialOutcome,
  type Principal,
  type SealedCopy,
  type SealedCopyRepository,
  type SealPayload,
  type ServiceItem,
} from '@tongban/domain';
import type { DirectoryService } from '../directory/directory-service.js';
import type { CatalogCache } from './catalog-cache.js';
import { fetchDepsOf, fetchRecord, type FetchedRecord } from './fetch-record.js';
import { sealRecord } from './seal-record.js';
import type { SignedClient } from '../directory/signed-client.js';

export interface ConsultDeps {
  readonly cases: CaseRepository;
  readonly catalog: CatalogCache;
  readonly agreements: AgreementRepository;
  readonly directory: DirectoryService;
  readonly client: SignedClient;
  readonly sealedCopies: SealedCopyRepository;
  readonly log: AuditLog;
  /** The platform's current signing key (for requests and seals). */
  readonly signer: () => Signer;
  readonly clock: () => Date;
  readonly platformId: string;
  readonly nodeDeadlineMs: number;
  readonly sealTtlSeconds: number;
}

/** One certificate material of the item, and what the consult found for it. */
export interface MaterialAnswer {
  readonly name: string;
  readonly required: boolean;
  readonly typeCode: string;
  readonly outcome: MaterialOutcome;
}

export interface ConsultAnswer {
  readonly caseNo: string;
  readonly itemCode: string;
  readonly consultedAt: string;
  readonly materials: readonly MaterialAnswer[];
  /** Materials the applicant still has to bring: those not shared, and every non-certificate one. */
  readonly stillToBring: readonly string[];
}

/**
 * 请求调阅 (DESIGN §4): for every certificate material of the case's item, decide by policy, ask
 * the directory's sources in parallel under a per-source deadline, verify their signed answers,
 * seal what was released, append every outcome to the audit log (fail closed: nothing is
 * returned if the log cannot record), store the sealed copies on the case, and answer.
 */
export async function consultCertificates(
  caseNo: string,
  principal: Principal,
  requestId: string,
  deps: ConsultDeps,
): Promise<ConsultAnswer> {
  const caseFile = await deps.cases.find(caseNo);
  if (!caseFile) throw new DomainError('CASE_NOT_FOUND', 'no such case', { field: 'caseNo' });
  if (caseFile.deptCode !== principal.deptCode) {
    // Another department's case: refused and logged, and answered like a missing case so that
    // case numbers cannot be probed.
    await appendFailClosed(deps.log, {
      operation: 'consult.denied',
      actor: principal.id,
      subject: caseFile.applicant.id,
      purpose: { itemCode: caseFile.itemCode, caseNo, deptCode: principal.deptCode },
      outcome: 'denied',
      requestId,
      details: { reason: 'NOT_HANDLING_DEPT', by: 'platform' },
    });
    throw new DomainError('CASE_NOT_FOUND', 'no such case', { field: 'caseNo' });
  }
  const catalog = await deps.catalog.get(caseFile.catalogVersion);
  const item = catalog.items.get(caseFile.itemCode);
  if (!item) throw new DomainError('ITEM_NOT_FOUND', 'the case names an item its catalog version lacks');
  const now = deps.clock();

  const certificateMaterials = item.materials.flatMap((m) =>
    m.source.kind === 'certificate' ? [{ material: m, source: m.source }] : [],
  );
  const results = await Promise.all(
    certificateMaterials.map(async ({ material, source }, i) => {
      const type = catalog.types.get(source.typeCode);
      const outcome = await consultOne({
        caseFile,
        principal,
        item,
        type,
        typeCode: source.typeCode,
        fields: source.fields,
        requestId: `${requestId}.${i}`,
        now,
        deps,
        issuerName: (code) => catalog.departments.get(code)?.name ?? code,
      });
      return { material, typeCode: source.typeCode, ...outcome };
    }),
  );

  // Fail closed: every outcome is on the log before anything leaves.
  try {
    await Promise.all(
      results.map((r) =>
        deps.log.append(auditEntryOf(r.outcome, r.typeCode, r.payload, caseFile, principal, requestId)),
      ),
    );
  } catch {
    throw new DomainError(
      'AUDIT_UNAVAILABLE',
      'the audit log could not record the consult; nothing was released',
    );
  }
  const copies: SealedCopy[] = results.flatMap((r) =>
    r.outcome.status === 'shared' && r.payload
      ? [
          {
            sealId: r.outcome.sealId,
            caseNo,
            typeCode: r.typeCode,
            certificateId: r.payload.certificate.identifier,
            holderId: r.payload.holder.id,
            seal: r.outcome.seal,
            peerSeal: r.outcome.peerSeal ?? null,
            issuedAt: r.payload.issuedAt,
            expiresAt: r.payload.expiresAt,
          },
        ]
      : [],
  );
  await deps.sealedCopies.save(copies);

  const shared = new Set(results.filter((r) => r.outcome.status === 'shared').map((r) => r.material));
  return {
    caseNo,
    itemCode: item.itemCode,
    consultedAt: now.toISOString(),
    materials: results.map((r) => ({
      name: r.material.name,
      required: r.material.required,
      typeCode: r.typeCode,
      outcome: r.outcome,
    })),
    stillToBring: item.materials.filter((m) => !shared.has(m)).map((m) => m.name),
  };
}

interface OneQuestion {
  readonly caseFile: CaseFile;
  readonly principal: Principal;
  readonly item: ServiceItem;
  readonly type: CertificateType | undefined;
  readonly typeCode: string;
  readonly fields: readonly string[];
  readonly requestId: string;
  readonly now: Date;
  readonly deps: ConsultDeps;
  readonly issuerName: (deptCode: string) => string;
}

async function consultOne(q: OneQuestion): Promise<{ outcome: MaterialOutcome; payload?: SealPayload }> {
  const { deps, caseFile } = q;
  const sources = deps.directory.sourcesFor(q.typeCode);
  const agreements =
    q.type?.sharing === 'conditional'
      ? await deps.agreements.listFor(caseFile.deptCode, caseFile.itemCode, q.typeCode)
      : [];
  // The policy is decided per source: for a conditional type the agreement binds one provider,
  // and a node of another department must not be asked under it.
  const fallbackProvider = q.type?.issuingDeptCodes[0] ?? '';
  const decisions = (sources.length > 0 ? sources : [undefined]).map((source) => ({
    source,
    decision: decideConsult({
      principal: q.principal,
      caseFile,
      item: q.item,
      typeCode: q.typeCode,
      type: q.type,
      fields: q.fields,
      providerDeptCode: source?.entry.kind === 'node' ? source.entry.entryId : fallbackProvider,
      agreements,
      now: q.now,
    }),
  }));
  const first = decisions.find((d) => d.decision.allow) ?? decisions[0]!;
  const decision = first.decision;
  if (!decision.allow) return { outcome: { status: 'denied', by: 'platform', reason: decision.reason } };
  if (q.type!.holderKind !== caseFile.applicant.kind)
    return { outcome: { status: 'denied', by: 'platform', reason: 'SUBJECT_INVALID' } };
  if (sources.length === 0) return { outcome: { status: 'unavailable', reason: 'NO_SOURCE' } };
  const permitted = decisions.flatMap((d) =>
    d.source && d.decision.allow && d.decision.agreementId === decision.agreementId ? [d.source] : [],
  );

  const request: LookupRequest = {
    requestId: q.requestId,
    typeCode: q.typeCode,
    holder: caseFile.applicant,
    fields: decision.fields,
    purpose: {
      itemCode: caseFile.itemCode,
      caseNo: caseFile.caseNo,
      deptCode: caseFile.deptCode,
      clerkId: q.principal.id,
      ...(decision.agreementId ? { agreementId: decision.agreementId } : {}),
    },
  };
  const fetched: FetchedRecord = await fetchRecord(
    permitted,
    request,
    fetchDepsOf(deps, q.item.name, caseFile.explicitRequest !== null),
    q.type!.issuingDeptCodes,
  );
  if (fetched.outcome !== 'found') return { outcome: fetched.material };
  // A record that is revoked, suspended or past its validity is not a usable copy: never sealed.
  if (!isCurrentlyValid(fetched.record, q.now))
    return { outcome: { status: 'not_found', reason: 'CERTIFICATE_NOT_VALID' } };

  const { sealId, seal, payload } = await sealRecord(
    fetched,
    {
      issuerName: q.issuerName(fetched.record.issuerCode),
      itemName: q.item.name,
      purpose: {
        itemCode: caseFile.itemCode,
        caseNo: caseFile.caseNo,
        deptCode: caseFile.deptCode,
        clerkId: q.principal.id,
        explicitRequest: caseFile.explicitRequest !== null,
        agreementId: decision.agreementId,
      },
    },
    deps,
  );
  return {
    outcome: {
      status: 'shared',
      sealId,
      seal,
      ...(fetched.peerSeal ? { peerSeal: fetched.peerSeal } : {}),
    },
    payload,
  };
}

async function appendFailClosed(log: AuditLog, entry: AuditEntryInput): Promise<void> {
  try {
    await log.append(entry);
  } catch {
    throw new DomainError(
      'AUDIT_UNAVAILABLE',
      'the audit log could not record the consult; nothing was released',
    );
  }
}

function auditEntryOf(
  outcome: MaterialOutcome,
  typeCode: string,
  payload: SealPayload | undefined,
  caseFile: CaseFile,
  principal: Principal,
  requestId: string,
): AuditEntryInput {
  const base = {
    actor: principal.id,
    subject: caseFile.applicant.id,
    purpose: { itemCode: caseFile.itemCode, caseNo: caseFile.caseNo, deptCode: caseFile.deptCode },
    requestId,
  };
  switch (outcome.status) {
    case 'shared':
      return {
        ...base,
        operation: 'consult.granted',
        outcome: 'granted',
        details: {
          typeCode,
          sealId: outcome.sealId,
          nodeId: payload?.source.nodeId ?? '',
          certificateId: payload?.certificate.identifier ?? '',
          ...(payload?.source.via ? { via: payload.source.via.platformId } : {}),
        },
      };
    case 'denied':
      return {
        ...base,
        operation: 'consult.denied',
        outcome: 'denied',
        details: { typeCode, reason: outcome.reason, by: outcome.by },
      };
    case 'not_found':
      return {
        ...base,
        operation: 'consult.not_found',
        outcome: 'not_found',
        details: { typeCode, ...(outcome.reason ? { reason: outcome.reason } : {}) },
      };
    case 'unavailable':
      return {
        ...base,
        operation: 'consult.unavailable',
        outcome: 'unavailable',
        details: { typeCode, reason: outcome.reason },
      };
  }
}
