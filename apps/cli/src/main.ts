#!/usr/bin/env node
import { isDomainError } from '@tongban/domain';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { auditExport, auditProve, auditVerify } from './commands/audit.js';
import { catalogDiff } from './commands/catalog-diff.js';
import { catalogExport } from './commands/catalog-export.js';
import { catalogImport, DEFAULT_MAX_BYTES } from './commands/catalog-import.js';
import { demoGenerate } from './commands/demo-generate.js';
import { demoPrepare, demoStart } from './commands/demo-start.js';
import {
  nodeCertificateHistory,
  nodeCertificateStatus,
  nodeImport,
  nodeKeys,
  nodeQuality,
  nodeQuarantineDiscard,
  nodeQuarantineExport,
  nodeQuarantineList,
  nodeStart,
} from './commands/node.js';
import { parseAtTime, parsePlatformUrl, sealVerify } from './commands/seal.js';
import { parseCliConfig, type CliConfig } from './config.js';
import { CliError, exitCodes } from './exit-codes.js';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const wholeNumber =
  (min: number, max: number) =>
  (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
      throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
    return Number(value);
  };

/** Builds the `tongban` command; `run` sets the exit code each action returns. */
export function buildProgram(config: () => CliConfig, setExit: (code: number) => void): Command {
  const program = new Command('tongban')
    .description(
      'Tongban (通办): government service data sharing. Exit codes: 0 ok, 1 rejected, 2 usage, 3 file, 4 database, 5 verification failed, 70 internal, 78 config.',
    )
    .showHelpAfterError()
    .exitOverride();

  const catalog = program
    .command('catalog')
    .description('the versioned catalog of departments, certificate types and service items');
  catalog
    .command('import')
    .description('validate a catalog file and publish it as a new version (all or nothing)')
    .argument('<file>', 'a .json/.yaml/.xlsx file in our format, or the Guangdong .jsonl file')
    .addOption(
      new Option('--format <format>', 'the file format (default: from the extension)').choices([
        'json',
        'yaml',
        'xlsx',
        'guangdong',
      ]),
    )
    .option('--synonyms <file>', 'material synonym dictionary (YAML) for the Guangdong importer')
    .option('--dry-run', 'validate and report only; store nothing')
    .option('--json', 'print the report as JSON')
    .option('--note <text>', 'a note stored with the new version')
    .addOption(
      new Option('--max-bytes <n>', 'refuse files larger than this')
        .argParser(wholeNumber(1, 1 << 30))
        .default(DEFAULT_MAX_BYTES),
    )
    .action(
      async (
        file: string,
        o: {
          format?: 'json' | 'yaml' | 'xlsx' | 'guangdong';
          synonyms?: string;
          dryRun?: boolean;
          json?: boolean;
          note?: string;
          maxBytes: number;
        },
      ) => {
        setExit(await catalogImport(config(), file, o, out));
      },
    );
  catalog
    .command('export')
    .description('write a stored catalog version in our format')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'yaml', 'xlsx']).default('json'),
    )
    .option('--version <n>', "version number or 'latest'", 'latest')
    .option('--out <file>', 'write to this file (default: standard output; required for xlsx)')
    .action(async (o: { format: 'json' | 'yaml' | 'xlsx'; version: string; out?: string }) => {
      setExit(await catalogExport(config(), o, (bytes) => process.stdout.write(bytes)));
    });
  catalog
    .command('diff')
    .description('what changed between two stored catalog versions')
    .argument('<from>', "version number or 'latest'")
    .argument('<to>', "version number or 'latest'")
    .option('--json', 'print the diff as JSON')
    .action(async (from: string, to: string, o: { json?: boolean }) => {
      setExit(await catalogDiff(config(), from, to, o.json ?? false, out));
    });

  const audit = program.command('audit').description('the tamper-evident audit log: verify, export, prove');
  audit
    .command('verify')
    .description(
      'check the whole log (or an export) against its signed heads; exit 5 if anything was altered, removed, inserted or reordered',
    )
    .option('--file <export>', 'an export made by `tongban audit export` instead of the database')
    .option('--jwks <file>', "the platform's published keys (default: the local key store)")
    .option('--witness-jwks <file>', "the witness's published keys: every head must be cosigned")
    .option('--json', 'print the result as JSON')
    .action(async (o: { file?: string; jwks?: string; witnessJwks?: string; json?: boolean }) => {
      setExit(await auditVerify(config(), o, out));
    });
  audit
    .command('export')
    .description('write the log as JSON Lines (entries, leaf hashes, signed heads)')
    .requiredOption('--out <file>', 'the export file (written 0600: entries name data subjects)')
    .action(async (o: { out: string }) => {
      setExit(await auditExport(config(), o.out, out));
    });
  audit
    .command('prove')
    .description("check one entry's inclusion against a saved signed tree head, with public keys only")
    .addOption(
      new Option('--index <n>', 'the entry')
        .argParser(wholeNumber(0, Number.MAX_SAFE_INTEGER))
        .makeOptionMandatory(),
    )
    .requiredOption('--head <file>', 'a signed tree head saved earlier (GET /api/v1/audit/tree-heads/latest)')
    .requiredOption('--jwks <file>', "the platform's keys saved earlier (GET /api/v1/keys/jwks.json)")
    .option('--url <url>', 'the platform', 'http://127.0.0.1:8080')
    .addOption(
      new Option('--token <token>', 'auditor token for reading the entry').env('TONGBAN_AUDIT_TOKEN'),
    )
    .action(async (o: { index: number; head: string; jwks: string; url: string; token?: string }) => {
      setExit(await auditProve(o, out));
    });

  const demo = program.command('demo').description('the fictional demo city 示范市');
  demo
    .command('generate')
    .description('generate the demo city from a seed: catalog, population, case history; publish the catalog')
    .option('--seed <seed>', 'same seed, same city', 'tongban-demo')
    .addOption(
      new Option('--scale <n>', 'multiply the population (1, 10, 100, ...)')
        .argParser(wholeNumber(1, 1000))
        .default(1),
    )
    .option('--out <dir>', 'output folder (default: <data folder>/demo)')
    .option('--no-publish', 'do not publish the catalog to the platform database')
    .action(async (o: { seed: string; scale: number; out?: string; publish: boolean }) => {
      const c = config();
      await demoGenerate(
        c,
        { seed: o.seed, scale: o.scale, out: o.out ?? `${c.dataDir}/demo`, publish: o.publish },
        out,
      );
      setExit(exitCodes.ok);
    });
  demo
    .command('start')
    .description(
      'generate the demo city on first use and run the platform and every department node on embedded storage',
    )
    .option('--seed <seed>', 'same seed, same city', 'tongban-demo')
    .addOption(
      new Option('--port <n>', 'platform port')
        .argParser(wholeNumber(0, 65535))
        .default(8080)
        .env('PLATFORM_PORT'),
    )
    .option('--host <host>', 'listen address', '127.0.0.1')
    .addOption(
      new Option('--node-port-base <n>', 'department node i listens on this + 1 + i')
        .argParser(wholeNumber(0, 65000))
        .default(8100),
    )
    .action(async (o: { seed: string; port: number; host: string; nodePortBase: number }) => {
      setExit(await demoStart(config(), o, out));
    });
  demo
    .command('prepare')
    .description('generate the demo city and load the department nodes, if not done yet (demo start runs it)')
    .option('--seed <seed>', 'same seed, same city', 'tongban-demo')
    .addOption(
      new Option('--node-port-base <n>', 'as for demo start').argParser(wholeNumber(0, 65000)).default(8100),
    )
    .action(async (o: { seed: string; nodePortBase: number }) => {
      setExit(await demoPrepare(config(), o, out));
    });
  const node = program
    .command('node')
    .description(
      'a department node (部门数据节点); set NODE_DEPT_CODE and NODE_DATA_DIR or DATABASE_URL (and NODE_SCHEMA, NODE_CATALOG)',
    );
  node
    .command('start')
    .description("run this department's node (NODE_* variables; see docs/NODE.md)")
    .action(async () => setExit(await nodeStart(config(), out)));
  node
    .command('import')
    .description('import stock data (CSV or XLSX) through a mapping; refused rows go to quarantine')
    .argument('<file>', 'a .csv or .xlsx file')
    .requiredOption('--mapping <file>', 'the YAML mapping (docs/stock-import.md)')
    .option('--catalog <file>', 'the catalog file (default NODE_CATALOG)')
    .option('--by <staffId>', 'who runs the import (recorded)', 'cli')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, o: { mapping: string; catalog?: string; by: string; json?: boolean }) =>
      setExit(await nodeImport(config(), file, o, out)),
    );
  node
    .command('quality')
    .description('谁提供、谁负责: completeness, validity, timeliness and duplicates per certificate type')
    .option('--catalog <file>', 'the catalog file (default NODE_CATALOG)')
    .option('--json', 'print the report as JSON')
    .action(async (o: { catalog?: string; json?: boolean }) => setExit(await nodeQuality(config(), o, out)));
  const quarantine = node.command('quarantine').description('rows that imports refused, with their reasons');
  quarantine
    .command('list')
    .option('--run <n>', 'only this import run', wholeNumber(1, 2 ** 31 - 1))
    .option('--all', 'resolved and discarded rows too')
    .option('--json', 'one JSON object a line')
    .addOption(
      new Option('--limit <n>', 'at most this many').argParser(wholeNumber(1, 1_000_000)).default(1000),
    )
    .action(async (o: { run?: number; all?: boolean; json?: boolean; limit: number }) =>
      setExit(await nodeQuarantineList(config(), o, out)),
    );
  quarantine
    .command('export')
    .description(
      'write open rows as CSV (original columns + _quarantine_id, _reasons) to correct and import again',
    )
    .requiredOption('--out <file>', 'the CSV file to write')
    .option('--run <n>', 'only this import run', wholeNumber(1, 2 ** 31 - 1))
    .action(async (o: { run?: number; out: string }) =>
      setExit(await nodeQuarantineExport(config(), o, out)),
    );
  quarantine
    .command('discard')
    .description('close rows that will not be imported (they stay on record)')
    .argument('<id...>', 'quarantine row ids')
    .action(async (ids: string[]) =>
      setExit(
        await nodeQuarantineDiscard(
          config(),
          ids.map((i) => wholeNumber(1, Number.MAX_SAFE_INTEGER)(i)),
          out,
        ),
      ),
    );
  const certificate = node.command('certificate').description('one certificate on this node');
  certificate
    .command('history')
    .argument('<certificateId>')
    .option('--json')
    .action(async (id: string, o: { json?: boolean }) =>
      setExit(await nodeCertificateHistory(config(), id, o.json ?? false, out)),
    );
  certificate
    .command('status')
    .description('change the status (有效 暂扣 撤销 注销 失效 吊销); a new version, logged')
    .argument('<certificateId>')
    .argument('<status>', 'valid, suspended, revoked, cancelled, expired, withdrawn (or in Chinese)')
    .requiredOption('--reason <text>', 'why')
    .requiredOption('--by <staffId>', 'who')
    .action(async (id: string, status: string, o: { reason: string; by: string }) =>
      setExit(await nodeCertificateStatus(config(), id, status, o, out)),
    );
  node
    .command('keys')
    .description("show the node's public keys, or rotate its signing key")
    .addArgument(new Argument('<action>').choices(['show', 'rotate']))
    .action(async (action: 'show' | 'rotate') => setExit(await nodeKeys(config(), action, out)));
  const seal = program
    .command('seal')
    .description('electronic seals (电子印章): check them offline with the published keys');
  seal
    .command('verify')
    .description(
      'check every seal in a file (a compact JWS, or JSON with seal/peerSeal members); exit 5 if any is refused',
    )
    .argument('<file>', 'a compact JWS, or a consult answer (JSON)')
    .requiredOption('--jwks <file>', "the platform's keys saved earlier (GET /api/v1/keys/jwks.json)")
    .addOption(
      new Option('--at <time>', 'check as at this ISO 8601 time (default: now)').argParser(parseAtTime),
    )
    .addOption(
      new Option(
        '--online <url>',
        'also ask this platform whether each seal is still valid at its source',
      ).argParser(parsePlatformUrl),
    )
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: { jwks: string; at?: Date; online?: URL; json?: boolean }) =>
      setExit(await sealVerify(file, { ...o, token: config().platformToken }, out)),
    );
  return program;
}

async function main(argv: string[]): Promise<number> {
  let code: number = exitCodes.ok;
  let config: CliConfig | undefined;
  const program = buildProgram(
    () => (config ??= parseCliConfig(process.env, process.stderr.isTTY)),
    (c) => (code = c),
  );
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    if (isDomainError(e)) {
      process.stderr.write(`tongban: ${e.code}: ${e.message}\n`);
      return exitCodes.rejected;
    }
    if (e instanceof CliError) {
      process.stderr.write(`tongban: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(
      `tongban: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return exitCodes.internal;
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = exitCodes.internal;
  },
);
