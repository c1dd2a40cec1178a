import { itemTypes } from '@tongban/domain';

/** The value of `format` in every catalog document we write and read. */
export const CATALOG_FORMAT = 'tongban-catalog';
/** The version of the catalog document format; bumped only for incompatible changes. */
export const CATALOG_FORMAT_VERSION = 1;

/** 统一社会信用代码 (GB 32100): 18 characters of the code alphabet (digits and capitals without I, O, S, V, Z). */
export const CREDIT_CODE_PATTERN = '^[0-9A-HJ-NPQRTUWXY]{18}$';
/** 证照类型代码: the defining department's credit code followed by 3 digits. */
export const TYPE_CODE_PATTERN = '^[0-9A-HJ-NPQRTUWXY]{18}[0-9]{3}$';
/**
 * A key that is not a credit code pattern-wise (item codes, references to departments): no whitespace
 * no control character and no list separator (`;` or the full-width `；`), so that it fits a
 * `;`-separated XLSX cell.
 */
export const CODE_PATTERN = '^[^\\s;；\\u0000-\\u001F\\u007F]+$';
/**
 * Free text: at least one non-space character, and no control character but tab and line feed (XML,
 * hence XLSX, cannot carry them, and a carriage return would not survive a round trip).
 */
export const TEXT_PATTERN = '^(?=[\\s\\S]*\\S)[^\\u0000-\\u0008\\u000B-\\u001F\\u007F]*$';
/** An entry of a `;`-separated list: no separator or control character inside, no space at either end. */
export const LIST_ENTRY_PATTERN = '^[^\\s;；](?:[^;；\\u0000-\\u001F\\u007F]*[^\\s;；])?$';
/** A field name of a certificate type: an identifier-like key without spaces or separators. */
const FIELD_NAME_PATTERN = CODE_PATTERN;

const text = (maxLength: number, description?: string) => ({
  type: 'string',
  minLength: 1,
  maxLength,
  pattern: TEXT_PATTERN,
  ...(description === undefined ? {} : { description }),
});

const list = (items: object, description: string) => ({
  type: 'array',
  uniqueItems: true,
  items,
  description,
});

/**
 * JSON Schema (2020-12) of our catalog document, mirroring the types of `@tongban/domain`'s catalog
 * (`Catalog`, `Department`, `CertificateType`, `ServiceItem`, ...). It is the single source of truth for
 * the shape of a catalog file: the JSON, YAML and XLSX readers all validate against it, and
 * `docs/catalog.schema.json` is this object, published (a test keeps the two equal).
 *
 * The schema checks shape and code syntax only. What needs the whole catalog (duplicate keys,
 * references between departments, types and items, check characters, legal bases, positive time
 * limits) is `validateCatalog`'s job, with its own issue codes.
 */
export const catalogSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:tongban:schema:catalog:1',
  title: 'Tongban catalog document (通办目录文件)',
  description:
    'Departments, certificate types and service items of one catalog. See docs/catalog-format.md. ' +
    'References between entries are checked by the importer, not by this schema.',
  type: 'object',
  required: ['format', 'formatVersion', 'departments', 'certificateTypes', 'items'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'Optional: where an editor finds this schema.' },
    format: { const: CATALOG_FORMAT },
    formatVersion: { const: CATALOG_FORMAT_VERSION },
    departments: { type: 'array', items: { $ref: '#/$defs/Department' } },
    certificateTypes: { type: 'array', items: { $ref: '#/$defs/CertificateType' } },
    items: { type: 'array', items: { $ref: '#/$defs/ServiceItem' } },
  },
  $defs: {
    CreditCode: {
      type: 'string',
      pattern: CREDIT_CODE_PATTERN,
      description: '统一社会信用代码: 18 characters, digits and capital letters except I, O, S, V, Z.',
    },
    DepartmentRef: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      pattern: CODE_PATTERN,
      description:
        'The key of a department of this catalog (its credit code). Checked against the departments ' +
        'by the importer, which also accepts the key of a department flagged CREDIT_CODE_INVALID.',
    },
    TypeCode: {
      type: 'string',
      pattern: TYPE_CODE_PATTERN,
      description: '证照类型代码: the defining department’s credit code followed by 3 digits.',
    },
    ItemCode: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      pattern: CODE_PATTERN,
      description: '实施编码 (or 基本编码): no spaces, no ";".',
    },
    FieldName: { type: 'string', minLength: 1, maxLength: 64, pattern: FIELD_NAME_PATTERN },
    Department: {
      title: '部门 (实施主体)',
      type: 'object',
      required: ['creditCode', 'name', 'level', 'vertical'],
      additionalProperties: false,
      properties: {
        creditCode: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
          pattern: CODE_PATTERN,
          description:
            '统一社会信用代码, the key. Must be a credit code unless flags holds CREDIT_CODE_INVALID.',
        },
        name: text(500),
        level: { enum: ['province', 'city', 'district'], description: '层级: 省级 / 市级 / 区县级' },
        vertical: { type: 'boolean', description: '是否垂管 (垂直管理部门)' },
        parentCode: { $ref: '#/$defs/DepartmentRef', description: '上级部门的统一社会信用代码' },
        flags: list(
          { enum: ['CREDIT_CODE_CHECK_MISMATCH', 'CREDIT_CODE_INVALID'] },
          '标记: kept by an importer',
        ),
      },
      if: {
        type: 'object',
        required: ['flags'],
        properties: { flags: { type: 'array', contains: { const: 'CREDIT_CODE_INVALID' } } },
      },
      then: true,
      else: { properties: { creditCode: { $ref: '#/$defs/CreditCode' } } },
    },
    ValidityRule: {
      title: '有效期规则',
      type: 'object',
      required: ['kind'],
      properties: { kind: { enum: ['permanent', 'term', 'stated'] } },
      allOf: [
        {
          if: { type: 'object', required: ['kind'], properties: { kind: { const: 'permanent' } } },
          then: { properties: { kind: true }, additionalProperties: false },
        },
        {
          if: { type: 'object', required: ['kind'], properties: { kind: { const: 'term' } } },
          then: {
            required: ['years'],
            properties: {
              kind: true,
              years: { type: 'integer', minimum: 1, maximum: 100, description: '有效年限' },
            },
            additionalProperties: false,
          },
        },
        {
          if: { type: 'object', required: ['kind'], properties: { kind: { const: 'stated' } } },
          then: { properties: { kind: true }, additionalProperties: false },
        },
      ],
    },
    FieldSchema: {
      title: '证照字段 (JSON Schema of one field)',
      type: 'object',
      required: ['type', 'title'],
      additionalProperties: false,
      properties: {
        type: { enum: ['string', 'number', 'integer', 'boolean', 'array', 'object'] },
        title: text(200, '中文名'),
        description: text(2000),
        format: { type: 'string', minLength: 1, maxLength: 64, pattern: CODE_PATTERN },
        pattern: { type: 'string', minLength: 1, maxLength: 1000 },
        enum: { type: 'array', minItems: 1, uniqueItems: true, items: { type: ['string', 'number'] } },
        maxLength: { type: 'integer', minimum: 0 },
        minimum: { type: 'number' },
        items: { $ref: '#/$defs/FieldSchema' },
      },
    },
    CertificateFieldsSchema: {
      title: '证照字段 (JSON Schema 2020-12 object schema)',
      type: 'object',
      required: ['type', 'properties'],
      additionalProperties: false,
      properties: {
        $schema: { const: 'https://json-schema.org/draft/2020-12/schema' },
        type: { const: 'object' },
        properties: {
          type: 'object',
          propertyNames: { $ref: '#/$defs/FieldName' },
          additionalProperties: { $ref: '#/$defs/FieldSchema' },
        },
        required: list({ $ref: '#/$defs/FieldName' }, '必填字段'),
        additionalProperties: { type: 'boolean' },
      },
    },
    CertificateType: {
      title: '证照类型',
      type: 'object',
      required: [
        'code',
        'name',
        'definingDeptCode',
        'issuingDeptCodes',
        'holderKind',
        'fields',
        'sharing',
        'grade',
        'trust',
        'validity',
      ],
      additionalProperties: false,
      properties: {
        code: { $ref: '#/$defs/TypeCode' },
        name: text(500),
        definingDeptCode: { $ref: '#/$defs/CreditCode', description: '定义部门 (usually national)' },
        issuingDeptCodes: list({ $ref: '#/$defs/DepartmentRef' }, '颁发部门'),
        holderKind: {
          enum: ['person', 'organisation'],
          description: '持证主体类型: 自然人 / 法人和其他组织',
        },
        fields: { $ref: '#/$defs/CertificateFieldsSchema' },
        sharing: {
          enum: ['unconditional', 'conditional', 'none'],
          description: '共享类型: 无条件共享 / 有条件共享 / 不予共享',
        },
        legalBasis: text(32767, '共享依据: required unless sharing is unconditional'),
        grade: { enum: [1, 2, 3, 4], description: '敏感级别: 1 public … 4 most sensitive' },
        trust: { enum: ['A', 'B', 'C', 'D'], description: '可信等级' },
        validity: { $ref: '#/$defs/ValidityRule' },
      },
    },
    TimeLimit: {
      description: 'A time limit in days, or null for 无.',
      type: ['object', 'null'],
      required: ['days', 'unit'],
      additionalProperties: false,
      properties: {
        days: { type: 'number' },
        unit: { enum: ['working', 'natural'], description: '工作日 / 自然日' },
      },
    },
    MaterialSource: {
      title: '材料来源渠道',
      type: 'object',
      required: ['kind'],
      properties: { kind: { enum: ['certificate', 'applicant', 'prior-case'] } },
      allOf: [
        {
          if: { type: 'object', required: ['kind'], properties: { kind: { const: 'certificate' } } },
          then: {
            required: ['typeCode', 'fields'],
            properties: {
              kind: true,
              typeCode: { $ref: '#/$defs/TypeCode' },
              fields: list({ $ref: '#/$defs/FieldName' }, '所需字段: only these may be consulted'),
            },
            additionalProperties: false,
          },
        },
        {
          if: { type: 'object', required: ['kind'], properties: { kind: { const: 'applicant' } } },
          then: { properties: { kind: true }, additionalProperties: false },
        },
        {
          if: { type: 'object', required: ['kind'], properties: { kind: { const: 'prior-case' } } },
          then: {
            required: ['itemCode'],
            properties: { kind: true, itemCode: { $ref: '#/$defs/ItemCode' } },
            additionalProperties: false,
          },
        },
      ],
    },
    Material: {
      title: '申请材料',
      type: 'object',
      required: ['name', 'required', 'source'],
      additionalProperties: false,
      properties: {
        name: text(500),
        required: { type: 'boolean', description: '必要性' },
        source: { $ref: '#/$defs/MaterialSource' },
      },
    },
    ServiceItem: {
      title: '政务服务事项',
      type: 'object',
      required: [
        'itemCode',
        'baseCode',
        'name',
        'deptCode',
        'type',
        'statutoryDays',
        'promisedDays',
        'materials',
        'outputs',
        'followUps',
        'serviceObjects',
      ],
      additionalProperties: false,
      properties: {
        itemCode: { $ref: '#/$defs/ItemCode' },
        baseCode: { $ref: '#/$defs/ItemCode' },
        name: text(500),
        deptCode: { $ref: '#/$defs/DepartmentRef', description: '实施主体' },
        type: { enum: [...itemTypes], description: '事项类型' },
        statutoryDays: { $ref: '#/$defs/TimeLimit', description: '法定办结时限' },
        promisedDays: { $ref: '#/$defs/TimeLimit', description: '承诺办结时限' },
        materials: { type: 'array', items: { $ref: '#/$defs/Material' } },
        outputs: list({ $ref: '#/$defs/TypeCode' }, '产出证照'),
        followUps: list({ $ref: '#/$defs/ItemCode' }, '后续事项'),
        serviceObjects: list(
          { type: 'string', minLength: 1, maxLength: 100, pattern: LIST_ENTRY_PATTERN },
          '服务对象 (自然人, 企业法人, ...)',
        ),
      },
    },
  },
} as const;
