export {
  FALLBACK_ITEM_TYPE,
  importGuangdongItems,
  MAX_GUANGDONG_FILE_CHARS,
  MAX_MATERIAL_NAME_LENGTH,
  neededFields,
  type FlaggedDepartment,
  type GuangdongImport,
  type GuangdongImportOptions,
  type GuangdongReport,
} from './import-guangdong.js';
export {
  importGuangdongFile,
  loadMaterialSynonyms,
  loadNationalCertificateTypes,
  MATERIAL_SYNONYMS_PATH,
  NATIONAL_CERTIFICATE_TYPES_PATH,
} from './load-data-files.js';
