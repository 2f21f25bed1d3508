import {
  type AlStyleClient,
  type AlStyleProduct,
  type AlStyleStockAndPrice,
  MAX_PAGE_SIZE,
} from '@kaspi-connect/alstyle-client';
import type {
  IterateCatalogueOptions,
  SnapshotOptions,
  StockAndPrice,
  Supplier,
  SupplierProduct,
} from './supplier.js';

/** The additional fields a full sync needs: the brand name and the recommended price. */
const FIELDS = ['brand', 'rrp'] as const;
type Product = AlStyleProduct<(typeof FIELDS)[number]>;

/** Options of `AlStyleSupplier`. */
export interface AlStyleSupplierOptions {
  readonly client: AlStyleClient;
  /** Supplier id stored with each SKU; default `"alstyle"`. */
  readonly id?: string | undefined;
  /** Spacing between requests the client keeps (ms), for ETA estimates; default 5500. */
  readonly requestSpacingMs?: number | undefined;
}

/**
 * Al-Style as a `Supplier`: the catalogue in `ceil(N/250)` `elements-pagination` requests (the
 * minimum the API allows), and every price and stock in one `quantity-price` request.
 */
export class AlStyleSupplier implements Supplier {
  readonly id: string;
  readonly #client: AlStyleClient;
  readonly #spacingMs: number;

  constructor(options: AlStyleSupplierOptions) {
    this.id = options.id ?? 'alstyle';
    this.#client = options.client;
    this.#spacingMs = options.requestSpacingMs ?? 5500;
  }

  async *iterateCatalogue(options: IterateCatalogueOptions = {}): AsyncIterable<SupplierProduct> {
    // Pages are read one by one (not through `iterateProducts`) only to learn `totalCount` from
    // the first page for progress and ETA; the paging rule is the client's: advance by what
    // arrived, stop at the total or an empty page, skip repeated articles.
    const seen = new Set<number>();
    let offset = 0;
    let received = 0;
    for (;;) {
      const page = await this.#client.getElementsPage({
        fields: FIELDS,
        offset,
        limit: MAX_PAGE_SIZE,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      for (const product of page.products) {
        if (seen.has(product.article)) continue;
        seen.add(product.article);
        received++;
        yield toSupplierProduct(this.id, product);
      }
      options.onProgress?.({ received, total: page.totalCount });
      if (page.received === 0) return;
      offset += page.received;
      if (offset >= page.totalCount) return;
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
    stock: { min: product.quantity.min, exact: product.quantity.exact },
  };
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
