import type {
  Catalog,
  CertificateFieldsSchema,
  CertificateType,
  Department,
  FieldSchema,
  Material,
  MaterialSource,
  ServiceItem,
  TimeLimit,
  ValidityRule,
} from '@tongban/domain';
import { CATALOG_FORMAT, CATALOG_FORMAT_VERSION } from './catalog-schema.js';

/** Orders by UTF-16 code units: the same everywhere, unlike `localeCompare`. */
const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T): number => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

/** Drops the properties whose value is undefined, keeping the others in the given order. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s);

/** -0 is 0: JSON cannot tell them apart. */
const num = <T extends number | string | undefined>(n: T): T => (n === 0 ? (0 as T) : n);

/**
 * The form of a catalog that our files hold, and that reading a file we wrote gives back exactly:
 * - departments ordered by credit code, certificate types by code, items by item code (a stable
 *   sort: entries with the same key keep their order); materials and fields keep theirs;
 * - optional properties that say nothing are left out: an undefined value, an empty `flags` or
 *   `required` list, an empty `legalBasis`, and the fields schema's `$schema` (always 2020-12);
 * - a fields schema's `required` lists names in the order of `properties` (names that are not
 *   properties, an error `validateCatalog` reports, follow in their given order);
 * - keys in a fixed order, so JSON and YAML output is byte-for-byte reproducible; -0 is written 0.
 */
export function canonicalCatalog(catalog: Catalog): Catalog {
  return {
    departments: [...catalog.departments].sort(byKey((d) => d.creditCode)).map(canonicalDepartment),
    certificateTypes: [...catalog.certificateTypes].sort(byKey((t) => t.code)).map(canonicalType),
    items: [...catalog.items].sort(byKey((i) => i.itemCode)).map(canonicalItem),
  };
}

const canonicalDepartment = (d: Department): Department =>
  defined({
    creditCode: d.creditCode,
    name: d.name,
    level: d.level,
    vertical: d.vertical,
    parentCode: nonEmpty(d.parentCode),
    flags: d.flags && d.flags.length > 0 ? [...d.flags] : undefined,
  });

function canonicalValidity(v: ValidityRule): ValidityRule {
  return v.kind === 'term' ? { kind: 'term', years: num(v.years) } : { kind: v.kind };
}

export function canonicalField(f: FieldSchema): FieldSchema {
  return defined({
    type: f.type,
    title: f.title,
    description: nonEmpty(f.description),
    format: nonEmpty(f.format),
    pattern: nonEmpty(f.pattern),
    maxLength: num(f.maxLength),
    minimum: num(f.minimum),
    enum: f.enum && f.enum.length > 0 ? f.enum.map(num) : undefined,
    items: f.items && canonicalField(f.items),
  });
}

function canonicalFields(s: CertificateFieldsSchema): CertificateFieldsSchema {
  const names = Object.keys(s.properties);
  const given = new Set(s.required ?? []);
  const required = [
    ...names.filter((n) => given.has(n)),
    ...(s.required ?? []).filter((n) => !names.includes(n)),
  ];
  const properties: Record<string, FieldSchema> = {};
  for (const name of names) {
    Object.defineProperty(properties, name, {
      value: canonicalField(s.properties[name]!),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return defined({
    type: 'object',
    properties,
    required: required.length > 0 ? required : undefined,
    additionalProperties: s.additionalProperties,
  });
}

const canonicalType = (t: CertificateType): CertificateType =>
  defined({
    code: t.code,
    name: t.name,
    definingDeptCode: t.definingDeptCode,
    issuingDeptCodes: [...t.issuingDeptCodes],
    holderKind: t.holderKind,
    sharing: t.sharing,
    legalBasis: nonEmpty(t.legalBasis),
    grade: t.grade,
    trust: t.trust,
    validity: canonicalValidity(t.validity),
    fields: canonicalFields(t.fields),
  });

const canonicalLimit = (l: TimeLimit | null): TimeLimit | null =>
  l === null ? null : { days: num(l.days), unit: l.unit };

function canonicalSource(s: MaterialSource): MaterialSource {
  switch (s.kind) {
    case 'certificate':
      return { kind: 'certificate', typeCode: s.typeCode, fields: [...s.fields] };
    case 'applicant':
      return { kind: 'applicant' };
    case 'prior-case':
      return { kind: 'prior-case', itemCode: s.itemCode };
  }
}

const canonicalMaterial = (m: Material): Material => ({
  name: m.name,
  required: m.required,
  source: canonicalSource(m.source),
});

const canonicalItem = (i: ServiceItem): ServiceItem => ({
  itemCode: i.itemCode,
  baseCode: i.baseCode,
  name: i.name,
  deptCode: i.deptCode,
  type: i.type,
  statutoryDays: canonicalLimit(i.statutoryDays),
  promisedDays: canonicalLimit(i.promisedDays),
  serviceObjects: [...i.serviceObjects],
  outputs: [...i.outputs],
  followUps: [...i.followUps],
  materials: i.materials.map(canonicalMaterial),
});

/** The document our JSON and YAML files hold: the canonical catalog under a format header. */
export interface CatalogDocument extends Catalog {
  readonly format: typeof CATALOG_FORMAT;
  readonly formatVersion: typeof CATALOG_FORMAT_VERSION;
}

export function catalogDocument(catalog: Catalog): CatalogDocument {
  const c = canonicalCatalog(catalog);
  return {
    format: CATALOG_FORMAT,
    formatVersion: CATALOG_FORMAT_VERSION,
    departments: c.departments,
    certificateTypes: c.certificateTypes,
    items: c.items,
  };
}

/** The catalog inside a document that passed the schema (its header dropped). */
export function catalogOfDocument(doc: unknown): Catalog {
  const d = doc as Catalog;
  return { departments: d.departments, certificateTypes: d.certificateTypes, items: d.items };
}
