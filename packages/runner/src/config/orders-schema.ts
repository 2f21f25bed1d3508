import * as v from 'valibot';
import { nonNegative, text, wholeNonNegative } from './schema-parts.js';

/** The `orders` section: the order flow. */
export const ordersSchema = v.strictObject({
  /** `auto`: reserve then accept, or cancel when out of stock. `manual`: record and report only. */
  policy: v.optional(
    v.picklist(['auto', 'manual', 'off'], 'expected "auto", "manual" or "off"'),
    'off',
  ),
  pollEveryMinutes: v.optional(
    v.pipe(
      v.number('expected minutes between order polls (a number)'),
      v.minValue(1, 'expected an order poll interval of at least 1 minute'),
    ),
    5,
  ),
  /** Each poll re-reads this much before the end of the previous one, so nothing falls between. */
  overlapMinutes: v.optional(nonNegative('minutes of overlap between polls'), 10),
  /** How far back the very first poll looks (≤ 14 days, Kaspi's window). */
  firstPollHours: v.optional(
    v.pipe(
      nonNegative('hours'),
      v.maxValue(14 * 24, 'expected at most 336 hours (Kaspi allows 14 days)'),
    ),
    24,
  ),
  /**
   * Order states polled for `APPROVED_BY_BANK`, one request each. Whether every order awaiting
   * acceptance is in `NEW` is unknown, so the default polls every state.
   */
  pollStates: v.optional(
    v.pipe(
      v.array(
        v.picklist(
          ['NEW', 'SIGN_REQUIRED', 'PICKUP', 'DELIVERY', 'KASPI_DELIVERY', 'ARCHIVE'],
          'expected a Kaspi order state such as "NEW"',
        ),
        'expected a list of Kaspi order states',
      ),
      v.minLength(1, 'expected at least one state'),
    ),
    ['NEW', 'SIGN_REQUIRED', 'PICKUP', 'DELIVERY', 'KASPI_DELIVERY', 'ARCHIVE'],
  ),
  /** `cancel`: cancel on Kaspi with MERCHANT_OUT_OF_STOCK. `flag`: leave it for a person. */
  outOfStock: v.optional(v.picklist(['cancel', 'flag'], 'expected "cancel" or "flag"'), 'cancel'),
  /** Supplier shipping date: this many days after the order (Almaty calendar days). */
  shippingDaysAhead: v.optional(wholeNonNegative('days until shipping'), 1),
  /** Move a shipping date that falls on Saturday or Sunday to Monday. */
  shippingSkipWeekends: v.optional(v.boolean('expected true or false'), true),
  /** Failed attempts of one step before the order goes to a person. */
  maxAttempts: v.optional(
    v.pipe(wholeNonNegative('attempts'), v.minValue(1, 'expected at least 1 attempt')),
    3,
  ),
  /** Kaspi API root (the simulator's URL in tests); default the production one. */
  kaspiBaseUrl: v.optional(v.pipe(text('the Kaspi API root'), v.url('expected a URL'))),
  /** Sent as `X-Merchant-Uid` (not in the guide; for cabinets with several shops). */
  merchantUid: v.optional(text('a Kaspi merchant uid')),
  /**
   * `User-Agent` for the Kaspi API; default names kaspi-connect. Kaspi once timed out requests
   * without one; whether it accepts any non-browser string is unknown, so if Kaspi requests hang,
   * set a desktop browser's string here.
   */
  kaspiUserAgent: v.optional(
    v.pipe(
      text('a User-Agent string'),
      v.regex(/^[\x20-\x7e]+$/, 'expected a User-Agent of printable ASCII characters, on one line'),
    ),
  ),
  /**
   * An order whose Kaspi price is below the supplier's current dealer price plus
   * `pricing.minMarginPercent`: `flag` leaves it for a person, `cancel` cancels it on Kaspi,
   * `accept` reserves and accepts it anyway.
   */
  belowCost: v.optional(
    v.picklist(['accept', 'flag', 'cancel'], 'expected "accept", "flag" or "cancel"'),
    'flag',
  ),
  /** Accepted orders are re-read on Kaspi at most this often, until completed or cancelled. */
  watchAcceptedEveryMinutes: v.optional(
    nonNegative('minutes between checks of accepted orders'),
    15,
  ),
  /**
   * Supplier statuses in which a reservation is cancelled after Kaspi cancels an accepted order
   * (`""` = no status yet). Al-Style's rule is undocumented; other statuses go to a person.
   */
  supplierCancellableStatuses: v.optional(
    v.array(v.string('expected a status code'), 'expected a list of supplier order statuses'),
    ['', 'N', 'R'],
  ),
  /** With `--fresh-state`, supplier orders of this many past days are imported. */
  freshStateLookbackDays: v.optional(
    v.pipe(nonNegative('days'), v.maxValue(14, 'expected at most 14 days (Kaspi keeps 14)')),
    14,
  ),
});
