import { mkdir } from 'node:fs/promises';
import { hashFor, openFileKeyStore, type CryptoProfile, type KeyStore } from '@tongban/crypto';
import type { AuditLog, CertificateStore } from '@tongban/domain';
import {
  createAuditLog,
  createCertificateStore,
  nodeMigrations,
  openDatabase,
  type NodeDatabase,
} from '@tongban/store';
import type { Kysely } from 'kysely';
import type { CliConfig, NodeCliConfig } from '../config.js';
import { CliError, exitCodes } from '../exit-codes.js';

export interface NodeStore {
  readonly node: NodeCliConfig;
  readonly db: Kysely<NodeDatabase>;
  readonly store: CertificateStore;
  readonly log: AuditLog;
  readonly keys: KeyStore;
  close(): Promise<void>;
}

/** The node the NODE_* variables name; a usage error (exit 78) when none is configured. */
export function nodeConfigOf(config: CliConfig): NodeCliConfig {
  if (!config.node)
    throw new CliError(
      exitCodes.config,
      'set NODE_DEPT_CODE (and NODE_DATA_DIR or DATABASE_URL) to name the node',
    );
  return config.node;
}

/** Opens a node's database (migrating it), its key store and its audit log for a CLI command. */
export async function openNodeStore(config: CliConfig, profile: CryptoProfile): Promise<NodeStore> {
  const node = nodeConfigOf(config);
  const keys = await openFileKeyStore(node.keyDir, { profile });
  try {
    if (node.database.kind === 'pglite' && node.database.dataDir)
      await mkdir(node.database.dataDir, { recursive: true });
    const database = await openDatabase<NodeDatabase>(
      node.database,
      nodeMigrations,
      node.schema ? { schema: node.schema } : {},
    );
    const hash = hashFor(profile);
    const log = await createAuditLog(database.db, {
      hash: (d) => hash.digest(d),
      hashAlg: hash.name,
      logSigner: keys.signer(new Date()),
    });
    return {
      node,
      db: database.db,
      store: await createCertificateStore(database.db),
      log,
      keys,
      close: async () => {
        await log.close();
        await database.close();
      },
    };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      exitCodes.database,
      `cannot open the node database (${node.database.kind}): ${(e as Error).message}`,
    );
  }
}
