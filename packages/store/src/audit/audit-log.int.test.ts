import { auditLogContract, openTestDatabase, testDatabaseKind } from '@tongban/testing';
import { auditMigrations } from '../migrations/index.js';
import type { AuditDatabase } from '../schema.js';
import { createAuditLog } from './create-audit-log.js';

// On the audit migration alone, as a department node's database has it.
auditLogContract(testDatabaseKind(), async () => {
  const database = await openTestDatabase<AuditDatabase>(auditMigrations);
  return {
    open: (options) => createAuditLog(database.db, options),
    batchCount: async () => {
      const row = await database.db
        .selectFrom('audit_frontier')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    close: () => database.close(),
  };
});
