import { DomainError, type CatalogRepository, type CatalogVersion } from '@tongban/domain';

/** Turns `latest` or a version number into a published version, or says which is missing. */
export async function resolveVersion(
  repo: CatalogRepository,
  param: string | undefined,
): Promise<CatalogVersion> {
  if (param === undefined || param === 'latest') {
    const latest = await repo.latestVersion();
    if (!latest)
      throw new DomainError('CATALOG_VERSION_NOT_FOUND', 'no catalog version has been published yet', {
        field: 'version',
      });
    return latest;
  }
  const found = await repo.findVersion(Number(param));
  if (!found)
    throw new DomainError('CATALOG_VERSION_NOT_FOUND', `catalog version ${param} does not exist`, {
      field: 'version',
    });
  return found;
}
