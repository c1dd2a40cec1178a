import { Type } from 'typebox';

/** Schemas of the department node's API (`/node/v1/...`), which only the platform calls. */

const code = (description: string) =>
  Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z._:-]+$', description });

export const HolderSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
    id: Type.String({ minLength: 1, maxLength: 32, description: '公民身份号码 or 统一社会信用代码' }),
  },
  { additionalProperties: false },
);

export const LookupRequestSchema = Type.Object(
  {
    requestId: code('the platform id of this lookup (in both audit logs)'),
    typeCode: Type.String({ pattern: '^[0-9A-Z]{18}[0-9]{3}$', description: 'certificate type code' }),
    certificateId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 128, description: 'GB/T 36904 identifier' }),
    ),
    holder: Type.Optional(HolderSchema),
    fields: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      minItems: 1,
      maxItems: 64,
      description: 'exactly the fields the material declares',
    }),
    purpose: Type.Object(
      {
        itemCode: code('the service item'),
        caseNo: code('the case'),
        deptCode: Type.String({ pattern: '^[0-9A-Z]{18}$', description: 'the department handling the case' }),
        clerkId: code('the clerk who asked'),
        agreementId: Type.Optional(code('the sharing agreement, for a conditionally shared type')),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'LookupRequest', additionalProperties: false, title: 'A signed lookup from the platform' },
);

export const ReleasedRecordSchema = Type.Object(
  {
    certificateId: Type.String(),
    typeCode: Type.String(),
    issuerCode: Type.String(),
    holder: HolderSchema,
    status: Type.Union(
      ['valid', 'suspended', 'revoked', 'cancelled', 'expired', 'withdrawn'].map((s) => Type.Literal(s)),
    ),
    validFrom: Type.String({ format: 'date' }),
    validUntil: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    version: Type.Integer({ minimum: 1 }),
    fields: Type.Record(Type.String(), Type.Unknown(), { description: 'only the requested fields' }),
  },
  { $id: 'ReleasedRecord' },
);

export const LookupAnswerSchema = Type.Object(
  {
    requestId: Type.String(),
    nodeId: Type.String({ description: "the node's department (credit code)" }),
    answeredAt: Type.String({ format: 'date-time' }),
    outcome: Type.Union([
      Type.Literal('found'),
      Type.Literal('not_found'),
      Type.Literal('denied'),
      Type.Literal('unavailable'),
    ]),
    reason: Type.Optional(Type.String({ description: 'why a lookup was denied (stable code)' })),
    record: Type.Optional(ReleasedRecordSchema),
  },
  {
    $id: 'LookupAnswer',
    description:
      'Signed by the node (RFC 9421 over @status, content-digest, content-type and tongban-request-digest) and bound to the request it answers',
  },
);

export const IssueRequestSchema = Type.Object(
  {
    requestId: code('the platform id of this request'),
    caseNo: code('the concluded case'),
    outputCode: code('the item output this certificate is'),
    typeCode: Type.String({ pattern: '^[0-9A-Z]{18}[0-9]{3}$' }),
    holder: HolderSchema,
    issuerCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{18}$' })),
    fields: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown()),
    validFrom: Type.String({ format: 'date' }),
    validUntil: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
    clerkId: code('who decided the case'),
  },
  { $id: 'IssueRequest', additionalProperties: false },
);

export const IssueAnswerSchema = Type.Object(
  {
    certificateId: Type.String(),
    version: Type.Integer(),
    created: Type.Boolean({ description: 'false when this case and output were issued before' }),
    record: ReleasedRecordSchema,
  },
  { $id: 'IssueAnswer' },
);

const TypeQualitySchema = Type.Object({
  typeCode: Type.String(),
  records: Type.Integer(),
  complete: Type.Integer(),
  valid: Type.Integer(),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  newestChange: Type.Union([Type.String(), Type.Null()]),
  newestChangeAgeDays: Type.Union([Type.Number(), Type.Null()]),
  validButExpired: Type.Integer(),
  duplicates: Type.Integer(),
  quarantined: Type.Integer(),
});

export const QualityReportSchema = Type.Object(
  { asOf: Type.String(), types: Type.Array(TypeQualitySchema) },
  {
    $id: 'QualityReport',
    title: '谁提供、谁负责: completeness, validity, timeliness and duplicates per type',
  },
);
