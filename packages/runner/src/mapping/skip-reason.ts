/** Why a supplier product did not become an offer; counted in every run summary. */
export const SKIP_REASONS = [
  'price-on-request',
  'placeholder-price',
  'no-price',
  'below-min-margin',
  'excluded-category',
  'excluded-brand',
  'excluded-product',
  'not-included',
  'missing-name',
  'missing-brand',
  'unreadable-stock',
  'invalid-sku',
  'duplicate-sku',
] as const;

/** Why a product was skipped (one of `SKIP_REASONS`). */
export type SkipReason = (typeof SKIP_REASONS)[number];
