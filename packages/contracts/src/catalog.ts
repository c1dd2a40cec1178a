import { Type, type Static } from 'typebox';

/**
 * The catalog's HTTP shapes. They mirror the domain types in @tongban/domain (catalog/types.ts);
 * `contracts.test.ts` checks that a domain catalog validates against them, so the two cannot drift.
 */
/** Kept loose on purpose: an imported catalog may hold a flagged department whose key is not a valid code. */
const creditCode = Type.String({ description: '统一社会信用代码 (18 characters)', maxLength: 64 });

export const DepartmentSchema = Type.Object(
  {
    creditCode,
    name: Type.String(),
    level: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('district')]),
    vertical: Type.Boolean({ description: '垂管部门' }),
    parentCode: Type.Optional(creditCode),
    flags: Type.Optional(
      Type.Array(
        Type.Union([Type.Literal('CREDIT_CODE_CHECK_MISMATCH'), Type.Literal('CREDIT_CODE_INVALID')]),
      ),
    ),
  },
  { $id: 'Department', title: 'Department (实施主体)' },
);

const FieldSchemaSchema = Type.Object(
  { type: Type.String(), title: Type.String({ description: 'Chinese label' }) },
  { additionalProperties: true, description: 'A JSON Schema 2020-12 property schema with a Chinese title' },
);

export const CertificateTypeSchema = Type.Object(
  {
    code: Type.String({
      pattern: '^[0-9A-HJ-NPQRTUWXY]{18}[0-9]{3}$',
      description: 'defining authority credit code + 3 digits',
    }),
    name: Type.String(),
    definingDeptCode: creditCode,
    issuingDeptCodes: Type.Array(Type.String()),
    holderKind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
    fields: Type.Object(
      {
        $schema: Type.Optional(Type.String()),
        type: Type.Literal('object'),
        properties: Type.Record(Type.String(), FieldSchemaSchema),
        required: Type.Optional(Type.Array(Type.String())),
        additionalProperties: Type.Optional(Type.Boolean()),
      },
      { description: 'The fields as a JSON Schema 2020-12 object schema' },
    ),
    sharing: Type.Union([Type.Literal('unconditional'), Type.Literal('conditional'), Type.Literal('none')]),
    legalBasis: Type.Optional(Type.String()),
    grade: Type.Integer({ minimum: 1, maximum: 4, description: '敏感级别' }),
    trust: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D')]),
    validity: Type.Union([
      Type.Object({ kind: Type.Literal('permanent') }),
      Type.Object({ kind: Type.Literal('term'), years: Type.Number({ exclusiveMinimum: 0 }) }),
      Type.Object({ kind: Type.Literal('stated') }),
    ]),
  },
  { $id: 'CertificateType', title: 'Certificate type (证照类型)' },
);

const TimeLimitSchema = Type.Union([
  Type.Object({
    days: Type.Number({ exclusiveMinimum: 0 }),
    unit: Type.Union([Type.Literal('working'), Type.Literal('natural')]),
  }),
  Type.Null({ description: '无: no time limit' }),
]);

export const MaterialSchema = Type.Object(
  {
    name: Type.String(),
    required: Type.Boolean(),
    source: Type.Union([
      Type.Object({
        kind: Type.Literal('certificate'),
        typeCode: Type.String(),
        fields: Type.Array(Type.String()),
      }),
      Type.Object({ kind: Type.Literal('applicant') }),
      Type.Object({ kind: Type.Literal('prior-case'), itemCode: Type.String() }),
    ]),
  },
  { $id: 'Material', title: 'Application material (申请材料)' },
);

export const ServiceItemSchema = Type.Object(
  {
    itemCode: Type.String({ description: '实施编码, the key' }),
    baseCode: Type.String({ description: '基本编码' }),
    name: Type.String(),
    deptCode: Type.String(),
    type: Type.String({ description: '事项类型 (行政许可, 公共服务, ...)' }),
    statutoryDays: TimeLimitSchema,
    promisedDays: TimeLimitSchema,
    materials: Type.Array(Type.Ref('Material')),
    outputs: Type.Array(Type.String()),
    followUps: Type.Array(Type.String()),
    serviceObjects: Type.Array(Type.String()),
  },
  { $id: 'ServiceItem', title: 'Service item (政务服务事项)' },
);

export const CatalogVersionSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    publishedAt: Type.String({ format: 'date-time' }),
    publishedBy: Type.String(),
    note: Type.String(),
    digest: Type.String({ description: 'SHA-256 of the canonical catalog, hex' }),
    counts: Type.Object({
      departments: Type.Integer(),
      certificateTypes: Type.Integer(),
      items: Type.Integer(),
    }),
  },
  { $id: 'CatalogVersion', title: 'Catalog version' },
);

const EntityDiffSchema = Type.Object({
  added: Type.Array(Type.String()),
  removed: Type.Array(Type.String()),
  changed: Type.Array(
    Type.Object({
      key: Type.String(),
      changes: Type.Array(
        Type.Object({ path: Type.String(), before: Type.Unknown(), after: Type.Unknown() }),
      ),
    }),
  ),
});

export const CatalogDiffSchema = Type.Object(
  {
    from: Type.Integer(),
    to: Type.Integer(),
    departments: EntityDiffSchema,
    certificateTypes: EntityDiffSchema,
    items: EntityDiffSchema,
  },
  { $id: 'CatalogDiff', title: 'Differences between two catalog versions' },
);

export type DepartmentDto = Static<typeof DepartmentSchema>;
export type ServiceItemDto = Static<typeof ServiceItemSchema>;
