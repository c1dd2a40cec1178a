import type { AuditEntry, AuditLog } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';

/** Fictional departments (valid check characters are not needed for accounts, only the shape). */
export const DEPT_A = '11330100MB0000001X';
export const DEPT_B = '11330100MB0000002X';

export interface Answer {
  readonly status: number;
  // Tests read parsed JSON answers freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly headers: Record<string, unknown>;
}

/** One JSON request through inject, with an optional bearer token. */
export async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  options: { token?: string | undefined; body?: unknown; raw?: string; contentType?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined)
    headers['content-type'] = options.contentType ?? 'application/json';
  const res = await app.inject({
    method,
    url,
    headers,
    ...(options.raw !== undefined
      ? { payload: options.raw }
      : options.body !== undefined
        ? { payload: JSON.stringify(options.body) }
        : {}),
  });
  return {
    status: res.statusCode,
    body: res.body === '' ? undefined : res.json<unknown>(),
    headers: res.headers,
  };
}

/** Every entry in the log, oldest first. */
export async function auditEntries(log: AuditLog): Promise<AuditEntry[]> {
  const size = await log.size();
  const entries: AuditEntry[] = [];
  for (let i = 0; i < size; i++) {
    const e = await log.findEntry(i);
    if (e) entries.push(e);
  }
  return entries;
}
