import {
  createCatalogRepository,
  openDatabase,
  platformMigrations,
  type PlatformDatabase,
} from '@tongban/store';
import type { FastifyInstance } from 'fastify';
import type { PlatformConfig } from './config.js';
import { buildPlatform } from './server.js';

export interface RunningPlatform {
  readonly app: FastifyInstance;
  readonly url: string;
  stop(): Promise<void>;
}

/** Opens the database (running migrations), builds the server and listens. */
export async function startPlatform(config: PlatformConfig): Promise<RunningPlatform> {
  const database = await openDatabase<PlatformDatabase>(config.database, platformMigrations);
  const app = await buildPlatform({
    config,
    catalog: createCatalogRepository(database.db),
    ping: database.ping,
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    await app.close();
    await database.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    url: `http://${config.host}:${port}`,
    stop: async () => {
      await app.close();
      await database.close();
    },
  };
}
