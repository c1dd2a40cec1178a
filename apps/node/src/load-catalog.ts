import { readFile } from 'node:fs/promises';
import { validateCatalog, type Catalog } from '@tongban/domain';
import { formatOfFileName, readCatalogFile } from '@tongban/interchange';

/**
 * Reads the catalog the node checks records and requests against: a file in our catalog format
 * (as `tongban catalog export` writes it). A catalog with errors stops the node from starting.
 */
export async function loadCatalog(file: string): Promise<Catalog> {
  const format = formatOfFileName(file);
  if (!format) throw new Error('NODE_CATALOG must be a .json, .yaml or .xlsx catalog file');
  const read = await readCatalogFile(await readFile(file), { format, fileName: file });
  const errors = read.issues.filter((i) => i.severity === 'error');
  if (!read.catalog || errors.length > 0)
    throw new Error(
      `the catalog file has ${errors.length} error(s); first: ${errors[0]?.message ?? 'unreadable'}`,
    );
  const problems = validateCatalog(read.catalog).filter((i) => i.severity === 'error');
  if (problems.length > 0) throw new Error(`the catalog is not valid: ${problems[0]?.message ?? ''}`);
  return read.catalog;
}
