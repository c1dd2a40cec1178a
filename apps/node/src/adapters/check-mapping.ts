import { DomainError, type CertificateType } from '@tongban/domain';
import type { AdapterConfig } from './adapter-config.js';

/** One way a mapping does not fit its certificate type; `field` is the mapping's part at fault. */
export interface MappingMismatch {
  readonly field: string;
  readonly message: string;
}

/**
 * Checks a mapping against its certificate type before any lookup: the holder kind, a constant
 * issuer allowed to issue the type, every mapped field a field of the type, every required field
 * mapped. Each would otherwise make every record of the adapter fail checkCertificate, which the node
 * would report lookup after lookup as `unavailable`; here it is one clear error at start.
 */
export function checkMappingAgainst(config: AdapterConfig, type: CertificateType): MappingMismatch[] {
  const problems: MappingMismatch[] = [];
  if (config.typeCode !== type.code)
    problems.push({ field: 'typeCode', message: 'the mapping is for another certificate type' });
  if (config.holder.kind !== type.holderKind)
    problems.push({ field: 'holder.kind', message: `this type is held by a ${type.holderKind}` });
  if (
    config.issuer.kind === 'constant' &&
    !(typeof config.issuer.value === 'string' && type.issuingDeptCodes.includes(config.issuer.value))
  )
    problems.push({
      field: 'issuerCode',
      message: 'the catalog does not list this department as an issuer of the type',
    });
  const properties = type.fields.properties;
  for (const name of Object.keys(config.fields))
    if (!Object.hasOwn(properties, name))
      problems.push({ field: `fields.${name}`, message: 'not a field of this certificate type' });
  for (const name of type.fields.required ?? [])
    if (!Object.hasOwn(config.fields, name))
      problems.push({ field: `fields.${name}`, message: 'required by the type but not mapped' });
  return problems;
}

/**
 * {@link checkMappingAgainst} for the adapter at `index` of the file.
 *
 * @throws DomainError VALIDATION_FAILED naming the first mismatch (`adapters[0].fields.x`), with all
 *   of them in `details.problems`.
 */
export function assertMappingFits(config: AdapterConfig, type: CertificateType, index: number): void {
  const problems = checkMappingAgainst(config, type).map((p) => ({
    ...p,
    field: `adapters[${index}].${p.field}`,
  }));
  const first = problems[0];
  if (!first) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new DomainError('VALIDATION_FAILED', `${first.field}: ${first.message}${more}`, {
    field: first.field,
    problems,
  });
}
