import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { hasErrors, type Catalog, type ImportIssue } from '@tongban/domain';
import {
  canonicalCatalog,
  DEFAULT_MAX_BYTES,
  importCatalogFile,
  importGuangdongItems,
  loadMaterialSynonyms,
  loadNationalCertificateTypes,
  type GuangdongReport,
} from '@tongban/interchange';
import type { CliConfig } from '../config.js';
import { CliError, exitCodes } from '../exit-codes.js';
import { countBySeverity, formatIssue } from '../format-issues.js';
import { openPlatformStore } from '../open-platform-store.js';
import { recordCatalogPublication } from '../record-catalog-publication.js';

export interface CatalogImportOptions {
  readonly format?: 'json' | 'yaml' | 'xlsx' | 'guangdong';
  readonly synonyms?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly note?: string;
  readonly maxBytes: number;
}

export { DEFAULT_MAX_BYTES };

/**
 * `tongban catalog import <file>`: read, validate, report, and publish a new catalog version.
 * All or nothing: with any error the stored catalog is unchanged and the exit code is 1.
 */
export async function catalogImport(
  config: CliConfig,
  file: string,
  options: CatalogImportOptions,
  out: (line: string) => void,
): Promise<number> {
  const format = options.format ?? detectFormat(file);
  const size = await stat(file).then(
    (s) => s.size,
    (e: NodeJS.ErrnoException) => {
      throw new CliError(exitCodes.io, `cannot read ${file}: ${e.code ?? e.message}`);
    },
  );
  let catalog: Catalog | undefined;
  let issues: ImportIssue[];
  let report: GuangdongReport | undefined;
  if (size > options.maxBytes) {
    issues = [
      {
        severity: 'error',
        code: 'FILE_TOO_LARGE',
        file: basename(file),
        message: `${size} bytes; the limit is ${options.maxBytes}`,
      },
    ];
  } else {
    const bytes = await readFile(file);
    if (format === 'guangdong') {
      const result = importGuangdongItems(bytes.toString('utf8'), {
        fileName: basename(file),
        certificateTypes: loadNationalCertificateTypes(),
        dictionary: loadMaterialSynonyms(options.synonyms),
      });
      issues = result.issues;
      report = result.report;
      catalog = hasErrors(issues) ? undefined : result.catalog;
    } else {
      const result = await importCatalogFile(bytes, {
        fileName: basename(file),
        format,
        maxBytes: options.maxBytes,
      });
      issues = result.issues;
      catalog = result.catalog;
    }
  }

  const { errors, warnings } = countBySeverity(issues);
  let published: { version: number; created: boolean } | undefined;
  if (catalog && errors === 0 && !options.dryRun) {
    const store = await openPlatformStore(config);
    try {
      // The canonical form (key order, no empty optional values) makes equal catalogs hash equal,
      // so re-importing an export makes no new version.
      const result = await store.catalog.publish({
        catalog: canonicalCatalog(catalog),
        publishedBy: 'cli',
        note: options.note ?? `import ${basename(file)}`,
      });
      published = { version: result.version.version, created: result.created };
      if (result.created) await recordCatalogPublication(config, store.db, result.version, 'cli');
    } finally {
      await store.close();
    }
  }

  if (options.json) {
    out(
      JSON.stringify(
        {
          file: basename(file),
          format,
          accepted: errors === 0,
          errors,
          warnings,
          counts: catalog && countsOf(catalog),
          report,
          published,
          issues,
        },
        null,
        2,
      ),
    );
  } else {
    for (const issue of issues)
      if (issue.severity === 'error' || !report || issue.code !== 'UNMAPPED_MATERIAL')
        out(formatIssue(issue));
    if (report) printGuangdongReport(report, out);
    if (catalog) {
      const c = countsOf(catalog);
      out(`read ${c.items} items, ${c.departments} departments, ${c.certificateTypes} certificate types`);
    }
    out(`${errors} errors, ${warnings} warnings`);
    if (errors > 0) out('rejected: nothing was stored');
    else if (options.dryRun) out('dry run: nothing was stored');
    else if (published)
      out(
        published.created
          ? `published catalog version ${published.version}`
          : `unchanged: catalog version ${published.version} already holds this catalog`,
      );
  }
  return errors > 0 ? exitCodes.rejected : exitCodes.ok;
}

function detectFormat(file: string): 'json' | 'yaml' | 'xlsx' | 'guangdong' {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl') return 'guangdong';
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.xlsx') return 'xlsx';
  throw new CliError(
    exitCodes.usage,
    `cannot tell the format of ${basename(file)}; pass --format json|yaml|xlsx|guangdong`,
  );
}

const countsOf = (c: Catalog) => ({
  departments: c.departments.length,
  certificateTypes: c.certificateTypes.length,
  items: c.items.length,
});

function printGuangdongReport(r: GuangdongReport, out: (line: string) => void): void {
  const c = r.counts;
  out(`items: ${c.items} (${c.lines} lines read, ${c.skippedLines} skipped)`);
  out(`departments: ${c.departments} (${c.flaggedDepartments} flagged)`);
  for (const d of r.flaggedDepartments)
    out(
      `  flagged ${d.creditCode} ${d.name}: ${d.flags.join(', ')}; ${d.reason} (first on line ${d.firstLine}, ${d.items} items)`,
    );
  out(`materials: ${c.materials} entries, ${c.distinctMaterialNames} distinct names`);
  out(
    `  mapped to certificate types: ${c.mapped} entries (${c.distinctMappedNames} names), ${c.alternatives} naming alternatives (或)`,
  );
  out(`  unmapped, kept as applicant-provided: ${c.unmapped} entries (${c.distinctUnmappedNames} names)`);
  out(`certificate types used: ${c.certificateTypes}`);
  for (const t of r.mappedByType)
    out(`  ${t.typeCode} ${t.name}: ${t.materials} materials in ${t.items} items`);
  out(`unmapped material names, most used first (top 20; --json lists all ${r.unmapped.length}):`);
  for (const u of r.unmapped.slice(0, 20)) out(`  ${String(u.items).padStart(4)}  ${u.name}`);
}
