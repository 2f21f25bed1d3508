import type { GuardsConfig } from '../config/schema.js';
import type { FeedChangeSummary } from '../pipeline/run-summary.js';

/** The numbers the safety guards judge. */
export interface GuardInput {
  /** Products the supplier(s) returned in this run. */
  readonly supplierProducts: number;
  /** Products at the last sync that was published; `undefined` on the first run. */
  readonly previousSupplierProducts?: number | undefined;
  /** Offers about to be published and how many of them are available. */
  readonly offers: number;
  readonly available: number;
  /** Changes against the live feed; `undefined` when nothing was published yet (first run). */
  readonly changes?: FeedChangeSummary | undefined;
  /** Available offers in the live feed. */
  readonly previousAvailable?: number | undefined;
}

/** Whether the guards allow publishing, and why not. */
export interface GuardVerdict {
  readonly allowed: boolean;
  /** One line per tripped guard, naming the numbers and the threshold. */
  readonly refusals: string[];
}

/**
 * Decides whether a new feed may replace the live one. On the first run only the absolute
 * guards apply (supplier returned nothing, fewer than `minOffers`); afterwards every relative
 * threshold is checked against the last published feed, so one bad supplier answer cannot
 * take the shop's catalogue off Kaspi.
 */
export function evaluateGuards(input: GuardInput, config: GuardsConfig): GuardVerdict {
  const refusals: string[] = [];
  if (input.supplierProducts === 0) {
    refusals.push('the supplier returned no products');
  }
  if (input.offers < Math.max(1, config.minOffers)) {
    refusals.push(
      `only ${input.offers} offers to publish (minimum ${Math.max(1, config.minOffers)})`,
    );
  }
  const previousProducts = input.previousSupplierProducts;
  if (previousProducts !== undefined && previousProducts > 0 && input.supplierProducts > 0) {
    const shrink = percentOf(previousProducts - input.supplierProducts, previousProducts);
    if (shrink > config.maxSupplierShrinkPercent) {
      refusals.push(
        `the supplier catalogue shrank by ${fmt(shrink)}% (${previousProducts} → ${input.supplierProducts}; limit ${config.maxSupplierShrinkPercent}%)`,
      );
    }
  }
  const changes = input.changes;
  if (changes !== undefined && changes.previousOffers > 0) {
    const removed = percentOf(changes.removed, changes.previousOffers);
    if (removed > config.maxRemovedPercent) {
      refusals.push(
        `${changes.removed} of ${changes.previousOffers} published offers would disappear (${fmt(removed)}%; limit ${config.maxRemovedPercent}%)`,
      );
    }
    const previousAvailable = input.previousAvailable ?? 0;
    if (previousAvailable > 0) {
      const unavailable = percentOf(changes.becameUnavailable, previousAvailable);
      if (unavailable > config.maxBecameUnavailablePercent) {
        refusals.push(
          `${changes.becameUnavailable} of ${previousAvailable} available offers would become unavailable (${fmt(unavailable)}%; limit ${config.maxBecameUnavailablePercent}%)`,
        );
      }
    }
    const priceMoved = percentOf(changes.priceChangedBeyondThreshold, changes.previousOffers);
    if (priceMoved > config.maxPriceChangedPercent) {
      refusals.push(
        `${changes.priceChangedBeyondThreshold} offers changed price by more than ${config.priceChangePercent}% (${fmt(priceMoved)}% of the feed; limit ${config.maxPriceChangedPercent}%)`,
      );
    }
  }
  return { allowed: refusals.length === 0, refusals };
}

function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}

function fmt(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}
