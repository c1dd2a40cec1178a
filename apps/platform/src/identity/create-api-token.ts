import { randomUUID } from 'node:crypto';
import {
  assertMayAdminister,
  DomainError,
  type ApiTokenRecord,
  type Principal,
  type StaffRole,
} from '@tongban/domain';
import { newToken, tokenHash } from './bearer-token.js';
import { auditIdentity, type IdentityContext } from './identity-context.js';

export interface ApiTokenInput {
  readonly name: string;
  readonly deptCode: string;
  readonly roles: readonly StaffRole[];
  readonly expiresAt?: Date | undefined;
}

/**
 * Issues an API token for another system acting for a department: a platform_admin for any
 * department, a dept_admin for its own (without platform_admin). The token (`tbt_…`) is in this
 * answer only; the platform keeps its SHA-256. Audit: `api_token.created`.
 */
export async function createApiToken(
  ctx: IdentityContext,
  actor: Principal,
  input: ApiTokenInput,
  requestId: string,
): Promise<ApiTokenRecord & { readonly token: string }> {
  assertMayAdminister(actor, input.deptCode, input.roles);
  if (input.expiresAt && input.expiresAt.getTime() <= ctx.clock().getTime())
    throw new DomainError('VALIDATION_FAILED', 'expiresAt must be in the future', { field: 'expiresAt' });
  const token = newToken('api');
  const record = await ctx.repo.createApiToken({
    id: randomUUID(),
    tokenHash: tokenHash(token),
    name: input.name,
    deptCode: input.deptCode,
    roles: [...new Set(input.roles)],
    createdBy: actor.id,
    expiresAt: input.expiresAt,
  });
  await auditIdentity(ctx, {
    operation: 'api_token.created',
    actor: actor.id,
    purpose: { deptCode: record.deptCode },
    outcome: 'ok',
    requestId,
    details: { tokenId: record.id, name: record.name, roles: record.roles.join(',') },
  });
  return { ...record, token };
}
