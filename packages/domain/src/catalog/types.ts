/**
 * The catalog (证照目录 / 共享目录 and 事项目录): departments, certificate types and service items, as a
 * real government keeps them. Plain data: every value here can be written to JSON and read back.
 */

/** 层级: the administrative level of a department. */
export type DepartmentLevel = 'province' | 'city' | 'district';

/** Something an importer noticed about a department and kept rather than dropped. */
export type DepartmentFlag =
  /** The credit code does not satisfy the GB 32100 check character (legal for some early codes). */
  | 'CREDIT_CODE_CHECK_MISMATCH'
  /** The key is not a 统一社会信用代码 at all (wrong length or alphabet). */
  | 'CREDIT_CODE_INVALID';

/** 实施主体 / 职能部门, keyed by its 统一社会信用代码. */
export interface Department {
  /** 统一社会信用代码 (18 characters), the key. */
  readonly creditCode: string;
  readonly name: string;
  readonly level: DepartmentLevel;
  /** 垂管部门: runs a system handed down from above, joined through an adapter. */
  readonly vertical: boolean;
  /** Credit code of the parent department, if any. */
  readonly parentCode?: string | undefined;
  readonly flags?: readonly DepartmentFlag[] | undefined;
}

export type HolderKind = 'person' | 'organisation';

/** 无条件共享 / 有条件共享 / 不予共享 (国发〔2016〕51号). */
export type SharingClass = 'unconditional' | 'conditional' | 'none';

/** 可信等级 (国办函〔2016〕108号): A issued by the source, B checked by a clerk, C uploaded, D self-declared. */
export type TrustLevel = 'A' | 'B' | 'C' | 'D';

/** 敏感级别: 1 public … 4 most sensitive. Drives masking, alerts and retention. */
export type SensitivityGrade = 1 | 2 | 3 | 4;

/** How long a certificate of this type is valid. */
export type ValidityRule =
  | { readonly kind: 'permanent' }
  /** Valid for a fixed term from issue. */
  | { readonly kind: 'term'; readonly years: number }
  /** The validity period is stated on each certificate (for example 营业期限). */
  | { readonly kind: 'stated' };

/** One field of a certificate type as JSON Schema 2020-12, with its Chinese label in `title`. */
export interface FieldSchema {
  readonly type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  readonly title: string;
  readonly description?: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly enum?: readonly (string | number)[];
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly items?: FieldSchema;
}

/** The fields of a certificate type: a JSON Schema (2020-12) object schema. */
export interface CertificateFieldsSchema {
  readonly $schema?: 'https://json-schema.org/draft/2020-12/schema';
  readonly type: 'object';
  readonly properties: Readonly<Record<string, FieldSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
}

/** 证照类型. */
export interface CertificateType {
  /** Defining authority's credit code + 3 digits (21 characters). */
  readonly code: string;
  readonly name: string;
  /** Credit code of the department that defines the type (usually national). */
  readonly definingDeptCode: string;
  /** Credit codes of the departments that issue certificates of this type in this catalog. */
  readonly issuingDeptCodes: readonly string[];
  readonly holderKind: HolderKind;
  readonly fields: CertificateFieldsSchema;
  readonly sharing: SharingClass;
  /** The legal basis for conditional or no sharing (required unless unconditional). */
  readonly legalBasis?: string | undefined;
  readonly grade: SensitivityGrade;
  readonly trust: TrustLevel;
  readonly validity: ValidityRule;
}

/** 事项类型, as in the national item standard. */
export const itemTypes = [
  '行政许可',
  '行政处罚',
  '行政强制',
  '行政征收',
  '行政给付',
  '行政检查',
  '行政确认',
  '行政奖励',
  '行政裁决',
  '其他行政权力',
  '公共服务',
] as const;
export type ItemType = (typeof itemTypes)[number];

/** A time limit in days; `null` where the catalog says 无 (none). */
export interface TimeLimit {
  readonly days: number;
  readonly unit: 'working' | 'natural';
}

/** Where a material comes from (材料来源渠道). */
export type MaterialSource =
  /** A certificate some department holds; only `fields` may be consulted for this item. */
  | { readonly kind: 'certificate'; readonly typeCode: string; readonly fields: readonly string[] }
  /** The applicant brings it. */
  | { readonly kind: 'applicant' }
  /** The result of an earlier case of another item. */
  | { readonly kind: 'prior-case'; readonly itemCode: string };

/** 申请材料. */
export interface Material {
  readonly name: string;
  readonly required: boolean;
  readonly source: MaterialSource;
}

/** 政务服务事项. */
export interface ServiceItem {
  /** 实施编码, the key. */
  readonly itemCode: string;
  /** 基本编码. */
  readonly baseCode: string;
  readonly name: string;
  /** Credit code of the 实施主体. */
  readonly deptCode: string;
  readonly type: ItemType;
  /** 法定办结时限; null for 无. */
  readonly statutoryDays: TimeLimit | null;
  /** 承诺办结时限; null for 无. */
  readonly promisedDays: TimeLimit | null;
  readonly materials: readonly Material[];
  /** Certificate type codes this item issues. */
  readonly outputs: readonly string[];
  /** Item codes that usually follow this one (service chains). */
  readonly followUps: readonly string[];
  /** 服务对象 (自然人, 企业法人, ...). */
  readonly serviceObjects: readonly string[];
}

/** A whole catalog: what an import reads and what a version freezes. */
export interface Catalog {
  readonly departments: readonly Department[];
  readonly certificateTypes: readonly CertificateType[];
  readonly items: readonly ServiceItem[];
}

/** A published, immutable catalog version. */
export interface CatalogVersion {
  readonly version: number;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly note: string;
  /** SHA-256 of the canonical JSON of the catalog, hex. */
  readonly digest: string;
  readonly counts: {
    readonly departments: number;
    readonly certificateTypes: number;
    readonly items: number;
  };
}
