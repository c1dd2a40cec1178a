// Audit log appends per second (group commit) against plain INSERTs of the same canonical text,
// measured in the same run on the same database, so the ratios mean something on a noisy machine.
//
//   npm run bench -- audit-append              (PGlite; PostgreSQL too when BENCH_DATABASE_URL or
//                                               DATABASE_URL is set)
//   BENCH_COUNT=20000 BENCH_SECONDS=20 node bench/run.js audit-append
//
// Each case stops at BENCH_COUNT operations or BENCH_SECONDS, whichever comes first, and reports
// the rate over what it did. On PostgreSQL everything runs in a schema of its own, dropped at the end.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { availableParallelism, cpus } from 'node:os';
import { canonicalJson } from '@tongban/domain';
import { auditMigrations, createAuditLog, openDatabase } from '@tongban/store';
import { sql } from 'kysely';

const COUNT = Number(process.env.BENCH_COUNT ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const IN_FLIGHT = 256;
const BATCH_ROWS = 1000;
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;

const hash = (data) => new Uint8Array(createHash('sha256').update(data).digest());
const { privateKey } = generateKeyPairSync('ed25519');
const logSigner = {
  kid: 'bench',
  alg: 'EdDSA',
  sign: async (d) => new Uint8Array(sign(null, d, privateKey)),
};

/** A typical entry: a granted consult, a few hundred bytes of canonical JSON. */
const entry = (i) => ({
  operation: 'consult.granted',
  actor: `clerk:scjg-${String(i % 50).padStart(4, '0')}`,
  subject: `holder:demo-${String(i % 9973).padStart(6, '0')}`,
  purpose: {
    itemCode: '11330100MB0000001X4000119001',
    caseNo: `SFS-2025-${String(i).padStart(6, '0')}`,
    deptCode: 'SCJG',
  },
  outcome: 'granted',
  requestId: `req-${i}`,
  details: { typeCode: 'YYZZ', fields: 4, explicit: true },
});
/** What the log stores for entry i (index and time included), for the baselines. */
const canonicalOf = (i) => canonicalJson({ ...entry(i), index: i, time: new Date().toISOString() });

/** Runs `op(i)` for i = 0, 1, … with `inFlight` concurrent workers, until COUNT or SECONDS. */
async function measure(inFlight, op, step = 1) {
  const deadline = performance.now() + SECONDS * 1000;
  let next = 0;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < COUNT && performance.now() < deadline) {
      const i = next;
      next += step;
      await op(i);
      done += Math.min(step, COUNT - i);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { done, seconds, perSecond: done / seconds };
}

async function benchTarget(label, target) {
  const schema = target.kind === 'postgres' ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const database = await openDatabase(target, auditMigrations, schema ? { schema } : {});
  const db = database.db;
  const plain = schema ? sql.id(schema, 'bench_plain') : sql.id('bench_plain');
  const results = {};
  try {
    await sql`create table ${plain} (id bigint primary key, canonical text not null)`.execute(db);
    let base = 0; // keys of the plain table never repeat across cases
    const plainCase = async (inFlight) => {
      const offset = base;
      base += COUNT;
      return measure(inFlight, (i) =>
        sql`insert into ${plain} (id, canonical) values (${offset + i}, ${canonicalOf(i)})`.execute(db),
      );
    };
    results['plain INSERT, 1 in flight'] = await plainCase(1);
    results[`plain INSERT, ${IN_FLIGHT} in flight`] = await plainCase(IN_FLIGHT);
    {
      const offset = base;
      base += COUNT;
      results[`plain INSERT, ${BATCH_ROWS} rows a statement`] = await measure(
        1,
        (i) => {
          const n = Math.min(BATCH_ROWS, COUNT - i);
          const ids = Array.from({ length: n }, (_, k) => offset + i + k);
          const texts = Array.from({ length: n }, (_, k) => canonicalOf(i + k));
          return sql`insert into ${plain} (id, canonical) select * from unnest(${ids}::bigint[], ${texts}::text[])`.execute(
            db,
          );
        },
        BATCH_ROWS,
      );
    }
    const log = await createAuditLog(db, {
      hash,
      hashAlg: 'sha-256',
      logSigner,
      headEvery: { entries: 10_000, milliseconds: 10_000 },
    });
    const transactions = async () =>
      Number(
        (
          await db
            .selectFrom('audit_frontier')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    results['audit append, 1 in flight'] = await measure(1, (i) => log.append(entry(i)));
    const before = await transactions();
    const many = await measure(IN_FLIGHT, (i) => log.append(entry(i)));
    results[`audit append, ${IN_FLIGHT} in flight`] = many;
    results.batchSize = many.done / ((await transactions()) - before);
    await log.close();
  } finally {
    if (schema) await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
    await database.close();
  }
  report(label, results);
}

function report(label, r) {
  const row = (name) => {
    const x = r[name];
    return `  ${name.padEnd(34)} ${String(Math.round(x.perSecond)).padStart(8)} /s   (${x.done} in ${x.seconds.toFixed(2)} s)`;
  };
  const rate = (name) => r[name].perSecond;
  console.log(`\n${label}`);
  for (const name of Object.keys(r)) if (typeof r[name] === 'object') console.log(row(name));
  console.log(`  ${IN_FLIGHT} in flight: ${r.batchSize.toFixed(0)} entries per transaction on average`);
  const ratio = (a, b) => `${(rate(a) / rate(b)).toFixed(2)}×`;
  console.log('  ratios:');
  console.log(
    `    audit 1 in flight   / plain INSERT 1 in flight:   ${ratio('audit append, 1 in flight', 'plain INSERT, 1 in flight')}`,
  );
  console.log(
    `    audit ${IN_FLIGHT} in flight / plain INSERT ${IN_FLIGHT} in flight: ${ratio(`audit append, ${IN_FLIGHT} in flight`, `plain INSERT, ${IN_FLIGHT} in flight`)}`,
  );
  console.log(
    `    audit ${IN_FLIGHT} in flight / plain ${BATCH_ROWS}-row INSERTs:    ${ratio(`audit append, ${IN_FLIGHT} in flight`, `plain INSERT, ${BATCH_ROWS} rows a statement`)}`,
  );
}

console.log(
  `audit-append: ${COUNT} operations or ${SECONDS} s per case; Node ${process.version}, ` +
    `${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'})`,
);
await benchTarget('PGlite (embedded, in memory)', { kind: 'pglite' });
if (pgUrl) await benchTarget('PostgreSQL', { kind: 'postgres', url: pgUrl, maxConnections: 10 });
else console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL or DATABASE_URL to include it)');
