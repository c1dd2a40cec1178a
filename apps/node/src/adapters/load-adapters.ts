import { readFile, stat } from 'node:fs/promises';
import { DomainError, type CertificateSource } from '@tongban/domain';
import {
  ADAPTER_CONFIG_LIMITS,
  parseAdapterConfig,
  type ParseAdapterConfigOptions,
} from './adapter-config.js';
import { openAdapters, type OpenAdaptersOptions } from './open-adapters.js';

/**
 * Reads the adapter file named by NODE_ADAPTERS, parses it (resolving `{env: …}` from `options.env`)
 * and opens its adapters: what a node's start needs in one call.
 *
 * @throws DomainError VALIDATION_FAILED for a bad file (see parseAdapterConfig, openAdapters).
 */
export async function loadAdapters(
  file: string,
  options: ParseAdapterConfigOptions & OpenAdaptersOptions = {},
): Promise<CertificateSource[]> {
  // The size is checked before reading: the limit is there so a wrong path (a log file) is cheap.
  if ((await stat(file)).size > ADAPTER_CONFIG_LIMITS.maxChars * 4)
    throw new DomainError('VALIDATION_FAILED', 'the adapter file is too large', { field: '' });
  const config = parseAdapterConfig(await readFile(file, 'utf8'), options);
  return openAdapters(config, options);
}
