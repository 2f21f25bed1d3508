import type { CallOptions as KitCallOptions, Paged, PageInfo } from '@kaspi-connect/http-kit';
import type { AdditionalField, ElementInfoField } from './additional-fields.js';
import type { AlStyleCategoryNode } from './categories.js';
import type { AlStyleDateInput } from './dates.js';
import type { AlStyleSchemaError } from './errors.js';
import type { CreateOrderInput, CreateOrderResult } from './orders/create-order.js';
import type { Quantity } from './quantity.js';
import type { AlStyleAttorney, AlStyleCarrier, AlStyleUserData } from './schemas/account.js';
import type {
  AlStyleBrand,
  AlStyleCategory,
  AlStyleProductProperties,
  AlStyleWarehouse,
} from './schemas/catalogue.js';
import type {
  AlStyleCart,
  AlStyleOrder,
  AlStyleOrderPage,
  AlStyleOrderSummary,
} from './schemas/orders.js';
import type { AlStyleProduct, JsonValue } from './schemas/product.js';
import type { AlStyleStockAndPrice } from './schemas/stock.js';

/** Per-call options every method accepts: `signal` and `timeoutMs` for this call. */
export type CallOptions = KitCallOptions;
/** Filters shared by `elements`, `elements-pagination` and `iterateProducts`. */
export interface ProductFilter<F extends AdditionalField = never> extends CallOptions {
  /** Category id(s). */
  readonly category?: number | readonly number[] | undefined;
  /** Brand GUID from `getBrands`. */
  readonly brand?: string | undefined;
  /** Leave out products that are out of stock. */
  readonly excludeMissing?: boolean | undefined;
  /** Additional fields to request; each becomes a typed property of the products. */
  readonly fields?: readonly F[] | undefined;
}

/** {@link ProductFilter} plus the window of `elements` and `elements-pagination`. */
export interface ProductPageOptions<F extends AdditionalField = never> extends ProductFilter<F> {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** One page of `elements-pagination`. */
export interface AlStyleProductPage<F extends AdditionalField = never>
  extends PageInfo<AlStyleProduct<F>> {
  /** The valid products of this page (the same array as `items`). */
  readonly products: readonly AlStyleProduct<F>[];
  /** Items the API sent, valid or not; the next offset is `offset + received`. */
  readonly received: number;
  readonly offset: number;
  readonly totalCount: number;
  /** `totalCount`, under the kit's name. */
  readonly total: number;
  /** Items that failed validation and were skipped. */
  readonly skipped: readonly AlStyleSchemaError[];
}

/** Filters of `listOrders` and `iterateOrders`. */
export interface OrderFilter extends CallOptions {
  readonly type?: 'index' | 'current' | 'archive' | 'canceled' | undefined;
  readonly dateFrom?: AlStyleDateInput | undefined;
  readonly dateTo?: AlStyleDateInput | undefined;
}

/** One page of `iterateOrders`: the `/api/orders` page with the kit's page metadata. */
export interface AlStyleOrderListPage extends AlStyleOrderPage, PageInfo<AlStyleOrderSummary> {
  /** Whether this is the last page (empty, or `currentPage` reached `totalPages`). */
  readonly last: boolean;
}

/** The Al-Style client: one method per documented endpoint plus the catalogue and order flows. */
export interface AlStyleClient {
  /** `/api/date`: the catalogue's freshness marker (shape undocumented). */
  getDate(options?: CallOptions): Promise<JsonValue>;
  /** `/api/categories`: the flat nested set; `id` narrows to a subtree (unverified semantics). */
  getCategories(
    options?: CallOptions & { readonly id?: number | undefined },
  ): Promise<AlStyleCategory[]>;
  /** `/api/categories` built into a tree. */
  getCategoryTree(
    options?: CallOptions & { readonly id?: number | undefined },
  ): Promise<AlStyleCategoryNode[]>;
  /** `/api/brands`. */
  getBrands(options?: CallOptions): Promise<AlStyleBrand[]>;
  /** `/api/elements`: products without pagination metadata. */
  getElements<const F extends AdditionalField = never>(
    options?: ProductPageOptions<F>,
  ): Promise<AlStyleProduct<F>[]>;
  /** `/api/elements-pagination`: one page (limit ≤ 250). */
  getElementsPage<const F extends AdditionalField = never>(
    options?: ProductPageOptions<F>,
  ): Promise<AlStyleProductPage<F>>;
  /**
   * The whole catalogue in `ceil(N/250)` requests, de-duplicated by article. Iterate it for
   * products, or call `pages()` for each page with its number, total and skipped items.
   */
  iterateProducts<const F extends AdditionalField = never>(
    options?: ProductFilter<F>,
  ): Paged<AlStyleProduct<F>, AlStyleProductPage<F>>;
  /** `/api/element-info` by code(s), name or part number; `[]` when nothing matches. */
  getElementInfo<const F extends ElementInfoField = never>(
    options: CallOptions & {
      readonly articles?: readonly number[] | undefined;
      readonly name?: string | undefined;
      readonly partNumber?: string | undefined;
      readonly fields?: readonly F[] | undefined;
    },
  ): Promise<AlStyleProduct<F>[]>;
  /** `/api/images`: https image URLs per article. */
  getImages(
    options: CallOptions & {
      readonly articles: readonly number[];
      readonly thumbs?: boolean | undefined;
    },
  ): Promise<Map<number, string[]>>;
  /** `/api/quantity`: stock per article, batched at 1000; all products when `articles` is omitted. */
  getQuantity(
    options?: CallOptions & { readonly articles?: readonly number[] | undefined },
  ): Promise<Map<number, Quantity>>;
  /** `/api/quantity-price`: stock and prices; the whole catalogue in one request when `articles` is omitted. */
  getStockAndPrices(
    options?: CallOptions & {
      readonly articles?: readonly number[] | undefined;
      readonly excludeMissing?: boolean | undefined;
      readonly brand?: string | undefined;
    },
  ): Promise<Map<number, AlStyleStockAndPrice>>;
  /** `/api/properties`. */
  getProperties(
    options: CallOptions & {
      readonly articles?: readonly number[] | undefined;
      readonly categories?: readonly number[] | undefined;
    },
  ): Promise<AlStyleProductProperties[]>;
  /** `/api/warehouses`. */
  getWarehouses(options?: CallOptions): Promise<AlStyleWarehouse[]>;
  /** `/api/user-data`: powers of attorney, shipping methods, subordinate entities. */
  getUserData(options?: CallOptions): Promise<AlStyleUserData>;
  /** `/cart-api/add` (write, not retried): adds articles to the shared cart. Prefer `createOrder`. */
  addToCart(
    items: readonly { readonly article: number; readonly quantity: number }[],
    options?: CallOptions,
  ): Promise<void>;
  /** `/cart-api/remove` (write, not retried). */
  removeFromCart(article: number, options?: CallOptions): Promise<void>;
  /** `/cart-api/get`: the shared cart. */
  getCart(options?: CallOptions): Promise<AlStyleCart>;
  /** `/cart-api/clear`. */
  clearCart(options?: CallOptions): Promise<void>;
  /** `/cart-api/submit` (never retried): turns the cart into an order; returns the order id. Prefer `createOrder`. */
  submitCart(input: SubmitCartInput, options?: CallOptions): Promise<number>;
  /**
   * The order flow under the per-token cart lock: user-data → clear → add → verify → submit. A
   * submit whose outcome is unknown throws `AlStyleOutcomeUnknownError` and is never resent.
   */
  createOrder(input: CreateOrderInput, options?: CallOptions): Promise<CreateOrderResult>;
  /** `/api/orders`: one page of orders. */
  listOrders(
    options?: OrderFilter & { readonly page?: number | undefined },
  ): Promise<AlStyleOrderPage>;
  /**
   * `/api/orders` from page 1, newest first, until an empty page or `totalPages`; iterate it, or
   * `pages()` for each page with `last`. Breaking early requests no further page.
   */
  iterateOrders(options?: OrderFilter): Paged<AlStyleOrderSummary, AlStyleOrderListPage>;
  /** `/api/order`: one order with its lines. */
  getOrder(id: number, options?: CallOptions): Promise<AlStyleOrder>;
  /** `/cart-api/cancel` (write, not retried). */
  cancelOrder(id: number, options?: CallOptions): Promise<void>;
  /** `/api/order-confirm` (write, not retried): issues a consignment note; returns its number. */
  confirmOrder(
    input: Pick<SubmitCartInput, 'attorney' | 'delivery' | 'withoutDocs' | 'comments'> & {
      readonly id: number;
      readonly deliveryDate: AlStyleDateInput;
    },
    options?: CallOptions,
  ): Promise<number>;
  /** `/api/orders-files` (write, not retried): attaches a PDF; returns the stored file name. */
  uploadOrderFile(
    input: {
      readonly order: number;
      readonly file: Blob;
      readonly fileName?: string | undefined;
      readonly index?: number | undefined;
    },
    options?: CallOptions,
  ): Promise<string | null>;
}

/** Parameters of `cart-api/submit`. */
export interface SubmitCartInput {
  readonly shippingDate: AlStyleDateInput;
  /** Sent back verbatim as `attorney_json`. */
  readonly attorney: AlStyleAttorney;
  /** Sent back verbatim as `delivery_json`. */
  readonly delivery: AlStyleCarrier;
  /** Your order id (use the Kaspi order code). */
  readonly externalId?: string | undefined;
  readonly comments?: string | undefined;
  /** Issue a consignment note. */
  readonly consignment?: boolean | undefined;
  /** Do not send documents with the order. */
  readonly withoutDocs?: boolean | undefined;
  /** Billing BIN for accounts with subordinate entities (not in the official documentation). */
  readonly bin?: string | undefined;
}
