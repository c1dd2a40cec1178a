import { buildSealPayload, makeCertificateId, makeResidentId, type SealPayload } from '@tongban/domain';
import { deptCodes, typeCodes } from './small-catalog.js';

/** Options for {@link sampleSealPayload}. */
export interface SampleSealOptions {
  /** When the seal is made (default: now). */
  readonly issuedAt?: Date;
  /** How long the sealed copy stays valid (default: one day). */
  readonly ttlSeconds?: number;
  /** The certificate's own last valid day (default 2030-12-31). */
  readonly validUntil?: string | null;
}

/**
 * A seal payload for a fictional person's marriage certificate (结婚证) from 示范市民政局, released
 * for a case at the police (valid check characters throughout, nobody real).
 */
export function sampleSealPayload(options: SampleSealOptions = {}): SealPayload {
  const holderId = makeResidentId({ regionCode: '330102', birthDate: '1990-03-07', sequence: 123 });
  return buildSealPayload({
    sealId: 'SEAL-0001',
    issuedAt: options.issuedAt ?? new Date(),
    ttlSeconds: options.ttlSeconds ?? 86_400,
    platformId: '330100 示范市通办平台',
    record: {
      certificateId: makeCertificateId({
        typeCode: typeCodes.marriage,
        issuerCode: deptCodes.civil,
        serial: '2019000123',
        version: 1,
      }),
      typeCode: typeCodes.marriage,
      issuerCode: deptCodes.civil,
      holder: { kind: 'person', id: holderId },
      status: 'valid',
      validFrom: '2019-05-20',
      validUntil: options.validUntil === undefined ? '2030-12-31' : options.validUntil,
      version: 1,
      fields: { holderName: '林小雨', registeredOn: '2019-05-20' },
    },
    issuerName: '示范市民政局',
    itemName: '户口迁移',
    purpose: {
      itemCode: '11330100T0000001XK4000200001000',
      caseNo: 'C-2026-000042',
      deptCode: deptCodes.police,
      clerkId: 'clerk-007',
      explicitRequest: false,
      agreementId: 'SA-2026-001',
    },
    source: {
      nodeId: deptCodes.civil,
      responseDigest: 'sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:',
      fetchedAt: (options.issuedAt ?? new Date()).toISOString(),
      via: null,
    },
  });
}
