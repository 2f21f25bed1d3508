import type { SkipReason } from '../mapping/skip-reason.js';
import type { SkuChange } from './sku-changes.js';

/** `full` reads the whole catalogue; `refresh` one stock-and-price snapshot. */
export type SyncMode = 'full' | 'refresh';

/** How a run ended; also the `status` column of the runs table. */
export type RunStatus = 'running' | 'published' | 'unchanged' | 'refused' | 'failed' | 'dry-run';

/** Offer-level changes against the last published feed. */
export interface FeedChangeSummary {
  readonly previousOffers: number;
  readonly added: number;
  readonly removed: number;
  readonly becameAvailable: number;
  readonly becameUnavailable: number;
  readonly priceChanged: number;
  /** Offers whose price moved by more than the guard's `priceChangePercent`. */
  readonly priceChangedBeyondThreshold: number;
}

/** What a sync did, logged at the end of every run and stored with it. */
export interface RunSummary {
  readonly mode: SyncMode;
  readonly supplierProducts: number;
  readonly offers: number;
  readonly available: number;
  readonly unavailable: number;
  /** Offers kept as available="no" because their product left the catalogue or was skipped. */
  readonly retained: number;
  readonly retired: number;
  readonly skipped: Partial<Record<SkipReason, number>>;
  /** Products offered by two suppliers under one SKU (first supplier in config wins). */
  readonly conflicts: readonly { sku: string; kept: string; dropped: string }[];
  readonly changes?: FeedChangeSummary | undefined;
  /** Why the guards refused to publish; empty when they allowed it. */
  readonly refusals: readonly string[];
  /** A refused run's per-SKU changes, most harmful first (at most `SKU_CHANGES_KEPT`). */
  readonly skuChanges?: readonly SkuChange[] | undefined;
  /** How many SKUs changed in all, when `skuChanges` is a sample. */
  readonly skuChangesTotal?: number | undefined;
  readonly published?: { readonly path: string; readonly sha256: string; readonly bytes: number };
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly error?: string | undefined;
  /** Offers whose price fell more than `guards.maxOfferPriceDropPercent` and were held back. */
  readonly priceHolds?: number | undefined;
  /** Why the live feed was written although no offer changed (`missing` or `altered` file). */
  readonly rewrote?: 'missing' | 'altered' | undefined;
}
