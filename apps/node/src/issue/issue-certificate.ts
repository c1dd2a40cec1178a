import {
  checkCertificate,
  DomainError,
  type AuditLog,
  type Catalog,
  type CertificateContent,
  type CertificateStore,
  type CertificateType,
  type CertificateVersion,
} from '@tongban/domain';

export interface IssueCommand {
  readonly requestId: string;
  readonly caseNo: string;
  readonly outputCode: string;
  readonly typeCode: string;
  readonly holder: CertificateContent['holder'];
  readonly issuerCode?: string | undefined;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly validFrom: string;
  readonly validUntil?: string | null | undefined;
  readonly clerkId: string;
}

export interface IssueDeps {
  readonly catalog: () => Catalog;
  readonly deptCode: string;
  readonly store: CertificateStore;
  readonly log: AuditLog;
}

/**
 * Writes the certificate a concluded case produced. Idempotent on the case and the output: the
 * same request again returns the certificate first issued. Only this node's department issues
 * here, only types it issues, and the record passes the same checks as every other record.
 */
export async function issueCertificate(
  command: IssueCommand,
  actor: string,
  requestDigest: string,
  deps: IssueDeps,
): Promise<{ record: CertificateVersion; created: boolean }> {
  const type = deps.catalog().certificateTypes.find((t) => t.code === command.typeCode);
  if (!type)
    throw new DomainError('CERTIFICATE_TYPE_NOT_FOUND', 'no such certificate type', { field: 'typeCode' });
  const issuerCode = command.issuerCode ?? deps.deptCode;
  if (issuerCode !== deps.deptCode || !type.issuingDeptCodes.includes(deps.deptCode))
    throw new DomainError('FORBIDDEN', "this node issues only its own department's certificate types", {
      field: 'typeCode',
    });
  const content: CertificateContent = {
    typeCode: type.code,
    holder: command.holder,
    issuerCode,
    fields: command.fields,
    status: 'valid',
    validFrom: command.validFrom,
    validUntil:
      command.validUntil !== undefined ? command.validUntil : defaultValidUntil(type, command.validFrom),
  };
  const problems = checkCertificate(content, type);
  if (problems.length > 0)
    throw new DomainError('VALIDATION_FAILED', 'the certificate does not pass its type', {
      field: problems[0]?.field,
      errors: problems.map((p) => ({ field: p.field, message: `${p.code}: ${p.message}` })),
    });
  const result = await deps.store.issue({
    content,
    recordedBy: `${actor} clerk:${command.clerkId}`,
    issuance: { caseNo: command.caseNo, outputCode: command.outputCode, requestDigest },
  });
  try {
    await deps.log.append({
      operation: 'node.certificate.issued',
      actor,
      subject: content.holder.id,
      purpose: { caseNo: command.caseNo },
      outcome: result.created ? 'ok' : 'replayed',
      requestId: command.requestId,
      details: { typeCode: type.code, certificateId: result.record.certificateId, clerkId: command.clerkId },
    });
  } catch (e) {
    // The certificate is stored; a retry returns it (created: false) and logs again.
    throw new DomainError('AUDIT_UNAVAILABLE', 'the issue could not be logged; retry', {
      cause: e instanceof Error ? e.message : String(e),
    });
  }
  return result;
}

/** A fixed-term type runs for its years from issue (the day before the anniversary); a permanent one has no end. */
function defaultValidUntil(type: CertificateType, validFrom: string): string | null {
  if (type.validity.kind === 'permanent') return null;
  if (type.validity.kind === 'stated')
    throw new DomainError('VALIDATION_FAILED', 'this type states its validity on each certificate', {
      field: 'validUntil',
    });
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(validFrom);
  if (!m) return null; // checkCertificate reports the bad validFrom
  const end = new Date(Date.UTC(Number(m[1]) + type.validity.years, Number(m[2]) - 1, Number(m[3])));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}
