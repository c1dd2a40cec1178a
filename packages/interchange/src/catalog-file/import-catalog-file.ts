import { hasErrors, validateCatalog } from '@tongban/domain';
import { finishIssues } from './issues.js';
import { readLocated, type CatalogFileRead, type ReadCatalogFileOptions } from './read-catalog-file.js';

/**
 * Reads a catalog file (`readCatalogFile`) and, when it is well-formed, checks the catalog as a whole
 * with `validateCatalog` (duplicates, references, credit codes, legal bases, field schemas). Every
 * issue gets its place in the file: the line (JSON, YAML) or the sheet and row (XLSX). The catalog is
 * returned only when no issue is an error: importing is all-or-nothing.
 */
export async function importCatalogFile(
  bytes: Uint8Array,
  options: ReadCatalogFileOptions,
): Promise<CatalogFileRead> {
  const read = await readLocated(bytes, options);
  const semantic = read.catalog ? validateCatalog(read.catalog) : [];
  const issues = finishIssues([...read.issues, ...semantic], read.locate, options);
  return read.catalog && !hasErrors(issues) ? { catalog: read.catalog, issues } : { issues };
}
