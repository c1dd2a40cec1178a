import type { Catalog } from '@tongban/domain';
import { stringify } from 'yaml';
import { catalogDocument } from './canonical.js';
import type { CatalogFileFormat } from './read-catalog-file.js';
import { writeXlsxCatalog } from './xlsx-write.js';

const YAML_HEADER =
  ' 通办目录文件 (Tongban catalog). Format: docs/catalog-format.md; schema: docs/catalog.schema.json';

/**
 * Writes a catalog in one of our formats, UTF-8 without a byte order mark. The output is deterministic
 * (the same catalog gives the same bytes) and reads back, with `readCatalogFile`, to
 * `canonicalCatalog(catalog)`: entries sorted by their codes, empty optional properties left out.
 * The catalog is not validated here; write what `importCatalogFile` accepted.
 */
export async function writeCatalogFile(catalog: Catalog, format: CatalogFileFormat): Promise<Uint8Array> {
  switch (format) {
    case 'json':
      return new TextEncoder().encode(`${JSON.stringify(catalogDocument(catalog), null, 2)}\n`);
    case 'yaml': {
      const text = stringify(catalogDocument(catalog), {
        version: '1.2',
        schema: 'core',
        lineWidth: 0,
        aliasDuplicateObjects: false,
      });
      return new TextEncoder().encode(`#${YAML_HEADER}\n${text}`);
    }
    case 'xlsx':
      return writeXlsxCatalog(catalog);
  }
}
