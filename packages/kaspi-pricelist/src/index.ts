export {
  ACCEPTANCE_MODEL,
  type AcceptanceRule,
  type EvidenceSource,
  RULE_CODES,
  type RuleLevel,
} from './acceptance/model.js';
export {
  type AvailabilityChange,
  type DetailChange,
  diffPriceLists,
  type OfferCollection,
  type PriceChange,
  type PriceListDiff,
  type PriceListDiffSummary,
  type StockChange,
} from './diff/diff.js';
export {
  KASPI_NAMESPACE,
  KASPI_SCHEMA_LOCATION,
  MAX_PRE_ORDER_DAYS,
  XSI_NAMESPACE,
} from './model/constants.js';
export { formatPriceListDate } from './model/date.js';
export {
  AvailabilitySchema,
  CityIdSchema,
  CityPriceSchema,
  OfferSchema,
  PreOrderSchema,
  PriceListHeaderSchema,
  PriceListSchema,
  PriceSchema,
  SkuSchema,
  StockCountSchema,
} from './model/schemas.js';
export {
  deriveSku,
  isValidSku,
  parseDerivedSku,
  SKU_MAX_LENGTH,
  SKU_PATTERN,
  SkuDerivationError,
} from './model/sku.js';
export type {
  Availability,
  CityPrice,
  CityPricedOffer,
  Offer,
  OfferBase,
  PriceList,
  PriceListHeader,
  SinglePriceOffer,
} from './model/types.js';
export {
  type ParsedPriceList,
  type ParseOptions,
  type ParseSummary,
  type PriceListInput,
  parsePriceList,
  parsePriceListFile,
  parsePriceListString,
  type RuleCounts,
  type StreamParseOptions,
  streamOffers,
} from './parser/parse.js';
export type { RejectedOffer } from './parser/rejected.js';
export type { RuleCount } from './validation/collector.js';
export { PriceListParseError, PriceListValidationError } from './validation/errors.js';
export type {
  IssueSeverity,
  RuleCode,
  ValidationIssue,
  ValidationMode,
} from './validation/issue.js';
export { ALWAYS_WARNING, RELAXED_IN_LENIENT, RULES, severityOf } from './validation/issue.js';
export {
  assertValidPriceList,
  type PriceListSource,
  type ValidateOptions,
  type ValidationResult,
  validatePriceList,
} from './validation/validate.js';
export type {
  SkippedOffer,
  WritablePriceList,
  WriteOptions,
  WriteReport,
} from './writer/serializer.js';
export type { WriteTarget } from './writer/sink.js';
export {
  type PriceListStreamInput,
  type PriceListSyncInput,
  type RenderedPriceList,
  renderPriceList,
  type StreamWriteOptions,
  writePriceList,
  writePriceListFile,
  writePriceListToString,
} from './writer/write.js';
export { escapeXmlAttribute, escapeXmlText, removeIllegalXmlChars } from './xml/escape.js';
export { KASPI_CATALOG_XSD_URL } from './xsd.js';
