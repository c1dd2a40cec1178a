/** Our own catalog file format, in and out: JSON and YAML (one JSON Schema), and XLSX. */
export {
  CATALOG_FORMAT,
  CATALOG_FORMAT_VERSION,
  CREDIT_CODE_PATTERN,
  TYPE_CODE_PATTERN,
  catalogSchema,
} from './catalog-schema.js';
export { canonicalCatalog, catalogDocument, type CatalogDocument } from './canonical.js';
export {
  CATALOG_FILE_LIMITS,
  DEFAULT_MAX_BYTES,
  formatOfFileName,
  readCatalogFile,
  type CatalogFileFormat,
  type CatalogFileRead,
  type ReadCatalogFileOptions,
} from './read-catalog-file.js';
export { importCatalogFile } from './import-catalog-file.js';
export { writeCatalogFile } from './write-catalog-file.js';
export { validateCatalogDocument } from './validate-document.js';
export { SHEET as CATALOG_SHEETS, SHEET_COLUMNS as CATALOG_SHEET_COLUMNS } from './xlsx-layout.js';
