export { createCaseRepository } from './case-repository.js';
export { createAgreementRepository } from './agreement-repository.js';
export { createDirectoryRepository } from './directory-repository.js';
export { createSealedCopyRepository } from './sealed-copy-repository.js';
export { createIdempotencyRepository } from './idempotency-repository.js';
export { createConsultRepositories, type ConsultRepositories } from './create-consult-repositories.js';
