import type { FastifyPluginAsync } from 'fastify';
import { apiTokenRoutes } from './api-token-routes.js';
import { authRoutes } from './auth-routes.js';
import type { IdentityContext } from './identity-context.js';
import { oidcRoutes } from './oidc-routes.js';
import { staffRoutes } from './staff-routes.js';

/** Every identity route, for registration inside the /api/v1 prefix. */
export const identityRoutes: FastifyPluginAsync<{ ctx: IdentityContext }> = async (api, { ctx }) => {
  await api.register(authRoutes, { ctx });
  await api.register(oidcRoutes, { ctx });
  await api.register(staffRoutes, { ctx });
  await api.register(apiTokenRoutes, { ctx });
};
