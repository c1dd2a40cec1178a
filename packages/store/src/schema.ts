import type { ColumnType } from 'kysely';

/** JSON columns: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export interface CatalogVersionTable {
  version: number;
  published_at: ColumnType<Date, Date | string | undefined, never>;
  published_by: string;
  note: string;
  digest: string;
  department_count: number;
  certificate_type_count: number;
  item_count: number;
}

export interface CatalogDepartmentTable {
  version: number;
  credit_code: string;
  name: string;
  level: string;
  vertical: boolean;
  parent_code: string | null;
  doc: Json<unknown>;
}

export interface CatalogCertificateTypeTable {
  version: number;
  code: string;
  name: string;
  holder_kind: string;
  sharing: string;
  doc: Json<unknown>;
}

export interface CatalogItemTable {
  version: number;
  item_code: string;
  base_code: string;
  dept_code: string;
  name: string;
  type: string;
  doc: Json<unknown>;
}

/** One row per certificate material, so "which items need type X" is an index lookup. */
export interface CatalogItemCertificateTable {
  version: number;
  item_code: string;
  type_code: string;
}

/** The platform database, as Kysely sees it. */
export interface PlatformDatabase {
  catalog_version: CatalogVersionTable;
  catalog_department: CatalogDepartmentTable;
  catalog_certificate_type: CatalogCertificateTypeTable;
  catalog_item: CatalogItemTable;
  catalog_item_certificate: CatalogItemCertificateTable;
}
