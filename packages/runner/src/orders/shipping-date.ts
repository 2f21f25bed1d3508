/** The rule for the supplier's `shipping_date`: N Almaty calendar days ahead, optionally not on a weekend. */
export interface ShippingDateRule {
  readonly daysAhead: number;
  readonly skipWeekends: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Almaty has kept UTC+5 all year since 2024-03-01; the supplier only sees the calendar day. */
const ALMATY_OFFSET_MS = 5 * 60 * 60 * 1000;

/**
 * The shipping date for an order decided at `now`: noon (Almaty) of the day `daysAhead` later,
 * moved to Monday when it falls on a weekend and `skipWeekends` is on. Holidays are not known.
 */
export function shippingDateFor(now: Date, rule: ShippingDateRule): Date {
  const local = new Date(now.getTime() + ALMATY_OFFSET_MS);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  let target = day + rule.daysAhead * DAY_MS;
  if (rule.skipWeekends) {
    const weekday = new Date(target).getUTCDay();
    if (weekday === 6) target += 2 * DAY_MS;
    else if (weekday === 0) target += DAY_MS;
  }
  return new Date(target + 12 * 60 * 60 * 1000 - ALMATY_OFFSET_MS);
}
