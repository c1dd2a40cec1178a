import type { Catalog } from '@tongban/domain';
import { buildCertificateTypes } from './certificate-types.js';
import { buildDepartments } from './departments.js';
import { buildItems } from './service-items.js';

/**
 * The demo city's catalog. It does not depend on the seed: every city generated from any seed shares
 * it, so catalog codes can be written into fixtures and documentation.
 */
export function buildCatalog(): Catalog {
  return {
    departments: buildDepartments(),
    certificateTypes: buildCertificateTypes(),
    items: buildItems(),
  };
}
