import type { SupplierProduct } from './supplier.js';

/** One supplier's products and SKU prefix, input of `mergeCatalogues`. */
export interface SupplierCatalogue {
  readonly supplier: string;
  /** Prefix that makes this supplier's keys distinct SKUs (empty by default). */
  readonly skuPrefix: string;
  readonly products: readonly SupplierProduct[];
}

/** Two suppliers producing the same SKU; the first one in the config is kept. */
export interface KeyConflict {
  readonly sku: string;
  /** Supplier whose product is kept. */
  readonly kept: string;
  /** Supplier whose product is dropped. */
  readonly dropped: string;
}

/** Products of all suppliers after `mergeCatalogues`, plus the reported conflicts. */
export interface MergedCatalogue {
  readonly products: SupplierProduct[];
  readonly conflicts: KeyConflict[];
}

/**
 * Merges several suppliers' catalogues. Rule: when two products would get the same SKU
 * (prefix + key), the supplier listed FIRST in the config wins and the collision is reported;
 * a key repeated inside one supplier keeps its first occurrence. Give suppliers distinct
 * `skuPrefix`es to avoid conflicts altogether.
 */
export function mergeCatalogues(catalogues: readonly SupplierCatalogue[]): MergedCatalogue {
  const owner = new Map<string, string>();
  const products: SupplierProduct[] = [];
  const conflicts: KeyConflict[] = [];
  for (const catalogue of catalogues) {
    for (const product of catalogue.products) {
      const sku = `${catalogue.skuPrefix}${product.key}`;
      const kept = owner.get(sku);
      if (kept === undefined) {
        owner.set(sku, catalogue.supplier);
        products.push(product);
      } else {
        conflicts.push({ sku, kept, dropped: catalogue.supplier });
      }
    }
  }
  return { products, conflicts };
}
