/**
 * What any supplier gives the runner. Adding a supplier means writing one class that implements
 * this interface; the pipeline never looks at a supplier's own API.
 */

/** Stock as the supplier reports it, without inventing a number for a lower bound like `">50"`. */
export interface SupplierStock {
  /** The smallest stock the supplier guarantees (`">50"` → 51). */
  readonly min: number;
  /** `false` when the supplier gave only a lower bound. */
  readonly exact: boolean;
  /** Stock per supplier warehouse code, when the supplier reports it (for `stock.allocation`). */
  readonly byWarehouse?: Readonly<Record<string, SupplierStock>> | undefined;
}

/** Prices in whole KZT as the supplier reports them; a missing one is `undefined`. */
export interface SupplierPrices {
  /** What we pay the supplier (Al-Style `price1`). */
  readonly dealer?: number | undefined;
  /** The supplier's retail price (Al-Style `price2`). */
  readonly retail?: number | undefined;
  /** The recommended / controlled retail price (Al-Style `rrp`). */
  readonly recommended?: number | undefined;
  /** The supplier says "price on request": never sell it (Al-Style sends price 1). */
  readonly priceOnRequest?: boolean | undefined;
  /** A placeholder price (Al-Style 9 999 999 on withdrawn items): never sell it. */
  readonly placeholderPrice?: boolean | undefined;
}

/** A product normalised by its supplier: the only product shape the pipeline knows. */
export interface SupplierProduct {
  /** The id of the supplier that sells it (`Supplier.id`). */
  readonly supplier: string;
  /** The supplier's own product key (Al-Style `article`), unique within that supplier. */
  readonly key: string;
  readonly name: string;
  /** Brand name; `undefined` when the supplier has none. */
  readonly brand?: string | undefined;
  /** Category id as a string, used by include/exclude filters and per-category markups. */
  readonly category?: string | undefined;
  /** Manufacturer part number, for people only (never used as a SKU: it is not unique). */
  readonly partNumber?: string | undefined;
  readonly prices: SupplierPrices;
  /** `undefined` when the supplier sent a value it could not read. */
  readonly stock: SupplierStock | undefined;
}

/** Fresh price and stock of one product from the cheap snapshot call. */
export interface StockAndPrice {
  readonly prices: SupplierPrices;
  readonly stock: SupplierStock | undefined;
}

/** Progress of a long catalogue download, for progress bars and logs. */
export interface CatalogueProgress {
  /** Products received so far. */
  readonly received: number;
  /** Total the supplier announced, when it did. */
  readonly total?: number | undefined;
}

/** Options of `Supplier.iterateCatalogue`. */
export interface IterateCatalogueOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: CatalogueProgress) => void) | undefined;
}

/** Options of `Supplier.getStockAndPrices`. */
export interface SnapshotOptions {
  readonly signal?: AbortSignal | undefined;
}

/** One line of a supplier reservation. */
export interface ReservationLine {
  readonly key: string;
  readonly quantity: number;
}

/** A reservation request: `externalId` is the Kaspi order code, so a retry can be recognised. */
export interface ReservationRequest {
  readonly externalId: string;
  readonly lines: readonly ReservationLine[];
  /** When the goods should leave the supplier; the order flow computes it by a configured rule. */
  readonly shippingDate?: Date | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A supplier order placed for a Kaspi order. */
export interface Reservation {
  /** The supplier's own order id. */
  readonly supplierOrderId: string;
}

/**
 * What the order flow knows about a reservation whose outcome is unknown (a crash or a lost
 * reply): the supplier looks for an order it cannot attribute to any other Kaspi order.
 */
export interface ReservationLookup {
  readonly externalId: string;
  readonly lines: readonly ReservationLine[];
  /** When the attempt started: older supplier orders cannot be it. */
  readonly startedAt: Date;
  /** Supplier order ids already attributed to other Kaspi orders. */
  readonly knownOrderIds: ReadonlySet<string>;
  /** When the Kaspi order was first recorded: a supplier order created before it is never it. */
  readonly notBefore?: Date | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** `absent` is only returned when the supplier's list proves no such order exists. */
export type ReservationMatch =
  | { readonly kind: 'found'; readonly supplierOrderId: string }
  | { readonly kind: 'absent' }
  | { readonly kind: 'ambiguous'; readonly reason: string };

/** A supplier order's current status, for reversing it after Kaspi cancelled. */
export interface ReservationStatus {
  /** The supplier's own status code (`null`: none yet). */
  readonly status: string | null;
  readonly cancelled: boolean;
  /** Whether the supplier still takes a cancellation in this status. */
  readonly cancellable: boolean;
}

/** A recent supplier order, for rebuilding lost state (`--fresh-state`). */
export interface SupplierReservation {
  readonly supplierOrderId: string;
  /** The Kaspi order code, when the supplier's answer carries it. */
  readonly externalId?: string | undefined;
  readonly lines: readonly ReservationLine[];
  readonly createdAt?: Date | undefined;
  readonly cancelled: boolean;
}

/**
 * A source of products. The reservation methods are optional so that catalogue-only suppliers
 * stay valid; the order flow only reserves at suppliers that provide all of them.
 */
export interface Supplier {
  /** Stable id stored with every SKU mapping (`"alstyle"`); never change it once published. */
  readonly id: string;
  /** The full catalogue: names, brands and new products. May take minutes (rate limits). */
  iterateCatalogue(options?: IterateCatalogueOptions): AsyncIterable<SupplierProduct>;
  /** Every product's current price and stock in as few requests as the supplier allows. */
  getStockAndPrices(options?: SnapshotOptions): Promise<ReadonlyMap<string, StockAndPrice>>;
  /** Minimum wall time of a full catalogue download, for ETA and benchmarks (ms), if known. */
  estimateCatalogueDurationMs?(productCount: number): number;
  /** Live stock of a few products in one request (the order flow's stock check). */
  getStock?(
    keys: readonly string[],
    options?: SnapshotOptions,
  ): Promise<ReadonlyMap<string, SupplierStock | undefined>>;
  /**
   * Places a supplier order for a Kaspi order; throws when the outcome is not a
   * confirmed order. Must not be retried blindly: the order flow calls `findReservation` first.
   */
  reserve?(request: ReservationRequest): Promise<Reservation>;
  /** Reverses a reservation (cancels the supplier order); cancelling twice is harmless. */
  cancelReservation?(supplierOrderId: string, options?: SnapshotOptions): Promise<void>;
  /** Finds the order an interrupted `reserve` may have created (see `ReservationLookup`). */
  findReservation?(lookup: ReservationLookup): Promise<ReservationMatch>;
  /** Live stock and prices of a few products in one request (stock plus the price check). */
  getStockAndPricesOf?(
    keys: readonly string[],
    options?: SnapshotOptions,
  ): Promise<ReadonlyMap<string, StockAndPrice | undefined>>;
  /** The current status of a supplier order (may it still be cancelled?). */
  reservationStatus?(
    supplierOrderId: string,
    options?: SnapshotOptions,
  ): Promise<ReservationStatus>;
  /** Supplier orders since a date, newest first (bounded by the supplier's page limit). */
  recentReservations?(options: {
    readonly since: Date;
    readonly signal?: AbortSignal | undefined;
  }): Promise<SupplierReservation[]>;
}
