import { canonicalJson, type CertificateContent } from '@tongban/domain';
import { sha256Hex } from '../sha256.js';

/**
 * SHA-256 of a certificate's content as canonical JSON: equal digests mean nothing changed, so a
 * re-import of the same row writes no new version.
 */
export function contentDigestOf(content: CertificateContent): string {
  return sha256Hex(
    canonicalJson({
      typeCode: content.typeCode,
      holder: { kind: content.holder.kind, id: content.holder.id },
      issuerCode: content.issuerCode,
      fields: content.fields,
      status: content.status,
      validFrom: content.validFrom,
      validUntil: content.validUntil,
    }),
  );
}
