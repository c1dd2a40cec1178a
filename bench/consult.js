// Consult (请求调阅) end to end on loopback: the platform and one department node as separate
// processes on PostgreSQL, the load generated in this process on loopback (autocannon at saturation,
// an open-loop paced generator on undici for the fixed rate), consults of an item with
// one certificate material (one consult = one record fetched, checked, sealed and logged). Measured
// in the same run, against the same processes: consults per second at saturation and p50/p99 at a
// fixed offered rate; the same for a pass-through that carries the record from the node's store
// through the platform with no identity, policy, signatures, seal or audit (the benchmark-only
// endpoints PLATFORM_BENCH_PASSTHROUGH / NODE_BENCH_PASSTHROUGH); and a minimal Fastify hello.
//
//   npm run bench -- consult
//   node bench/run.js consult --seconds 15 --warmup 3 --connections 32 --rate 300 --cases 2000
//   node bench/run.js consult --profile /tmp/prof      (platform and node under --cpu-prof, written at the end)
//
// PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
// The run creates the database tongban_bench_consult beside it (dropped first if a previous run left
// it, and dropped at the end unless --keep-database): the platform's tables in its public schema,
// the node's in schema node_bench. Keys and files live in a temporary folder, removed at the end.
// Every child process is stopped at the end, on error and on Ctrl-C (and they stop by themselves
// when this process dies: TONGBAN_EXIT_WITH_PARENT=1, their stdin is our pipe).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { openFileKeyStore, signRequest } from '@tongban/crypto';
import { DEFAULT_SEED, generateDemoCity } from '@tongban/demo';
import { canonicalCatalog, writeCatalogFile } from '@tongban/interchange';
import { createCatalogRepository, openConnection, openDatabase, platformMigrations } from '@tongban/store';
import { sql } from 'kysely';
import { seedDemoNodes } from '../apps/cli/dist/demo/demo-nodes.js';

const { values: opt } = parseArgs({
  args: process.argv.slice(3),
  options: {
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    rate: { type: 'string', default: '300' },
    cases: { type: 'string', default: '2000' },
    'split-seconds': { type: 'string', default: '8' },
    'no-split': { type: 'boolean', default: false },
    profile: { type: 'string' },
    'keep-database': { type: 'boolean', default: false },
  },
});
const num = (name) => {
  const n = Number(String(opt[name]).replaceAll('_', ''));
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
};
const SECONDS = num('seconds');
const WARMUP = num('warmup');
const CONNECTIONS = Math.max(1, Math.floor(num('connections')));
const RATE = Math.max(1, Math.floor(num('rate')));
const CASES = Math.max(1, Math.floor(num('cases')));
const SPLIT_SECONDS = num('split-seconds');
const pgUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'tongban_bench_consult';
const NODE_SCHEMA = 'node_bench';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const say = (line) => console.log(`[${elapsed().padStart(7)}] ${line}`);

// ---------------------------------------------------------------------------------------------------
// Child processes: the platform, the node and the hello server. Each is told its port 0 and prints
// the URL it listens on; its stdin is a pipe from us, so it stops when we end (EXIT_WITH_PARENT).

const children = new Set();

function startProcess(label, args, env, listening) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH, TONGBAN_EXIT_WITH_PARENT: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stderr.on('data', (c) => {
    keep(c);
    // Warnings the processes log (the pass-through endpoints being on, upstream trouble) are shown.
    for (const line of c.toString().split('\n'))
      if (line.trim()) console.log(`  ${label} ! ${summarise(line)}`);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (c) => {
      keep(c);
      out += c.toString();
      for (const line of c.toString().split('\n'))
        if (line.trim() && !listening.test(line)) console.log(`  ${label}: ${summarise(line)}`);
      const m = listening.exec(out);
      if (m) resolve({ child, url: m[1], log: () => log });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      children.delete(child);
      reject(new Error(`${label} exited (${code ?? signal}) before listening:\n${log}`));
    });
    setTimeout(() => reject(new Error(`${label} did not listen within 60 s:\n${log}`)), 60_000).unref();
  });
}

/** A pino JSON line, shortened to its level and message; other lines as they are. */
function summarise(line) {
  try {
    const j = JSON.parse(line);
    return `${j.level >= 50 ? 'ERROR' : j.level >= 40 ? 'WARN' : 'info'} ${j.msg ?? ''}${j.err ? ` (${typeof j.err === 'string' ? j.err : j.err.message})` : ''}`;
  } catch {
    return line.slice(0, 300);
  }
}

async function stopChildren() {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  children.clear();
}

process.on('SIGINT', () => {
  console.log('\ninterrupted: stopping the processes');
  for (const child of children) child.kill('SIGKILL');
  process.exit(130);
});

// ---------------------------------------------------------------------------------------------------
// CPU time: per process from /proc (user + system ticks), and PostgreSQL's backends summed, so each
// measurement says where the two cores went (platform, node, PostgreSQL, this load generator).

const TICK_MS = 10; // USER_HZ is 100 on Linux
async function cpuTicks(pid, { withChildren = false } = {}) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    return withChildren ? own + Number(fields[13]) + Number(fields[14]) : own;
  } catch {
    return 0;
  }
}
/** Every postgres process, with the time of backends that ended (the postmaster's reaped children). */
async function postgresTicks() {
  let sum = 0;
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'postgres') sum += await cpuTicks(pid, { withChildren: true });
  }
  return sum;
}
async function cpuSnapshot(pids) {
  const out = { postgres: await postgresTicks(), bench: process.cpuUsage() };
  for (const [name, pid] of Object.entries(pids)) out[name] = await cpuTicks(pid);
  return out;
}
function cpuShare(before, after, seconds, pids) {
  const share = {};
  for (const name of [...Object.keys(pids), 'postgres'])
    share[name] = ((after[name] - before[name]) * TICK_MS) / (seconds * 1000);
  const b = process.cpuUsage(before.bench);
  share.bench = (b.user + b.system) / 1000 / (seconds * 1000);
  return share;
}

// ---------------------------------------------------------------------------------------------------
// HTTP helpers for the setup.

async function call(base, method, path, { authorization, body } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}
function expectStatus(what, res, ...ok) {
  if (!ok.includes(res.status))
    throw new Error(`${what}: status ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

// ---------------------------------------------------------------------------------------------------
// The item: one certificate material, of an unconditionally shared type for persons held by one
// department's node; a department other than the item's own when there is one (a real consult
// crosses departments).

function pickItem(city, holdersOf) {
  const types = new Map(city.catalog.certificateTypes.map((t) => [t.code, t]));
  const candidates = [];
  for (const item of city.catalog.items) {
    const certs = item.materials.filter((m) => m.source.kind === 'certificate');
    if (certs.length !== 1) continue;
    const type = types.get(certs[0].source.typeCode);
    if (!type || type.sharing !== 'unconditional' || type.holderKind !== 'person') continue;
    if (type.issuingDeptCodes.length !== 1 || !item.serviceObjects.includes('自然人')) continue;
    candidates.push({ item, type, providerDeptCode: type.issuingDeptCodes[0] });
  }
  // Most applicants first (the case numbers cycle over distinct holders), then another department's
  // type before the item's own, then the item code: the same pick on every run.
  candidates.sort(
    (a, b) =>
      (holdersOf.get(b.type.code) ?? 0) - (holdersOf.get(a.type.code) ?? 0) ||
      Number(a.item.deptCode === a.providerDeptCode) - Number(b.item.deptCode === b.providerDeptCode) ||
      a.item.itemCode.localeCompare(b.item.itemCode),
  );
  if (candidates.length === 0)
    throw new Error('the demo catalog has no item with one shared person certificate');
  return candidates[0];
}

// ---------------------------------------------------------------------------------------------------
// Measuring with autocannon.

/**
 * One autocannon run. `paths` are cycled over (one per request); `check(body)` says whether an
 * answer is the expected one. Returns throughput, latency percentiles, and the answers that were
 * not 2xx or not as expected.
 */
async function load({ url, method, paths, produce, authorization, seconds, connections, check }) {
  let next = 0;
  let unexpected = 0;
  let sample;
  const request = {
    method,
    headers: authorization ? { authorization } : {},
    setupRequest: (req) => {
      if (produce) return { ...req, ...produce() };
      req.path = paths[next++ % paths.length];
      return req;
    },
    ...(check
      ? {
          onResponse: (status, body) => {
            if (status >= 200 && status < 300 && !check(body)) {
              unexpected += 1;
              sample ??= String(body).slice(0, 300);
            }
          },
        }
      : {}),
  };
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [request],
    timeout: 10,
  });
  const ok = result['2xx'];
  return {
    seconds: result.duration,
    perSecond: ok / result.duration,
    total: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    unexpected,
    sample,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}

/**
 * An open-loop load at a fixed rate: request k is sent at t0 + k/rate whatever the answers before it
 * did (autocannon's `overallRate` sends each connection's quota in a burst at the start of every
 * second, which measures a burst, not a rate). Latency is counted from the scheduled send time, so
 * a request held up behind slow ones counts its wait (no coordinated omission).
 */
async function paced({ url, method, paths, authorization, seconds, rate, check }) {
  const pool = new Pool(url, { connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let unexpected = 0;
  let sample;
  const headers = authorization ? { authorization } : {};
  const total = Math.round(rate * seconds);
  const inflight = new Set();
  const one = async (k, scheduled) => {
    try {
      const res = await pool.request({ method, path: paths[k % paths.length], headers });
      const body = await res.body.text();
      latencies.push(performance.now() - scheduled);
      if (res.statusCode < 200 || res.statusCode >= 300) non2xx += 1;
      else {
        ok += 1;
        if (check && !check(body)) {
          unexpected += 1;
          sample ??= body.slice(0, 300);
        }
      }
    } catch {
      errors += 1;
    }
  };
  const t0 = performance.now();
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
      while (sent < due) {
        const k = sent++;
        const p = one(k, t0 + (k * 1000) / rate);
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  await Promise.all(inflight);
  const secs = (performance.now() - t0) / 1000;
  await pool.close();
  latencies.sort((x, y) => x - y);
  const q = (f) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(f * latencies.length))] ?? NaN);
  return {
    seconds: secs,
    perSecond: ok / secs,
    total: sent,
    ok,
    non2xx,
    errors,
    timeouts: 0,
    unexpected,
    sample,
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    max: Math.round(latencies.at(-1) ?? NaN),
  };
}

// ---------------------------------------------------------------------------------------------------

let tmp;
let admin;
let failed = false;
try {
  console.log(
    `consult: Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s a saturation run, ` +
      `${RATE}/s offered for ${SECONDS} s, ${fmt(CASES)} cases`,
  );
  tmp = await mkdtemp(join(tmpdir(), 'tongban-bench-consult-'));

  // The database: fresh every run.
  admin = await openConnection({ kind: 'postgres', url: pgUrl, maxConnections: 1 });
  const { rows: pgRows } = await sql`select version() as v`.execute(admin.db);
  say(`PostgreSQL: ${pgRows[0].v.split(' on ')[0]}; database ${DB_NAME} (dropped first if there)`);
  await sql`drop database if exists ${sql.id(DB_NAME)} with (force)`.execute(admin.db);
  await sql`create database ${sql.id(DB_NAME)}`.execute(admin.db);
  const dbUrl = new URL(pgUrl);
  dbUrl.pathname = `/${DB_NAME}`;

  // The demo city, its catalog published on the platform's database and written for the node.
  const city = generateDemoCity({ seed: DEFAULT_SEED, scale: 1 });
  // Applicants: holders of a valid certificate of a type, in the population's order.
  const holdersByType = new Map();
  for (const c of city.certificates()) {
    if (c.status !== '有效' || c.holder.kind !== 'person') continue;
    let holders = holdersByType.get(c.typeCode);
    if (!holders) holdersByType.set(c.typeCode, (holders = new Map()));
    if (!holders.has(c.holder.id))
      holders.set(c.holder.id, typeof c.fields.name === 'string' ? c.fields.name : '申请人');
  }
  const { item, type, providerDeptCode } = pickItem(
    city,
    new Map([...holdersByType].map(([t, h]) => [t, h.size])),
  );
  const holders = [...(holdersByType.get(type.code) ?? [])]
    .slice(0, CASES)
    .map(([id, name]) => ({ id, name }));
  const fields = item.materials.find((m) => m.source.kind === 'certificate').source.fields;
  const deptName = (code) => city.catalog.departments.find((d) => d.creditCode === code)?.name ?? code;
  say(
    `item ${item.itemCode} ${item.name} (${deptName(item.deptCode)}): one material, ${type.name} ` +
      `(${type.code}, ${type.sharing}) from ${deptName(providerDeptCode)}'s node, fields ${fields.join(', ')}`,
  );
  const platformDb = await openDatabase(
    { kind: 'postgres', url: dbUrl.href, maxConnections: 2 },
    platformMigrations,
  );
  try {
    await createCatalogRepository(platformDb.db).publish({
      catalog: canonicalCatalog(city.catalog),
      publishedBy: 'bench',
      note: `demo city ${city.name} (seed ${city.seed}), consult benchmark`,
    });
  } finally {
    await platformDb.close();
  }
  const catalogFile = join(tmp, 'catalog.json');
  await writeFile(catalogFile, await writeCatalogFile(city.catalog, 'json'));

  // The node's share of the demo certificates, loaded as `tongban demo prepare` does.
  const nodeKeyDir = join(tmp, 'keys', 'node');
  const plan = {
    deptCode: providerDeptCode,
    name: deptName(providerDeptCode),
    port: 0,
    schema: NODE_SCHEMA,
    keyDir: nodeKeyDir,
  };
  const s0 = performance.now();
  const { total: seeded } = await seedDemoNodes(
    city,
    [plan],
    { kind: 'postgres', url: dbUrl.href },
    'international',
    () => undefined,
  );
  say(
    `node ${plan.name}: ${fmt(seeded)} demo certificates loaded in ${((performance.now() - s0) / 1000).toFixed(1)} s`,
  );

  if (holders.length < CASES) say(`only ${holders.length} holders of ${type.name}: ${holders.length} cases`);

  // The platform, then the node trusting the platform's key.
  const adminPassword = randomBytes(18).toString('base64url');
  const platformKeyDir = join(tmp, 'keys', 'platform');
  const platform = await startProcess(
    'platform',
    [
      ...(opt.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(opt.profile, 'platform')}`] : []),
      'apps/platform/dist/main.js',
    ],
    {
      DATABASE_URL: dbUrl.href,
      PLATFORM_HOST: '127.0.0.1',
      PLATFORM_PORT: '0',
      LOG_LEVEL: 'warn',
      PLATFORM_KEY_DIR: platformKeyDir,
      PLATFORM_ADMIN_USERNAME: 'bench-admin',
      PLATFORM_ADMIN_PASSWORD: adminPassword,
      PLATFORM_BENCH_PASSTHROUGH: '1',
    },
    /listening on (http:\/\/[^\s]+)/,
  );
  const api = `${platform.url}/api/v1`;
  const platformJwksFile = join(tmp, 'platform-jwks.json');
  const jwks = expectStatus('platform JWKS', await call(api, 'GET', '/keys/jwks.json'), 200);
  await writeFile(platformJwksFile, JSON.stringify(jwks));
  const node = await startProcess(
    'node',
    [
      ...(opt.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(opt.profile, 'node')}`] : []),
      'apps/node/dist/main.js',
    ],
    {
      NODE_DEPT_CODE: providerDeptCode,
      NODE_HOST: '127.0.0.1',
      NODE_PORT: '0',
      DATABASE_URL: dbUrl.href,
      NODE_SCHEMA,
      LOG_LEVEL: 'warn',
      NODE_KEY_DIR: nodeKeyDir,
      NODE_CATALOG: catalogFile,
      NODE_PLATFORM_JWKS: platformJwksFile,
      NODE_BENCH_PASSTHROUGH: '1',
    },
    /listening on (http:\/\/[^\s]+)/,
  );
  say(`platform ${platform.url} (pid ${platform.child.pid}), node ${node.url} (pid ${node.child.pid})`);

  // The node in the directory, a clerk of the item's department, and the cases.
  const signIn = async (username, password) =>
    `Bearer ${expectStatus(`sign in ${username}`, await call(api, 'POST', '/auth/sign-in', { body: { username, password } }), 200).token}`;
  const adminAuth = await signIn('bench-admin', adminPassword);
  const nodeJwks = expectStatus('node JWKS', await call(node.url, 'GET', '/node/v1/keys/jwks.json'), 200);
  expectStatus(
    'register the node',
    await call(api, 'PUT', `/directory/nodes/${providerDeptCode}`, {
      authorization: adminAuth,
      body: { name: `${plan.name}节点`, baseUrl: node.url, jwks: nodeJwks, typeCodes: [type.code] },
    }),
    200,
    201,
  );
  const clerkPassword = randomBytes(18).toString('base64url');
  expectStatus(
    'create the clerk',
    await call(api, 'POST', '/staff', {
      authorization: adminAuth,
      body: {
        username: 'bench-clerk',
        name: '基准窗口',
        deptCode: item.deptCode,
        roles: ['clerk'],
        password: clerkPassword,
      },
    }),
    201,
  );
  const clerk = await signIn('bench-clerk', clerkPassword);
  const c0 = performance.now();
  const caseNos = [];
  let nextHolder = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (nextHolder < holders.length) {
        const h = holders[nextHolder++];
        const opened = expectStatus(
          'open a case',
          await call(api, 'POST', '/cases', {
            authorization: clerk,
            body: {
              itemCode: item.itemCode,
              applicant: { kind: 'person', id: h.id },
              applicantName: h.name,
              explicitRequest: { method: 'signed_form' },
            },
          }),
          201,
        );
        caseNos.push(opened.caseNo);
      }
    }),
  );
  say(`${fmt(caseNos.length)} cases opened in ${((performance.now() - c0) / 1000).toFixed(1)} s`);

  // One of each, checked in full before loading them.
  const first = expectStatus(
    'a consult',
    await call(api, 'POST', `/cases/${caseNos[0]}/consult`, { authorization: clerk }),
    200,
  );
  if (first.materials.length !== 1 || first.materials[0].outcome.status !== 'shared')
    throw new Error(`the first consult did not share: ${JSON.stringify(first.materials)}`);
  const pass = expectStatus(
    'a pass-through',
    await call(api, 'POST', `/bench/passthrough/${caseNos[0]}`),
    200,
  );
  if (pass.outcome !== 'found')
    throw new Error(`the first pass-through found nothing: ${JSON.stringify(pass)}`);

  // The hello baseline.
  const hello = await startProcess(
    'hello',
    [
      '--input-type=module',
      '-e',
      `import Fastify from 'fastify';
       const app = Fastify({ logger: false });
       app.get('/', async () => ({ hello: 'world' }));
       await app.listen({ host: '127.0.0.1', port: 0 });
       console.log('hello listening on http://127.0.0.1:' + app.server.address().port);
       process.stdin.once('end', () => process.exit(0)).resume();`,
    ],
    {},
    /listening on (http:\/\/[^\s]+)/,
  );

  const pids = { platform: platform.child.pid, node: node.child.pid, hello: hello.child.pid };
  const consultPaths = caseNos.map((n) => `/api/v1/cases/${n}/consult`);
  const passPaths = caseNos.map((n) => `/api/v1/bench/passthrough/${n}`);
  const isShared = (body) => body.includes('"status":"shared"') && !body.includes('"status":"denied"');
  const isFound = (body) => body.includes('"outcome":"found"');
  const isHello = (body) => body.includes('"hello":"world"');
  const targets = {
    hello: { url: hello.url, method: 'GET', paths: ['/'], check: isHello },
    'pass-through': { url: platform.url, method: 'POST', paths: passPaths, check: isFound },
    consult: {
      url: platform.url,
      method: 'POST',
      paths: consultPaths,
      authorization: clerk,
      check: isShared,
    },
  };

  // The split (--no-split to skip): the node alone, called directly. Its real lookup needs requests
  // signed with the platform's key, each with a fresh nonce: they are signed here, ahead of the load
  // generator, by a producer that keeps a queue filled (the signing is the load generator's CPU).
  const platformSigner = (await openFileKeyStore(platformKeyDir, { profile: 'international' })).signer(
    new Date(),
  );
  const lookupUrl = `${node.url}/node/v1/lookup`;
  const signedQueue = [];
  let signedNext = 0;
  let producing = false;
  const produceSigned = async (upTo) => {
    while (signedQueue.length < upTo) {
      const i = signedNext++;
      const h = holders[i % holders.length];
      const body = JSON.stringify({
        requestId: `bench-${i}`,
        typeCode: type.code,
        holder: { kind: 'person', id: h.id },
        fields,
        purpose: {
          itemCode: item.itemCode,
          caseNo: caseNos[i % caseNos.length],
          deptCode: item.deptCode,
          clerkId: 'bench',
        },
      });
      const headers = { 'content-type': 'application/json' };
      Object.assign(
        headers,
        await signRequest({ method: 'POST', url: lookupUrl, headers, body }, platformSigner, {
          now: new Date(),
          ttlSeconds: 60,
        }),
      );
      signedQueue.push({ path: '/node/v1/lookup', headers, body });
    }
  };
  const refill = async () => {
    if (producing) return;
    producing = true;
    try {
      await produceSigned(4000);
    } finally {
      producing = false;
    }
  };
  const takeSigned = () => {
    if (signedQueue.length < 2000) void refill();
    return signedQueue.shift() ?? { path: '/node/v1/lookup', headers: {}, body: '{}' };
  };
  const nodeTargets = {
    'node pass-through': {
      url: node.url,
      method: 'POST',
      produce: () => {
        const h = holders[signedNext++ % holders.length];
        return {
          path: '/node/v1/bench/passthrough',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ typeCode: type.code, holder: { kind: 'person', id: h.id } }),
        };
      },
      check: isFound,
    },
    'node lookup': { url: node.url, method: 'POST', produce: takeSigned, check: isFound },
  };

  const results = {};
  const run = async (name, target, mode, seconds = SECONDS) => {
    if (mode === 'saturation' && WARMUP > 0)
      await load({ ...target, seconds: WARMUP, connections: CONNECTIONS });
    const before = await cpuSnapshot(pids);
    const r =
      mode === 'rate'
        ? await paced({ ...target, seconds, rate: RATE })
        : await load({ ...target, seconds, connections: CONNECTIONS });
    r.cpu = cpuShare(before, await cpuSnapshot(pids), r.seconds, pids);
    results[`${name} ${mode}`] = r;
    const bad = r.non2xx + r.errors + r.timeouts + r.unexpected;
    say(
      `${`${name}, ${mode === 'rate' ? `${RATE}/s offered` : 'saturation'}`.padEnd(28)} ${fmt(r.perSecond).padStart(6)}/s ` +
        `p50 ${r.p50} ms p99 ${r.p99} ms max ${r.max} ms; ${fmt(r.ok)} ok` +
        `${bad > 0 ? `; !!! ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts, ${r.unexpected} unexpected answers` : ''}; ` +
        `CPU ${Object.entries(r.cpu)
          .filter(([k, v]) => v >= 0.01 || k !== 'hello')
          .map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`)
          .join(', ')}`,
    );
    if (r.sample) say(`  an unexpected answer: ${r.sample}`);
  };
  await run('hello', targets.hello, 'saturation');
  if (!opt['no-split']) {
    await run('node pass-through', nodeTargets['node pass-through'], 'saturation', SPLIT_SECONDS);
    await produceSigned(4000);
    await run('node lookup', nodeTargets['node lookup'], 'saturation', SPLIT_SECONDS);
  }
  await run('pass-through', targets['pass-through'], 'saturation');
  await run('pass-through', targets['pass-through'], 'rate');
  await run('consult', targets.consult, 'saturation');
  await run('consult', targets.consult, 'rate');

  // The table.
  const c = results['consult saturation'];
  const p = results['pass-through saturation'];
  const h = results['hello saturation'];
  const cr = results['consult rate'];
  const pr = results['pass-through rate'];
  console.log(
    `\nconsult: results (${CONNECTIONS} connections; saturation ${SECONDS} s after ${WARMUP} s warm-up; ` +
      `latency at ${RATE}/s offered for ${SECONDS} s)`,
  );
  const pct = (cpu) =>
    `platform ${(cpu.platform * 100).toFixed(0)}% node ${(cpu.node * 100).toFixed(0)}% pg ${(cpu.postgres * 100).toFixed(0)}% load ${(cpu.bench * 100).toFixed(0)}%`;
  console.log(
    `  ${'case'.padEnd(14)} ${'sat. /s'.padStart(8)} ${'÷ pass'.padStart(7)} ${'÷ hello'.padStart(8)}  ` +
      `${`p50 @${RATE}`.padStart(9)} ${`p99 @${RATE}`.padStart(9)}  CPU at saturation (100% = one core)`,
  );
  const row = (name, s, r) =>
    console.log(
      `  ${name.padEnd(14)} ${fmt(s.perSecond).padStart(8)} ${`${(s.perSecond / p.perSecond).toFixed(2)}×`.padStart(7)} ` +
        `${`${(s.perSecond / h.perSecond).toFixed(2)}×`.padStart(8)}  ${(r ? `${r.p50} ms` : '-').padStart(9)} ` +
        `${(r ? `${r.p99} ms` : '-').padStart(9)}  ${name === 'hello' ? `hello ${(s.cpu.hello * 100).toFixed(0)}% load ${(s.cpu.bench * 100).toFixed(0)}%` : pct(s.cpu)}`,
    );
  row('consult', c, cr);
  row('pass-through', p, pr);
  row('hello', h, undefined);
  if (!opt['no-split']) {
    console.log(`  the node alone, called directly (${SPLIT_SECONDS} s each):`);
    row('node pass', results['node pass-through saturation'], undefined);
    row('node lookup', results['node lookup saturation'], undefined);
  }
  console.log(
    `  ratios: consult ÷ pass-through ${(c.perSecond / p.perSecond).toFixed(2)}×, consult ÷ hello ` +
      `${(c.perSecond / h.perSecond).toFixed(2)}×; p99 at ${RATE}/s consult ${cr.p99} ms vs pass-through ${pr.p99} ms`,
  );
  console.log(
    `  target: ≥ 1,000 consults/s: ${c.perSecond >= 1000 ? 'met' : 'MISSED'} (${fmt(c.perSecond)}/s); ` +
      `p99 < 50 ms at 300/s: ${cr.p99 < 50 ? 'met' : 'MISSED'} (${cr.p99} ms${RATE !== 300 ? `, measured at ${RATE}/s` : ''})`,
  );
  const bad = Object.entries(results).filter(([, r]) => r.non2xx + r.errors + r.timeouts + r.unexpected > 0);
  for (const [name, r] of bad)
    console.log(
      `  !!! ${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts, ${r.unexpected} answers not as expected`,
    );
  if (bad.length > 0) failed = true;
  else console.log(`  every answer was 2xx and as expected (consults: the material shared, with its seal)`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await stopChildren();
  if (opt.profile) console.log(`CPU profiles of the platform and the node in ${opt.profile}/{platform,node}`);
  if (admin) {
    if (!opt['keep-database'])
      await sql`drop database if exists ${sql.id(DB_NAME)} with (force)`.execute(admin.db).catch((e) => {
        console.error(`could not drop ${DB_NAME}: ${e.message}`);
      });
    await admin.close();
  }
  if (tmp) await rm(tmp, { recursive: true, force: true });
  console.log(`consult: total ${elapsed()}`);
}
if (failed) process.exitCode = 1;
