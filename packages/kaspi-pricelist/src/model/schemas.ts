import * as v from 'valibot';
import { MAX_PRE_ORDER_DAYS } from './constants.js';

/** Strict SKU: Latin letters and digits, 1 to 20 characters (Kaspi guide). */
export const SkuSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9]{1,20}$/, 'SKU must be 1-20 Latin letters or digits'),
);

/** A whole positive price in KZT. */
export const PriceSchema = v.pipe(
  v.number(),
  v.safeInteger('price must be a whole number'),
  v.minValue(1, 'price must be positive'),
);

/** A non-negative whole stock count. */
export const StockCountSchema = v.pipe(
  v.number(),
  v.safeInteger('stockCount must be a whole number'),
  v.minValue(0, 'stockCount must not be negative'),
);

/** Pre-order days: a whole number from 1 to 30. */
export const PreOrderSchema = v.pipe(
  v.number(),
  v.safeInteger('preOrder must be a whole number'),
  v.minValue(1, 'preOrder must be at least 1 (omit it for no pre-order)'),
  v.maxValue(MAX_PRE_ORDER_DAYS, `preOrder must be at most ${MAX_PRE_ORDER_DAYS}`),
);

/** A 9-digit Kaspi city code. */
export const CityIdSchema = v.pipe(v.string(), v.regex(/^\d{9}$/, 'cityId must be 9 digits'));

const NonEmptyString = v.pipe(v.string(), v.nonEmpty());

/** Schema of {@link Availability} under the strict rules (stockCount required). */
export const AvailabilitySchema = v.strictObject({
  storeId: NonEmptyString,
  available: v.boolean(),
  stockCount: StockCountSchema,
  preOrder: v.optional(PreOrderSchema),
});

/** Schema of {@link CityPrice}. */
export const CityPriceSchema = v.strictObject({ cityId: CityIdSchema, price: PriceSchema });

const OfferBaseEntries = {
  sku: SkuSchema,
  model: NonEmptyString,
  brand: NonEmptyString,
  availabilities: v.pipe(v.array(AvailabilitySchema), v.minLength(1)),
};

/**
 * Schema of one {@link Offer} under the strict per-offer rules. File-level rules (unique SKU) and
 * cross-field rules with rule codes are checked by `validatePriceList`.
 */
export const OfferSchema = v.union([
  v.strictObject({
    ...OfferBaseEntries,
    price: PriceSchema,
    cityPrices: v.optional(v.undefined()),
  }),
  v.strictObject({
    ...OfferBaseEntries,
    price: v.optional(v.undefined()),
    cityPrices: v.pipe(v.array(CityPriceSchema), v.minLength(1)),
  }),
]);

/** Schema of {@link PriceListHeader}. */
export const PriceListHeaderSchema = v.object({
  company: NonEmptyString,
  merchantId: NonEmptyString,
  date: NonEmptyString,
});

/** Schema of a whole {@link PriceList} (per-offer strict rules; at least one offer). */
export const PriceListSchema = v.object({
  ...PriceListHeaderSchema.entries,
  offers: v.pipe(v.array(OfferSchema), v.minLength(1)),
});
