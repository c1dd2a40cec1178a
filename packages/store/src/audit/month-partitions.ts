import { sql, type Kysely } from 'kysely';
import type { AuditDatabase } from '../schema.js';
import type { AuditSchema } from './audit-schema.js';

/** The first instant of the UTC month of `time`, `months` months later. */
export function monthStart(time: Date, months = 0): Date {
  return new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth() + months, 1));
}

/** `audit_entry_y2025m03`: the name `audit_ensure_partition` gives the month's partition. */
export function partitionName(month: Date): string {
  return `audit_entry_y${month.getUTCFullYear()}m${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

const NAME = /^audit_entry_y(\d{4})m(\d{2})$/;

/** One month partition of `audit_entry`: entries with from ≤ time < to. */
export interface MonthPartition {
  readonly name: string;
  readonly from: Date;
  readonly to: Date;
}

/** The partitions of `audit_entry` (from the catalog, so a partition made by hand shows too), by month. */
export async function listMonthPartitions<DB>(
  db: Kysely<DB>,
  schema: AuditSchema,
): Promise<MonthPartition[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name
    from pg_catalog.pg_inherits i
    join pg_catalog.pg_class c on c.oid = i.inhrelid
    where i.inhparent = ${`${schema.name}.audit_entry`}::regclass`.execute(db);
  return rows
    .flatMap((r) => {
      const m = NAME.exec(r.name);
      if (!m) return [];
      const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
      return [{ name: r.name, from, to: monthStart(from, 1) }];
    })
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * Creates month partitions ahead of the entries that need them: the month of a batch and the next
 * one, so a month always exists before its first entry (no default partition: a row with no month
 * to go to fails its batch, fail-closed, rather than landing somewhere pruning cannot see). Done
 * outside the append transaction: creating a partition locks the parent table, briefly, once a month.
 */
export class MonthPartitions {
  private readonly ensured = new Set<number>();

  constructor(
    private readonly db: Kysely<AuditDatabase>,
    private readonly schema: AuditSchema,
  ) {}

  /** Makes sure the partitions for `time`'s month and the next exist (cached after the first call). */
  async ensureFor(time: Date): Promise<void> {
    for (const month of [monthStart(time), monthStart(time, 1)]) {
      if (this.ensured.has(month.getTime())) continue;
      const day = month.toISOString().slice(0, 10);
      await sql`select ${this.schema.table('audit_ensure_partition')}(${day}::date)`.execute(this.db);
      this.ensured.add(month.getTime());
    }
  }
}
