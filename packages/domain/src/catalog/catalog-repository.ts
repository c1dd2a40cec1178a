import type { Catalog, CatalogVersion, CertificateType, Department, ItemType, ServiceItem } from './types.js';

/** A page of results and the cursor for the next one (absent on the last page). */
export interface Page<T> {
  readonly entries: readonly T[];
  readonly nextCursor?: string | undefined;
}

export interface PageRequest {
  /** Opaque cursor from a previous page. */
  readonly cursor?: string | undefined;
  /** 1..500. */
  readonly limit: number;
}

export interface ItemFilter {
  readonly deptCode?: string | undefined;
  readonly type?: ItemType | undefined;
  /** Items with a material that names this certificate type. */
  readonly certificateType?: string | undefined;
  /** Substring of the item's name. */
  readonly q?: string | undefined;
}

export interface PublishRequest {
  readonly catalog: Catalog;
  readonly publishedBy: string;
  readonly note: string;
}

/** The outcome of a publish: a new version, or the latest one when the catalog did not change. */
export interface PublishResult {
  readonly version: CatalogVersion;
  readonly created: boolean;
}

/**
 * Where catalog versions live. Versions are immutable once published; every read names a version.
 * Implemented on PGlite and PostgreSQL (packages/store) and checked by one contract suite.
 */
export interface CatalogRepository {
  /** Publishes a validated catalog as the next version, atomically; an unchanged catalog makes no version. */
  publish(request: PublishRequest): Promise<PublishResult>;
  latestVersion(): Promise<CatalogVersion | undefined>;
  findVersion(version: number): Promise<CatalogVersion | undefined>;
  listVersions(): Promise<readonly CatalogVersion[]>;
  /** The whole catalog of a version, in key order. */
  getCatalog(version: number): Promise<Catalog>;
  listDepartments(version: number, page: PageRequest): Promise<Page<Department>>;
  findDepartment(version: number, creditCode: string): Promise<Department | undefined>;
  listCertificateTypes(version: number, page: PageRequest): Promise<Page<CertificateType>>;
  findCertificateType(version: number, code: string): Promise<CertificateType | undefined>;
  listItems(version: number, filter: ItemFilter, page: PageRequest): Promise<Page<ServiceItem>>;
  findItem(version: number, itemCode: string): Promise<ServiceItem | undefined>;
}
