import { type JsonValue, parseQuantity } from '@kaspi-connect/alstyle-client';
import * as v from 'valibot';
import type { SupplierStock } from './supplier.js';

/**
 * Al-Style's `warehouses` additional field ("stock per warehouse") has no documented shape.
 * Two plausible ones are read: an object keyed by warehouse code (`{ panfilov: ">50" }`, what the
 * simulator sends) and a list of `{ warehouse | code, quantity }`. Anything else gives
 * `undefined`, and the allocation falls back to the first store rather than guess.
 */
const quantityValue = v.union([v.number(), v.string()]);
const keyedSchema = v.record(v.string(), quantityValue);
const listSchema = v.array(
  v.looseObject({
    warehouse: v.optional(v.string()),
    code: v.optional(v.string()),
    quantity: quantityValue,
  }),
);

/** Stock per warehouse code, or `undefined` when the value is missing or unreadable. */
export function parseWarehouseStock(
  value: JsonValue | null | undefined,
): Readonly<Record<string, SupplierStock>> | undefined {
  if (value === null || value === undefined) return undefined;
  const pairs: [string, number | string][] = [];
  const keyed = v.safeParse(keyedSchema, value);
  if (keyed.success && !Array.isArray(value)) {
    pairs.push(...Object.entries(keyed.output));
  } else {
    const list = v.safeParse(listSchema, value);
    if (!list.success) return undefined;
    for (const entry of list.output) {
      const code = entry.warehouse ?? entry.code;
      if (code === undefined) return undefined;
      pairs.push([code, entry.quantity]);
    }
  }
  const out: Record<string, SupplierStock> = {};
  for (const [code, raw] of pairs) {
    const quantity = parseQuantity(raw);
    if (quantity === undefined) return undefined;
    out[code] = { min: quantity.min, exact: quantity.exact };
  }
  return out;
}
