import type { SelectStatement } from './sql-query.js';

/** What the SQL adapter needs of a database: one parameterised SELECT at a time, and closing. */
export interface SqlDriver {
  /**
   * Runs `statement` and gives its rows as arrays in the order of `statement.columns`. Dates come as
   * text (no time zone shifts them). The server is told to give up after `timeoutMs`; when `signal`
   * fires the connection is dropped, so that a hung upstream does not keep it.
   */
  select(statement: SelectStatement, timeoutMs: number, signal: AbortSignal): Promise<unknown[][]>;
  /** Ends the pool; queries in flight fail. */
  close(): Promise<void>;
}
