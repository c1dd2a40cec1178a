import { randomUUID } from 'node:crypto';
import {
  declaredFields,
  DomainError,
  type AgreementRepository,
  type AuditLog,
  type Principal,
  type SharingAgreement,
} from '@tongban/domain';
import type { CatalogCache } from '../consult/catalog-cache.js';

export interface AgreementDeps {
  readonly agreements: AgreementRepository;
  readonly catalog: CatalogCache;
  readonly log: AuditLog;
  readonly clock: () => Date;
}

export interface RequestAgreementCommand {
  readonly providerDeptCode: string;
  readonly itemCode: string;
  readonly typeCode: string;
  readonly fields: readonly string[];
  readonly basis: string;
}

/**
 * 共享申请: the requesting department (the principal's) asks the provider to open a conditionally
 * shared type for one of its items, for fields that item's materials declare. Checked against the
 * latest catalog so an agreement never names what no consult could use.
 */
export async function requestAgreement(
  command: RequestAgreementCommand,
  principal: Principal,
  requestId: string,
  deps: AgreementDeps,
): Promise<SharingAgreement> {
  const catalog = await deps.catalog.latest();
  if (!catalog) throw new DomainError('CATALOG_VERSION_NOT_FOUND', 'no catalog has been published yet');
  const item = catalog.items.get(command.itemCode);
  if (!item) throw new DomainError('ITEM_NOT_FOUND', 'no such item', { field: 'itemCode' });
  if (item.deptCode !== principal.deptCode)
    throw new DomainError('FORBIDDEN', 'a department asks only for its own items', { field: 'itemCode' });
  const type = catalog.types.get(command.typeCode);
  if (!type) throw new DomainError('CERTIFICATE_TYPE_NOT_FOUND', 'no such type', { field: 'typeCode' });
  if (type.sharing !== 'conditional')
    throw new DomainError(
      'VALIDATION_FAILED',
      type.sharing === 'none'
        ? 'the type is not shared (不予共享)'
        : 'the type is shared without an agreement',
      { field: 'typeCode' },
    );
  if (!type.issuingDeptCodes.includes(command.providerDeptCode))
    throw new DomainError('VALIDATION_FAILED', 'the provider does not issue this type', {
      field: 'providerDeptCode',
    });
  const declared = declaredFields(item, type.code);
  if (declared.length === 0)
    throw new DomainError('VALIDATION_FAILED', 'no material of the item names this type', {
      field: 'typeCode',
    });
  const extra = command.fields.filter((f) => !declared.includes(f));
  if (extra.length > 0)
    throw new DomainError('VALIDATION_FAILED', `fields the item does not declare: ${extra.join(', ')}`, {
      field: 'fields',
    });
  const agreement = await deps.agreements.request({
    agreementId: randomUUID(),
    providerDeptCode: command.providerDeptCode,
    requesterDeptCode: principal.deptCode,
    itemCode: item.itemCode,
    typeCode: type.code,
    fields: [...new Set(command.fields)],
    basis: command.basis.trim(),
    requestedBy: principal.id,
    now: deps.clock(),
  });
  await deps.log.append({
    operation: 'agreement.requested',
    actor: principal.id,
    purpose: { itemCode: item.itemCode, deptCode: principal.deptCode },
    outcome: 'ok',
    requestId,
    details: { agreementId: agreement.agreementId, typeCode: type.code, provider: command.providerDeptCode },
  });
  return agreement;
}
