// Staff identity on PGlite and PostgreSQL: accounts, sessions, API tokens (migration 0201).
export { createIdentityRepository } from './create-identity-repository.js';
