import {
  BodyTooLargeError,
  htmlPage,
  type SimRequest,
  startSimServer,
} from '@kaspi-connect/sim-kit';
import { OrderBook, snapshot } from './order-book.js';
import { PriceListState } from './price-list.js';
import { productRoutes } from './product-import.js';
import { entryRoutes } from './routes-entries.js';
import { orderRoutes } from './routes-orders.js';
import { kaspiSide } from './state-machine.js';
import { TITLES } from './titles.js';
import type { KaspiSimulator, KaspiSimulatorOptions } from './types.js';
import { fail, HttpRefusal, JSON_API, type KaspiWorld } from './world.js';

const API_PREFIX = '/shop/api';

/** Kaspi's header rules; an injected fault is applied before them, as a proxy would. */
function guard(token: string) {
  return (req: SimRequest): Response | undefined => {
    const isJsonApi = req.path.startsWith('/v2/');
    // Kaspi answers an HTML 404 when Accept is not JSON:API.
    if (isJsonApi && !(req.headers.get('accept') ?? '').includes(JSON_API)) return htmlPage(404);
    if (req.headers.get('x-auth-token') !== token) return fail(401, TITLES.invalidToken);
    const contentType = req.headers.get('content-type') ?? '';
    if (isJsonApi && req.method !== 'GET' && !contentType.includes(JSON_API))
      return fail(400, TITLES.badContentType);
    return undefined;
  };
}

function onError(error: unknown): Response {
  if (error instanceof HttpRefusal) return fail(error.status, error.title);
  if (error instanceof BodyTooLargeError) return fail(413, TITLES.badBody('too large'));
  return fail(500, `[simulator] ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Starts a simulated Kaspi marketplace on 127.0.0.1 (random port). It enforces the reference's
 * rules with Kaspi's error titles, runs the order state machine, and loads the price list by URL.
 */
export async function startKaspiSimulator(
  options: KaspiSimulatorOptions = {},
): Promise<KaspiSimulator> {
  const token = options.token ?? 'simulator-token';
  const merchantId = options.merchantId ?? '30000001';
  const book = new OrderBook(merchantId, options.now ?? Date.now);
  const world: KaspiWorld = {
    book,
    prices: new PriceListState(options, options.now ?? Date.now),
    options,
    imports: new Map(),
    root: '',
    links: '',
    nextOperation: 1,
  };
  const hangWithoutUa = options.hangWithoutUserAgent ?? true;
  const server = await startSimServer({
    prefix: API_PREFIX,
    routes: {
      ...orderRoutes(world),
      ...entryRoutes(world),
      ...productRoutes(world),
    },
    latency: options.latency,
    latencySeed: options.latencySeed,
    secretHeaders: ['x-auth-token', 'x-security-code'],
    arrive: (req) => {
      if (!req.url.pathname.startsWith(`${API_PREFIX}/`))
        return fail(404, TITLES.notFound(req.url.pathname));
      return hangWithoutUa && !req.headers.get('user-agent') ? 'hang' : undefined;
    },
    guard: guard(token),
    notFound: (req) => fail(404, TITLES.notFound(`${req.method} ${req.path}`)),
    onError,
    statusFault: (status, headers) => fail(status, `[simulator] injected ${status}`, headers),
  });
  world.root = server.url;
  const linkStyle = options.linkStyle ?? 'kaspi-absolute';
  if (linkStyle !== 'relative')
    world.links = linkStyle === 'kaspi-absolute' ? 'https://kaspi.kz/shop/api' : server.url;

  return {
    url: server.url,
    token,
    merchantId,
    get requests() {
      return server.requests;
    },
    clearRequests: () => server.clearRequests(),
    async close() {
      world.prices.stop();
      await server.close();
    },
    setPriceListSource: (source) => world.prices.setSource(source),
    loadPriceList: (signal) => world.prices.load(signal),
    uploadPriceList: (xml) => world.prices.upload(xml),
    offers: () => [...world.prices.offers.values()],
    get lastPriceListLoad() {
      return world.prices.lastLoad;
    },
    createOrder: (input) => book.create(input, world.prices.offers),
    order(idOrCode) {
      const o = book.byId.get(idOrCode) ?? book.byCode.get(idOrCode);
      return o ? snapshot(o) : undefined;
    },
    orders: () => book.orders.map(snapshot),
    securityCodeOf: (idOrCode) => book.find(idOrCode).securityCode,
    ...kaspiSide(book),
    injectFault: (fault) => server.injectFault(fault),
    clearFaults: () => server.clearFaults(),
    productImports: () =>
      [...world.imports.entries()].map(([code, job]) => ({
        code,
        items: job.items,
        skus: job.items.map((item) =>
          item && typeof item === 'object' && 'sku' in item ? String(item.sku) : '',
        ),
      })),
  };
}
