import * as v from 'valibot';
import { consoleConfigSchema } from '../console/config-schema.js';
import { notifyConfigSchema } from '../notify/config-schema.js';
import { targetsSchema } from '../publish/targets/schema.js';
import { shopsSchema } from '../shops/shops-schema.js';
import { workerSchema } from '../shops/worker-schema.js';
import { stateConfigSchema } from './state-schema.js';

/** Every message names the expected value; `load-config.ts` prefixes it with the key's path. */
const nonNegative = (what: string) =>
  v.pipe(v.number(`expected ${what} (a number)`), v.minValue(0, `expected ${what} ≥ 0`));
const wholeNonNegative = (what: string) =>
  v.pipe(
    v.number(`expected ${what} (a whole number)`),
    v.integer(`expected ${what} to be a whole number`),
    v.minValue(0, `expected ${what} ≥ 0`),
  );
const percent = (what: string) =>
  v.pipe(
    v.number(`expected ${what} (a percentage)`),
    v.minValue(0, `expected ${what} between 0 and 100`),
    v.maxValue(100, `expected ${what} between 0 and 100`),
  );
const text = (what: string) =>
  v.pipe(v.string(`expected ${what} (a string)`), v.trim(), v.nonEmpty(`expected ${what}`));
const stringList = (what: string) => v.array(text(what), `expected a list of ${what}`);

const STORE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CITY_ID = /^\d{9}$/;

const storeSchema = v.strictObject({
  id: v.pipe(
    text('a Kaspi store id from the cabinet, such as "PP1"'),
    v.regex(STORE_ID, 'expected a Kaspi store id of letters, digits, "_" or "-", such as "PP1"'),
    v.check(
      (id) => !/^myFavoritePickupPoint/i.test(id),
      'expected your own store id: "myFavoritePickupPoint…" is the guide\'s placeholder',
    ),
  ),
  preOrderDays: v.optional(
    v.pipe(
      wholeNonNegative('pre-order days'),
      v.maxValue(30, 'expected pre-order days between 0 and 30 (Kaspi maximum)'),
    ),
    0,
  ),
});

const markupSchema = v.strictObject({
  percent: v.optional(nonNegative('a markup percent'), 0),
  fixed: v.optional(nonNegative('a fixed markup in KZT'), 0),
});

const markupRuleSchema = v.strictObject({
  category: v.optional(stringList('category ids')),
  brand: v.optional(stringList('brand names')),
  percent: v.optional(nonNegative('a markup percent')),
  fixed: v.optional(nonNegative('a fixed markup in KZT')),
});

const roundingSchema = v.variant('mode', [
  v.strictObject({ mode: v.literal('none') }),
  v.strictObject({
    mode: v.picklist(['nearest', 'up', 'down'], 'expected "nearest", "up" or "down"'),
    step: v.pipe(wholeNonNegative('a rounding step in KZT'), v.minValue(1, 'expected a step ≥ 1')),
  }),
  v.strictObject({
    mode: v.literal('ending'),
    ending: v.pipe(
      wholeNonNegative('a price ending such as 990'),
      v.minValue(1, 'expected an ending ≥ 1, such as 990'),
    ),
  }),
]);

const cityPriceSchema = v.strictObject({
  cityId: v.pipe(
    text('a 9-digit Kaspi city code'),
    v.regex(CITY_ID, 'expected a 9-digit Kaspi city code, such as "750000000" (Almaty)'),
  ),
  percent: v.optional(v.number('expected a percent adjustment (a number)'), 0),
  fixed: v.optional(v.number('expected a fixed adjustment in KZT (a number)'), 0),
});

const alstyleSchema = v.strictObject({
  /** Usually left out: read from `ALSTYLE_TOKEN`. */
  token: v.optional(text('the Al-Style access token')),
  baseUrl: v.optional(v.pipe(text('the Al-Style base URL'), v.url('expected a URL'))),
  /** Letters before the article code in every SKU (`AS` + 20932 → `AS20932`). Never change it. */
  skuPrefix: v.optional(
    v.pipe(
      text('a SKU prefix'),
      v.regex(/^[A-Za-z]{1,10}$/, 'expected 1-10 Latin letters, such as "AS"'),
    ),
    'AS',
  ),
  /** The supplier's documented limit is 1 request / 5 s (5000); change only for a simulator. */
  intervalMs: v.optional(wholeNonNegative('milliseconds between requests')),
  /** Safety margin added to `intervalMs` (default 500). */
  marginMs: v.optional(wholeNonNegative('milliseconds of safety margin')),
});

const guardsSchema = v.strictObject({
  /** Refuse when fewer offers than this would be published. */
  minOffers: v.optional(wholeNonNegative('a minimum offer count'), 1),
  /** Refuse when the supplier returned this share fewer products than at the last good sync. */
  maxSupplierShrinkPercent: v.optional(percent('a shrink threshold'), 20),
  /** Refuse when this share of the last published offers would vanish from the feed. */
  maxRemovedPercent: v.optional(percent('a removal threshold'), 10),
  /** Refuse when this share of the offers that were available would become unavailable. */
  maxBecameUnavailablePercent: v.optional(percent('an availability threshold'), 30),
  /** A price counts as "changed a lot" beyond this percent… */
  priceChangePercent: v.optional(nonNegative('a price change percent'), 30),
  /** …and publishing is refused when more than this share of offers did so. */
  maxPriceChangedPercent: v.optional(percent('a price-change share'), 10),
  /**
   * An offer whose price would fall by more than this against the last published price keeps
   * its last price (or is published unavailable, see `onOfferPriceDrop`) and is reported.
   */
  maxOfferPriceDropPercent: v.optional(percent('a per-offer price drop threshold'), 50),
  /** `hold`: keep the last published price. `skip`: publish the offer as unavailable. */
  onOfferPriceDrop: v.optional(v.picklist(['hold', 'skip'], 'expected "hold" or "skip"'), 'hold'),
});

const ordersSchema = v.strictObject({
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

const KASPI_CATEGORY = /^Master ?-[a-zA-Z_\s\d-]+$/;

const cardsSchema = v.strictObject({
  /**
   * Supplier category id → Kaspi leaf category code (`"3472": "Master - Portable speakers"`).
   * `kaspi-connect cards categories` suggests codes for the ones missing here.
   */
  categories: v.optional(
    v.record(
      text('a supplier category id'),
      v.pipe(
        text('a Kaspi leaf category code'),
        v.regex(KASPI_CATEGORY, 'expected a Kaspi category code such as "Master - Mice"'),
      ),
      'expected a table of supplier category ids to Kaspi category codes',
    ),
    {},
  ),
  /**
   * Kaspi attribute → supplier property names that fill it. The key is a full code
   * (`"Mice*Color"`) or the name after the last `*` (`"Color"`, for every category).
   */
  attributes: v.optional(
    v.record(
      text('a Kaspi attribute code or name'),
      v.union(
        [text('a supplier property name'), stringList('supplier property names')],
        'expected a supplier property name or a list of them',
      ),
      'expected a table of Kaspi attributes to supplier property names',
    ),
    {},
  ),
  /** Values used when the supplier has none, by full attribute code or name. */
  fixedValues: v.optional(
    v.record(
      text('a Kaspi attribute code or name'),
      v.union([v.string(), v.number(), v.boolean()], 'expected a string, a number or true/false'),
      'expected a table of Kaspi attributes to values',
    ),
    {},
  ),
  /** Cards per import request (Kaspi accepts 1 to 10 000). */
  batchSize: v.optional(
    v.pipe(
      wholeNonNegative('cards per import'),
      v.minValue(1, 'expected at least 1 card per import'),
      v.maxValue(10_000, 'expected at most 10 000 cards per import (Kaspi limit)'),
    ),
    100,
  ),
  /** Seconds between import status checks. */
  pollEverySeconds: v.optional(nonNegative('seconds between import status checks'), 30),
  /** Stop waiting for an import after this long; the next `cards submit` or `cards status --refresh` picks it up. */
  maxWaitMinutes: v.optional(nonNegative('minutes to wait for an import'), 30),
  /** Kaspi's categories, attributes and values are fetched again after this many hours. */
  cacheHours: v.optional(nonNegative('hours to keep Kaspi classification data'), 24),
});

/** The valibot schema of `kaspi-connect.config.*`. */
export const configSchema = v.strictObject({
  shop: v.strictObject({
    company: text('your company name as shown on Kaspi'),
    merchantId: v.pipe(
      text('your Kaspi shop id (Settings → Shop ID)'),
      v.regex(/^\d+$/, 'expected the numeric shop id from the Kaspi cabinet'),
      v.check(
        (id) => id !== '01' && !/^0+$/.test(id),
        'expected your own shop id, not a placeholder such as "01" or "00000000"',
      ),
    ),
    stores: v.pipe(
      v.array(storeSchema, 'expected a list of stores such as [{ id: "PP1" }]'),
      v.minLength(1, 'expected at least one store'),
    ),
  }),
  suppliers: v.pipe(
    v.strictObject({ alstyle: v.optional(alstyleSchema) }),
    v.check(
      (s) => Object.values(s).some(Boolean),
      'expected at least one supplier, such as alstyle',
    ),
  ),
  pricing: v.optional(
    v.strictObject({
      source: v.optional(
        v.picklist(
          ['dealer', 'retail', 'recommended'],
          'expected "dealer", "retail" or "recommended"',
        ),
        'retail',
      ),
      markup: v.optional(markupSchema, {}),
      rules: v.optional(v.array(markupRuleSchema, 'expected a list of markup rules'), []),
      rounding: v.optional(roundingSchema, { mode: 'none' }),
      minMarginPercent: v.optional(nonNegative('a minimum margin percent over dealer price'), 0),
      belowMinMargin: v.optional(
        v.picklist(['raise', 'skip'], 'expected "raise" or "skip"'),
        'raise',
      ),
      /** The dealer price is the floor of every price unless this is `true`. */
      allowBelowDealer: v.optional(v.boolean('expected true or false'), false),
      /** Prices at or below this mean "price on request" (Al-Style sends 1). */
      onRequestAtOrBelow: v.optional(nonNegative('a "price on request" ceiling'), 1),
      /** Prices at or above this are placeholders (Al-Style uses 9 999 999). */
      placeholderAtOrAbove: v.optional(nonNegative('a placeholder price floor'), 9_999_999),
      cityPrices: v.optional(v.array(cityPriceSchema, 'expected a list of city prices'), []),
    }),
    {},
  ),
  filters: v.optional(
    v.strictObject({
      includeCategories: v.optional(stringList('category ids')),
      excludeCategories: v.optional(stringList('category ids'), []),
      includeBrands: v.optional(stringList('brand names')),
      excludeBrands: v.optional(stringList('brand names'), []),
      excludeProducts: v.optional(stringList('supplier product keys'), []),
      /** Brand for products the supplier sends without one; unset = skip them. */
      fallbackBrand: v.optional(text('a fallback brand such as "Без бренда"')),
    }),
    {},
  ),
  stock: v.optional(
    v.strictObject({
      /** Published stock never exceeds this (">50" publishes min(51, cap)). */
      cap: v.optional(wholeNonNegative('a stock cap'), 50),
      /** Below this the offer is published as available="no". */
      minAvailable: v.optional(
        v.pipe(wholeNonNegative('a minimum stock'), v.minValue(1, 'expected a minimum stock ≥ 1')),
        1,
      ),
      /**
       * How the supplier's stock is spread over `shop.stores`: `first` (all at the first store,
       * the others unavailable), `split` (divided, never more in total than the supplier has) or
       * `warehouses` (the supplier's per-warehouse stock, mapped by `stock.warehouses`).
       */
      allocation: v.optional(
        v.picklist(['first', 'split', 'warehouses'], 'expected "first", "split" or "warehouses"'),
        'first',
      ),
      /** For `allocation: 'warehouses'`: store id → the supplier warehouse codes it ships from. */
      warehouses: v.optional(
        v.record(
          v.string(),
          stringList('supplier warehouse codes such as "panfilov"'),
          'expected store ids mapped to warehouse codes, such as { PP1: ["panfilov"] }',
        ),
      ),
    }),
    {},
  ),
  guards: v.optional(guardsSchema, {}),
  feed: v.optional(
    v.strictObject({
      dir: v.optional(text('a directory for the published feed'), './kaspi-feed'),
      fileName: v.optional(
        v.pipe(
          text('a file name'),
          v.regex(/^[A-Za-z0-9._-]+\.xml$/, 'expected a plain file name ending in .xml'),
        ),
        'kaspi.xml',
      ),
      history: v.optional(wholeNonNegative('how many old feeds to keep'), 10),
      /** Offers that left the catalogue stay as available="no" this many days, then retire. */
      retireAfterDays: v.optional(wholeNonNegative('days'), 30),
      /** Where else to publish the feed (S3, a Git branch, SFTP), for a machine Kaspi cannot reach. */
      targets: targetsSchema,
    }),
    {},
  ),
  server: v.optional(
    v.strictObject({
      host: v.optional(text('a host to listen on'), '127.0.0.1'),
      port: v.optional(
        v.pipe(wholeNonNegative('a TCP port'), v.maxValue(65_535, 'expected a port ≤ 65535')),
        8080,
      ),
      path: v.optional(
        v.pipe(
          text('a URL path'),
          v.regex(/^\/[A-Za-z0-9._/-]*$/, 'expected a path such as "/kaspi.xml"'),
        ),
        '/kaspi.xml',
      ),
      username: v.optional(text('a basic-auth user name')),
      /** Usually left out: read from `FEED_PASSWORD`. */
      password: v.optional(text('a basic-auth password')),
    }),
    {},
  ),
  schedule: v.optional(
    v.strictObject({
      timezone: v.optional(text('an IANA time zone'), 'Asia/Almaty'),
      fullSync: v.optional(stringList('cron expressions'), [
        '0 9 * * *',
        '0 15 * * *',
        '45 21 * * *',
      ]),
      refreshEveryMinutes: v.optional(wholeNonNegative('minutes between refreshes (0 = off)'), 30),
    }),
    {},
  ),
  orders: v.optional(ordersSchema, {}),
  state: stateConfigSchema,
  /** Product cards on Kaspi from supplier data (`kaspi-connect cards`; see docs/product-cards.md). */
  cards: v.optional(cardsSchema, {}),
  console: consoleConfigSchema,
  notify: notifyConfigSchema,
  shops: shopsSchema,
  worker: workerSchema,
});

/** What you write in `kaspi-connect.config.ts` (defaults may be left out). */
export type KaspiConnectConfigInput = v.InferInput<typeof configSchema>;
/** The validated config with every default filled in. */
export type KaspiConnectConfig = v.InferOutput<typeof configSchema>;
/** The validated `pricing` section. */
export type PricingConfig = KaspiConnectConfig['pricing'];
/** The validated `filters` section. */
export type FiltersConfig = KaspiConnectConfig['filters'];
/** The validated `stock` section. */
export type StockConfig = KaspiConnectConfig['stock'];
/** The validated `guards` section. */
export type GuardsConfig = KaspiConnectConfig['guards'];
/** The validated `pricing.rounding` rule. */
export type RoundingConfig = PricingConfig['rounding'];
/** The validated `orders` section (the order flow). */
export type OrdersConfig = KaspiConnectConfig['orders'];
/** The validated `cards` section (product cards on Kaspi). */
export type CardsConfig = KaspiConnectConfig['cards'];
/** The validated `console` section. */
export type ConsoleConfig = KaspiConnectConfig['console'];
/** The validated `notify` section. */
export type NotifyConfig = KaspiConnectConfig['notify'];
