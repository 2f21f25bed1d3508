import { buildCategoryTree } from '../categories.js';
import type { AlStyleClient } from '../client-types.js';
import { ENDPOINTS } from '../endpoints.js';
import { toHttps } from '../price.js';
import { parseOrThrow } from '../schemas/parse.js';
import type { JsonValue } from '../schemas/product.js';
import { articleKeySchema } from '../schemas/stock.js';
import { call, type ResourceContext } from './context.js';

/** Attributes a flat image list for several articles by the documented `<article>_<n>.jpg` name. */
function imagesByName(urls: readonly string[], articles: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const url of urls) {
    const match = /\/0*(\d+)_\d+\.\w+$/.exec(url);
    const article = match ? Number(match[1]) : Number.NaN;
    if (!articles.includes(article)) continue;
    out.set(article, [...(out.get(article) ?? []), toHttps(url)]);
  }
  return out;
}

/** Catalogue reference data: date, categories, brands, images, properties, warehouses. */
export function catalogueResource(ctx: ResourceContext) {
  const getCategories: AlStyleClient['getCategories'] = (opts = {}) =>
    call(ctx, ENDPOINTS.categories, opts, { id: opts.id });
  return {
    getDate: (opts = {}) => call(ctx, ENDPOINTS.date, opts) as Promise<JsonValue>,
    getCategories,
    getCategoryTree: async (opts = {}) => buildCategoryTree(await getCategories(opts)),
    getBrands: (opts = {}) => call(ctx, ENDPOINTS.brands, opts),
    async getImages(opts) {
      const endpoint = ENDPOINTS.images;
      if (opts.articles.length === 0) return new Map();
      const body = await call(ctx, endpoint, opts, {
        article: opts.articles,
        thumbs: opts.thumbs === undefined ? undefined : opts.thumbs ? 1 : 0,
      });
      if (Array.isArray(body)) {
        if (opts.articles.length === 1) {
          return new Map([[opts.articles[0] as number, body.map(toHttps)]]);
        }
        return imagesByName(body, opts.articles);
      }
      const article = (key: string) =>
        parseOrThrow(articleKeySchema, key, endpoint.path, key, ctx.redactor);
      return new Map(Object.entries(body).map(([key, urls]) => [article(key), urls.map(toHttps)]));
    },
    getProperties: (opts) =>
      call(ctx, ENDPOINTS.properties, opts, { article: opts.articles, category: opts.categories }),
    getWarehouses: (opts = {}) => call(ctx, ENDPOINTS.warehouses, opts),
  } satisfies Partial<AlStyleClient>;
}
