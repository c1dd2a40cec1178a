/** Stock-data import (存量数据导入): legacy CSV and XLSX files → certificate content, through a YAML mapping. */
export {
  importProblemCodes,
  transformProblemCodes,
  type ImportProblem,
  type ImportProblemCode,
  type TransformOutcome,
  type TransformProblemCode,
} from './import-problem.js';
export { normaliseColumnName, normaliseIdNumber, toHalfwidth, trimText } from './clean-text.js';
export { excelSerialToIsoDate, parseDate } from './parse-date.js';
export { parseInteger, parseNumber } from './parse-number.js';
export { chineseNumeralValue, parseAmount } from './parse-amount.js';
export {
  applyTransforms,
  EMPTY_WORDS,
  LONG_TERM_WORDS,
  simpleTransformNames,
  type CellValue,
  type CleanValue,
  type Scalar,
  type SimpleTransformName,
  type TransformSpec,
} from './transforms.js';
export {
  KEY_PARTS,
  MAPPING_LIMITS,
  parseImportMapping,
  type ColumnSource,
  type CsvEncoding,
  type ImportFormat,
  type ImportMapping,
  type ValueSource,
} from './import-mapping.js';
export type { RowSource, SourceRow, SourceValues } from './row-source.js';
export {
  CsvTokenizer,
  DEFAULT_MAX_RECORD_LENGTH,
  DEFAULT_MAX_RECORD_LINES,
  type CsvRecord,
  type CsvRecordProblem,
  type CsvTokenizerOptions,
} from './csv-tokenizer.js';
export { readCsvRows, type CsvReadOptions } from './read-csv-rows.js';
export { checkXlsxArchive, type XlsxArchiveLimits } from './check-xlsx-archive.js';
export { readXlsxRows, type XlsxReadOptions } from './read-xlsx-rows.js';
export { assertMappingFits, checkMappingAgainst, mappedColumns } from './check-mapping-against.js';
export { mapRow, type MappedRow } from './map-row.js';
export {
  runStockImport,
  QUARANTINE_ID_COLUMN,
  QUARANTINE_REASONS_COLUMN,
  type RunStockImportOptions,
} from './run-stock-import.js';
