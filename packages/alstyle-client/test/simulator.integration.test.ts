import { afterEach, describe, expect, it } from 'vitest';
import {
  AlStyleAuthError,
  type AlStyleClientOptions,
  type AlStyleEvent,
  AlStyleOutcomeUnknownError,
  type AlStyleSchemaError,
  createAlStyleClient,
} from '../src/index.js';
import { type AlStyleSimulator, startAlStyleSimulator } from '../src/testing/index.js';

const INTERVAL = 15;
let sim: AlStyleSimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(
  options: Parameters<typeof startAlStyleSimulator>[0] = {},
): Promise<AlStyleSimulator> {
  sim = await startAlStyleSimulator({ rateLimitMs: INTERVAL, ...options });
  return sim;
}

function clientFor(s: AlStyleSimulator, extra: Partial<AlStyleClientOptions> = {}) {
  return createAlStyleClient({
    token: s.token,
    baseUrl: s.url,
    // Generous margin: a loaded CI machine delays arrivals; a rare 403 then recovers quickly.
    rateLimit: { intervalMs: INTERVAL, marginMs: INTERVAL, shareAcrossClients: false },
    retry: { minDelayMs: 5, maxDelayMs: 20, rateLimitBackoffMs: INTERVAL * 2 },
    timeoutMs: 5_000,
    ...extra,
  });
}

const pageRequests = (s: AlStyleSimulator) =>
  s.requests.filter((r) => r.path === '/api/elements-pagination' && r.status === 200);

describe('simulator integration', () => {
  it('reads the whole catalogue in ceil(N/250) pages, each product once, quirks normalised', async () => {
    const s = await start({ catalogueSize: 1_013, seed: 7, quirkShare: 0.3 });
    const client = clientFor(s);
    const articles: number[] = [];
    let onRequest = 0;
    let placeholder = 0;
    let lowerBound = 0;
    for await (const product of client.iterateProducts({ fields: ['images', 'brand'] })) {
      articles.push(product.article);
      if (product.priceOnRequest) {
        onRequest += 1;
        expect(product.dealerPrice).toBeNull();
      }
      if (product.placeholderPrice) placeholder += 1;
      if (!product.quantity.exact) {
        lowerBound += 1;
        expect(product.quantity.min).toBeGreaterThan(50);
      }
      for (const url of product.images) expect(url.startsWith('https://')).toBe(true);
    }
    expect(articles).toEqual(s.catalogue.products.map((p) => p.article));
    expect(pageRequests(s)).toHaveLength(Math.ceil(1_013 / 250));
    expect(onRequest).toBe(
      s.catalogue.products.filter((p) => p.quirk === 'price-on-request').length,
    );
    expect(placeholder).toBe(
      s.catalogue.products.filter((p) => p.quirk === 'placeholder-price').length,
    );
    expect(lowerBound).toBe(
      s.catalogue.products.filter((p) => p.quirk?.startsWith('stock')).length,
    );
    expect(onRequest * placeholder * lowerBound).toBeGreaterThan(0);
  });

  it('answers 403 when called faster than its interval, and the client recovers by waiting', async () => {
    const s = await start({ catalogueSize: 10, rateLimitMs: 1_000 });
    const unthrottled = (retries: number) =>
      createAlStyleClient({
        token: s.token,
        baseUrl: s.url,
        rateLimit: { intervalMs: 0, marginMs: 0, shareAcrossClients: false },
        retry: { rateLimitRetries: retries, rateLimitBackoffMs: 1_100 },
      });
    await unthrottled(0).getBrands();
    await expect(unthrottled(0).getBrands()).rejects.toBeInstanceOf(AlStyleAuthError);
    expect(s.requests.map((r) => r.rateLimited)).toEqual([false, true]);
    expect((await unthrottled(2).getBrands()).length).toBeGreaterThan(0);
    const accepted = s.requests.filter((r) => !r.rateLimited);
    expect(accepted).toHaveLength(2);
    expect((accepted[1]?.receivedAt ?? 0) - (accepted[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(
      300,
    );
  });

  it('skips and reports a bad product without losing the rest', async () => {
    const s = await start({ catalogueSize: 600, invalidProducts: 2 });
    const reported: AlStyleSchemaError[] = [];
    const client = clientFor(s, { onInvalidItem: (e) => reported.push(e) });
    let count = 0;
    for await (const _ of client.iterateProducts()) count += 1;
    expect(count).toBe(598);
    expect(reported).toHaveLength(2);
    expect(reported[0]?.endpoint).toBe('/api/elements-pagination');
    expect(reported[0]?.path).toMatch(/^elements\.\d+\.quantity$/);
    expect(reported[0]?.value).toBe('много');
  });

  it('throws on a bad product when the policy says so', async () => {
    const s = await start({ catalogueSize: 300, invalidProducts: 1 });
    const client = clientFor(s, { invalidItems: 'throw' });
    await expect(async () => {
      for await (const _ of client.iterateProducts()) {
        // drain
      }
    }).rejects.toMatchObject({ name: 'AlStyleSchemaError', endpoint: '/api/elements-pagination' });
  });

  it('returns stock and prices of the whole catalogue in one request', async () => {
    const s = await start({ catalogueSize: 1_500 });
    const client = clientFor(s);
    const stock = await client.getStockAndPrices();
    expect(stock.size).toBe(1_500);
    expect(s.requests.filter((r) => r.path === '/api/quantity-price')).toHaveLength(1);
    const first = s.catalogue.products[0];
    if (!first) throw new Error('empty catalogue');
    expect(stock.get(first.article)?.quantity.raw).toBe(first.quantity);
  });

  it('batches explicit article lists at 1000', async () => {
    const s = await start({ catalogueSize: 2_100 });
    const client = clientFor(s);
    const stock = await client.getStockAndPrices({
      articles: s.catalogue.products.map((p) => p.article),
    });
    expect(stock.size).toBe(2_100);
    expect(
      s.requests.filter((r) => r.path === '/api/quantity-price' && r.status === 200),
    ).toHaveLength(3);
  });

  it('creates an order through the shared cart, lists, reads and cancels it', async () => {
    const s = await start({ catalogueSize: 100 });
    const client = clientFor(s);
    const [a, b] = s.catalogue.products.filter((p) => p.multiplicity === null);
    if (!a || !b) throw new Error('catalogue too small');
    const { orderId } = await client.createOrder({
      items: [
        { article: a.article, quantity: 2 },
        { article: b.article, quantity: 1 },
      ],
      shippingDate: '2026-12-01',
      externalId: 'KASPI-100',
    });
    expect(s.orders).toHaveLength(1);
    expect(s.orders[0]).toMatchObject({
      id: orderId,
      externalId: 'KASPI-100',
      shippingDate: '01.12.2026',
    });
    // The unexpired main attorney and the main carrier were sent back verbatim.
    expect(s.orders[0]?.attorney).toMatchObject({ Номер: 'Д-2' });
    expect(s.orders[0]?.delivery).toMatchObject({ СпособДоставки: 'Самовывоз' });
    expect(s.cart).toHaveLength(0);
    const steps = s.requests.filter((r) => r.status === 200).map((r) => r.path);
    expect(steps).toEqual([
      '/api/user-data',
      '/cart-api/clear',
      '/cart-api/add',
      '/cart-api/get',
      '/cart-api/submit',
    ]);

    const list = await client.listOrders();
    expect(list.orders.map((o) => o.id)).toEqual([String(orderId)]);
    const order = await client.getOrder(orderId);
    expect(order.lines).toEqual([
      { article: a.article, price: a.price1, quantity: 2 },
      { article: b.article, price: b.price1, quantity: 1 },
    ]);
    await client.cancelOrder(orderId);
    expect((await client.getOrder(orderId)).status).toBe('DA');
  });

  it('serialises concurrent orders on one token', async () => {
    const s = await start({ catalogueSize: 100 });
    const one = clientFor(s);
    const two = createAlStyleClient({
      token: s.token,
      baseUrl: s.url,
      rateLimit: { intervalMs: INTERVAL, marginMs: INTERVAL, shareAcrossClients: false },
      retry: { rateLimitBackoffMs: INTERVAL * 2 },
    });
    const [a, b] = s.catalogue.products.filter((p) => p.multiplicity === null);
    if (!a || !b) throw new Error('catalogue too small');
    const results = await Promise.all([
      one.createOrder({
        items: [{ article: a.article, quantity: 1 }],
        shippingDate: '01.12.2026',
        externalId: 'K-1',
      }),
      two.createOrder({
        items: [{ article: b.article, quantity: 3 }],
        shippingDate: '01.12.2026',
        externalId: 'K-2',
      }),
    ]);
    expect(new Set(results.map((r) => r.orderId)).size).toBe(2);
    expect(s.orders.map((o) => o.lines.map((l) => l.article))).toEqual([[a.article], [b.article]]);
    // Each client fetched user-data once; a second order on the same client reuses it.
    await one.createOrder({
      items: [{ article: a.article, quantity: 1 }],
      shippingDate: '01.12.2026',
      externalId: 'K-3',
    });
    expect(s.requests.filter((r) => r.path === '/api/user-data' && r.status === 200)).toHaveLength(
      2,
    );
    expect(s.orders).toHaveLength(3);
  });

  it('holds an injected cart lock for the whole order flow', async () => {
    const s = await start({ catalogueSize: 20 });
    const held: string[] = [];
    const client = clientFor(s, {
      cartLock: {
        async run(task) {
          held.push(`lock@${s.requests.length}`);
          try {
            return await task();
          } finally {
            held.push(`unlock@${s.requests.length}`);
          }
        },
      },
    });
    const article = s.catalogue.products[0]?.article ?? 0;
    await client.createOrder({
      items: [{ article, quantity: 1 }],
      shippingDate: '01.12.2026',
      externalId: 'K-L',
    });
    expect(held).toEqual(['lock@0', `unlock@${s.requests.length}`]);
    expect(s.requests.at(-1)?.path).toBe('/cart-api/submit');
  });

  it('recovers from a 5xx burst and a dropped connection on reads', async () => {
    const s = await start({
      catalogueSize: 300,
      faults: [
        { kind: 'status', status: 502, times: 2, path: '/api/elements-pagination' },
        { kind: 'drop', path: '/api/elements-pagination' },
      ],
    });
    const client = clientFor(s);
    let count = 0;
    for await (const _ of client.iterateProducts()) count += 1;
    expect(count).toBe(300);
    expect(s.requests.filter((r) => r.fault !== null).map((r) => r.fault)).toEqual([
      'status',
      'status',
      'drop',
    ]);
  });

  it('retries malformed JSON and survives a truncated page without losing products', async () => {
    const s = await start({
      catalogueSize: 600,
      faults: [
        { kind: 'malformed', path: '/api/elements-pagination' },
        { kind: 'truncated-page', keep: 100 },
      ],
    });
    const client = clientFor(s);
    const seen = new Set<number>();
    for await (const p of client.iterateProducts()) seen.add(p.article);
    expect(seen.size).toBe(600);
  });

  it('times out a slow reply and retries it', async () => {
    const s = await start({
      catalogueSize: 10,
      faults: [{ kind: 'slow', delayMs: 1_500, path: '/api/brands' }],
    });
    const events: AlStyleEvent[] = [];
    const client = clientFor(s, { timeoutMs: 300, onEvent: (e) => events.push(e) });
    const brands = await client.getBrands();
    expect(brands.length).toBeGreaterThan(0);
    const retries = events.filter((e) => e.type === 'http.retry');
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]).toMatchObject({
      endpoint: '/api/brands',
      reason: expect.stringContaining('longer than 300 ms'),
    });
  });

  it('never resends a submit whose outcome is unknown', async () => {
    const s = await start({
      catalogueSize: 20,
      faults: [{ kind: 'status', status: 504, path: '/cart-api/submit' }],
    });
    const client = clientFor(s);
    const article = s.catalogue.products[0]?.article ?? 0;
    await expect(
      client.createOrder({
        items: [{ article, quantity: 1 }],
        shippingDate: '01.12.2026',
        externalId: 'K-9',
        verifyCart: false,
      }),
    ).rejects.toBeInstanceOf(AlStyleOutcomeUnknownError);
    expect(s.requests.filter((r) => r.path === '/cart-api/submit')).toHaveLength(1);
  });

  it('reports a bad token as AlStyleAuthError without the token in it', async () => {
    const s = await start({ catalogueSize: 10, faults: [{ kind: 'bad-token' }] });
    const client = clientFor(s);
    const error = await client.getBrands().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlStyleAuthError);
    expect(JSON.stringify(error)).not.toContain(s.token);
    expect(String((error as Error).message)).not.toContain(s.token);
    expect((error as AlStyleAuthError).request?.url).toContain('access-token=***');
  });

  it('honours the /images throttle body', async () => {
    const s = await start({
      catalogueSize: 10,
      faults: [{ kind: 'images-throttle', intervalSeconds: 0.05 }],
    });
    const client = clientFor(s);
    const article = s.catalogue.products[0]?.article ?? 0;
    const images = await client.getImages({ articles: [article] });
    expect(images.get(article)?.[0]).toMatch(/^https:\/\/img\.al-style\.kz\//);
    const calls = s.requests.filter((r) => r.path === '/api/images');
    expect(calls).toHaveLength(2);
    expect((calls[1]?.receivedAt ?? 0) - (calls[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(49);
  });

  it('returns [] for an element-info miss and builds the category tree', async () => {
    const s = await start({ catalogueSize: 50 });
    const client = clientFor(s);
    expect(await client.getElementInfo({ articles: [1] })).toEqual([]);
    const tree = await client.getCategoryTree();
    expect(tree).toHaveLength(6);
    expect(tree[0]?.children[0]?.parentId).toBe(tree[0]?.id);
  });
});
