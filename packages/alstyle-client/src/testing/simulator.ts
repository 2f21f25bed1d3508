import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADDITIONAL_FIELDS, ELEMENT_INFO_ONLY_FIELDS } from '../additional-fields.js';
import {
  type CatalogueOptions,
  generateCatalogue,
  type SimulatedCatalogue,
  type SimulatedCategory,
  type SimulatedProduct,
} from './catalogue.js';
import { type AlStyleFault, FaultQueue } from './faults.js';
import { delay, LatencyModel, type SimulatedLatencies } from './latency.js';

/** Options of `startAlStyleSimulator`. */
export interface AlStyleSimulatorOptions {
  /** Number of products. Default 1000. */
  readonly catalogueSize?: number;
  /** PRNG seed: the same seed gives the same catalogue. Default 1. */
  readonly seed?: number;
  /** Share of products with a quirk (`">50"`, price 1, 9 999 999, empty part number, `& < > " '` and emoji names). Default 0.1. */
  readonly quirkShare?: number;
  /** Products with an unreadable stock value, to exercise skip-and-report. Default 0. */
  readonly invalidProducts?: number;
  /** The only token the simulator accepts. Default `"simulator-token"`. */
  readonly token?: string;
  /** Minimum spacing between accepted requests, in ms (403 when faster). Default 5000; 0 disables. */
  readonly rateLimitMs?: number;
  /** Status for an invalid token (the real one is undocumented). Default 401. */
  readonly invalidTokenStatus?: 401 | 403;
  /** Faults to inject from the start. */
  readonly faults?: readonly AlStyleFault[];
  /** Port on 127.0.0.1. Default 0 (a free port). */
  readonly port?: number;
  /**
   * Delay per endpoint path (`*` for every other one), drawn from `seed`, e.g.
   * `{ '/api/elements-pagination': { minMs: 150, maxMs: 800 } }`. Default none.
   */
  readonly latency?: SimulatedLatencies;
  /**
   * `/api/order` also returns `external_id` and `comments` (the doc's example has neither, so the
   * default is false). Lets tests cover a supplier that proves a reservation's identity.
   */
  readonly orderDetailsCarryExternalId?: boolean;
  /** Submitted orders take their quantities from stock, as a real warehouse does. Default false. */
  readonly decrementStockOnOrder?: boolean;
  /** Statuses in which `cart-api/cancel` refuses (the real rule is unknown). Default shipped ones. */
  readonly uncancellableStatuses?: readonly string[];
}

/** One request as the simulator saw it. The token is replaced by `***`. */
export interface SimulatorRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** ms since the simulator started (monotonic clock), at arrival. */
  readonly receivedAt: number;
  readonly status: number;
  /** Answered 403 because it came too soon. */
  readonly rateLimited: boolean;
  /** The injected fault, if any. */
  readonly fault: AlStyleFault['kind'] | null;
}

/** An order the simulator holds. */
export interface SimulatedOrder {
  readonly id: number;
  readonly externalId: string | null;
  readonly comments: string | null;
  readonly shippingDate: string;
  readonly attorney: unknown;
  readonly delivery: unknown;
  readonly createdAt: string;
  status: string | null;
  readonly lines: readonly {
    readonly article: number;
    readonly price: number;
    readonly quantity: number;
  }[];
  readonly files: string[];
}

/** A line of the simulator's shared cart. */
export interface SimulatedCartLine {
  readonly itemId: number;
  readonly article: number;
  quantity: number;
}

/** A running simulator. */
export interface AlStyleSimulator {
  /** Base URL to pass as `baseUrl`, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The accepted token. */
  readonly token: string;
  /** The generated catalogue (mutable: tests may change stock or prices). */
  readonly catalogue: SimulatedCatalogue;
  /** Every request so far, in arrival order. */
  readonly requests: readonly SimulatorRequest[];
  /** Orders created through `cart-api/submit`. */
  readonly orders: readonly SimulatedOrder[];
  /** The shared cart. */
  readonly cart: readonly SimulatedCartLine[];
  /** Adds a fault for upcoming requests. */
  injectFault(fault: AlStyleFault): void;
  /** Removes all pending faults (lost replies included). */
  clearFaults(): void;
  /** Changes the rate-limit interval (ms; 0 disables). */
  setRateLimitMs(ms: number): void;
  /** Empties the request log. */
  clearRequests(): void;
  /**
   * The supplier acts on the next `times` requests to `path` (e.g. `/cart-api/submit`), then cuts
   * the connection before answering: a lost reply after the supplier acted.
   */
  loseRepliesAfterActing(path: string, times?: number): void;
  /** Supplier side: moves an order to a status (e.g. `"F"` shipped), as the warehouse does. */
  setOrderStatus(id: number, status: string | null): void;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

type Json = unknown;
interface Reply {
  status: number;
  body: Json;
}

const WAREHOUSES = {
  panfilov: {
    name: 'Simulator',
    phone: '+7(700)0000001',
    city: 'Алматы',
    street: 'Панфилова',
    house: '10',
    full_address: 'Панфилова, 10',
    full_name: 'Иванова Анна',
    lat: 43.27321,
    lng: 76.9425,
  },
  suyunbai: {
    name: 'Simulator',
    phone: '+7(700)0000002',
    city: 'Алматы',
    street: 'Суюнбая',
    house: '157Б/2',
    full_address: 'Суюнбая, 157Б/2',
    full_name: 'Петров Пётр',
    lat: 43.291737,
    lng: 76.949184,
  },
};

const USER_DATA = {
  status: true,
  data: {
    Доверенности: [
      {
        ФИО: 'Иванов Иван',
        ДатаВыдачи: '01.03.2024',
        ДатаОкончания: '31.12.2024',
        Номер: 'Д-1',
        Основной: true,
        БИН: '111111111111',
      },
      {
        ФИО: null,
        ДатаВыдачи: null,
        ДатаОкончания: null,
        Номер: 'Д-0',
        empty: true,
        Основной: true,
        БИН: '111111111111',
      },
      {
        ФИО: 'Сидорова Мария',
        ДатаВыдачи: '01.01.2025',
        ДатаОкончания: '31.12.2099',
        Номер: 'Д-2',
        Основной: true,
        БИН: '111111111111',
      },
    ],
    Транспортники: [
      {
        СпособДоставки: 'Самовывоз',
        Транспортник: '',
        Адрес: '',
        Контакты: '',
        Телефон: '',
        Комментарий: '',
        Основной: true,
        БИН: '111111111111',
      },
      {
        СпособДоставки: 'Доставка до клиента',
        Транспортник: 'ТК',
        Адрес: 'Алматы',
        Контакты: 'Диспетчер',
        Телефон: '+7',
        Комментарий: '',
        Основной: false,
        БИН: '111111111111',
      },
    ],
    Подчиненные: { '222222222222': { БИН: '222222222222', Наименование: 'Филиал' } },
    bin: '111111111111',
  },
};

const ALL_FIELDS = new Set<string>([
  ...ADDITIONAL_FIELDS,
  ...ELEMENT_INFO_ONLY_FIELDS,
  'price1',
  'price2',
  'quantity',
  'article_pn',
]);

function list(value: string | null): string[] {
  return value === null || value === ''
    ? []
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

function pad5(article: number): string {
  return String(article).padStart(5, '0');
}

function isTrue(value: string | null): boolean {
  return value === '1' || value === 'true';
}

function inStock(product: SimulatedProduct): boolean {
  return product.quantity !== 0 && product.quantity !== '0';
}

function additional(product: SimulatedProduct, field: string): Json {
  switch (field) {
    case 'brand':
      return product.brand;
    case 'images':
      return [1, 2].map((n) => `http://img.al-style.kz/${pad5(product.article)}_${n}.jpg`);
    case 'description':
      return product.full_name;
    case 'weight':
      return product.weight;
    case 'warranty':
      return '12 мес.';
    case 'url':
      return `https://al-style.kz/catalog/item/${product.article}/`;
    case 'barcode':
      return product.barcode;
    case 'rrp':
      return 1;
    case 'discountPrice':
      return Math.round(product.price2 * 0.95);
    case 'discount':
      return 5;
    case 'multiplicity':
      return product.multiplicity;
    case 'detailText':
      return product.detailText;
    case 'properties':
      return { Артикул: product.article_pn, Код: product.article, 'Базовая единица': 'шт' };
    case 'warehouse':
      return 'panfilov';
    case 'warehouses':
      return { panfilov: product.quantity };
    case 'tnved':
      return '8471300000';
    case 'certificates':
    case 'instructions':
    case 'marketplaceArticles':
      return [];
    default:
      return null;
  }
}

function toApiProduct(product: SimulatedProduct, fields: readonly string[]): Json {
  const out: Record<string, Json> = {
    article: product.article,
    name: product.name,
    full_name: product.full_name,
    category: product.category,
    sort: product.sort,
    price1: product.price1,
    price2: product.price2,
    quantity: product.quantity,
    isnew: product.isnew,
    article_pn: product.article_pn,
  };
  for (const field of fields) {
    if (field === 'detailText' && product.detailText === null) continue;
    if (!(field in out)) out[field] = additional(product, field);
  }
  return out;
}

/**
 * Starts a faithful Al-Style API simulator on 127.0.0.1: the documented `/api/*` and
 * `/cart-api/*` endpoints over a deterministic catalogue, the per-token rate limit (403), a
 * shared cart, orders, fault injection and a request log.
 *
 * @example
 * const sim = await startAlStyleSimulator({ catalogueSize: 600, rateLimitMs: 20 });
 * const client = createAlStyleClient({ token: sim.token, baseUrl: sim.url, rateLimit: { intervalMs: 20, marginMs: 2 } });
 * // ...
 * await sim.close();
 */
export async function startAlStyleSimulator(
  options: AlStyleSimulatorOptions = {},
): Promise<AlStyleSimulator> {
  const token = options.token ?? 'simulator-token';
  const catalogueOptions: CatalogueOptions = {
    ...(options.catalogueSize === undefined ? {} : { size: options.catalogueSize }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.quirkShare === undefined ? {} : { quirkShare: options.quirkShare }),
    ...(options.invalidProducts === undefined ? {} : { invalidProducts: options.invalidProducts }),
  };
  const catalogue = generateCatalogue(catalogueOptions);
  const byArticle = new Map(catalogue.products.map((p) => [p.article, p]));
  const faults = new FaultQueue();
  for (const fault of options.faults ?? []) faults.add(fault);
  let rateLimitMs = options.rateLimitMs ?? 5000;
  const invalidTokenStatus = options.invalidTokenStatus ?? 401;
  const started = performance.now();
  const latency = new LatencyModel(options.latency ?? {}, options.seed ?? 1);
  let lastAccepted = Number.NEGATIVE_INFINITY;
  const requests: SimulatorRequest[] = [];
  const orders: SimulatedOrder[] = [];
  let cart: SimulatedCartLine[] = [];
  let nextOrderId = 312_113;
  let nextNoteId = 91_473;
  let nextItemId = 270_000;
  const uncancellable = new Set(options.uncancellableStatuses ?? ['P', 'OS', 'OK', 'F', 'Un']);
  const loseAfterActing = new Map<string, number>();

  const categoryById = new Map(catalogue.categories.map((c) => [c.id, c]));
  const inCategories = (product: SimulatedProduct, ids: readonly number[]): boolean => {
    const own = categoryById.get(product.category);
    if (!own) return false;
    return ids.some((id) => {
      const c = categoryById.get(id);
      return c !== undefined && c.left <= own.left && own.right <= c.right;
    });
  };

  const filterProducts = (q: URLSearchParams): SimulatedProduct[] | Reply => {
    const categories = list(q.get('category')).map(Number);
    const brand = q.get('brand');
    const excludeMissing = isTrue(q.get('exclude_missing'));
    if (q.has('id_elements'))
      return { status: 500, body: { name: 'Exception', message: 'Unsupported filter', code: 0 } };
    return catalogue.products.filter(
      (p) =>
        (categories.length === 0 || inCategories(p, categories)) &&
        (brand === null || brand === '' || p.brandId === brand) &&
        (!excludeMissing || inStock(p)),
    );
  };

  const fieldsOf = (q: URLSearchParams, elementInfo: boolean): string[] | Reply => {
    const fields = list(q.get('additional_fields'));
    for (const field of fields) {
      const onlyInfo = (ELEMENT_INFO_ONLY_FIELDS as readonly string[]).includes(field);
      if (!ALL_FIELDS.has(field) || (onlyInfo && !elementInfo)) {
        return {
          status: 500,
          body: {
            name: 'Unknown Property',
            message: `Getting unknown property: ${field}`,
            code: 0,
            status: 500,
          },
        };
      }
    }
    return fields;
  };

  const page = (q: URLSearchParams, fault: AlStyleFault | undefined, withMeta: boolean): Reply => {
    const products = filterProducts(q);
    if (!Array.isArray(products)) return products;
    const fields = fieldsOf(q, false);
    if (!Array.isArray(fields)) return fields;
    const limit = Math.min(Math.max(Number(q.get('limit') ?? 100) || 100, 1), 250);
    const offset = Math.max(Number(q.get('offset') ?? 0) || 0, 0);
    let slice = products.slice(offset, offset + limit);
    if (fault?.kind === 'truncated-page') slice = slice.slice(0, fault.keep);
    const elements = slice.map((p) => toApiProduct(p, fields));
    if (!withMeta) return { status: 200, body: elements };
    return {
      status: 200,
      body: {
        elements,
        pagination: {
          totalCount: products.length,
          totalPages: Math.ceil(products.length / limit),
          currentPage: Math.floor(offset / limit) + 1,
          limit,
          offset,
        },
      },
    };
  };

  const articlesOf = (q: URLSearchParams): number[] => list(q.get('article')).map(Number);

  const orderJson = (o: SimulatedOrder, idAsString: boolean): Record<string, Json> => ({
    id: idAsString ? String(o.id) : o.id,
    date: o.createdAt,
    date_status: null,
    date_payment: null,
    sum: o.lines.reduce((s, l) => s + l.price * l.quantity, 0),
    bin: '111111111111',
    user_id: 1,
    status: o.status,
    merge_with: idAsString ? 0 : null,
  });

  const params = async (req: IncomingMessage, q: URLSearchParams): Promise<URLSearchParams> => {
    // Submit parameters travel in the query in the known-good integration; accept a form or JSON body too.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const merged = new URLSearchParams(q);
    if (body === '') return merged;
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json')) {
      try {
        for (const [k, v] of Object.entries(JSON.parse(body) as Record<string, unknown>)) {
          if (!merged.has(k)) merged.set(k, typeof v === 'string' ? v : JSON.stringify(v));
        }
      } catch {
        /* ignored: validated below */
      }
    } else if (type.includes('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body)) if (!merged.has(k)) merged.set(k, v);
    } else if (type.includes('multipart/form-data')) {
      merged.set('__multipart_bytes', String(body.length));
    }
    return merged;
  };

  const route = async (
    req: IncomingMessage,
    path: string,
    q: URLSearchParams,
    fault: AlStyleFault | undefined,
  ): Promise<Reply> => {
    const method = req.method ?? 'GET';
    const post = method === 'POST';
    switch (`${post ? 'POST' : 'GET'} ${path}`) {
      case 'GET /api/date':
        return { status: 200, body: '2024-11-24 10:00:00' };
      case 'GET /api/categories': {
        const id = q.get('id');
        if (id === null || id === '') return { status: 200, body: catalogue.categories };
        const root = categoryById.get(Number(id));
        if (!root) return { status: 200, body: [] };
        return {
          status: 200,
          body: catalogue.categories.filter(
            (c: SimulatedCategory) => c.left >= root.left && c.right <= root.right,
          ),
        };
      }
      case 'GET /api/brands':
        return { status: 200, body: { status: true, data: catalogue.brands } };
      case 'GET /api/elements':
        return page(q, fault, false);
      case 'GET /api/elements-pagination':
        return page(q, fault, true);
      case 'GET /api/element-info': {
        const fields = fieldsOf(q, true);
        if (!Array.isArray(fields)) return fields;
        const articles = articlesOf(q);
        const name = q.get('name');
        const pn = q.get('article_pn');
        const found = catalogue.products.filter(
          (p) =>
            (articles.length > 0 && articles.includes(p.article)) ||
            (name !== null && name !== '' && p.name.toLowerCase().includes(name.toLowerCase())) ||
            (pn !== null && pn !== '' && p.article_pn === pn),
        );
        // The real API answers a miss with a non-array.
        if (found.length === 0) return { status: 200, body: 'Товары не найдены' };
        return { status: 200, body: found.map((p) => toApiProduct(p, fields)) };
      }
      case 'GET /api/images': {
        if (fault?.kind === 'images-throttle') {
          return {
            status: 200,
            body: {
              success: false,
              message: 'Слишком частые запросы',
              interval: fault.intervalSeconds,
            },
          };
        }
        const articles = articlesOf(q);
        if (articles.length === 0)
          return { status: 400, body: { status: false, message: 'article is required' } };
        const thumbs = isTrue(q.get('thumbs'));
        const urls = (article: number): string[] =>
          byArticle.has(article)
            ? [1, 2, 3].map(
                (n) => `http://img.al-style.kz/${thumbs ? 'thumbs/' : ''}${pad5(article)}_${n}.jpg`,
              )
            : [];
        if (articles.length === 1) return { status: 200, body: urls(articles[0] as number) };
        return { status: 200, body: Object.fromEntries(articles.map((a) => [String(a), urls(a)])) };
      }
      case 'GET /api/quantity':
      case 'GET /api/quantity-price': {
        const articles = articlesOf(q);
        if (articles.length > 1000)
          return { status: 400, body: { status: false, message: 'Не более 1000 артикулов' } };
        let products =
          articles.length > 0
            ? articles.flatMap((a) => byArticle.get(a) ?? [])
            : catalogue.products;
        if (path === '/api/quantity') {
          return {
            status: 200,
            body: Object.fromEntries(products.map((p) => [String(p.article), p.quantity])),
          };
        }
        const brand = q.get('brand');
        if (isTrue(q.get('exclude_missing'))) products = products.filter(inStock);
        if (brand) products = products.filter((p) => p.brandId === brand);
        return {
          status: 200,
          body: Object.fromEntries(
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
        };
      }
      case 'GET /api/properties': {
        const articles = articlesOf(q);
        const categories = list(q.get('category')).map(Number);
        const found = catalogue.products.filter(
          (p) =>
            articles.includes(p.article) || (categories.length > 0 && inCategories(p, categories)),
        );
        return {
          status: 200,
          body: {
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
          },
        };
      }
      case 'GET /api/warehouses':
        return { status: 200, body: WAREHOUSES };
      case 'GET /api/user-data':
        return { status: 200, body: USER_DATA };
      case 'GET /cart-api/add': {
        const add = list(q.get('add')).map(Number);
        const quantities = list(q.get('quantity')).map(Number);
        if (add.length === 0)
          return { status: 200, body: { success: false, message: 'add is required' } };
        const unknown = add.find((a) => !byArticle.has(a));
        if (unknown !== undefined)
          return { status: 200, body: { success: false, message: `Товар ${unknown} не найден` } };
        const data = add.map((article, i) => {
          const quantity = quantities[i] ?? 1;
          const line = cart.find((l) => l.article === article);
          // Whether the real API adds or replaces is unknown; the simulator adds.
          if (line) line.quantity += quantity;
          else cart.push({ itemId: nextItemId++, article, quantity });
          return { hash: `${article}`.padStart(40, '0') };
        });
        return { status: 200, body: { success: true, data } };
      }
      case 'GET /cart-api/remove': {
        const item = Number(q.get('item'));
        const before = cart.length;
        cart = cart.filter((l) => l.article !== item);
        if (cart.length === before)
          return { status: 200, body: { success: false, message: 'Нет в корзине' } };
        return {
          status: 200,
          body: { success: true, data: [{ success: true, hash: `${item}`.padStart(40, '0') }] },
        };
      }
      case 'GET /cart-api/get': {
        if (cart.length === 0) return { status: 200, body: { status: true, user: 1, data: [] } };
        const data: Record<string, Json> = {};
        for (const line of cart) {
          const p = byArticle.get(line.article);
          if (!p) continue;
          data[String(line.itemId)] = {
            id: line.itemId + 1_000_000,
            time: 20241124100000,
            article: p.article,
            item_id: line.itemId,
            in_package: 10,
            is_not_discount: 0,
            label: p.name,
            price: p.price1,
            price2: String(p.price2),
            balance: String(p.quantity),
            url: `https://al-style.kz/catalog/item/${p.article}/`,
            full_title: p.full_name,
            quantity: line.quantity,
            is_markdown: 0,
            multiplicity: p.multiplicity,
            weight: p.weight,
            volume: 0.001,
            total: p.price1 * line.quantity,
          };
        }
        return { status: 200, body: { status: true, user: 1, data } };
      }
      case 'GET /cart-api/clear':
        cart = [];
        return { status: 200, body: { status: true, data: true } };
      case 'POST /cart-api/submit': {
        const p = await params(req, q);
        const shippingDate = p.get('shipping_date') ?? '';
        if (!/^\d{2}\.\d{2}\.\d{4}$/.test(shippingDate)) {
          return { status: 200, body: { status: false, message: 'Неверная дата отгрузки' } };
        }
        let attorney: unknown;
        let delivery: unknown;
        try {
          attorney = JSON.parse(p.get('attorney_json') ?? '');
          delivery = JSON.parse(p.get('delivery_json') ?? '');
        } catch {
          return {
            status: 200,
            body: { status: false, message: 'Неверные attorney_json / delivery_json' },
          };
        }
        if (cart.length === 0)
          return { status: 200, body: { status: false, message: 'Корзина пуста' } };
        if (options.decrementStockOnOrder === true) {
          const short = cart.find((l) => {
            const q = byArticle.get(l.article)?.quantity;
            return typeof q === 'number' && q < l.quantity;
          });
          if (short !== undefined)
            return { status: 200, body: { status: false, message: 'Недостаточно товара' } };
          for (const line of cart) {
            const product = byArticle.get(line.article) as
              | { quantity: number | string }
              | undefined;
            // A lower bound such as ">50" stays a lower bound: the exact count is unknown.
            if (product !== undefined && typeof product.quantity === 'number')
              product.quantity -= line.quantity;
          }
        }
        const order: SimulatedOrder = {
          id: nextOrderId++,
          externalId: p.get('external_id'),
          comments: p.get('comments'),
          shippingDate,
          attorney,
          delivery,
          createdAt: new Date().toISOString().replace('T', ' ').slice(0, 19),
          status: null,
          lines: cart.map((l) => ({
            article: l.article,
            price: byArticle.get(l.article)?.price1 ?? 0,
            quantity: l.quantity,
          })),
          files: [],
        };
        orders.push(order);
        cart = [];
        return { status: 200, body: { status: true, data: { status: 'ok', id: order.id } } };
      }
      case 'GET /api/orders': {
        const type = q.get('type') ?? 'index';
        const pageNo = Math.max(1, Number(q.get('page') ?? 1) || 1);
        const selected = [...orders]
          .reverse()
          .filter((o) =>
            type === 'canceled'
              ? o.status === 'DA'
              : type === 'archive'
                ? o.status === 'F'
                : o.status !== 'DA',
          );
        return {
          status: 200,
          body: {
            elements: selected.slice((pageNo - 1) * 20, pageNo * 20).map((o) => orderJson(o, true)),
            pagination: {
              totalCount: selected.length,
              totalPages: Math.max(1, Math.ceil(selected.length / 20)),
              pageSize: 20,
              currentPage: pageNo,
            },
          },
        };
      }
      case 'GET /api/order': {
        const order = orders.find((o) => o.id === Number(q.get('id')));
        if (!order)
          return {
            status: 404,
            body: { name: 'Not Found', message: 'Заказ не найден', code: 0, status: 404 },
          };
        const identity =
          options.orderDetailsCarryExternalId === true
            ? { external_id: order.externalId, comments: order.comments }
            : {};
        return {
          status: 200,
          body: { data: { ...orderJson(order, false), ...identity, cart: order.lines } },
        };
      }
      case 'GET /cart-api/cancel': {
        const order = orders.find((o) => o.id === Number(q.get('order')));
        if (!order) return { status: 200, body: { status: false, message: 'Заказ не найден' } };
        if (uncancellable.has(order.status ?? ''))
          return { status: 200, body: { status: false, message: 'Заказ нельзя отменить' } };
        order.status = 'DA';
        return { status: 200, body: { status: true } };
      }
      case 'POST /api/order-confirm': {
        const p = await params(req, q);
        const order = orders.find((o) => o.id === Number(p.get('id')));
        if (
          !order ||
          !p.get('date_delivery') ||
          !p.get('attorney_json') ||
          !p.get('delivery_json')
        ) {
          return { status: 200, body: { status: false, message: 'Неверные параметры' } };
        }
        return { status: 200, body: { status: true, data: { status: 'ok', id: nextNoteId++ } } };
      }
      case 'POST /api/orders-files': {
        const p = await params(req, q);
        const order = orders.find((o) => o.id === Number(p.get('order')));
        if (!order || Number(p.get('__multipart_bytes') ?? 0) === 0) {
          return { status: 200, body: { status: false, message: 'Файл не загружен' } };
        }
        const name = `${order.id}-${p.get('index') ?? order.files.length + 1}.pdf`;
        order.files.push(name);
        return {
          status: 200,
          body: { status: true, message: 'Файл успешно загружен', file_name: name },
        };
      }
      default:
        return {
          status: 404,
          body: { name: 'Not Found', message: 'Страница не найдена.', code: 0, status: 404 },
        };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const { inboundMs, outboundMs } = latency.draw(url.pathname);
    await delay(inboundMs);
    const receivedAt = performance.now() - started;
    const q = url.searchParams;
    const query = Object.fromEntries([...q].map(([k, v]) => [k, k === 'access-token' ? '***' : v]));
    const record = (
      status: number,
      rateLimited: boolean,
      fault: AlStyleFault | undefined,
    ): void => {
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query,
        receivedAt,
        status,
        rateLimited,
        fault: fault?.kind ?? null,
      });
    };
    const send = (status: number, body: Json): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(text);
    };

    if (q.get('access-token') !== token) {
      await delay(outboundMs);
      record(invalidTokenStatus, false, undefined);
      send(invalidTokenStatus, {
        name: 'Unauthorized',
        message: 'Your request was made with invalid credentials.',
        code: 0,
        status: invalidTokenStatus,
      });
      return;
    }
    const now = performance.now();
    const tooSoon = rateLimitMs > 0 && now - lastAccepted < rateLimitMs;
    // Decided at arrival; the answer then takes its latency.
    if (!tooSoon) lastAccepted = now;
    await delay(outboundMs);
    if (tooSoon) {
      record(403, true, undefined);
      send(403, { name: 'Forbidden', message: 'Превышен лимит запросов', code: 0, status: 403 });
      return;
    }
    const fault = faults.take(url.pathname);
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.kind === 'drop-connection') {
      record(0, false, fault);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'bad-token') {
      record(invalidTokenStatus, false, fault);
      send(invalidTokenStatus, {
        name: 'Unauthorized',
        message: 'Your request was made with invalid credentials.',
        code: 0,
      });
      return;
    }
    if (fault?.kind === 'status') {
      record(fault.status, false, fault);
      res.writeHead(fault.status, { 'content-type': 'text/html' });
      res.end(fault.body ?? `<html><body>${fault.status} upstream error</body></html>`);
      return;
    }
    let reply: Reply;
    try {
      reply = await route(req, url.pathname, q, fault);
    } catch (error) {
      reply = { status: 500, body: { name: 'Exception', message: String(error) } };
    }
    record(reply.status, false, fault);
    const lose = loseAfterActing.get(url.pathname) ?? 0;
    if (lose > 0) {
      loseAfterActing.set(url.pathname, lose - 1);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'malformed-json') {
      const text = JSON.stringify(reply.body);
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      return;
    }
    send(reply.status, reply.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    catalogue,
    get requests() {
      return [...requests];
    },
    get orders() {
      return orders;
    },
    get cart() {
      return cart;
    },
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => {
      faults.clear();
      loseAfterActing.clear();
    },
    setRateLimitMs: (ms) => {
      rateLimitMs = ms;
    },
    clearRequests: () => {
      requests.length = 0;
    },
    loseRepliesAfterActing: (path, times = 1) => {
      loseAfterActing.set(path, (loseAfterActing.get(path) ?? 0) + times);
    },
    setOrderStatus: (id, status) => {
      const order = orders.find((o) => o.id === id);
      if (order === undefined) throw new Error(`no simulated order ${id}`);
      order.status = status;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
