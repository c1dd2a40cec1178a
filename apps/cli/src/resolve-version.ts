import type { CatalogRepository, CatalogVersion } from '@tongban/domain';
import { CliError, exitCodes } from './exit-codes.js';

/** Refuses (exit 2) a version argument that is neither a number nor `latest`, before any lookup. */
export function assertVersionArgument(param: string): void {
  if (param !== 'latest' && !/^[1-9]\d{0,8}$/.test(param))
    throw new CliError(
      exitCodes.usage,
      `version must be a number or 'latest', not ${JSON.stringify(param).slice(0, 40)}`,
    );
}

/** `latest` or a version number, as given on the command line. */
export async function resolveCliVersion(repo: CatalogRepository, param: string): Promise<CatalogVersion> {
  assertVersionArgument(param);
  const found = param === 'latest' ? await repo.latestVersion() : await repo.findVersion(Number(param));
  if (!found)
    throw new CliError(
      exitCodes.rejected,
      param === 'latest'
        ? 'no catalog version has been published yet'
        : `catalog version ${param} does not exist`,
    );
  return found;
}
