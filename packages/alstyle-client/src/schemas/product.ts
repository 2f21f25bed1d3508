import * as v from 'valibot';
import type { ElementInfoField } from '../additional-fields.js';
import { isPlaceholderPrice, normalisePrice, toHttps } from '../price.js';
import { parseQuantity, type Quantity } from '../quantity.js';

/** JSON value of a field whose shape the documentation leaves open. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** Stock (`13`, `"0"`, `">50"`) parsed to `{min, exact, raw}`; anything else is an issue. */
export const quantitySchema = v.pipe(
  v.union([v.number(), v.string()]),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const parsed = parseQuantity(dataset.value);
    if (parsed === undefined) {
      addIssue({ message: 'unreadable stock' });
      return NEVER;
    }
    return parsed;
  }),
);

const numeric = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.trim(), v.nonEmpty(), v.decimal())]),
  v.transform(Number),
);
const optionalText = v.nullish(v.union([v.string(), v.pipe(v.number(), v.transform(String))]));
const optionalNumber = v.nullish(v.union([numeric, v.literal('')]));
const propertyValue = v.union([v.string(), v.number()]);

/**
 * One product as the API sends it (`elements`, `elements-pagination`, `element-info`). The fields
 * whose shape is undocumented (`reducedprice`, `warehouses`, …) are kept as parsed JSON.
 */
export const rawProductSchema = v.looseObject({
  article: v.pipe(v.number(), v.integer(), v.minValue(0)),
  article_pn: optionalText,
  name: v.string(),
  full_name: v.nullish(v.string()),
  category: v.pipe(v.number(), v.integer()),
  sort: v.nullish(v.number()),
  price1: v.number(),
  price2: v.number(),
  quantity: quantitySchema,
  isnew: v.nullish(v.union([v.number(), v.boolean(), v.string()])),
  quantityMarkdown: v.nullish(v.number()),
  priceMarkdown: v.nullish(v.number()),
  brand: optionalText,
  images: v.nullish(v.array(v.string())),
  description: optionalText,
  detailText: optionalText,
  detailtext: optionalText,
  properties: v.nullish(
    v.union([
      v.record(v.string(), propertyValue),
      v.array(v.looseObject({ name: v.string(), value: propertyValue })),
    ]),
  ),
  barcode: optionalText,
  weight: optionalNumber,
  url: optionalText,
  warranty: optionalText,
  rrp: optionalNumber,
  discountPrice: optionalNumber,
  discount: optionalNumber,
  multiplicity: optionalNumber,
});

/** The parsed raw product (before normalisation). */
export type RawProduct = v.InferOutput<typeof rawProductSchema>;

/** Fields every normalised product has. */
export interface AlStyleProductBase {
  /** Al-Style product code: digits only, unique; the key for every other call. */
  readonly article: number;
  /** Manufacturer part number; `null` when empty. Not unique. */
  readonly partNumber: string | null;
  readonly name: string;
  /** Long comma-separated description. */
  readonly fullName: string;
  /** Leaf category id. */
  readonly categoryId: number;
  readonly sort: number;
  readonly isNew: boolean;
  /** Stock; `">50"` is `{min: 51, exact: false}`. */
  readonly quantity: Quantity;
  /** Dealer (purchase) price in KZT; `null` = price on request (the API sent ≤ 1). */
  readonly dealerPrice: number | null;
  /** Retail price in KZT; `null` when the API sent ≤ 1. */
  readonly retailPrice: number | null;
  /** `true` when the dealer price is "on request": never sell such an item. */
  readonly priceOnRequest: boolean;
  /** `true` when either price is the 9 999 999 placeholder (withdrawn items, spare parts). */
  readonly placeholderPrice: boolean;
  /** Marked-down units, when the API reports any. */
  readonly markdown: { readonly quantity: number; readonly price: number | null } | null;
}

/** Normalised values of the additional fields; `null` when requested but not returned. */
export interface AlStyleAdditionalValues {
  readonly description: string | null;
  /** Brand name (products carry the name, not the `/brands` GUID). */
  readonly brand: string | null;
  /** Kilograms, probably. */
  readonly weight: number | null;
  readonly warranty: string | null;
  /** Absolute image URLs upgraded to https; `[0]` is the main image. */
  readonly images: readonly string[];
  readonly url: string | null;
  readonly barcode: string | null;
  /** Retail price control; `null` when the API sent ≤ 1 (none). */
  readonly rrp: number | null;
  readonly discountPrice: number | null;
  /** Percent. */
  readonly discount: number | null;
  /** Sold in multiples of this value. */
  readonly multiplicity: number | null;
  /** HTML specs (`element-info` only). */
  readonly detailText: string | null;
  /** Property name → value (`element-info` only). */
  readonly properties: Readonly<Record<string, string | number>>;
  readonly reducedprice: JsonValue | null;
  /** In weeks, per the documentation; shape undocumented. */
  readonly expectedArrivalDate: JsonValue | null;
  readonly certificates: JsonValue | null;
  readonly instructions: JsonValue | null;
  readonly reservationTime: JsonValue | null;
  readonly reservationDate: JsonValue | null;
  readonly defectDescription: JsonValue | null;
  readonly warehouse: JsonValue | null;
  readonly warehouses: JsonValue | null;
  /** Shape undocumented; may hold marketplace (Kaspi) codes. */
  readonly marketplaceArticles: JsonValue | null;
  readonly tnved: JsonValue | null;
}

/** A validated, normalised product carrying exactly the additional fields `F` that were requested. */
export type AlStyleProduct<F extends ElementInfoField = never> = AlStyleProductBase & {
  readonly [K in F]: AlStyleAdditionalValues[K];
};

function nullableNumber(value: number | '' | null | undefined): number | null {
  return value === undefined || value === null || value === '' ? null : value;
}

function additionalValue(raw: RawProduct, field: ElementInfoField): unknown {
  switch (field) {
    case 'images':
      return (raw.images ?? []).map(toHttps);
    case 'properties': {
      const props = raw.properties ?? {};
      return Array.isArray(props) ? Object.fromEntries(props.map((p) => [p.name, p.value])) : props;
    }
    case 'detailText':
      return raw.detailText ?? raw.detailtext ?? null;
    case 'rrp': {
      const rrp = nullableNumber(raw.rrp);
      return rrp === null ? null : normalisePrice(rrp);
    }
    case 'weight':
    case 'discountPrice':
    case 'discount':
    case 'multiplicity':
      return nullableNumber(raw[field]);
    default: {
      const value = raw[field];
      return value === undefined || value === '' ? null : value;
    }
  }
}

/** Turns a validated raw product into the normalised shape with the requested fields. */
export function normaliseProduct<F extends ElementInfoField>(
  raw: RawProduct,
  fields: readonly F[],
): AlStyleProduct<F> {
  const base: AlStyleProductBase = {
    article: raw.article,
    partNumber: raw.article_pn?.trim() || null,
    name: raw.name,
    fullName: raw.full_name ?? raw.name,
    categoryId: raw.category,
    sort: raw.sort ?? 0,
    isNew: raw.isnew === 1 || raw.isnew === true || raw.isnew === '1',
    quantity: raw.quantity,
    dealerPrice: normalisePrice(raw.price1),
    retailPrice: normalisePrice(raw.price2),
    priceOnRequest: raw.price1 <= 1,
    placeholderPrice: isPlaceholderPrice(raw.price1) || isPlaceholderPrice(raw.price2),
    markdown:
      typeof raw.quantityMarkdown === 'number' && raw.quantityMarkdown > 0
        ? { quantity: raw.quantityMarkdown, price: raw.priceMarkdown ?? null }
        : null,
  };
  const extra = Object.fromEntries(fields.map((field) => [field, additionalValue(raw, field)]));
  return { ...base, ...extra } as AlStyleProduct<F>;
}
