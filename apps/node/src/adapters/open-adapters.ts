import { DomainError, type CertificateSource, type CertificateType } from '@tongban/domain';
import type { AdapterConfig, AdaptersConfig } from './adapter-config.js';
import { assertMappingFits } from './check-mapping.js';
import { openHttpAdapter } from './http-adapter.js';
import { openSqlAdapter } from './sql-adapter.js';

export interface OpenAdaptersOptions {
  /**
   * The catalog's certificate types. When given (the node always should), each mapping is checked
   * against its type now, and each record against it on every lookup, so bad upstream data is
   * refused by the adapter itself, not only by the node.
   */
  readonly certificateTypes?: readonly CertificateType[] | undefined;
}

/** Opens one adapter of the file. */
export function openAdapter(config: AdapterConfig, certificateType?: CertificateType): CertificateSource {
  switch (config.kind) {
    case 'sql':
      return openSqlAdapter(config, { certificateType });
    case 'http':
      return openHttpAdapter(config, { certificateType });
  }
}

/**
 * Opens every adapter of a parsed adapter file, in file order. Opening does not connect (pools
 * connect on the first lookup), so an upstream that is down does not stop the node from starting.
 *
 * @throws DomainError VALIDATION_FAILED when a type is not in `certificateTypes` or a mapping does not
 *   fit its type; adapters opened before the failure are closed first.
 */
export async function openAdapters(
  config: AdaptersConfig,
  options: OpenAdaptersOptions = {},
): Promise<CertificateSource[]> {
  const types = options.certificateTypes;
  const opened: CertificateSource[] = [];
  try {
    config.adapters.forEach((adapter, i) => {
      let type: CertificateType | undefined;
      if (types) {
        type = types.find((t) => t.code === adapter.typeCode);
        if (!type)
          throw new DomainError(
            'VALIDATION_FAILED',
            `adapters[${i}].typeCode: the catalog has no such type`,
            {
              field: `adapters[${i}].typeCode`,
            },
          );
        assertMappingFits(adapter, type, i);
      }
      opened.push(openAdapter(adapter, type));
    });
  } catch (e) {
    await Promise.allSettled(opened.map((a) => a.close()));
    throw e;
  }
  return opened;
}
