import { deriveSku } from '@kaspi-connect/kaspi-pricelist';
import type { SupplierProduct } from '../supplier/supplier.js';

/**
 * The stable Kaspi SKU of a supplier product: `deriveSku(prefix, key)` from the price-list
 * package (Al-Style `article` 20932 → `AS20932`). Never the manufacturer part number, which is
 * neither unique nor valid (see the original system's defects). `undefined` when it cannot be made.
 */
export function skuFor(product: SupplierProduct, prefix: string): string | undefined {
  try {
    return deriveSku(prefix, product.key);
  } catch {
    return undefined;
  }
}
