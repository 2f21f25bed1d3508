import type { KaspiConnectConfig } from '../config/schema.js';
import { mapOffers } from '../mapping/map-offers.js';
import type { SkipReason } from '../mapping/skip-reason.js';
import type { StateStore } from '../state/state-store.js';

/** A supplier product that is not in the feed, and the rule that kept it out. */
export interface SkippedRow {
  readonly supplier: string;
  readonly key: string;
  readonly name: string;
  readonly brand: string;
  readonly reason: SkipReason;
}

/**
 * Every skipped product of the saved catalogues, found by running the same mapping rules on each
 * product alone (the run summary keeps counts only). A product skipped only as a duplicate SKU
 * is not found this way; its count stays in the run summary.
 */
export function skippedProducts(store: StateStore, config: KaspiConnectConfig): SkippedRow[] {
  const rows: SkippedRow[] = [];
  const now = new Date();
  for (const [supplier, settings] of Object.entries(config.suppliers)) {
    if (settings === undefined) continue;
    const skuPrefixes = { [supplier]: settings.skuPrefix };
    for (const product of store.loadCatalogue(supplier)) {
      const mapped = mapOffers([product], config, { skuPrefixes, now });
      const reason = mapped.skippedSamples[0]?.reason;
      if (reason !== undefined) {
        rows.push({
          supplier,
          key: product.key,
          name: product.name,
          brand: product.brand ?? '',
          reason,
        });
      }
    }
  }
  return rows;
}
