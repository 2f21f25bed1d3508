/** `strict` follows Kaspi's guide; `lenient` accepts what real feeds do (see README). */
export type ValidationMode = 'strict' | 'lenient';

/** An `error` makes a price list invalid; a `warning` is reported and the data is kept. */
export type IssueSeverity = 'error' | 'warning';

/**
 * Every rule code with its meaning. Codes are stable: the runner and logs match on them.
 */
export const RULES = {
  'header.company': 'company must be non-empty',
  'header.merchantId': 'merchantid must be non-empty',
  'header.date': 'date must be non-empty',
  'offers.empty': 'a price list must hold at least one offer',
  'offers.tooManySkipped': 'more offers were skipped than maxSkipped allows',
  'sku.empty': 'sku must be given',
  'sku.format': 'sku must hold only Latin letters and digits',
  'sku.length': 'sku must be at most 20 characters',
  'sku.duplicate': 'sku must be unique in the file',
  'model.empty': 'model must be non-empty',
  'brand.empty': 'brand must be non-empty',
  'availability.missing': 'an offer needs at least one availability',
  'availability.storeId': 'storeId must be non-empty',
  'availability.storeId.duplicate': 'a storeId may appear once per offer',
  'availability.storeId.merchantPrefix':
    'storeId carries a "<merchantId>_" prefix; which form Kaspi expects is unknown',
  'availability.available': 'available must be yes or no',
  'availability.available.noStock': 'available="yes" needs stockCount > 0 or a preOrder',
  'availability.stockCount': 'stockCount must be a non-negative whole number',
  'availability.stockCount.missing': 'stockCount should be given',
  'availability.stockCount.decimal': 'stockCount is written as a decimal such as "1.0"',
  'availability.preOrder': 'preOrder must be a whole number from 1 to 30, or absent',
  'availability.preOrder.zero': 'preOrder="0" must be omitted instead',
  'price.format': 'price must be a whole positive number',
  'price.missing': 'an offer needs a price or city prices',
  'price.conflict': 'an offer has either a price or city prices, never both',
  'cityPrices.empty': 'cityprices needs at least one cityprice',
  'cityPrice.cityId': 'cityId must be a 9-digit city code',
  'cityPrice.cityId.duplicate': 'a cityId may appear once per offer',
  'text.illegalChar': 'text holds characters illegal in XML 1.0; the writer removes them',
  'xml.declaration': 'the XML declaration must state encoding="utf-8"',
  'xml.namespace': 'elements must be in the default namespace "kaspiShopping", unprefixed',
  'xml.root': 'the root element must be kaspi_catalog',
  'xml.elementOrder': "elements must follow the guide's order",
  'xml.attributeOrder':
    'availability attributes must follow the order available, storeId, preOrder, stockCount',
  'xml.unknownElement': 'element not in the format',
  'xml.unknownAttribute': 'attribute not in the format',
  'xml.duplicateElement': 'element may appear once here',
  'xml.missingElement': 'required element is missing',
} as const;

/** A stable rule code, e.g. `sku.format`. See {@link RULES}. */
export type RuleCode = keyof typeof RULES;

/** One problem found in a price list. */
export interface ValidationIssue {
  readonly severity: IssueSeverity;
  /** Stable rule code. */
  readonly rule: RuleCode;
  /** Where, e.g. `offers[12].availabilities[0].preOrder` or `header.merchantId`. */
  readonly path: string;
  /** Human-readable explanation. */
  readonly message: string;
  /** The offending value as found (raw text when parsed). */
  readonly value: unknown;
  /** SKU of the offer the issue belongs to, when any. */
  readonly sku?: string;
  /** 1-based line in the parsed document, when parsed. */
  readonly line?: number;
  /** 0-based column in the parsed document, when known. */
  readonly column?: number;
}

/** Rules that are errors in strict mode and warnings in lenient mode. */
export const RELAXED_IN_LENIENT: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'sku.format',
  'sku.length',
  'sku.duplicate',
  'brand.empty',
  'availability.stockCount.missing',
  'availability.stockCount.decimal',
  'availability.preOrder.zero',
  'availability.available.noStock',
  'xml.declaration',
  'xml.namespace',
  'xml.elementOrder',
  'xml.attributeOrder',
  'xml.unknownElement',
  'xml.unknownAttribute',
]);

/** Rules that only ever warn: the data is usable as it is, but worth a look. */
export const ALWAYS_WARNING: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'availability.storeId.merchantPrefix',
  'text.illegalChar',
]);

/** Severity of `rule` under `mode`. */
export function severityOf(rule: RuleCode, mode: ValidationMode): IssueSeverity {
  if (ALWAYS_WARNING.has(rule)) return 'warning';
  return mode === 'lenient' && RELAXED_IN_LENIENT.has(rule) ? 'warning' : 'error';
}
