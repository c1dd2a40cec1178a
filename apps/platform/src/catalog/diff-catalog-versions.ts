import { diffCatalogs, type CatalogDiff, type CatalogRepository } from '@tongban/domain';
import { resolveVersion } from './resolve-version.js';

/** The differences between two published versions, in either direction. */
export async function diffCatalogVersions(
  repo: CatalogRepository,
  fromParam: string,
  toParam: string,
): Promise<CatalogDiff & { from: number; to: number }> {
  const [from, to] = await Promise.all([resolveVersion(repo, fromParam), resolveVersion(repo, toParam)]);
  const [a, b] = await Promise.all([repo.getCatalog(from.version), repo.getCatalog(to.version)]);
  return { from: from.version, to: to.version, ...diffCatalogs(a, b) };
}
