import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { openFileKeyStore } from '@tongban/crypto';
import {
  certificateStatuses,
  certificateStatusNames,
  isDomainError,
  parseCertificateStatus,
  statusHistoryOf,
  type Catalog,
  type QuarantineRow,
} from '@tongban/domain';
import { formatOfFileName, parseImportMapping, readCatalogFile, runStockImport } from '@tongban/interchange';
import { measureQuality } from '@tongban/store';
import type { CliConfig } from '../config.js';
import { CliError, exitCodes } from '../exit-codes.js';
import { nodeConfigOf, openNodeStore, type NodeStore } from '../node/open-node-store.js';
import { createProgress } from '../progress.js';
import { runAppProcess } from '../run-app-process.js';

type Out = (line: string) => void;

async function withNode<T>(config: CliConfig, work: (node: NodeStore) => Promise<T>): Promise<T> {
  const node = await openNodeStore(config, config.cryptoProfile);
  try {
    return await work(node);
  } finally {
    await node.close();
  }
}

/** The catalog the node checks against (NODE_CATALOG, or --catalog). */
export async function readNodeCatalog(file: string | undefined): Promise<Catalog> {
  if (!file) throw new CliError(exitCodes.config, 'set NODE_CATALOG (or --catalog) to the catalog file');
  const format = formatOfFileName(file);
  if (!format) throw new CliError(exitCodes.usage, 'the catalog must be a .json, .yaml or .xlsx file');
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(exitCodes.io, `cannot read ${file}: ${e.code ?? e.message}`);
  });
  const read = await readCatalogFile(bytes, { format, fileName: file });
  if (!read.catalog) throw new CliError(exitCodes.rejected, `${file} is not a valid catalog`);
  return read.catalog;
}

/** `tongban node start`: runs this department's node (configured by NODE_* variables) until Ctrl-C. */
export async function nodeStart(config: CliConfig, out: Out): Promise<number> {
  const node = nodeConfigOf(config);
  const { host, port } = node;
  const child = await runAppProcess('the node', '@tongban/node/main', { NODE_KEY_DIR: node.keyDir }, [
    `http://${host}:${port}`,
  ]);
  out(`department node ${node.deptCode} is running on http://${host}:${port}; Ctrl-C to stop`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return code === 0 || code === null ? exitCodes.ok : exitCodes.internal;
}

/** `tongban node quality`: 谁提供、谁负责, per certificate type this department issues. */
export async function nodeQuality(
  config: CliConfig,
  options: { json?: boolean; catalog?: string },
  out: Out,
): Promise<number> {
  const catalog = await readNodeCatalog(options.catalog ?? config.node?.catalogFile);
  return withNode(config, async (node) => {
    const types = catalog.certificateTypes.filter((t) => t.issuingDeptCodes.includes(node.node.deptCode));
    const report = await measureQuality(node.db, types, new Date());
    if (options.json) {
      out(JSON.stringify(report, null, 2));
      return exitCodes.ok;
    }
    out(`data quality of node ${node.node.deptCode} as of ${report.asOf}`);
    out(
      'type                   name                records complete  valid  expired-but-valid  duplicates  quarantined  newest change',
    );
    for (const q of report.types) {
      const name = catalog.certificateTypes.find((t) => t.code === q.typeCode)?.name ?? '';
      const pct = (n: number) =>
        q.records === 0 ? '   -' : `${((100 * n) / q.records).toFixed(1)}%`.padStart(6);
      out(
        `${q.typeCode}  ${name.padEnd(16, '　').slice(0, 16)} ${String(q.records).padStart(7)} ${pct(q.complete)} ${pct(q.valid)} ${String(q.validButExpired).padStart(18)} ${String(q.duplicates).padStart(11)} ${String(q.quarantined).padStart(12)}  ${q.newestChange ? `${q.newestChange.slice(0, 10)} (${q.newestChangeAgeDays} d)` : '-'}`,
      );
    }
    return exitCodes.ok;
  });
}

/** `tongban node quarantine list`: the rows imports refused, with file, row, field and reason. */
export async function nodeQuarantineList(
  config: CliConfig,
  options: { run?: number; all?: boolean; json?: boolean; limit: number },
  out: Out,
): Promise<number> {
  return withNode(config, async (node) => {
    const rows = await node.store.quarantine({
      ...(options.run !== undefined ? { runId: options.run } : {}),
      ...(options.all ? {} : { state: 'open' as const }),
      limit: options.limit,
    });
    if (options.json) for (const r of rows) out(JSON.stringify(r));
    else {
      out(`${rows.length} quarantined row(s)${options.all ? '' : ' still open'}`);
      for (const r of rows)
        out(
          `#${r.id}  run ${r.runId}  ${r.fileName}:${r.rowNumber}  ${r.field || '(row)'}  ${r.code}  ${r.message}  [${r.state}]`,
        );
    }
    return exitCodes.ok;
  });
}

/**
 * `tongban node quarantine export`: the open rows of a run as CSV with their original columns, a
 * `_quarantine_id` and a `_reasons` column, ready to correct and import again with the same mapping.
 */
export async function nodeQuarantineExport(
  config: CliConfig,
  options: { run?: number; out: string },
  out: Out,
): Promise<number> {
  return withNode(config, async (node) => {
    const rows: QuarantineRow[] = [];
    let afterId: number | undefined;
    for (;;) {
      const page = await node.store.quarantine({
        state: 'open',
        ...(options.run !== undefined ? { runId: options.run } : {}),
        ...(afterId !== undefined ? { afterId } : {}),
        limit: 1000,
      });
      rows.push(...page);
      if (page.length < 1000) break;
      afterId = page.at(-1)?.id;
    }
    // One line per source row: a row with several problems lists them all in `_reasons`.
    const byRow = new Map<string, { ids: number[]; raw: Record<string, string>; reasons: string[] }>();
    for (const r of rows) {
      const key = `${r.runId}:${r.fileName}:${r.rowNumber}`;
      const entry = byRow.get(key) ?? { ids: [], raw: { ...r.raw }, reasons: [] };
      entry.ids.push(r.id);
      entry.reasons.push(`${r.field || 'row'}: ${r.code}`);
      byRow.set(key, entry);
    }
    const columns = [...new Set([...byRow.values()].flatMap((e) => Object.keys(e.raw)))];
    const header = ['_quarantine_id', '_reasons', ...columns];
    const lines = [header.map(csvCell).join(',')];
    for (const e of byRow.values())
      lines.push(
        [e.ids.join(' '), e.reasons.join('; '), ...columns.map((c) => e.raw[c] ?? '')].map(csvCell).join(','),
      );
    await writeFile(options.out, `\uFEFF${lines.join('\r\n')}\r\n`).catch((e: NodeJS.ErrnoException) => {
      throw new CliError(exitCodes.io, `cannot write ${options.out}: ${e.code ?? e.message}`);
    });
    out(`wrote ${byRow.size} row(s) with ${rows.length} problem(s) to ${options.out}`);
    return exitCodes.ok;
  });
}

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `tongban node quarantine discard <id...>`: the rows will not be imported (closed, kept for the record). */
export async function nodeQuarantineDiscard(
  config: CliConfig,
  ids: readonly number[],
  out: Out,
): Promise<number> {
  return withNode(config, async (node) => {
    const n = await node.store.discardQuarantine(ids);
    out(`discarded ${n} open row(s)`);
    return n === ids.length ? exitCodes.ok : exitCodes.rejected;
  });
}

/** `tongban node certificate history <id>`: every version and the status history. */
export async function nodeCertificateHistory(
  config: CliConfig,
  id: string,
  json: boolean,
  out: Out,
): Promise<number> {
  return withNode(config, async (node) => {
    const versions = await node.store.versions(id);
    if (versions.length === 0) throw new CliError(exitCodes.rejected, 'no such certificate on this node');
    if (json) out(JSON.stringify({ versions, statusHistory: statusHistoryOf(versions) }, null, 2));
    else
      for (const v of versions)
        out(
          `v${v.version}  ${v.recordedAt}  ${certificateStatusNames[v.status]} (${v.status})  by ${v.recordedBy}${v.reason ? `: ${v.reason}` : ''}`,
        );
    return exitCodes.ok;
  });
}

/** `tongban node certificate status <id> <status>`: a status change, as a new version, on the node's log. */
export async function nodeCertificateStatus(
  config: CliConfig,
  id: string,
  status: string,
  options: { reason: string; by: string },
  out: Out,
): Promise<number> {
  const to = parseCertificateStatus(status);
  if (!to)
    throw new CliError(
      exitCodes.usage,
      `status must be one of ${certificateStatuses.map((s) => `${s} (${certificateStatusNames[s]})`).join(', ')}`,
    );
  return withNode(config, async (node) => {
    try {
      const v = await node.store.changeStatus(id, to, { by: options.by, reason: options.reason });
      await node.log.append({
        operation: 'node.certificate.status.changed',
        actor: options.by,
        subject: v.holder.id,
        outcome: 'ok',
        requestId: `cli-${Date.now()}`,
        details: { certificateId: id, status: to, version: v.version },
      });
      out(`certificate is now ${certificateStatusNames[to]} (${to}), version ${v.version}`);
      return exitCodes.ok;
    } catch (e) {
      if (isDomainError(e)) throw new CliError(exitCodes.rejected, `${e.code}: ${e.message}`);
      throw e;
    }
  });
}

/** `tongban node keys rotate|show`. */
export async function nodeKeys(config: CliConfig, action: 'rotate' | 'show', out: Out): Promise<number> {
  const keys = await openFileKeyStore(nodeConfigOf(config).keyDir, { profile: config.cryptoProfile });
  if (action === 'rotate') {
    const signer = await keys.rotate(new Date());
    out(`new signing key ${signer.kid} (${signer.alg}); earlier keys keep verifying for the overlap period`);
  }
  out(JSON.stringify(keys.jwks(new Date()), null, 2));
  return exitCodes.ok;
}

/**
 * `tongban node import <file> --mapping <yaml>`: stock data (存量数据) into this node, with a progress
 * bar and a closing report (read, imported, updated, unchanged, quarantined). Exit 0 when every row
 * was stored, 1 when some went to quarantine (listed by `node quarantine list`).
 */
export async function nodeImport(
  config: CliConfig,
  file: string,
  options: { mapping: string; catalog?: string; json?: boolean; by: string },
  out: Out,
): Promise<number> {
  const catalog = await readNodeCatalog(options.catalog ?? config.node?.catalogFile);
  const mappingText = await readFile(options.mapping, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new CliError(exitCodes.io, `cannot read ${options.mapping}: ${e.code ?? e.message}`);
  });
  const fileSize = await stat(file).then(
    (s) => s.size,
    (e: NodeJS.ErrnoException) => {
      throw new CliError(exitCodes.io, `cannot read ${file}: ${e.code ?? e.message}`);
    },
  );
  return withNode(config, async (node) => {
    const progress = createProgress(config.interactive);
    // Rows are unknown until the end; the bar counts rows against an estimate from the file size.
    progress.start(Math.max(1, Math.round(fileSize / 150)), 'rows         ');
    try {
      const report = await runStockImport({
        file,
        fileName: basename(file),
        mapping: parseImportMapping(mappingText),
        catalog,
        store: node.store,
        log: node.log,
        startedBy: options.by,
        progress: (n) => progress.update(n),
      });
      progress.stop();
      if (options.json) out(JSON.stringify(report, null, 2));
      else {
        out(`import run ${report.runId} of ${report.fileName}: ${report.state}`);
        out(`  read         ${report.read}`);
        out(`  imported     ${report.imported}`);
        out(`  updated      ${report.updated}   (new versions of stored certificates)`);
        out(`  unchanged    ${report.unchanged}`);
        out(
          `  quarantined  ${report.quarantined}${report.quarantined > 0 ? `   (tongban node quarantine list --run ${report.runId})` : ''}`,
        );
      }
      return report.quarantined > 0 ? exitCodes.rejected : exitCodes.ok;
    } catch (e) {
      progress.stop();
      if (isDomainError(e)) {
        const problems = Array.isArray(e.details['problems'])
          ? (e.details['problems'] as { message?: string }[])
          : [];
        for (const p of problems.slice(0, 20)) out(`  ${p.message ?? ''}`);
        throw new CliError(exitCodes.rejected, `${e.code}: ${e.message}`);
      }
      throw e;
    }
  });
}
