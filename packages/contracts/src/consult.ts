import { Type } from 'typebox';
import { HolderSchema } from './node.js';

/** Schemas of the consult API: cases, agreements, the directory, consult, seals and federation. */

const CREDIT_CODE = '^[0-9A-HJ-NPQRTUWXY]{18}$';
const TYPE_CODE = '^[0-9A-Z]{18}[0-9]{3}$';
const creditCode = (description: string) => Type.String({ pattern: CREDIT_CODE, description });
const code = (description: string) =>
  Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z._:-]+$', description });
const fieldNames = Type.Array(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_]+$' }), {
  minItems: 1,
  maxItems: 64,
  uniqueItems: true,
});

export const CaseNoParams = Type.Object({
  caseNo: Type.String({ pattern: '^[0-9]{23}$', description: '办件编号' }),
});

const ExplicitRequestInput = Type.Object(
  {
    method: Type.Union([Type.Literal('signed_form'), Type.Literal('signature_pad'), Type.Literal('online')], {
      description: 'how the applicant asked for their data to be fetched',
    }),
  },
  { additionalProperties: false },
);

export const OpenCaseRequestSchema = Type.Object(
  {
    itemCode: code('the service item (实施编码)'),
    applicant: HolderSchema,
    applicantName: Type.String({ minLength: 1, maxLength: 100 }),
    explicitRequest: Type.Optional(ExplicitRequestInput),
  },
  { $id: 'OpenCaseRequest', additionalProperties: false },
);

export const ExplicitRequestSchema = ExplicitRequestInput;

export const CaseSchema = Type.Object(
  {
    caseNo: Type.String(),
    itemCode: Type.String(),
    catalogVersion: Type.Integer(),
    applicant: HolderSchema,
    applicantName: Type.String(),
    deptCode: Type.String(),
    clerkId: Type.String(),
    status: Type.String(),
    explicitRequest: Type.Union([
      Type.Object({ recordedAt: Type.String(), recordedBy: Type.String(), method: Type.String() }),
      Type.Null(),
    ]),
    openedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Case', title: '办件 (the part consult needs)' },
);

const MaterialOutcomeSchema = Type.Object({
  status: Type.Union(['shared', 'not_found', 'unavailable', 'denied'].map((s) => Type.Literal(s))),
  sealId: Type.Optional(Type.String()),
  seal: Type.Optional(Type.String({ description: 'compact JWS over the canonical seal payload' })),
  peerSeal: Type.Optional(
    Type.String({ description: "the peer platform's own seal, when it came through one" }),
  ),
  reason: Type.Optional(Type.String({ description: 'stable code: why denied or unavailable' })),
  by: Type.Optional(Type.String({ description: 'who denied: platform, node or peer' })),
});

export const ConsultAnswerSchema = Type.Object(
  {
    caseNo: Type.String(),
    itemCode: Type.String(),
    consultedAt: Type.String({ format: 'date-time' }),
    materials: Type.Array(
      Type.Object({
        name: Type.String(),
        required: Type.Boolean(),
        typeCode: Type.String(),
        outcome: MaterialOutcomeSchema,
      }),
    ),
    stillToBring: Type.Array(Type.String(), { description: 'materials the applicant must still bring' }),
  },
  { $id: 'ConsultAnswer' },
);

export const SealedCopySchema = Type.Object(
  {
    sealId: Type.String(),
    caseNo: Type.String(),
    typeCode: Type.String(),
    certificateId: Type.String(),
    seal: Type.String(),
    peerSeal: Type.Union([Type.String(), Type.Null()]),
    issuedAt: Type.String(),
    expiresAt: Type.String(),
  },
  { $id: 'SealedCopy' },
);

export const RequestAgreementSchema = Type.Object(
  {
    providerDeptCode: creditCode('the department whose node holds the type'),
    itemCode: code('the item the data is for'),
    typeCode: Type.String({ pattern: TYPE_CODE }),
    fields: fieldNames,
    basis: Type.String({ minLength: 1, maxLength: 2000, description: 'legal basis and reason' }),
  },
  { $id: 'RequestAgreement', additionalProperties: false },
);

export const ApproveAgreementSchema = Type.Object(
  {
    validUntil: Type.String({ format: 'date-time', description: 'when the agreement expires' }),
  },
  { additionalProperties: false },
);

export const AgreementSchema = Type.Object(
  {
    agreementId: Type.String(),
    providerDeptCode: Type.String(),
    requesterDeptCode: Type.String(),
    itemCode: Type.String(),
    typeCode: Type.String(),
    fields: Type.Array(Type.String()),
    basis: Type.String(),
    status: Type.String(),
    requestedBy: Type.String(),
    requestedAt: Type.String(),
    decidedBy: Type.Union([Type.String(), Type.Null()]),
    decidedAt: Type.Union([Type.String(), Type.Null()]),
    validFrom: Type.Union([Type.String(), Type.Null()]),
    validUntil: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'SharingAgreement', title: '共享申请' },
);

export const AgreementIdParams = Type.Object({
  agreementId: Type.String({ pattern: '^[0-9a-f-]{36}$' }),
});

const JwksInput = Type.Object(
  { keys: Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: 16 }) },
  { additionalProperties: false },
);

export const RegisterEntrySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    baseUrl: Type.String({ minLength: 8, maxLength: 500, pattern: '^https?://' }),
    jwks: JwksInput,
    typeCodes: Type.Array(Type.String({ pattern: TYPE_CODE }), { maxItems: 1000, uniqueItems: true }),
  },
  { $id: 'RegisterEntry', additionalProperties: false },
);

export const DirectoryEntrySchema = Type.Object(
  {
    entryId: Type.String(),
    kind: Type.String(),
    name: Type.String(),
    baseUrl: Type.String(),
    jwks: Type.Object({ keys: Type.Array(Type.Unknown()) }),
    typeCodes: Type.Array(Type.String()),
    registeredAt: Type.String(),
    updatedAt: Type.String(),
    health: Type.Object({
      lastSuccessAt: Type.Union([Type.String(), Type.Null()]),
      lastFailureAt: Type.Union([Type.String(), Type.Null()]),
      lastFailure: Type.Union([Type.String(), Type.Null()]),
      consecutiveFailures: Type.Integer(),
      successes: Type.Integer(),
      failures: Type.Integer(),
      latencyMs: Type.Union([Type.Number(), Type.Null()]),
    }),
  },
  { $id: 'DirectoryEntry' },
);

export const SealVerifyRequestSchema = Type.Object(
  { seal: Type.String({ minLength: 1, maxLength: 65536 }) },
  { $id: 'SealVerifyRequest', additionalProperties: false },
);

export const SealVerifyAnswerSchema = Type.Object(
  {
    valid: Type.Boolean(),
    reason: Type.Optional(Type.String({ description: 'why the seal fails (stable code)' })),
    detail: Type.Optional(Type.String()),
    kid: Type.Optional(Type.String()),
    sealId: Type.Optional(Type.String()),
    expiresAt: Type.Optional(Type.String()),
    watermark: Type.Optional(Type.String()),
    sourceStatus: Type.Optional(Type.String({ description: 'the certificate status at its source now' })),
  },
  { $id: 'SealVerifyAnswer' },
);

export const FederationConsultSchema = Type.Object(
  {
    requestId: code('the requesting platform id of this consult'),
    platformId: code('the requesting platform'),
    typeCode: Type.String({ pattern: TYPE_CODE }),
    holder: HolderSchema,
    fields: fieldNames,
    itemName: Type.String({ minLength: 1, maxLength: 200 }),
    explicitRequest: Type.Boolean(),
    purpose: Type.Object(
      {
        itemCode: code('the item at the requesting platform'),
        caseNo: code('the case at the requesting platform'),
        deptCode: creditCode('the department handling the case'),
        clerkId: code('the clerk who asked'),
        agreementId: Type.Optional(code('the agreement at the requesting platform')),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'FederationConsult', additionalProperties: false },
);

/** Every named schema of the consult API, for `addSchema`. */
export const consultSchemas = [
  CaseSchema,
  OpenCaseRequestSchema,
  ConsultAnswerSchema,
  SealedCopySchema,
  RequestAgreementSchema,
  AgreementSchema,
  RegisterEntrySchema,
  DirectoryEntrySchema,
  SealVerifyRequestSchema,
  SealVerifyAnswerSchema,
  FederationConsultSchema,
];
