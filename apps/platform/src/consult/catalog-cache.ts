import type { CatalogRepository, CertificateType, Department, ServiceItem } from '@tongban/domain';

/** One catalog version, indexed for the consult path. */
export interface CatalogIndex {
  readonly version: number;
  readonly items: ReadonlyMap<string, ServiceItem>;
  readonly types: ReadonlyMap<string, CertificateType>;
  readonly departments: ReadonlyMap<string, Department>;
}

/**
 * Catalog versions are immutable, so each is read once and kept: a consult looks up its item,
 * types and issuing departments in memory. Holds at most `max` versions (cases opened under old
 * versions are rare once a new one is out).
 */
export class CatalogCache {
  readonly #versions = new Map<number, Promise<CatalogIndex>>();

  constructor(
    private readonly repo: CatalogRepository,
    private readonly max = 8,
  ) {}

  get(version: number): Promise<CatalogIndex> {
    let index = this.#versions.get(version);
    if (!index) {
      index = this.#load(version);
      index.catch(() => this.#versions.delete(version));
      this.#versions.set(version, index);
      while (this.#versions.size > this.max) this.#versions.delete(this.#versions.keys().next().value!);
    }
    return index;
  }

  async latest(): Promise<CatalogIndex | undefined> {
    const v = await this.repo.latestVersion();
    return v && this.get(v.version);
  }

  async #load(version: number): Promise<CatalogIndex> {
    const catalog = await this.repo.getCatalog(version);
    return {
      version,
      items: new Map(catalog.items.map((i) => [i.itemCode, i])),
      types: new Map(catalog.certificateTypes.map((t) => [t.code, t])),
      departments: new Map(catalog.departments.map((d) => [d.creditCode, d])),
    };
  }
}
