import type {
  AgreementRepository,
  CaseRepository,
  DirectoryRepository,
  IdempotencyRepository,
  SealedCopyRepository,
} from '@tongban/domain';
import type { Kysely } from 'kysely';
import type { PlatformDatabase } from '../schema.js';
import { createAgreementRepository } from './agreement-repository.js';
import { createCaseRepository } from './case-repository.js';
import { createDirectoryRepository } from './directory-repository.js';
import { createIdempotencyRepository } from './idempotency-repository.js';
import { createSealedCopyRepository } from './sealed-copy-repository.js';

/** Every repository the consult module needs, on one platform database. */
export interface ConsultRepositories {
  readonly cases: CaseRepository;
  readonly agreements: AgreementRepository;
  readonly directory: DirectoryRepository;
  readonly sealedCopies: SealedCopyRepository;
  readonly idempotency: IdempotencyRepository;
}

export function createConsultRepositories(db: Kysely<PlatformDatabase>): ConsultRepositories {
  return {
    cases: createCaseRepository(db),
    agreements: createAgreementRepository(db),
    directory: createDirectoryRepository(db),
    sealedCopies: createSealedCopyRepository(db),
    idempotency: createIdempotencyRepository(db),
  };
}
