import { nextOffset, paginate } from '@kaspi-connect/http-kit';
import { type AdditionalField, assertAdditionalFields } from '../additional-fields.js';
import type { AlStyleClient, AlStyleProductPage, ProductPageOptions } from '../client-types.js';
import { ENDPOINTS } from '../endpoints.js';
import { MAX_ARTICLES_PER_STOCK_REQUEST, MAX_PAGE_SIZE } from '../options.js';
import type { Quantity } from '../quantity.js';
import { quantitySchema } from '../schemas/product.js';
import {
  type AlStyleStockAndPrice,
  normaliseStockAndPrice,
  quantityPriceEntrySchema,
} from '../schemas/stock.js';
import { call, chunk, collectKeyed, parseProducts, type ResourceContext } from './context.js';

/** The product query shared by `elements` and `elements-pagination`. */
function productQuery<F extends AdditionalField>(
  opts: ProductPageOptions<F>,
  fields: readonly F[],
) {
  return {
    category: opts.category === undefined ? undefined : [opts.category].flat(),
    brand: opts.brand,
    exclude_missing: opts.excludeMissing,
    additional_fields: fields.length > 0 ? fields : undefined,
  };
}

/**
 * Products: `elements`, `elements-pagination` (one page, or all through the page iterator),
 * `element-info`; their stock and prices: `quantity` and `quantity-price`, batched at 1000 articles.
 */
export function productsResource(ctx: ResourceContext) {
  const batchesOf = (articles: readonly number[] | undefined): (number[] | undefined)[] =>
    articles === undefined ? [undefined] : chunk(articles, MAX_ARTICLES_PER_STOCK_REQUEST);
  async function getElementsPage<const F extends AdditionalField = never>(
    opts: ProductPageOptions<F> = {},
    pageNumber = 0,
  ): Promise<AlStyleProductPage<F>> {
    const endpoint = ENDPOINTS.elementsPage;
    const fields = opts.fields ?? [];
    assertAdditionalFields(fields, false);
    const offset = opts.offset ?? 0;
    const page = await call(ctx, endpoint, opts, {
      ...productQuery(opts, fields),
      limit: Math.min(opts.limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE),
      offset,
    });
    const parsed = parseProducts(ctx, endpoint.path, page.elements, fields, 'elements.');
    const totalCount = page.pagination.totalCount;
    return {
      pageNumber,
      items: parsed.products,
      products: parsed.products,
      skipped: parsed.skipped,
      received: page.elements.length,
      offset,
      totalCount,
      total: totalCount,
    };
  }

  return {
    async getQuantity(opts = {}) {
      const endpoint = ENDPOINTS.quantity;
      const out = new Map<number, Quantity>();
      for (const batch of batchesOf(opts.articles)) {
        const keyed = await call(ctx, endpoint, opts, { article: batch });
        collectKeyed(ctx, endpoint.path, keyed, quantitySchema, (_article, q) => q, out);
      }
      return out;
    },
    async getStockAndPrices(opts = {}) {
      const endpoint = ENDPOINTS.quantityPrice;
      const out = new Map<number, AlStyleStockAndPrice>();
      for (const batch of batchesOf(opts.articles)) {
        const keyed = await call(ctx, endpoint, opts, {
          article: batch,
          exclude_missing: opts.excludeMissing,
          brand: opts.brand,
        });
        const entry = quantityPriceEntrySchema;
        collectKeyed(ctx, endpoint.path, keyed, entry, normaliseStockAndPrice, out);
      }
      return out;
    },
    async getElements(opts = {}) {
      const endpoint = ENDPOINTS.elements;
      const fields = opts.fields ?? [];
      assertAdditionalFields(fields, false);
      const items = await call(ctx, endpoint, opts, {
        ...productQuery(opts, fields),
        limit: opts.limit === undefined ? undefined : Math.min(opts.limit, MAX_PAGE_SIZE),
        offset: opts.offset,
      });
      return parseProducts(ctx, endpoint.path, items, fields).products;
    },

    getElementsPage: (opts) => getElementsPage(opts),

    iterateProducts(opts = {}) {
      // Advance by what actually arrived, so a short page never skips products.
      return paginate({
        first: 0,
        load: (offset: number, pageNumber) =>
          getElementsPage({ ...opts, offset, limit: MAX_PAGE_SIZE }, pageNumber),
        next: (page, offset) => nextOffset(offset, page.received, page.totalCount),
        key: (product) => product.article,
      });
    },

    async getElementInfo(opts) {
      const endpoint = ENDPOINTS.elementInfo;
      const fields = opts.fields ?? [];
      assertAdditionalFields(fields, true);
      if (opts.articles === undefined && opts.name === undefined && opts.partNumber === undefined) {
        throw new TypeError('getElementInfo needs `articles`, `name` or `partNumber`');
      }
      if (opts.articles !== undefined && opts.articles.length === 0) return [];
      const items = await call(ctx, endpoint, opts, {
        article: opts.articles,
        name: opts.name,
        article_pn: opts.partNumber,
        additional_fields: fields.length > 0 ? fields : undefined,
      });
      return parseProducts(ctx, endpoint.path, items, fields).products;
    },
  } satisfies Partial<AlStyleClient>;
}
