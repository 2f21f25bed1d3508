import type {
  Fault,
  SimRequestRecord,
  SimServer,
  SimulatedLatencies,
} from '@kaspi-connect/sim-kit';
import type { OfferPolicy, PriceListSource, RejectedOffer, SimulatedOffer } from './price-list.js';
import type { SimImportRules } from './product-import.js';
import type { LinkStyle } from './serialize.js';

/** Options of `startKaspiSimulator`. */
export interface KaspiSimulatorOptions {
  /** Token the simulator accepts in `X-Auth-Token`. Default `simulator-token`. */
  readonly token?: string;
  /** The shop id (price list `merchantid`). Default `30000001`. */
  readonly merchantId?: string;
  /** Clock for `$le` defaults and new orders. Default `Date.now`. */
  readonly now?: () => number;
  /** Refuse list queries without `filter[orders][state]` (the newer guide's rule). Default false. */
  readonly requireStateFilter?: boolean;
  /** Never answer requests without a User-Agent, as Kaspi did in one report. Default true. */
  readonly hangWithoutUserAgent?: boolean;
  /** Price-list rules applied when loading. Default `strict`. */
  readonly offerPolicy?: OfferPolicy;
  /** How JSON:API links are written. Default `kaspi-absolute`. */
  readonly linkStyle?: LinkStyle;
  /** Automatic loading of the price list by URL, like the cabinet's setting. */
  readonly priceList?: PriceListSource & {
    /** Load on this interval (Kaspi: every 60 min if changed). Omit to load only on demand. */
    readonly intervalMs?: number;
  };
  /** Fetch used by the price-list loader. Default: the global one, looked up late. */
  readonly fetch?: typeof fetch;
  /** Give up on a price-list fetch after this many ms (the file counts as failed). Default 30 000. */
  readonly priceListTimeoutMs?: number;
  /** How many status checks an import stays `UPLOADED` before `FINISHED`. Default 1. */
  readonly importChecksBeforeFinished?: number;
  /**
   * Delay before answering, per path below `/shop/api` (`*` for every other one), e.g.
   * `{ '/v2/orders': { minMs: 100, maxMs: 400 } }`. Default none.
   */
  readonly latency?: SimulatedLatencies;
  /** Seed of the latency draws. Default 1. */
  readonly latencySeed?: number;
  /** Existing cards (duplicates are rejected) and broken images of product imports. */
  readonly importRules?: SimImportRules;
}

/** Result of loading the price list. */
export interface PriceListLoadReport {
  /** `loaded`: offers replaced. `unchanged`: same file (304 or same hash). `failed`: kept old. */
  readonly outcome: 'loaded' | 'unchanged' | 'failed';
  readonly at: Date;
  readonly httpStatus: number | undefined;
  /** Offers accepted from this file (for `loaded`). */
  readonly accepted: number;
  readonly rejected: readonly RejectedOffer[];
  readonly error: string | undefined;
}

/** A buyer's order line. */
export interface BuyerOrderItem {
  readonly sku: string;
  /** Default 1. */
  readonly quantity?: number;
}

/** A buyer placing an order on the marketplace. */
export interface BuyerOrderInput {
  readonly items: readonly BuyerOrderItem[];
  /** Point of sale (`storeId` of the price list). Default: the first one stocking every item. */
  readonly storeId?: string;
  /** City code for city prices. Default `750000000` (Almaty). */
  readonly cityId?: string;
  /** Default `DELIVERY_PICKUP`. */
  readonly deliveryMode?: string;
  readonly isKaspiDelivery?: boolean;
  readonly signatureRequired?: boolean;
  readonly preOrder?: boolean;
  /** Default `PAY_WITH_CREDIT`. */
  readonly paymentMode?: string;
  /** Default: now. */
  readonly creationDate?: Date;
  /** If set, the order is refused unless every item costs exactly this much (per SKU). */
  readonly expectedPrices?: Readonly<Record<string, number>>;
  readonly customer?: {
    readonly firstName?: string;
    readonly lastName?: string;
    readonly cellPhone?: string;
  };
}

/** Snapshot of a simulated order. */
export interface SimulatedOrder {
  readonly id: string;
  readonly code: string;
  readonly state: string;
  readonly status: string;
  readonly creationDate: Date;
  readonly totalPrice: number;
  readonly isKaspiDelivery: boolean;
  readonly assembled: boolean;
  readonly arrived: boolean;
  readonly cancellationReason: string | undefined;
  readonly cancellationComment: string | undefined;
  readonly entries: ReadonlyArray<{
    readonly id: string;
    readonly sku: string;
    readonly quantity: number;
    readonly basePrice: number;
    readonly weight: number;
  }>;
}

/**
 * A fault to inject into the next matching requests: the simulator kit's one vocabulary. `path`
 * is below `/shop/api`; `status` defaults to 503 with Kaspi's JSON:API error, `html` to 502.
 */
export type KaspiSimulatorFault = Fault;

/** One request the simulator received (the token and the security code never recorded). */
export type SimulatorRequestRecord = SimRequestRecord;

/** A running simulated Kaspi marketplace. */
export interface KaspiSimulator extends Omit<SimServer, 'setRateLimitMs'> {
  /** The token the simulator accepts. */
  readonly token: string;
  readonly merchantId: string;

  /** Sets (or replaces) the automatic-loading URL and credentials. */
  setPriceListSource(source: PriceListSource): void;
  /** Fetches the price list now, as Kaspi's loader does, applying only a changed file. */
  loadPriceList(signal?: AbortSignal): Promise<PriceListLoadReport>;
  /** Applies an XML price list directly, like a manual upload in the cabinet. */
  uploadPriceList(xml: string): PriceListLoadReport;
  /** Offers Kaspi loaded and shows to buyers. */
  offers(): readonly SimulatedOffer[];
  /** Last load report, if any. */
  readonly lastPriceListLoad: PriceListLoadReport | undefined;

  /** A buyer places an order (published, available offers only, at the published price). */
  createOrder(input: BuyerOrderInput): SimulatedOrder;
  /** Current view of an order by id or code. */
  order(idOrCode: string): SimulatedOrder | undefined;
  /** All orders, oldest first. */
  orders(): readonly SimulatedOrder[];
  /** The completion code Kaspi sent to the buyer's app (after `sendCompletionCode`). */
  securityCodeOf(idOrCode: string): string | undefined;

  /** Kaspi side: the buyer signed the credit documents. */
  signDocuments(idOrCode: string): SimulatedOrder;
  /** Kaspi side: Kaspi cancels the order itself (default reason `TIMEOUT_BUYER_PICKUP`). */
  cancelByKaspi(idOrCode: string, reason?: string): SimulatedOrder;
  /** Kaspi side: an accepted order goes to CANCELLING (e.g. buyer did not pick up). */
  startCancelling(idOrCode: string, reason?: string): SimulatedOrder;
  /** Kaspi side: Kaspi Delivery handed the goods over (COMPLETED). */
  completeByKaspi(idOrCode: string): SimulatedOrder;
  /** Kaspi side: the buyer asked to return a completed Kaspi Delivery order. */
  requestReturn(idOrCode: string): SimulatedOrder;
  /** Kaspi side: the goods of an accepted (or completed) order came back: status `RETURNED`. */
  returnByKaspi(idOrCode: string): SimulatedOrder;

  /** Every product import received, oldest first (what Kaspi was sent, SKU by SKU). */
  productImports(): readonly SimulatedProductImport[];
}

/** One product import the simulator received. */
export interface SimulatedProductImport {
  readonly code: string;
  readonly skus: readonly string[];
  readonly items: readonly unknown[];
}
