import { nextOffset, paginate } from '@kaspi-connect/http-kit';
import { type AdditionalField, assertAdditionalFields } from '../additional-fields.js';
import type { AlStyleClient, AlStyleProductPage, ProductPageOptions } from '../client-types.js';
import { ENDPOINTS } from '../endpoints.js';
import { MAX_PAGE_SIZE } from '../options.js';
import { call, parseProducts, type ResourceContext } from './context.js';

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

/** Products: `elements`, `elements-pagination` (one page, or all through the page iterator), `element-info`. */
export function productsResource(ctx: ResourceContext) {
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
