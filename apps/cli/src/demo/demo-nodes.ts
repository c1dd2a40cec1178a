import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFor, openFileKeyStore, type CryptoProfile } from '@tongban/crypto';
import type { DemoCertificate, DemoCity } from '@tongban/demo';
import { parseCertificateStatus, type CertificateStatus, type ImportRecord } from '@tongban/domain';
import {
  createAuditLog,
  createCertificateStore,
  nodeMigrations,
  openConnection,
  openSchema,
  type DatabaseTarget,
  type NodeDatabase,
} from '@tongban/store';

/** Where one demo department's node lives. */
export interface DemoNodePlan {
  readonly deptCode: string;
  readonly name: string;
  readonly port: number;
  readonly schema: string;
  readonly keyDir: string;
}

/** One node per demo department, ports from `portBase + 1` in catalog order. */
export function planDemoNodes(city: DemoCity, dataDir: string, portBase: number): DemoNodePlan[] {
  return city.catalog.departments.map((d, i) => ({
    deptCode: d.creditCode,
    name: d.name,
    port: portBase + 1 + i,
    schema: `node_${d.creditCode.toLowerCase()}`,
    keyDir: join(dataDir, 'keys', 'nodes', d.creditCode),
  }));
}

/** The nodes' shared database: PostgreSQL when the platform uses it, else one embedded PGlite. */
export function demoNodesDatabase(platform: DatabaseTarget, dataDir: string): DatabaseTarget {
  return platform.kind === 'postgres' ? platform : { kind: 'pglite', dataDir: join(dataDir, 'nodes') };
}

const BATCH = 2000;

/**
 * Loads each department's share of the demo certificates into its node's schema, as a stock-data
 * import would (the demo's identifiers kept), and logs one `node.import.completed` per node. Running
 * it again changes nothing: every row comes back unchanged.
 */
export async function seedDemoNodes(
  city: DemoCity,
  plans: readonly DemoNodePlan[],
  database: DatabaseTarget,
  profile: CryptoProfile,
  progress: (done: number) => void,
): Promise<{ perNode: Map<string, number>; total: number }> {
  if (database.kind === 'pglite' && database.dataDir) await mkdir(database.dataDir, { recursive: true });
  const connection = await openConnection(database);
  const perNode = new Map<string, number>();
  try {
    const nodes = new Map<
      string,
      {
        store: Awaited<ReturnType<typeof createCertificateStore>>;
        log: Awaited<ReturnType<typeof createAuditLog>>;
        runs: Map<
          string,
          Awaited<ReturnType<Awaited<ReturnType<typeof createCertificateStore>>['startImport']>>
        >;
        pending: Map<string, ImportRecord[]>;
      }
    >();
    const hash = hashFor(profile);
    for (const plan of plans) {
      const keys = await openFileKeyStore(plan.keyDir, { profile });
      const db = (await openSchema<NodeDatabase>(connection, nodeMigrations, { schema: plan.schema })).db;
      const log = await createAuditLog(db, {
        hash: (d) => hash.digest(d),
        hashAlg: hash.name,
        logSigner: keys.signer(new Date()),
      });
      nodes.set(plan.deptCode, {
        store: await createCertificateStore(db),
        log,
        runs: new Map(),
        pending: new Map(),
      });
    }
    let total = 0;
    const flush = async (dept: string, typeCode: string): Promise<void> => {
      const node = nodes.get(dept);
      const rows = node?.pending.get(typeCode);
      if (!node || !rows || rows.length === 0) return;
      let run = node.runs.get(typeCode);
      if (!run) {
        run = await node.store.startImport({
          fileName: `demo:${city.seed}`,
          fileDigest: `demo:${city.seed}:${typeCode}`,
          typeCode,
          startedBy: 'demo',
        });
        node.runs.set(typeCode, run);
      }
      await node.store.importBatch(run, rows, []);
      total += rows.length;
      perNode.set(dept, (perNode.get(dept) ?? 0) + rows.length);
      node.pending.set(typeCode, []);
      progress(total);
    };
    for (const c of city.certificates()) {
      const node = nodes.get(c.issuerCode);
      if (!node) continue;
      const rows = node.pending.get(c.typeCode) ?? [];
      rows.push(importRecordOf(c));
      node.pending.set(c.typeCode, rows);
      if (rows.length >= BATCH) await flush(c.issuerCode, c.typeCode);
    }
    for (const [dept, node] of nodes) {
      for (const typeCode of node.pending.keys()) await flush(dept, typeCode);
      for (const run of node.runs.values())
        await node.store.finishImport(
          run.id,
          { read: 0, imported: 0, updated: 0, unchanged: 0, quarantined: 0 },
          'completed',
        );
      await node.log.append({
        operation: 'node.import.completed',
        actor: 'demo',
        outcome: 'ok',
        requestId: `demo-seed-${city.seed}`,
        details: { records: perNode.get(dept) ?? 0, source: 'demo city' },
      });
      await node.log.close();
    }
    return { perNode, total };
  } finally {
    await connection.close();
  }
}

function importRecordOf(c: DemoCertificate): ImportRecord {
  return {
    rowNumber: 0,
    sourceKey: `${c.typeCode}|${c.certificateId}`,
    certificateId: c.certificateId,
    content: {
      typeCode: c.typeCode,
      holder: c.holder,
      issuerCode: c.issuerCode,
      fields: c.fields,
      status: certificateStatusOf(c.status),
      validFrom: c.validFrom,
      validUntil: c.validUntil,
    },
    raw: {},
  };
}

/** The demo writes statuses in Chinese (有效, 暂扣, ...); records keep the code names. */
function certificateStatusOf(s: DemoCertificate['status']): CertificateStatus {
  const status = parseCertificateStatus(s);
  if (!status) throw new Error('the demo wrote an unknown certificate status');
  return status;
}

/** Writes the hosting spec the nodes process reads, and the directory of nodes for operators. */
export async function writeNodesSpec(
  file: string,
  spec: {
    database: DatabaseTarget;
    catalogFile: string;
    platformJwksFile: string;
    cryptoProfile: CryptoProfile;
    host: string;
    logLevel: string;
    nodes: readonly DemoNodePlan[];
  },
): Promise<void> {
  await writeFile(file, `${JSON.stringify(spec, null, 2)}\n`, { mode: 0o600 });
}
