import type { FiltersConfig } from '../config/schema.js';
import type { SupplierProduct } from '../supplier/supplier.js';
import type { SkipReason } from './skip-reason.js';

/** Include/exclude rules; returns why the product is filtered out, or `undefined` to keep it. */
export function filterProduct(
  product: SupplierProduct,
  filters: FiltersConfig,
): SkipReason | undefined {
  if (filters.excludeProducts.includes(product.key)) return 'excluded-product';
  const category = product.category;
  if (category !== undefined && filters.excludeCategories.includes(category)) {
    return 'excluded-category';
  }
  const brand = product.brand?.trim().toLowerCase();
  if (brand !== undefined && filters.excludeBrands.some((b) => b.toLowerCase() === brand)) {
    return 'excluded-brand';
  }
  if (
    filters.includeCategories !== undefined &&
    (category === undefined || !filters.includeCategories.includes(category))
  ) {
    return 'not-included';
  }
  if (
    filters.includeBrands !== undefined &&
    (brand === undefined || !filters.includeBrands.some((b) => b.toLowerCase() === brand))
  ) {
    return 'not-included';
  }
  return undefined;
}
