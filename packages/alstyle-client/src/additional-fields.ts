/** `additional_fields` accepted by `elements`, `elements-pagination` and `element-info`. */
export const ADDITIONAL_FIELDS = [
  'description',
  'brand',
  'weight',
  'warranty',
  'images',
  'url',
  'barcode',
  'reducedprice',
  'expectedArrivalDate',
  'discountPrice',
  'discount',
  'certificates',
  'instructions',
  'reservationTime',
  'reservationDate',
  'defectDescription',
  'rrp',
  'warehouse',
  'warehouses',
  'marketplaceArticles',
  'tnved',
  'multiplicity',
] as const;

/** Fields only `element-info` accepts. */
export const ELEMENT_INFO_ONLY_FIELDS = ['detailText', 'properties'] as const;

/** A documented additional field. Any other name makes the real API answer HTTP 500. */
export type AdditionalField = (typeof ADDITIONAL_FIELDS)[number];

/** Additional fields valid on `element-info`, which adds `detailText` and `properties`. */
export type ElementInfoField = AdditionalField | (typeof ELEMENT_INFO_ONLY_FIELDS)[number];

const LIST_FIELDS = new Set<string>(ADDITIONAL_FIELDS);
const INFO_FIELDS = new Set<string>([...ADDITIONAL_FIELDS, ...ELEMENT_INFO_ONLY_FIELDS]);

/** Guards untyped callers (JS, config files) before the API turns a typo into a 500. */
export function assertAdditionalFields(
  fields: readonly string[],
  allowElementInfoOnly: boolean,
): void {
  const known = allowElementInfoOnly ? INFO_FIELDS : LIST_FIELDS;
  const bad = fields.find((field) => !known.has(field));
  if (bad === undefined) return;
  throw new TypeError(
    `Unknown or unsupported additional field "${bad}"${allowElementInfoOnly ? '' : ' for this endpoint'}: the Al-Style API answers HTTP 500 to it`,
  );
}
