import type { Migration } from 'kysely';
import * as m0001 from './0001-catalog.js';
import * as m0002 from './0002-audit.js';
import * as m0101 from './0101-node-certificates.js';
import * as m0201 from './0201-identity.js';
import * as m0202 from './0202-consult.js';
import * as m0203 from './0203-idempotency.js';

/** The platform's migrations, in order. Names never change once released. */
export const platformMigrations: Record<string, Migration> = {
  '0001-catalog': m0001,
  '0002-audit': m0002,
  '0201-identity': m0201,
  '0202-consult': m0202,
  '0203-idempotency': m0203,
};

/**
 * The audit log's migration alone, for a department node's database: spread it into the node's own
 * record (`{ ...auditMigrations, ...nodeMigrations }`, the node's names sorting after it). The name
 * is the same as in {@link platformMigrations}, so one database never runs it twice.
 */
export const auditMigrations: Record<string, Migration> = {
  '0002-audit': m0002,
};

/** A department node's migrations, in order: its own audit log, then its certificates. */
export const nodeMigrations: Record<string, Migration> = {
  '0002-audit': m0002,
  '0101-node-certificates': m0101,
};
