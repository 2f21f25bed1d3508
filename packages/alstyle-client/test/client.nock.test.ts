import { getEventListeners } from 'node:events';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AlStyleAuthError,
  type AlStyleClientOptions,
  AlStyleError,
  type AlStyleEvent,
  AlStyleHttpError,
  AlStyleOperationError,
  AlStyleOutcomeUnknownError,
  AlStyleRateLimitError,
  AlStyleSchemaError,
  AlStyleTimeoutError,
  createAlStyleClient,
} from '../src/index.js';
import { fixture, uniqueToken } from './helpers.js';

const BASE = 'https://api.al-style.kz';

beforeAll(() => {
  nock.disableNetConnect();
});
afterAll(() => {
  nock.enableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  vi.useRealTimers();
});

function makeClient(extra: Partial<AlStyleClientOptions> = {}) {
  const token = extra.token ?? uniqueToken();
  const events: AlStyleEvent[] = [];
  const client = createAlStyleClient({
    token,
    rateLimit: { intervalMs: 0, marginMs: 0, shareAcrossClients: false },
    retry: { minDelayMs: 1, maxDelayMs: 2, rateLimitBackoffMs: 1 },
    onEvent: (event) => events.push(event),
    ...extra,
  });
  return { client, token, events };
}

describe('HTTP details (nock)', () => {
  it('sends the token as access-token and comma lists for arrays', async () => {
    const { client, token } = makeClient();
    const scope = nock(BASE)
      .get('/api/quantity-price')
      .query({ 'access-token': token, article: '37454,8362' })
      .reply(200, fixture('quantity-price.json') as nock.Body);
    const stock = await client.getStockAndPrices({ articles: [37454, 8362] });
    expect(stock.get(37454)).toMatchObject({
      quantity: { min: 51, exact: false, raw: '>50' },
      dealerPrice: 2605,
    });
    expect(stock.get(8362)).toMatchObject({
      quantity: { min: 13, exact: true },
      warehouse: 'panfilov',
    });
    scope.done();
  });

  it('serves every read endpoint from its fixture', async () => {
    const { client } = makeClient();
    const reply = (path: string, file: string) =>
      nock(BASE)
        .get(path)
        .query(true)
        .reply(200, fixture(file) as nock.Body);
    reply('/api/categories', 'categories.json');
    reply('/api/brands', 'brands.json');
    reply('/api/elements', 'elements.json');
    reply('/api/elements-pagination', 'elements-pagination.json');
    reply('/api/element-info', 'element-info.json');
    reply('/api/images', 'images.json');
    reply('/api/quantity', 'quantity.json');
    reply('/api/properties', 'properties.json');
    reply('/api/warehouses', 'warehouses.json');
    reply('/api/user-data', 'user-data.json');
    reply('/cart-api/get', 'cart-get.json');
    reply('/api/orders', 'orders.json');
    reply('/api/order', 'order.json');

    const tree = await client.getCategoryTree();
    expect(tree).toMatchObject([
      { id: 3633, parentId: null, children: [{ id: 3638, parentId: 3633 }] },
    ]);
    expect((await client.getBrands())[2]).toEqual({
      id: '37984c77-d7a6-11e6-976b-00155d00460d',
      name: 'A&P',
      productCount: 8,
    });
    expect((await client.getElements()).map((p) => p.article)).toEqual([20908, 20932]);
    const page = await client.getElementsPage();
    expect(page).toMatchObject({ totalCount: 6911, received: 2, offset: 0 });
    expect((await client.getElementInfo({ articles: [20908, 20932] }))[1]?.partNumber).toBe(
      'BL939XM',
    );
    expect((await client.getImages({ articles: [24] })).get(24)).toEqual([
      'https://img.al-style.kz/00024_1.jpg',
      'https://img.al-style.kz/00024_2.jpg',
      'https://img.al-style.kz/00024_3.jpg',
    ]);
    expect((await client.getQuantity({ articles: [624] })).get(624)).toEqual({
      min: 101,
      exact: false,
      raw: '>100',
    });
    expect((await client.getProperties({ articles: [43017] }))[0]?.properties[4]).toMatchObject({
      value: '2,2 ГГц',
    });
    expect((await client.getWarehouses()).map((w) => w.code)).toEqual(['panfilov', 'suyunbai']);
    expect((await client.getUserData()).attorneys).toHaveLength(3);
    expect((await client.getCart()).items).toHaveLength(2);
    expect((await client.listOrders()).orders).toHaveLength(2);
    expect((await client.getOrder(434310)).lines).toHaveLength(2);
  });

  it('runs the order writes against their fixtures', async () => {
    const { client } = makeClient();
    nock(BASE)
      .get('/cart-api/clear')
      .query(true)
      .reply(200, fixture('cart-clear.json') as nock.Body);
    nock(BASE)
      .get('/cart-api/add')
      .query((q) => q.add === '45770,16124' && q.quantity === '2,3')
      .reply(200, fixture('cart-add.json') as nock.Body);
    nock(BASE)
      .get('/cart-api/get')
      .query(true)
      .reply(200, fixture('cart-get.json') as nock.Body);
    nock(BASE)
      .get('/api/user-data')
      .query(true)
      .reply(200, fixture('user-data.json') as nock.Body);
    let submitted: Record<string, string> = {};
    nock(BASE)
      .post('/cart-api/submit')
      .query((q) => {
        submitted = q as Record<string, string>;
        return true;
      })
      .reply(200, fixture('cart-submit.json') as nock.Body);
    const result = await client.createOrder({
      items: [
        { article: 45770, quantity: 2 },
        { article: 16124, quantity: 3 },
      ],
      shippingDate: new Date('2024-12-01T10:00:00Z'),
      externalId: 'KASPI-42',
    });
    expect(result.orderId).toBe(312113);
    expect(submitted).toMatchObject({
      shipping_date: '01.12.2024',
      external_id: 'KASPI-42',
      comments: 'KASPI-42',
    });
    // The first main, non-empty attorney, passed back verbatim.
    expect(JSON.parse(submitted.attorney_json ?? '')).toEqual(
      (fixture('user-data.json') as { data: { Доверенности: unknown[] } }).data.Доверенности[0],
    );
    expect(JSON.parse(submitted.delivery_json ?? '')).toMatchObject({
      СпособДоставки: 'Самовывоз',
      Основной: true,
    });

    nock(BASE)
      .get('/cart-api/cancel')
      .query({ 'access-token': /.*/, order: '312113' })
      .reply(200, fixture('cart-cancel.json') as nock.Body);
    await client.cancelOrder(312113);
    nock(BASE)
      .get('/cart-api/remove')
      .query(true)
      .reply(200, fixture('cart-remove.json') as nock.Body);
    await client.removeFromCart(45770);
    nock(BASE)
      .post('/api/order-confirm')
      .query(true)
      .reply(200, fixture('order-confirm.json') as nock.Body);
    const attorney = (
      await (async () => {
        nock(BASE)
          .get('/api/user-data')
          .query(true)
          .reply(200, fixture('user-data.json') as nock.Body);
        return client.getUserData();
      })()
    ).attorneys[0];
    if (!attorney) throw new Error('no attorney');
    expect(
      await client.confirmOrder({
        id: 312113,
        deliveryDate: '2024-12-02',
        attorney,
        delivery: { СпособДоставки: 'Самовывоз', Основной: true },
      }),
    ).toBe(91473);
    nock(BASE)
      .post('/api/orders-files')
      .query(true)
      .reply(200, fixture('orders-files.json') as nock.Body);
    expect(await client.uploadOrderFile({ order: 734469, file: new Blob(['%PDF-1.4']) })).toBe(
      '734469-1.pdf',
    );
  });

  it('refuses to submit when the cart does not match the order', async () => {
    const { client } = makeClient();
    nock(BASE)
      .get('/api/user-data')
      .query(true)
      .reply(200, fixture('user-data.json') as nock.Body);
    nock(BASE)
      .get('/cart-api/clear')
      .query(true)
      .reply(200, fixture('cart-clear.json') as nock.Body);
    nock(BASE)
      .get('/cart-api/add')
      .query(true)
      .reply(200, fixture('cart-add.json') as nock.Body);
    nock(BASE)
      .get('/cart-api/get')
      .query(true)
      .reply(200, fixture('cart-get.json') as nock.Body);
    const submit = nock(BASE)
      .post('/cart-api/submit')
      .query(true)
      .reply(200, fixture('cart-submit.json') as nock.Body);
    await expect(
      client.createOrder({
        items: [{ article: 45770, quantity: 1 }],
        shippingDate: '01.12.2024',
        externalId: 'K',
      }),
    ).rejects.toBeInstanceOf(AlStyleOperationError);
    expect(submit.isDone()).toBe(false);
  });

  it('turns a status:false answer into AlStyleOperationError', async () => {
    const { client } = makeClient();
    nock(BASE)
      .get('/cart-api/cancel')
      .query(true)
      .reply(200, { status: false, message: 'Нельзя отменить' });
    await expect(client.cancelOrder(1)).rejects.toMatchObject({
      name: 'AlStyleOperationError',
      message: expect.stringContaining('Нельзя отменить'),
    });
  });

  it('normalises an element-info miss (string or error object) to []', async () => {
    const { client } = makeClient();
    nock(BASE)
      .get('/api/element-info')
      .query(true)
      .reply(200, '"Товары не найдены"', { 'content-type': 'application/json' });
    nock(BASE).get('/api/element-info').query(true).reply(200, { status: 'error' });
    expect(await client.getElementInfo({ articles: [1] })).toEqual([]);
    expect(await client.getElementInfo({ name: 'nothing' })).toEqual([]);
    // An unknown wrapper is not mistaken for "no match".
    nock(BASE)
      .get('/api/element-info')
      .query(true)
      .reply(200, { data: [{ article: 1 }] });
    await expect(client.getElementInfo({ articles: [1] })).rejects.toBeInstanceOf(
      AlStyleSchemaError,
    );
  });

  it('reads a plain-text element-info miss as [] at once, without retrying', async () => {
    const { client, events } = makeClient();
    const miss = nock(BASE)
      .get('/api/element-info')
      .query(true)
      .reply(200, 'Товары не найдены', { 'content-type': 'text/html; charset=UTF-8' });
    const retry = nock(BASE).get('/api/element-info').query(true).reply(200, []);
    expect(await client.getElementInfo({ articles: [1] })).toEqual([]);
    expect(miss.isDone()).toBe(true);
    expect(retry.isDone()).toBe(false);
    expect(events.filter((e) => e.type === 'http.request')).toHaveLength(1);
    nock.cleanAll();
    // An HTML page is not a miss: it stays a malformed reply.
    nock(BASE)
      .get('/api/element-info')
      .query(true)
      .times(4)
      .reply(200, '<html><body>502</body></html>');
    await expect(client.getElementInfo({ articles: [1] })).rejects.toBeInstanceOf(
      AlStyleSchemaError,
    );
  });

  it('retries 5xx on reads, then gives up with AlStyleHttpError', async () => {
    const { client, events } = makeClient({ retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });
    nock(BASE).get('/api/brands').query(true).times(3).reply(503, 'upstream request timeout');
    const error = await client.getBrands().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlStyleHttpError);
    expect(error).toMatchObject({
      status: 503,
      isRetryable: true,
      body: 'upstream request timeout',
    });
    expect(events.filter((e) => e.type === 'http.request')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'http.retry')).toHaveLength(2);
  });

  it('does not retry a write on 5xx and reports the outcome as unknown', async () => {
    const { client } = makeClient();
    const scope = nock(BASE).get('/cart-api/add').query(true).reply(502, 'bad gateway');
    await expect(client.addToCart([{ article: 1, quantity: 1 }])).rejects.toBeInstanceOf(
      AlStyleOutcomeUnknownError,
    );
    scope.done();
  });

  it('never resends submit, not even after a 403', async () => {
    const { client } = makeClient();
    const scope = nock(BASE).post('/cart-api/submit').query(true).reply(403, {});
    await expect(
      client.submitCart({
        shippingDate: '01.12.2024',
        attorney: { Номер: '1', Основной: true },
        delivery: { СпособДоставки: 'Самовывоз', Основной: true },
      }),
    ).rejects.toBeInstanceOf(AlStyleRateLimitError);
    scope.done();
  });

  it('rejects an unknown additional field before the API answers 500', async () => {
    const { client } = makeClient();
    // @ts-expect-error: 'characteristics' is not a documented field
    await expect(client.getElementsPage({ fields: ['characteristics'] })).rejects.toThrow(
      /HTTP 500/,
    );
  });

  it('raises AlStyleSchemaError with endpoint, path and value', async () => {
    const { client } = makeClient();
    nock(BASE)
      .get('/api/order')
      .query(true)
      .reply(200, { data: { id: 1, date: '2024-01-01', sum: 'много', cart: [] } });
    const error = await client.getOrder(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlStyleSchemaError);
    expect(error).toMatchObject({ endpoint: '/api/order', path: 'data.sum', value: 'много' });
  });

  it('raises AlStyleSchemaError for a body that is not JSON, after retrying it', async () => {
    const { client } = makeClient({ retry: { retries: 1, minDelayMs: 1 } });
    nock(BASE).get('/api/warehouses').query(true).times(2).reply(200, '{"panfilov": {"na');
    await expect(client.getWarehouses()).rejects.toMatchObject({
      name: 'AlStyleSchemaError',
      path: '',
    });
  });

  it('leaves no abort listeners behind on a long-lived client signal', async () => {
    const controller = new AbortController();
    const { client } = makeClient({ signal: controller.signal });
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .times(20)
      .reply(200, fixture('brands.json') as nock.Body);
    for (let i = 0; i < 20; i++) await client.getBrands({ signal: new AbortController().signal });
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
  });

  it('iterates pages by what arrived, de-duplicates by article and stops exactly at the end', async () => {
    const { client } = makeClient();
    const product = (article: number) => ({
      article,
      name: `P${article}`,
      full_name: `P${article}`,
      category: 1,
      sort: 0,
      price1: 100,
      price2: 120,
      quantity: 1,
      isnew: 0,
      article_pn: '',
    });
    const offsets: string[] = [];
    const page = (articles: number[]) => (uri: string) => {
      offsets.push(new URL(uri, BASE).searchParams.get('offset') ?? '');
      return {
        elements: articles.map(product),
        pagination: { totalCount: 5, totalPages: 1, currentPage: 1, limit: 250, offset: 0 },
      };
    };
    // A short first page (3 of 5), then a page that repeats article 3.
    nock(BASE)
      .get('/api/elements-pagination')
      .query(true)
      .reply(200, page([1, 2, 3]));
    nock(BASE)
      .get('/api/elements-pagination')
      .query(true)
      .reply(200, page([3, 4]));
    const extra = nock(BASE).get('/api/elements-pagination').query(true).reply(200, page([]));
    const seen: number[] = [];
    for await (const p of client.iterateProducts()) seen.push(p.article);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(offsets).toEqual(['0', '3']);
    expect(extra.isDone()).toBe(false);
  });

  it('stops on an empty page even if totalCount promised more', async () => {
    const { client } = makeClient();
    nock(BASE)
      .get('/api/elements-pagination')
      .query(true)
      .reply(200, { elements: [], pagination: { totalCount: 999 } });
    const seen: unknown[] = [];
    for await (const p of client.iterateProducts()) seen.push(p);
    expect(seen).toEqual([]);
  });

  it('skips and reports a bad stock entry, keeping the good ones', async () => {
    const events: AlStyleEvent[] = [];
    const { client } = makeClient({ onEvent: (e) => events.push(e) });
    nock(BASE)
      .get('/api/quantity-price')
      .query(true)
      .reply(200, {
        data: {
          '1': { quantity: '>50', price1: 1, price2: 9_999_999 },
          '2': { quantity: 'lots', price1: 10, price2: 12 },
          x: { quantity: 1, price1: 10, price2: 12 },
        },
      });
    const stock = await client.getStockAndPrices();
    expect([...stock.keys()]).toEqual([1]);
    expect(stock.get(1)).toMatchObject({
      dealerPrice: null,
      priceOnRequest: true,
      placeholderPrice: true,
    });
    const invalid = events.filter((e) => e.type === 'data.invalid');
    expect(invalid.map((e) => ('error' in e ? e.error.path : ''))).toEqual(['2.quantity', 'x']);
  });

  it('normalises element-info extras: detailText, properties, https images, rrp', async () => {
    const { client } = makeClient();
    nock(BASE)
      .get('/api/element-info')
      .query((q) => q.additional_fields === 'detailText,properties,images,rrp')
      .reply(200, [
        {
          ...(fixture('element-info.json') as Record<string, unknown>[])[0],
          detailtext: '<p>spec</p>',
          properties: { Цвет: 'Чёрный', Вес: 1.2 },
          images: ['http://img.al-style.kz/20908_1.jpg'],
          rrp: 1,
        },
      ]);
    const [product] = await client.getElementInfo({
      articles: [20908],
      fields: ['detailText', 'properties', 'images', 'rrp'],
    });
    expect(product).toMatchObject({
      article: 20908,
      detailText: '<p>spec</p>',
      properties: { Цвет: 'Чёрный', Вес: 1.2 },
      images: ['https://img.al-style.kz/20908_1.jpg'],
      rrp: null,
      isNew: true,
    });
  });

  it('maps 401 to AlStyleAuthError without retrying', async () => {
    const { client } = makeClient();
    const scope = nock(BASE).get('/api/brands').query(true).reply(401, { name: 'Unauthorized' });
    await expect(client.getBrands()).rejects.toBeInstanceOf(AlStyleAuthError);
    scope.done();
  });
});

/**
 * Advances fake time in steps while letting real I/O (nock's replies) settle between steps, until
 * `promise` settles. Only setTimeout/Date are faked, so setImmediate still yields to real I/O.
 */
const realSetTimeout = globalThis.setTimeout;

async function drive<T>(promise: Promise<T>, stepMs = 100, maxSteps = 2_000): Promise<T> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let step = 0; step < maxSteps && !settled; step++) {
    // A few real milliseconds for nock's reply to travel, then the next slice of fake time.
    await new Promise((resolve) => realSetTimeout(resolve, 5));
    await vi.advanceTimersByTimeAsync(stepMs);
  }
  return promise;
}

/** Records the fake clock at each request nock answers. */
function stamp(
  times: number[],
  status: number,
  body: nock.Body,
  headers: Record<string, string> = {},
) {
  return (): [number, nock.Body, Record<string, string>] => {
    times.push(Date.now());
    return [status, body, headers];
  };
}

const gaps = (times: readonly number[]) => times.slice(1).map((t, i) => t - (times[i] ?? 0));

describe('timers (fake)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });

  it('waits after a 403, retries three times, then raises AlStyleAuthError', async () => {
    const { client, events } = makeClient({
      retry: { rateLimitRetries: 3, rateLimitBackoffMs: 10_000 },
    });
    const times: number[] = [];
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .times(4)
      .reply(stamp(times, 403, { message: 'too fast' }));
    const error = await drive(client.getBrands().catch((e: unknown) => e));
    expect(error).toBeInstanceOf(AlStyleAuthError);
    expect(error).toMatchObject({ status: 403 });
    expect(times).toHaveLength(4);
    // Never sooner than the backoff; the upper bound only allows for the test's time slicing.
    for (const gap of gaps(times)) {
      expect(gap).toBeGreaterThanOrEqual(10_000);
      expect(gap).toBeLessThan(15_000);
    }
    expect(
      events.filter((e) => e.type === 'rate-limit.hit').map((e) => ('waitMs' in e ? e.waitMs : 0)),
    ).toEqual([10_000, 10_000, 10_000]);
  });

  it('honours Retry-After on a 403', async () => {
    const { client } = makeClient({ retry: { rateLimitBackoffMs: 10_000 } });
    const times: number[] = [];
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .reply(stamp(times, 403, {}, { 'Retry-After': '2' }));
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .reply(stamp(times, 200, fixture('brands.json') as nock.Body));
    expect(await drive(client.getBrands())).toHaveLength(5);
    expect(gaps(times)[0]).toBeGreaterThanOrEqual(2_000);
    expect(gaps(times)[0]).toBeLessThan(10_000);
  });

  it('waits the /images throttle interval before retrying', async () => {
    const { client } = makeClient();
    const times: number[] = [];
    nock(BASE)
      .get('/api/images')
      .query(true)
      .reply(stamp(times, 200, { success: false, message: 'wait', interval: 7 }));
    nock(BASE)
      .get('/api/images')
      .query(true)
      .reply(stamp(times, 200, fixture('images.json') as nock.Body));
    expect((await drive(client.getImages({ articles: [24] }))).get(24)).toHaveLength(3);
    // The client's own backoff is 1 ms here, so only the body's interval explains the wait.
    expect(gaps(times)[0]).toBeGreaterThanOrEqual(7_000);
    expect(gaps(times)[0]).toBeLessThan(12_000);
  });

  it('backs off exponentially with jitter between 5xx retries', async () => {
    const { client } = makeClient({
      retry: { retries: 2, minDelayMs: 10_000, maxDelayMs: 600_000 },
    });
    const times: number[] = [];
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .times(2)
      .reply(stamp(times, 500, 'oops'));
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .reply(stamp(times, 200, fixture('brands.json') as nock.Body));
    expect(await drive(client.getBrands(), 100)).toHaveLength(5);
    const [first = 0, second = 0] = gaps(times);
    // Jitter multiplies the delay by 1–2: [10, 20] s, then [20, 40] s (plus the test's time slicing).
    expect(first).toBeGreaterThanOrEqual(10_000);
    expect(first).toBeLessThanOrEqual(22_000);
    expect(second).toBeGreaterThanOrEqual(20_000);
    expect(second).toBeLessThanOrEqual(42_000);
  });

  it('shares one throttle between clients of the same token', async () => {
    const token = uniqueToken('shared');
    const options = {
      token,
      rateLimit: { intervalMs: 5_000, marginMs: 500, spacingFrom: 'response' },
    } as const;
    const one = createAlStyleClient(options);
    const two = createAlStyleClient(options);
    const times: number[] = [];
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .times(4)
      .reply(stamp(times, 200, fixture('brands.json') as nock.Body));
    await drive(Promise.all([one.getBrands(), two.getBrands(), one.getBrands(), two.getBrands()]));
    expect(times).toHaveLength(4);
    for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(5_500);
    expect(() => createAlStyleClient({ token, rateLimit: { intervalMs: 1_000 } })).toThrow(
      /already throttles/,
    );
  });

  it('times out one attempt and retries it', async () => {
    const { client } = makeClient({ timeoutMs: 10_000, retry: { retries: 1, minDelayMs: 10 } });
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .delay(60_000)
      .reply(200, fixture('brands.json') as nock.Body);
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .reply(200, fixture('brands.json') as nock.Body);
    expect(await drive(client.getBrands())).toHaveLength(5);
  });

  it('raises AlStyleTimeoutError when every attempt times out', async () => {
    const { client } = makeClient({ timeoutMs: 1_000, retry: { retries: 0 } });
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .delay(5_000)
      .reply(200, fixture('brands.json') as nock.Body);
    expect(await drive(client.getBrands().catch((e: unknown) => e))).toBeInstanceOf(
      AlStyleTimeoutError,
    );
  });

  it('aborts a throttle wait, a backoff and a request at once', async () => {
    const token = uniqueToken('abort');
    const client = createAlStyleClient({
      token,
      rateLimit: { intervalMs: 5_000, marginMs: 0, shareAcrossClients: false },
    });
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .reply(200, fixture('brands.json') as nock.Body);
    await drive(client.getBrands());
    // The next call waits ~5 s in the throttle; abort during the wait.
    const controller = new AbortController();
    const waiting = client.getBrands({ signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort(new Error('stop'));
    expect(await waiting).toMatchObject({ message: 'stop' });

    // Abort during a 403 backoff.
    const backoffClient = createAlStyleClient({
      token: uniqueToken('abort2'),
      rateLimit: { intervalMs: 0, marginMs: 0, shareAcrossClients: false },
      retry: { rateLimitBackoffMs: 10_000 },
    });
    const hits: number[] = [];
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .reply(stamp(hits, 403, {}));
    const c2 = new AbortController();
    const inBackoff = backoffClient.getBrands({ signal: c2.signal }).catch((e: unknown) => e);
    await drive(
      new Promise<void>((resolve) => {
        const check = (): void => (hits.length > 0 ? resolve() : void setImmediate(check));
        check();
      }),
    );
    c2.abort(new Error('stop backoff'));
    expect(await inBackoff).toMatchObject({ message: 'stop backoff' });
    expect(hits).toHaveLength(1);

    // Abort an in-flight request through the client-wide signal.
    const c3 = new AbortController();
    const slowClient = createAlStyleClient({
      token: uniqueToken('abort3'),
      rateLimit: { intervalMs: 0, marginMs: 0, shareAcrossClients: false },
      signal: c3.signal,
    });
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .delay(60_000)
      .reply(200, fixture('brands.json') as nock.Body);
    const inFlight = slowClient.getBrands().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    c3.abort(new Error('shutdown'));
    expect(await inFlight).toMatchObject({ message: 'shutdown' });
  });
});

describe('secrets', () => {
  const SECRET = 'tok-3f9a-SECRET-value';

  function containsSecret(value: unknown): boolean {
    const seen = new Set<unknown>();
    const visit = (v: unknown): boolean => {
      if (typeof v === 'string') return v.includes(SECRET);
      if (typeof v !== 'object' || v === null || seen.has(v)) return false;
      seen.add(v);
      const keys = [
        ...Object.getOwnPropertyNames(v),
        ...(v instanceof Error ? ['message', 'stack', 'cause'] : []),
      ];
      return keys.some((k) => visit((v as Record<string, unknown>)[k]));
    };
    return visit(value);
  }

  it('keeps the token out of errors (message, url, body, cause) and log events', async () => {
    const events: AlStyleEvent[] = [];
    const client = createAlStyleClient({
      token: SECRET,
      rateLimit: { intervalMs: 0, marginMs: 0, shareAcrossClients: false },
      retry: { retries: 1, minDelayMs: 1, rateLimitRetries: 1, rateLimitBackoffMs: 1 },
      onEvent: (e) => events.push(e),
    });
    const errors: unknown[] = [];
    // The server echoes the token back in bodies; the client must still not leak it.
    nock(BASE)
      .get('/api/brands')
      .query(true)
      .times(2)
      .reply(500, `error for access-token=${SECRET}`);
    errors.push(await client.getBrands().catch((e: unknown) => e));
    nock(BASE).get('/api/brands').query(true).times(2).reply(403, { token: SECRET });
    errors.push(await client.getBrands().catch((e: unknown) => e));
    nock(BASE)
      .get('/api/order')
      .query(true)
      .reply(200, { data: { id: SECRET } });
    errors.push(await client.getOrder(1).catch((e: unknown) => e));
    nock(BASE)
      .get('/api/warehouses')
      .query(true)
      .times(2)
      .replyWithError({ code: 'ECONNRESET', message: `socket hang up ${SECRET}` });
    errors.push(await client.getWarehouses().catch((e: unknown) => e));
    nock(BASE).get('/cart-api/cancel').query(true).reply(200, { status: false, message: SECRET });
    errors.push(await client.cancelOrder(1).catch((e: unknown) => e));

    expect(errors.map((e) => (e as Error).name)).toEqual([
      'AlStyleHttpError',
      'AlStyleAuthError',
      'AlStyleSchemaError',
      'AlStyleNetworkError',
      'AlStyleOperationError',
    ]);
    for (const error of errors) {
      expect(AlStyleError.isInstance(error)).toBe(true);
      expect(containsSecret(error)).toBe(false);
      expect(JSON.stringify(error)).not.toContain(SECRET);
      expect(String(error)).not.toContain(SECRET);
      expect((error as AlStyleError).request?.url ?? 'access-token=***').toContain(
        'access-token=***',
      );
    }
    expect(events.length).toBeGreaterThan(5);
    expect(containsSecret(events)).toBe(false);
  });
});
