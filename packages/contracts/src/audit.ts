import { Type } from 'typebox';

const hex32 = Type.String({ pattern: '^[0-9a-f]{64}$', description: '32 bytes, lowercase hex' });

const TreeHeadSignatureSchema = Type.Object({
  kid: Type.String({ description: 'RFC 7638 thumbprint of the signing key' }),
  alg: Type.String({ description: 'EdDSA, ES256 or SM2SM3' }),
  signature: Type.String({
    description: 'base64url, over the canonical JSON of {hashAlg, rootHash, timestamp, treeSize}',
  }),
});

export const SignedTreeHeadSchema = Type.Object(
  {
    treeSize: Type.Integer({ minimum: 0 }),
    rootHash: hex32,
    timestamp: Type.String({ format: 'date-time' }),
    hashAlg: Type.Union([Type.Literal('sha-256'), Type.Literal('sm3')]),
    logSignature: TreeHeadSignatureSchema,
    witnessSignature: Type.Optional(TreeHeadSignatureSchema),
  },
  { $id: 'SignedTreeHead', title: 'Signed tree head of the audit log (RFC 9162 manner)' },
);

export const AuditEntrySchema = Type.Object(
  {
    index: Type.Integer({ minimum: 0 }),
    time: Type.String({ format: 'date-time' }),
    operation: Type.String({
      description: 'dotted: consult.granted, node.lookup, catalog.version.published, ...',
    }),
    actor: Type.String(),
    subject: Type.Optional(Type.String({ description: 'the data subject (holder ID)' })),
    purpose: Type.Optional(
      Type.Object({
        itemCode: Type.Optional(Type.String()),
        caseNo: Type.Optional(Type.String()),
        deptCode: Type.Optional(Type.String()),
      }),
    ),
    outcome: Type.String(),
    requestId: Type.String(),
    details: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    ),
  },
  { $id: 'AuditEntry', title: 'Audit log entry' },
);

export const AuditEntryWithLeafSchema = Type.Object({
  entry: Type.Ref('AuditEntry'),
  leafHash: hex32,
});

export const InclusionProofSchema = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  treeSize: Type.Integer({ minimum: 1 }),
  proof: Type.Array(hex32, { description: 'the audit path, leaf to root (RFC 9162 §2.1.3)' }),
});

export const ConsistencyProofSchema = Type.Object({
  from: Type.Integer({ minimum: 0 }),
  to: Type.Integer({ minimum: 0 }),
  proof: Type.Array(hex32, { description: 'RFC 9162 §2.1.4' }),
});

export const JwksSchema = Type.Object(
  {
    keys: Type.Array(
      Type.Object({ kty: Type.String(), kid: Type.Optional(Type.String()) }, { additionalProperties: true }),
    ),
  },
  { $id: 'Jwks', title: 'JSON Web Key Set (public keys only)' },
);
