// Stock-data import at scale: `npm run bench -- stock-import [--rows 1000000] [--engine postgres|pglite]`.
//
// Writes a CSV of N business licences (mixed date spellings, 万元 amounts, full-width characters,
// one row in 1,000 with a bad check character) and imports it through a mapping into a fresh node
// schema with runStockImport: the real path, batches of 1,000 in one transaction each. Reports
// rows/s and the process's peak RSS, and, in the same run, two baselines on the same file: reading
// and parsing only, and a plain INSERT of the raw rows (unnest, 1,000 a statement) with no
// cleansing, checks, versions or quarantine. Stops by itself; the schema is dropped at the end.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { generateDemoCity } from '@tongban/demo';
import { makeCreditCode } from '@tongban/domain';
import { parseImportMapping, readCsvRows, runStockImport } from '@tongban/interchange';
import {
  createAuditLog,
  createCertificateStore,
  nodeMigrations,
  openConnection,
  openSchema,
} from '@tongban/store';
import { generateSigner, sha256 } from '@tongban/crypto';
import { sql } from 'kysely';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rows = Number(arg('rows', '1000000'));
const engine = arg('engine', 'postgres');
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const started = performance.now();

const city = generateDemoCity({ seed: 'bench' });
const type = city.catalog.certificateTypes.find((t) => t.name === '营业执照');
const issuer = type.issuingDeptCodes[0];
const mapping = parseImportMapping(`
typeCode: '${type.code}'
issuerCode: '${issuer}'
holder: { kind: organisation, column: 统一社会信用代码, transforms: [idNumber] }
key: [holder]
validFrom: { column: 成立日期, transforms: [date] }
validUntil: { column: 营业期限至, transforms: [date, longTerm] }
status: { column: 登记状态, transforms: [status] }
fields:
  creditCode: { column: 统一社会信用代码, transforms: [idNumber] }
  name: { column: 名称, transforms: [halfwidth, trim] }
  entityType: { column: 类型, transforms: [trim] }
  legalRepresentative: { column: 法定代表人, transforms: [trim] }
  registeredCapital: { column: 注册资本, transforms: [amount] }
  establishedOn: { column: 成立日期, transforms: [date] }
  address: { column: 住所, transforms: [trim] }
`);

// Organisation bodies: 8 characters of the credit-code alphabet without I, O, S, V, Z.
const BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const body = (n) => {
  let s = '';
  for (let i = 0; i < 8; i++) {
    s = BODY[n % BODY.length] + s;
    n = Math.floor(n / BODY.length);
  }
  return s;
};
const spell = (y, m, d, i) =>
  [
    `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    `${y}年${m}月${d}日`,
    `${y}.${m}.${d}`,
    `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`,
  ][i % 4];

const dir = await mkdtemp(join(tmpdir(), 'tongban-bench-import-'));
const file = join(dir, 'licences.csv');
{
  const out = createWriteStream(file);
  out.write('\uFEFF统一社会信用代码,名称,类型,法定代表人,注册资本,成立日期,营业期限至,住所,登记状态\n');
  for (let i = 0; i < rows; i++) {
    let code = makeCreditCode({
      registrationAuthority: '9',
      category: '1',
      regionCode: '330100',
      organisationBody: body(i + 7),
    });
    if (i % 1000 === 999) code = code.slice(0, 17) + (code[17] === '0' ? '1' : '0'); // a typing error
    const y = 1995 + (i % 28);
    const m = 1 + (i % 12);
    const d = 1 + (i % 28);
    const line = `${code},示范市第${i}号贸易有限公司\u3000,有限责任公司,林${i % 97},${10 + (i % 990)}万元,${spell(y, m, d, i)},${i % 3 === 0 ? '长期' : spell(y + 20, m, d, i + 1)},示范市钱塘路${i}号,有效\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
console.log(
  `wrote ${rows.toLocaleString()} rows to a CSV in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const target = engine === 'pglite' ? { kind: 'pglite' } : { kind: 'postgres', url, maxConnections: 4 };
const connection = await openConnection(target);
const schema = `bench_import_${process.pid}`;
const rate = (n, ms) => Math.round(n / (ms / 1000));
try {
  const db = (await openSchema(connection, nodeMigrations, { schema })).db;
  const store = await createCertificateStore(db);
  const signer = generateSigner('EdDSA');
  const log = await createAuditLog(db, { hash: sha256, hashAlg: 'sha-256', logSigner: signer });

  // The real import.
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  const report = await runStockImport({
    file,
    mapping,
    catalog: city.catalog,
    store,
    log,
    startedBy: 'bench',
  });
  const importMs = performance.now() - t0;
  clearInterval(sampler);
  await log.close();

  // Baseline 1: read and parse the file only.
  const t1 = performance.now();
  let read = 0;
  for await (const _ of await readCsvRows(file, {})) read += 1;
  const readMs = performance.now() - t1;

  // Baseline 2: plain INSERT of the raw rows, no cleansing, checks, versions or quarantine.
  await sql`create table ${sql.id(schema, 'raw_rows')} (code text, name text, line jsonb)`.execute(db);
  const t2 = performance.now();
  let batch = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await sql`insert into ${sql.id(schema, 'raw_rows')} select * from unnest(${batch.map((r) => r.values['统一社会信用代码'])}::text[], ${batch.map((r) => r.values['名称'])}::text[], ${batch.map((r) => JSON.stringify(r.values))}::jsonb[])`.execute(
      db,
    );
    batch = [];
  };
  for await (const row of await readCsvRows(file, {})) {
    if ('values' in row) batch.push(row);
    if (batch.length >= 1000) await flush();
  }
  await flush();
  const insertMs = performance.now() - t2;

  const importRate = rate(report.read, importMs);
  console.log(`\nengine ${engine}, ${rows.toLocaleString()} rows, node ${process.version}`);
  console.log(
    `report: read ${report.read}, imported ${report.imported}, updated ${report.updated}, unchanged ${report.unchanged}, quarantined ${report.quarantined}`,
  );
  console.log(`| path | rows/s | vs import |`);
  console.log(`|---|---:|---:|`);
  console.log(`| runStockImport (clean, check, version, quarantine) | ${importRate} | 1.00 |`);
  console.log(
    `| read and parse only | ${rate(read, readMs)} | ${(rate(read, readMs) / importRate).toFixed(2)} |`,
  );
  console.log(
    `| plain INSERT of raw rows | ${rate(read, insertMs)} | ${(rate(read, insertMs) / importRate).toFixed(2)} |`,
  );
  console.log(
    `import wall time ${(importMs / 1000).toFixed(1)} s; peak RSS during import ${Math.round(peak / 2 ** 20)} MB (start ${Math.round(rssBefore / 2 ** 20)} MB)`,
  );
} finally {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(connection.db).catch(() => undefined);
  await connection.close();
  await rm(dir, { recursive: true, force: true });
  console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
