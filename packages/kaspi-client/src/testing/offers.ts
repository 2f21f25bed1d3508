import { RULES } from '@kaspi-connect/kaspi-pricelist';
import type { PriceListDocument, PriceListOffer } from './pricelist-reader.js';

/** An offer Kaspi accepted from the price list and shows to buyers. */
export type SimulatedOffer = PriceListOffer;

/** An offer the simulator refused while loading, and why. */
export interface RejectedOffer {
  readonly sku: string;
  readonly line: number;
  readonly reason: string;
  /** The rule codes of the acceptance model that refused it. */
  readonly rules: readonly string[];
}

/**
 * Which rules refuse an offer, as in `@kaspi-connect/kaspi-pricelist`'s acceptance model:
 * `strict` refuses on error- and warning-level rules (the guide's rules), `lenient` only on
 * error-level ones (what real feeds never get away with). Whether Kaspi itself accepts
 * warning-level deviations is unknown.
 */
export type OfferPolicy = 'strict' | 'lenient';

/** The offers Kaspi would show from a document read under one policy, and the refused ones. */
export function acceptOffers(doc: PriceListDocument): {
  offers: Map<string, SimulatedOffer>;
  rejected: RejectedOffer[];
} {
  const offers = new Map(doc.offers.map((o) => [o.sku, o]));
  const rejected = doc.refused.map((r) => {
    const rules = [...new Set(r.rules)];
    const reason = rules.map((rule) => `${rule}: ${RULES[rule]}`).join('; ');
    return { sku: r.sku, line: r.line, reason, rules };
  });
  return { offers, rejected };
}
