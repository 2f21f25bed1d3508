import * as v from 'valibot';
import type { components } from './kaspi-shop-api.generated.js';

/** One product card for `POST /products/import` (type generated from the OpenAPI spec). */
export type KaspiProductImportItem = components['schemas']['ProductImportItem'];

const ATTRIBUTE_CODE = /^([a-zA-Z_\s\d&.\-#%/]+\*)+[a-zA-Z_\s\d&.\-#%/]+$/;
const CATEGORY = /^Master ?-[a-zA-Z_\s\d-]+$/;

const uniqueBy =
  <T>(key: (item: T) => string) =>
  (items: T[]): boolean =>
    new Set(items.map(key)).size === items.length;
const uniqueValues = uniqueBy((s: string) => s);
const uniqueUrls = uniqueBy((i: { url: string }) => i.url);

/** The guide's import schema (q3223) as valibot, checked before anything is sent. */
export const ProductImportItemSchema = v.strictObject({
  sku: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  brand: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  category: v.pipe(v.string(), v.minLength(1), v.maxLength(512), v.regex(CATEGORY)),
  description: v.exactOptional(v.pipe(v.string(), v.minLength(1), v.maxLength(1024))),
  weight: v.exactOptional(
    v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/, 'weight must hold a number')),
  ),
  attributes: v.pipe(
    v.array(
      v.strictObject({
        code: v.pipe(v.string(), v.regex(ATTRIBUTE_CODE)),
        value: v.union([
          v.pipe(v.string(), v.maxLength(256)),
          v.number(),
          v.boolean(),
          v.pipe(
            v.array(v.string()),
            v.minLength(1),
            v.maxLength(32),
            v.check(uniqueValues, 'values must be unique'),
          ),
        ]),
      }),
    ),
    v.minLength(1),
    v.maxLength(256),
  ),
  images: v.pipe(
    v.array(
      v.strictObject({ url: v.pipe(v.string(), v.maxLength(1024), v.regex(/^https?:\/\//)) }),
    ),
    v.minLength(1),
    v.check(uniqueUrls, 'image URLs must be unique'),
  ),
});

/** 1 to 10 000 product cards. */
export const ProductImportSchema = v.pipe(
  v.array(ProductImportItemSchema),
  v.minLength(1),
  v.maxLength(10_000),
);
