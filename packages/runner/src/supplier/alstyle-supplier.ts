import {
  type AlStyleAttorney,
  type AlStyleCarrier,
  type AlStyleClient,
  type AlStyleProduct,
  type AlStyleStockAndPrice,
  MAX_PAGE_SIZE,
  pickMainAttorney,
  pickMainCarrier,
} from '@kaspi-connect/alstyle-client';
import { parseWarehouseStock } from './alstyle-warehouses.js';
import type {
  IterateCatalogueOptions,
  Reservation,
  ReservationLookup,
  ReservationMatch,
  ReservationRequest,
  ReservationStatus,
  SnapshotOptions,
  StockAndPrice,
  Supplier,
  SupplierProduct,
  SupplierReservation,
  SupplierStock,
} from './supplier.js';

/** The additional fields a full sync needs: the brand name and the recommended price. */
const FIELDS = ['brand', 'rrp'] as const;
/** With `stock.allocation: 'warehouses'`, the stock per warehouse too. */
const FIELDS_WITH_WAREHOUSES = ['brand', 'rrp', 'warehouses'] as const;
type Product = AlStyleProduct<(typeof FIELDS_WITH_WAREHOUSES)[number]>;

/** Options of `AlStyleSupplier`. */
export interface AlStyleSupplierOptions {
  readonly client: AlStyleClient;
  /** Supplier id stored with each SKU; default `"alstyle"`. */
  readonly id?: string | undefined;
  /** Spacing between requests the client keeps (ms), for ETA estimates; default 5500. */
  readonly requestSpacingMs?: number | undefined;
  /**
   * How far before an interrupted reservation a supplier order may be dated and still be it
   * (ms; default 24 h). Al-Style's order dates carry no time zone, so this is generous.
   */
  readonly reconcileLookbackMs?: number | undefined;
  /** Most `/api/orders` pages one reconciliation reads before asking a person; default 10. */
  readonly reconcileMaxPages?: number | undefined;
  /** Ask for the stock per warehouse (for `stock.allocation: 'warehouses'`); default false. */
  readonly warehouses?: boolean | undefined;
  /**
   * Statuses in which `cart-api/cancel` is tried (`""` = no status yet). Which ones Al-Style
   * accepts is undocumented; default `["", "N", "R"]` (not yet prepared or shipped).
   */
  readonly cancellableStatuses?: readonly string[] | undefined;
  /** Minutes east of UTC of Al-Style's order dates (undocumented); default 0. */
  readonly orderDateOffsetMinutes?: number | undefined;
}

/**
 * Al-Style as a `Supplier`: the catalogue in `ceil(N/250)` `elements-pagination` requests (the
 * minimum the API allows), and every price and stock in one `quantity-price` request.
 */
export class AlStyleSupplier implements Supplier {
  readonly id: string;
  readonly #client: AlStyleClient;
  readonly #spacingMs: number;
  readonly #lookbackMs: number;
  readonly #maxPages: number;
  readonly #fields: readonly (typeof FIELDS_WITH_WAREHOUSES)[number][];
  readonly #cancellable: ReadonlySet<string>;
  readonly #dateOffsetMs: number;
  /** user-data rarely changes: read once per process, saving one request per reservation. */
  #account:
    | Promise<{ attorney: AlStyleAttorney; delivery: AlStyleCarrier } | undefined>
    | undefined;

  constructor(options: AlStyleSupplierOptions) {
    this.id = options.id ?? 'alstyle';
    this.#client = options.client;
    this.#spacingMs = options.requestSpacingMs ?? 5500;
    this.#lookbackMs = options.reconcileLookbackMs ?? 24 * 60 * 60 * 1000;
    this.#maxPages = options.reconcileMaxPages ?? 10;
    this.#fields = options.warehouses === true ? FIELDS_WITH_WAREHOUSES : FIELDS;
    this.#cancellable = new Set(options.cancellableStatuses ?? ['', 'N', 'R']);
    this.#dateOffsetMs = (options.orderDateOffsetMinutes ?? 0) * 60_000;
  }

  async *iterateCatalogue(options: IterateCatalogueOptions = {}): AsyncIterable<SupplierProduct> {
    // The client's page iterator: it advances by what arrived, stops at the total or an empty
    // page and skips repeated articles; its pages carry `totalCount` for progress and ETA.
    const pages = this.#client
      .iterateProducts({
        fields: this.#fields,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      })
      .pages();
    const seen = new Set<number>();
    for await (const page of pages) {
      for (const product of page.products) {
        if (seen.has(product.article)) continue;
        seen.add(product.article);
        yield toSupplierProduct(this.id, product);
      }
      options.onProgress?.({ received: seen.size, total: page.totalCount });
    }
  }

  async getStockAndPrices(
    options: SnapshotOptions = {},
  ): Promise<ReadonlyMap<string, StockAndPrice>> {
    const entries = await this.#client.getStockAndPrices(
      options.signal === undefined ? {} : { signal: options.signal },
    );
    const snapshot = new Map<string, StockAndPrice>();
    for (const [article, entry] of entries) snapshot.set(String(article), toStockAndPrice(entry));
    return snapshot;
  }

  async getStock(
    keys: readonly string[],
    options: SnapshotOptions = {},
  ): Promise<ReadonlyMap<string, SupplierStock | undefined>> {
    const articles = keys.map(toArticle);
    // `quantity` takes up to 1000 articles per request: one request for a whole poll's orders.
    const stock = await this.#client.getQuantity({
      articles,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const out = new Map<string, SupplierStock | undefined>();
    for (const key of keys) {
      const quantity = stock.get(toArticle(key));
      out.set(
        key,
        quantity === undefined ? undefined : { min: quantity.min, exact: quantity.exact },
      );
    }
    return out;
  }

  async reserve(request: ReservationRequest): Promise<Reservation> {
    const shippingDate = request.shippingDate ?? new Date();
    const call = request.signal === undefined ? {} : { signal: request.signal };
    this.#account ??= this.#client.getUserData(call).then((data) => {
      const attorney = pickMainAttorney(data, shippingDate);
      const delivery = pickMainCarrier(data);
      return attorney && delivery ? { attorney, delivery } : undefined;
    });
    const account = await this.#account.catch((error: unknown) => {
      this.#account = undefined;
      throw error;
    });
    const result = await this.#client
      .createOrder(
        {
          // Without both, createOrder reads user-data itself and names what is missing.
          ...(account === undefined ? {} : account),
          items: request.lines.map((line) => ({
            article: toArticle(line.key),
            quantity: line.quantity,
          })),
          shippingDate,
          externalId: request.externalId,
          comment: `Kaspi ${request.externalId}`,
        },
        call,
      )
      .catch((error: unknown) => {
        // An expired attorney or a changed carrier: read user-data afresh next time.
        this.#account = undefined;
        throw error;
      });
    return { supplierOrderId: String(result.orderId) };
  }

  async cancelReservation(supplierOrderId: string, options: SnapshotOptions = {}): Promise<void> {
    await this.#client.cancelOrder(
      toArticle(supplierOrderId),
      options.signal === undefined ? {} : { signal: options.signal },
    );
  }

  /**
   * Al-Style's order list carries neither `external_id` nor the comment. An order whose details
   * carry an `external_id` is this one exactly when it equals the Kaspi code; otherwise an
   * interrupted submit is recognised as the one order no other Kaspi order owns, created no
   * earlier than the Kaspi order was recorded, whose lines equal the request. Two such orders,
   * or a list longer than `reconcileMaxPages`, go to a person.
   */
  async findReservation(lookup: ReservationLookup): Promise<ReservationMatch> {
    const call = lookup.signal === undefined ? {} : { signal: lookup.signal };
    const notBefore = lookup.notBefore?.getTime() ?? Number.NEGATIVE_INFINITY;
    const listed = await this.#recentOrderIds(
      Math.max(lookup.startedAt.getTime() - this.#lookbackMs, notBefore - CLOCK_TOLERANCE_MS),
      call,
    );
    if (listed === undefined) {
      return {
        kind: 'ambiguous',
        reason: `more than ${this.#maxPages} pages of recent supplier orders to compare`,
      };
    }
    const wanted = lineKey(lookup.lines.map((l) => [toArticle(l.key), l.quantity]));
    const matches: string[] = [];
    for (const { id, date } of listed) {
      if (lookup.knownOrderIds.has(id)) continue;
      const order = await this.#client.getOrder(toArticle(id), call);
      if (order.externalId !== undefined) {
        // The supplier proves whose order it is: no guessing by lines.
        if (order.externalId === lookup.externalId && order.status !== 'DA') {
          return { kind: 'found', supplierOrderId: id };
        }
        continue;
      }
      if (order.status === 'DA') continue;
      if (date !== undefined && date < notBefore - CLOCK_TOLERANCE_MS) continue;
      if (lineKey(order.lines.map((l) => [l.article, l.quantity])) === wanted) matches.push(id);
    }
    if (matches.length === 0) return { kind: 'absent' };
    if (matches.length === 1) return { kind: 'found', supplierOrderId: matches[0] as string };
    return {
      kind: 'ambiguous',
      reason: `supplier orders ${matches.join(', ')} all match and none is attributed`,
    };
  }

  /** Ids and dates of supplier orders since `oldest` (ms); `undefined` past the page limit. */
  async #recentOrderIds(
    oldest: number,
    call: { signal?: AbortSignal },
  ): Promise<{ id: string; date: number | undefined }[] | undefined> {
    const out: { id: string; date: number | undefined }[] = [];
    let read = 0;
    // Newest first: stop at the first order older than `oldest`, or at the client's last page.
    for await (const page of this.#client.iterateOrders({ type: 'index', ...call }).pages()) {
      read += 1;
      let reachedOlder = page.last;
      for (const order of page.orders) {
        const parsed = parseOrderDate(order.date);
        const date = parsed === undefined ? undefined : parsed - this.#dateOffsetMs;
        if (date !== undefined && date < oldest) {
          reachedOlder = true;
          continue;
        }
        out.push({ id: order.id, date });
      }
      if (reachedOlder) return out;
      if (read >= this.#maxPages) return undefined;
    }
    return out;
  }

  async reservationStatus(
    supplierOrderId: string,
    options: SnapshotOptions = {},
  ): Promise<ReservationStatus> {
    const order = await this.#client.getOrder(
      toArticle(supplierOrderId),
      options.signal === undefined ? {} : { signal: options.signal },
    );
    return {
      status: order.status,
      cancelled: order.status === 'DA',
      cancellable: this.#cancellable.has(order.status ?? ''),
    };
  }

  async recentReservations(options: {
    readonly since: Date;
    readonly signal?: AbortSignal | undefined;
  }): Promise<SupplierReservation[]> {
    const call = options.signal === undefined ? {} : { signal: options.signal };
    const listed = await this.#recentOrderIds(options.since.getTime(), call);
    if (listed === undefined) {
      throw new Error(
        `more than ${this.#maxPages} pages of supplier orders since ${options.since.toISOString()}: raise reconcileMaxPages or import by hand`,
      );
    }
    const out: SupplierReservation[] = [];
    for (const { id, date } of listed) {
      const order = await this.#client.getOrder(toArticle(id), call);
      out.push({
        supplierOrderId: id,
        externalId: order.externalId,
        lines: order.lines.map((l) => ({ key: String(l.article), quantity: l.quantity })),
        createdAt: date === undefined ? undefined : new Date(date),
        cancelled: order.status === 'DA',
      });
    }
    return out;
  }

  async getStockAndPricesOf(
    keys: readonly string[],
    options: SnapshotOptions = {},
  ): Promise<ReadonlyMap<string, StockAndPrice | undefined>> {
    // One `quantity-price` request gives the stock and the current dealer price together.
    const entries = await this.#client.getStockAndPrices({
      articles: keys.map(toArticle),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const out = new Map<string, StockAndPrice | undefined>();
    for (const key of keys) {
      const entry = entries.get(toArticle(key));
      out.set(key, entry === undefined ? undefined : toStockAndPrice(entry));
    }
    return out;
  }

  estimateCatalogueDurationMs(productCount: number): number {
    const pages = Math.max(1, Math.ceil(productCount / MAX_PAGE_SIZE));
    return (pages - 1) * this.#spacingMs;
  }
}

function toSupplierProduct(supplier: string, product: Product): SupplierProduct {
  return {
    supplier,
    key: String(product.article),
    name: product.name,
    brand: product.brand ?? undefined,
    category: String(product.categoryId),
    partNumber: product.partNumber ?? undefined,
    prices: {
      dealer: product.dealerPrice ?? undefined,
      retail: product.retailPrice ?? undefined,
      recommended: product.rrp ?? undefined,
      priceOnRequest: product.priceOnRequest,
      placeholderPrice: product.placeholderPrice,
    },
    stock: {
      min: product.quantity.min,
      exact: product.quantity.exact,
      ...withWarehouses(parseWarehouseStock(product.warehouses)),
    },
  };
}

function withWarehouses(
  byWarehouse: SupplierStock['byWarehouse'],
): Pick<SupplierStock, 'byWarehouse'> {
  return byWarehouse === undefined ? {} : { byWarehouse };
}

function toStockAndPrice(entry: AlStyleStockAndPrice): StockAndPrice {
  return {
    prices: {
      dealer: entry.dealerPrice ?? undefined,
      retail: entry.retailPrice ?? undefined,
      priceOnRequest: entry.priceOnRequest,
      placeholderPrice: entry.placeholderPrice,
    },
    stock: { min: entry.quantity.min, exact: entry.quantity.exact },
  };
}

/** Order dates have second precision and the clocks may differ a little. */
const CLOCK_TOLERANCE_MS = 2 * 60_000;

function toArticle(key: string): number {
  const article = Number(key);
  if (!Number.isSafeInteger(article) || article <= 0) {
    throw new TypeError(`Al-Style keys are positive integers, got ${JSON.stringify(key)}`);
  }
  return article;
}

/** `YYYY-MM-DD HH:MM:SS` read as UTC: the zone is undocumented, the lookback absorbs it. */
function parseOrderDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?/.exec(text);
  if (!m) return undefined;
  return Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
}

function lineKey(lines: readonly (readonly [number, number])[]): string {
  return [...lines]
    .sort((a, b) => a[0] - b[0])
    .map(([article, quantity]) => `${article}x${quantity}`)
    .join(',');
}
