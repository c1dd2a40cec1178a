import type { Jwks } from '@tongban/crypto';
import type { Catalog } from '@tongban/domain';

export interface Registration {
  readonly platformUrl: string;
  readonly token: string;
  readonly name: string;
  readonly deptCode: string;
  /** The URL the platform reaches this node at. */
  readonly baseUrl: string;
}

/**
 * Registers (or re-registers) this node in the platform's directory: its endpoint, its current
 * public keys and the types it answers for. Idempotent; called on start and on a timer so a key
 * rotation reaches the platform without an operator.
 */
export async function registerWithPlatform(
  r: Registration,
  jwks: Jwks,
  catalog: Catalog,
  servedTypeCodes: ReadonlySet<string>,
): Promise<{ readonly ok: boolean; readonly status: number }> {
  const typeCodes = catalog.certificateTypes
    .filter((t) => t.issuingDeptCodes.includes(r.deptCode) || servedTypeCodes.has(t.code))
    .map((t) => t.code);
  const res = await fetch(`${r.platformUrl}/api/v1/directory/nodes/${r.deptCode}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${r.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: r.name, baseUrl: r.baseUrl, jwks, typeCodes }),
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return { ok: res.ok, status: res.status };
}
