import { readFile } from 'node:fs/promises';
import { openConnection, type DatabaseTarget } from '@tongban/store';
import { parseNodeConfig } from './config.js';
import { loadCatalog } from './load-catalog.js';
import { startNode, type RunningNode } from './start-node.js';

/** Several department nodes in one process on one database, one schema each (the demo city). */
export interface NodesSpec {
  readonly database: DatabaseTarget;
  readonly catalogFile: string;
  readonly platformJwksFile: string;
  readonly cryptoProfile: 'international' | 'guomi';
  readonly host: string;
  readonly logLevel: string;
  readonly nodes: readonly {
    readonly deptCode: string;
    readonly port: number;
    readonly schema: string;
    readonly keyDir: string;
  }[];
}

export interface HostedNodes {
  readonly nodes: readonly RunningNode[];
  stop(): Promise<void>;
}

/**
 * Starts every node of the spec on one shared connection. An embedded PGlite instance costs about
 * 300 MB and seconds to open, so the demo runs one for all its nodes; each node still has its own
 * schema, keys, port and audit log, and the platform still reaches it over real HTTP.
 */
export async function hostNodes(spec: NodesSpec): Promise<HostedNodes> {
  const catalog = await loadCatalog(spec.catalogFile);
  const connection = await openConnection(spec.database);
  const nodes: RunningNode[] = [];
  const stop = async (): Promise<void> => {
    for (const node of nodes.reverse()) await node.stop();
    await connection.close();
  };
  try {
    for (const n of spec.nodes) {
      const config = parseNodeConfig({
        NODE_DEPT_CODE: n.deptCode,
        NODE_HOST: spec.host,
        NODE_PORT: String(n.port),
        NODE_SCHEMA: n.schema,
        NODE_KEY_DIR: n.keyDir,
        NODE_CATALOG: spec.catalogFile,
        NODE_PLATFORM_JWKS: spec.platformJwksFile,
        CRYPTO_PROFILE: spec.cryptoProfile,
        LOG_LEVEL: spec.logLevel,
      });
      nodes.push(await startNode(config, { catalog, connection }));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { nodes, stop };
}

/** Reads a nodes spec (JSON) from a file. */
export async function readNodesSpec(file: string): Promise<NodesSpec> {
  return JSON.parse(await readFile(file, 'utf8')) as NodesSpec;
}
