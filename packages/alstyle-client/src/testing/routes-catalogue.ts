import type { RouteTable, SimRequest } from '@kaspi-connect/sim-kit';
import { ADDITIONAL_FIELDS, ELEMENT_INFO_ONLY_FIELDS } from '../additional-fields.js';
import type { SimulatedProduct } from './catalogue.js';
import type { AlStyleQuirk } from './faults.js';
import { USER_DATA, WAREHOUSES } from './fixtures.js';
import { type AlStyleWorld, answer, apiError, ok } from './world.js';

/** The fields `additional_fields` may name on the product lists, and on `element-info`. */
const LIST_FIELDS = new Set<string>([
  ...ADDITIONAL_FIELDS,
  'price1',
  'price2',
  'quantity',
  'article_pn',
]);
const INFO_FIELDS = new Set<string>([...LIST_FIELDS, ...ELEMENT_INFO_ONLY_FIELDS]);

/** A comma-separated query value as a list. */
export function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The article as in image file names. */
function pad5(article: number): string {
  return String(article).padStart(5, '0');
}

/** A boolean query flag. */
function isTrue(value: string | null): boolean {
  return value === '1' || value === 'true';
}

/** Whether the product has any stock. */
function inStock(product: SimulatedProduct): boolean {
  return product.quantity !== 0 && product.quantity !== '0';
}

const ADDITIONAL: Readonly<Record<string, (p: SimulatedProduct) => unknown>> = {
  brand: (p) => p.brand,
  images: (p) => [1, 2].map((n) => `http://img.al-style.kz/${pad5(p.article)}_${n}.jpg`),
  description: (p) => p.full_name,
  weight: (p) => p.weight,
  warranty: () => '12 мес.',
  url: (p) => `https://al-style.kz/catalog/item/${p.article}/`,
  barcode: (p) => p.barcode,
  rrp: () => 1,
  discountPrice: (p) => Math.round(p.price2 * 0.95),
  discount: () => 5,
  multiplicity: (p) => p.multiplicity,
  detailText: (p) => p.detailText,
  properties: (p) => ({ Артикул: p.article_pn, Код: p.article, 'Базовая единица': 'шт' }),
  warehouse: () => 'panfilov',
  warehouses: (p) => ({ panfilov: p.quantity }),
  tnved: () => '8471300000',
  certificates: () => [],
  instructions: () => [],
  marketplaceArticles: () => [],
};

/** The product as the API answers it, with the asked additional fields. */
function toApiProduct(product: SimulatedProduct, fields: readonly string[]): unknown {
  // The API's own fields; the others only feed the additional fields.
  const { brandId, brand, weight, barcode, multiplicity, detailText, quirk, ...own } = product;
  const out: Record<string, unknown> = own;
  for (const field of fields) {
    if (field === 'detailText' && product.detailText === null) continue;
    if (!(field in out)) out[field] = ADDITIONAL[field]?.(product) ?? null;
  }
  return out;
}

function filterProducts(world: AlStyleWorld, q: URLSearchParams): SimulatedProduct[] {
  const categories = list(q.get('category')).map(Number);
  const brand = q.get('brand');
  const excludeMissing = isTrue(q.get('exclude_missing'));
  return world.catalogue.products.filter(
    (p) =>
      (categories.length === 0 || world.inCategories(p, categories)) &&
      (brand === null || brand === '' || p.brandId === brand) &&
      (!excludeMissing || inStock(p)),
  );
}

function fieldsOf(q: URLSearchParams, elementInfo: boolean): string[] | Response {
  const fields = list(q.get('additional_fields'));
  const known = elementInfo ? INFO_FIELDS : LIST_FIELDS;
  const bad = fields.find((field) => !known.has(field));
  if (bad === undefined) return fields;
  return apiError(500, 'Unknown Property', `Getting unknown property: ${bad}`);
}

function page(world: AlStyleWorld, req: SimRequest<AlStyleQuirk>, withMeta: boolean): Response {
  const q = req.query;
  const products = filterProducts(world, q);
  const fields = fieldsOf(q, false);
  if (!Array.isArray(fields)) return fields;
  const limit = Math.min(Math.max(Number(q.get('limit') ?? 100) || 100, 1), 250);
  const offset = Math.max(Number(q.get('offset') ?? 0) || 0, 0);
  let slice = products.slice(offset, offset + limit);
  if (req.fault?.kind === 'truncated-page') slice = slice.slice(0, req.fault.keep);
  const elements = slice.map((p) => toApiProduct(p, fields));
  if (!withMeta) return ok(elements);
  return ok({
    elements,
    pagination: {
      totalCount: products.length,
      totalPages: Math.ceil(products.length / limit),
      currentPage: Math.floor(offset / limit) + 1,
      limit,
      offset,
    },
  });
}

/** The `article` query list as numbers. */
const articlesOf = (q: URLSearchParams): number[] => list(q.get('article')).map(Number);

function elementInfo(world: AlStyleWorld, q: URLSearchParams): Response {
  const fields = fieldsOf(q, true);
  if (!Array.isArray(fields)) return fields;
  const articles = articlesOf(q);
  const name = q.get('name');
  const pn = q.get('article_pn');
  const found = world.catalogue.products.filter(
    (p) =>
      (articles.length > 0 && articles.includes(p.article)) ||
      (name !== null && name !== '' && p.name.toLowerCase().includes(name.toLowerCase())) ||
      (pn !== null && pn !== '' && p.article_pn === pn),
  );
  // The real API answers a miss with a non-array.
  if (found.length === 0) return ok('Товары не найдены');
  return ok(found.map((p) => toApiProduct(p, fields)));
}

function images(world: AlStyleWorld, req: SimRequest<AlStyleQuirk>): Response {
  if (req.fault?.kind === 'images-throttle')
    return ok({
      success: false,
      message: 'Слишком частые запросы',
      interval: req.fault.intervalSeconds,
    });
  const articles = articlesOf(req.query);
  if (articles.length === 0) return answer(400, { status: false, message: 'article is required' });
  const thumbs = isTrue(req.query.get('thumbs'));
  const urls = (article: number): string[] =>
    world.byArticle.has(article)
      ? [1, 2, 3].map(
          (n) => `http://img.al-style.kz/${thumbs ? 'thumbs/' : ''}${pad5(article)}_${n}.jpg`,
        )
      : [];
  if (articles.length === 1) return ok(urls(articles[0] as number));
  return ok(Object.fromEntries(articles.map((a) => [String(a), urls(a)])));
}

function properties(world: AlStyleWorld, q: URLSearchParams): Response {
  const articles = articlesOf(q);
  const categories = list(q.get('category')).map(Number);
  const found = world.catalogue.products.filter(
    (p) =>
      articles.includes(p.article) || (categories.length > 0 && world.inCategories(p, categories)),
  );
  return ok({
    elements: found.map((p) => ({
      id: p.article * 10,
      article: p.article,
      properties: [
        { id: 15096, name: 'Артикул', value: p.article_pn, sort: 2 },
        { id: 7644, name: 'Код', value: p.article, sort: 3 },
        { id: 7647, name: 'Базовая единица', value: 'шт', sort: 20 },
        { id: 14993, name: 'В упаковке', value: 20, sort: 30 },
      ],
    })),
    pagination: { totalCount: found.length },
  });
}

/** The products `article` names (every product when it names none); 400 past 1000 articles. */
function stockOf(world: AlStyleWorld, q: URLSearchParams): SimulatedProduct[] | Response {
  const articles = articlesOf(q);
  if (articles.length > 1000)
    return answer(400, { status: false, message: 'Не более 1000 артикулов' });
  return articles.length > 0
    ? articles.flatMap((a) => world.byArticle.get(a) ?? [])
    : world.catalogue.products;
}

function quantityPrice(world: AlStyleWorld, q: URLSearchParams): Response {
  let products = stockOf(world, q);
  if (!Array.isArray(products)) return products;
  const brand = q.get('brand');
  if (isTrue(q.get('exclude_missing'))) products = products.filter(inStock);
  if (brand) products = products.filter((p) => p.brandId === brand);
  return ok(
    Object.fromEntries(
      products.map((p) => [
        String(p.article),
        {
          quantity: p.quantity,
          price1: p.price1,
          price2: p.price2,
          discountPrice: Math.round(p.price2 * 0.95),
          discount: 5,
          warehouse: 'panfilov',
        },
      ]),
    ),
  );
}

/** The catalogue: categories, brands, product pages and details, images, properties, stock and prices. */
export function catalogueRoutes(world: AlStyleWorld): RouteTable<AlStyleQuirk> {
  const { catalogue } = world;
  return {
    'GET /api/date': () => ok('2024-11-24 10:00:00'),
    'GET /api/categories': (req) => {
      const id = req.query.get('id');
      if (id === null || id === '') return ok(catalogue.categories);
      const root = world.categoryById.get(Number(id));
      if (!root) return ok([]);
      return ok(catalogue.categories.filter((c) => c.left >= root.left && c.right <= root.right));
    },
    'GET /api/brands': () => ok({ status: true, data: catalogue.brands }),
    'GET /api/elements': (req) => page(world, req, false),
    'GET /api/elements-pagination': (req) => page(world, req, true),
    'GET /api/element-info': (req) => elementInfo(world, req.query),
    'GET /api/images': (req) => images(world, req),
    'GET /api/properties': (req) => properties(world, req.query),
    'GET /api/quantity': (req) => {
      const products = stockOf(world, req.query);
      if (!Array.isArray(products)) return products;
      return ok(Object.fromEntries(products.map((p) => [String(p.article), p.quantity])));
    },
    'GET /api/quantity-price': (req) => quantityPrice(world, req.query),
    'GET /api/warehouses': () => ok(WAREHOUSES),
    'GET /api/user-data': () => ok(USER_DATA),
  };
}
