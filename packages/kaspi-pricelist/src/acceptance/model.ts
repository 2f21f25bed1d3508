/**
 * The acceptance model: every rule the validator, the parser and the Kaspi simulator apply, with
 * its level and the evidence behind it. Nothing else decides what a price list may contain.
 */

/**
 * How much a rule weighs.
 * - `error`: the guide says Kaspi rejects it, or the data cannot mean anything. Fails in every mode.
 * - `warning`: a deviation real feeds live with. Fails in `strict` mode, reported in `lenient`.
 * - `canonical`: how our writer writes it. Reported as a warning, never fails.
 */
export type RuleLevel = 'error' | 'warning' | 'canonical';

/**
 * Where a rule comes from: Kaspi's guide, behaviour seen in real feeds, what the data can mean,
 * or our own canonical form.
 */
export type EvidenceSource = 'guide' | 'feeds' | 'meaning' | 'canonical';

/** One rule of the acceptance model. */
export interface AcceptanceRule {
  /** What the rule asks for. */
  readonly message: string;
  readonly level: RuleLevel;
  /** The kinds of evidence, strongest first. */
  readonly sources: readonly EvidenceSource[];
  /** The evidence itself: the guide's words, the feeds that show it, or why. */
  readonly evidence: string;
}

const rule = (
  level: RuleLevel,
  sources: readonly EvidenceSource[],
  message: string,
  evidence: string,
): AcceptanceRule => ({ level, sources, message, evidence });

/** Every rule by its stable code; the runner and logs match on the codes. */
export const ACCEPTANCE_MODEL = {
  'xml.root': rule(
    'error',
    ['meaning'],
    'the root element must be kaspi_catalog',
    "Another root is another format (Halyk Market's merchant_offers): the document is refused, not read.",
  ),
  'xml.missingElement': rule(
    'error',
    ['meaning'],
    'required element is missing',
    'Without <offers> the list says nothing about any offer.',
  ),
  'xml.duplicateElement': rule(
    'error',
    ['meaning'],
    'element may appear once here',
    'Two <price> or two <merchantid>: no reader can tell which one holds.',
  ),
  'header.merchantId': rule(
    'error',
    ['guide', 'meaning'],
    'merchantid must be non-empty',
    'Guide: the shop ID from the cabinet. Without it the offers belong to no shop.',
  ),
  'header.company': rule(
    'warning',
    ['guide'],
    'company must be non-empty',
    'Guide: company or shop name. Kaspi knows the shop by merchantid; no feed leaves it empty.',
  ),
  'header.date': rule(
    'warning',
    ['guide', 'feeds'],
    'date must be non-empty',
    'Guide sample: date="string". Feeds use 2025-03-05, 2026-08-22T21:49:24Z, …: the format is not specified.',
  ),
  'offers.empty': rule(
    'error',
    ['meaning'],
    'a price list must hold at least one offer',
    'Each file is the whole catalogue: an empty one may take every offer off Kaspi.',
  ),
  'offers.tooManySkipped': rule(
    'error',
    ['canonical'],
    'more offers were skipped than maxSkipped allows',
    "The writer's guard against publishing a gutted catalogue.",
  ),
  'sku.empty': rule(
    'error',
    ['guide', 'meaning'],
    'sku must be given',
    'The SKU is the key orders name; an offer without one cannot be sold.',
  ),
  'sku.duplicate': rule(
    'error',
    ['guide', 'meaning'],
    'sku must be unique in the file',
    'Guide: "Must be unique within the price list." The first offer is read, later ones are reported.',
  ),
  'sku.format': rule(
    'warning',
    ['guide', 'feeds'],
    'sku must hold only Latin letters and digits',
    'Guide: "Digits and Latin letters only." timur (141 of 250), conflearning26 (220 of 222, "903.887.99") and bekzat707 break it.',
  ),
  'sku.length': rule(
    'warning',
    ['guide', 'feeds'],
    'sku must be at most 20 characters',
    'Guide: "Maximum 20 characters." timur has 17 longer SKUs.',
  ),
  'model.empty': rule(
    'error',
    ['guide', 'meaning'],
    'model must be non-empty',
    'Guide: the product name. An offer without one cannot be matched to a product card.',
  ),
  'brand.empty': rule(
    'warning',
    ['guide', 'feeds'],
    'brand must be non-empty',
    'Guide: brand. seiitkhanr (LG Electronics, 147 offers, 1411 commits) has no <brand> at all.',
  ),
  'availability.missing': rule(
    'error',
    ['guide', 'meaning'],
    'an offer needs at least one availability',
    'Guide: the points the buyer collects from. With none, the offer is sold nowhere.',
  ),
  'availability.storeId': rule(
    'error',
    ['guide', 'meaning'],
    'storeId must be non-empty',
    'Guide: the point code from the cabinet. An empty code names no point.',
  ),
  'availability.storeId.duplicate': rule(
    'error',
    ['meaning'],
    'a storeId may appear once per offer',
    'Two statements about one point contradict each other.',
  ),
  'availability.available': rule(
    'error',
    ['guide', 'meaning'],
    'available must be yes or no',
    'Guide: available="yes|no". Any other value ("N", "true") means nothing.',
  ),
  'availability.stockCount': rule(
    'error',
    ['meaning'],
    'stockCount must be a non-negative whole number',
    'A negative or non-numeric stock is no quantity.',
  ),
  'availability.preOrder': rule(
    'error',
    ['guide'],
    'preOrder must be a whole number from 1 to 30, or absent',
    'Guide: pre-order days, "Maximum 30."',
  ),
  'availability.preOrder.zero': rule(
    'warning',
    ['guide', 'feeds'],
    'preOrder="0" must be omitted instead',
    'Guide: "Do not specify the attribute if the item needs no pre-order." timur (250 of 250) and conflearning26 (222 of 222) send preOrder="0"; read as no pre-order.',
  ),
  'availability.stockCount.decimal': rule(
    'warning',
    ['feeds'],
    'stockCount is written as a decimal such as "1.0"',
    'One public feed sends stockCount="1.0"; read as 1.',
  ),
  'availability.available.noStock': rule(
    'warning',
    ['canonical', 'feeds'],
    'available="yes" needs stockCount > 0 or a preOrder',
    'Our generator rule: "yes" only with stock. seiitkhanr has one such offer.',
  ),
  'availability.stockCount.missing': rule(
    'canonical',
    ['canonical', 'feeds'],
    'stockCount should be given',
    'The guide describes stockCount but does not require it; 3matveenko and conflearning26 (222 offers) omit it everywhere. Our writer always writes it.',
  ),
  'availability.storeId.merchantPrefix': rule(
    'canonical',
    ['feeds'],
    'storeId carries a "<merchantId>_" prefix; which form Kaspi expects is unknown',
    'assel_decor and conflearning26 write <merchantId>_PP1, the guide shows the bare code. Kept exactly as written.',
  ),
  'price.format': rule(
    'error',
    ['guide'],
    'price must be a whole positive number',
    'Guide: "With VAT, without spaces, decimals or other characters." Price 0 is no price.',
  ),
  'price.missing': rule(
    'error',
    ['guide', 'meaning'],
    'an offer needs a price or city prices',
    'Guide: price or cityprices. Without either the offer cannot be bought.',
  ),
  'price.conflict': rule(
    'error',
    ['guide'],
    'an offer has either a price or city prices, never both',
    'Guide: use one or the other. Which one Kaspi would use is unknown.',
  ),
  'cityPrices.empty': rule(
    'error',
    ['meaning'],
    'cityprices needs at least one cityprice',
    'An empty <cityprices> prices the offer nowhere.',
  ),
  'cityPrice.cityId': rule(
    'error',
    ['guide'],
    'cityId must be a 9-digit city code',
    'Guide: a city code from GET /v2/cities; every code is 9 digits.',
  ),
  'cityPrice.cityId.duplicate': rule(
    'error',
    ['meaning'],
    'a cityId may appear once per offer',
    'Two prices for one city contradict each other.',
  ),
  'xml.namespace': rule(
    'warning',
    ['guide', 'feeds'],
    'elements must be in the default namespace "kaspiShopping", unprefixed',
    'Guide: xmlns="kaspiShopping". assel_decor (97 commits) has no default namespace; ElementTree writes ns0: prefixes.',
  ),
  'xml.elementOrder': rule(
    'warning',
    ['guide'],
    "elements must follow the guide's order",
    'The guide sample uses one order, and one community test suite says it is the XSD sequence.',
  ),
  'xml.unknownElement': rule(
    'warning',
    ['feeds'],
    'element not in the format',
    'assel_decor has <description> in all 119 offers. Unknown elements are skipped.',
  ),
  'xml.unknownAttribute': rule(
    'warning',
    ['guide'],
    'attribute not in the format',
    "Not in the guide's format; skipped when read.",
  ),
  'xml.declaration': rule(
    'canonical',
    ['canonical', 'feeds'],
    'the XML declaration must state encoding="utf-8"',
    'Every sample and feed is UTF-8; XML defaults to it without a declaration. Our writer always declares it.',
  ),
  'xml.attributeOrder': rule(
    'canonical',
    ['canonical', 'feeds'],
    'availability attributes must follow the order available, storeId, preOrder, stockCount',
    'Attribute order is insignificant in XML; seiitkhanr (1411 commits) writes storeId first. Our writer uses the guide order.',
  ),
  'text.illegalChar': rule(
    'canonical',
    ['canonical'],
    'text holds characters illegal in XML 1.0; the writer removes them',
    'XML 1.0 forbids them; our writer removes them.',
  ),
} as const satisfies Record<string, AcceptanceRule>;

/** A stable rule code, e.g. `sku.format`. See {@link ACCEPTANCE_MODEL}. */
export type RuleCode = keyof typeof ACCEPTANCE_MODEL;

/** Every rule code, in the model's order. */
export const RULE_CODES = Object.keys(ACCEPTANCE_MODEL) as readonly RuleCode[];

/** `strict` fails on errors and warnings; `lenient` fails on errors only. */
export type ValidationMode = 'strict' | 'lenient';

/** An `error` makes a price list (or an offer) invalid; a `warning` is reported and the data is kept. */
export type IssueSeverity = 'error' | 'warning';

/** Severity of `code` under `mode`, from its level. */
export function severityOf(code: RuleCode, mode: ValidationMode): IssueSeverity {
  const level = ACCEPTANCE_MODEL[code].level;
  if (level === 'error') return 'error';
  if (level === 'canonical') return 'warning';
  return mode === 'strict' ? 'error' : 'warning';
}
