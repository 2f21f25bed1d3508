import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixture, JSON_API_HEADERS, ROOT, TOKEN, testClient } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

const JSON_API = 'application/vnd.api+json';
/** Interceptor for the JSON:API host with every required header asserted. */
const v2 = (extra: Record<string, string | RegExp> = {}) =>
  nock(ROOT, {
    reqheaders: {
      accept: JSON_API,
      'content-type': JSON_API,
      'x-auth-token': TOKEN,
      'user-agent': /^kaspi-connect-kaspi-client\/\d+\.\d+\.\d+ \(Node\.js\)$/,
      ...extra,
    },
  });
/** Interceptor for the plain-JSON endpoints. */
const plain = () =>
  nock(ROOT, {
    reqheaders: { accept: 'application/json', 'x-auth-token': TOKEN, 'user-agent': /.+/ },
  });

const order = (id: string, code: string, status = 'APPROVED_BY_BANK') => ({
  type: 'orders',
  id,
  attributes: { code, status, state: 'NEW', creationDate: 1_700_000_000_000, totalPrice: 100 },
});

describe('headers', () => {
  it('sends JSON:API headers, the token, an explicit User-Agent and X-Merchant-Uid when set', async () => {
    const { client } = testClient({ merchantUid: '30453464' });
    v2({ 'x-merchant-uid': '30453464' })
      .get('/v2/orders/ID1')
      .reply(200, { data: order('ID1', '1') }, JSON_API_HEADERS);
    await client.getOrder('ID1');
  });

  it('names the package version in the default User-Agent', async () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const { client } = testClient();
    nock(ROOT, { reqheaders: { 'user-agent': `kaspi-connect-kaspi-client/${version} (Node.js)` } })
      .get('/v2/orders/ID1')
      .reply(200, { data: order('ID1', '1') }, JSON_API_HEADERS);
    await client.getOrder('ID1');
  });

  it('uses the configured User-Agent and omits X-Merchant-Uid by default', async () => {
    const { client } = testClient({ userAgent: 'Mozilla/5.0 test' });
    nock(ROOT, { reqheaders: { 'user-agent': 'Mozilla/5.0 test' }, badheaders: ['x-merchant-uid'] })
      .get('/v2/orders/ID1')
      .reply(200, { data: order('ID1', '1') }, JSON_API_HEADERS);
    await client.getOrder('ID1');
  });

  it('looks up the global fetch per request, so interceptors installed later apply', async () => {
    const { client } = testClient();
    const original = globalThis.fetch;
    let calls = 0;
    globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
      calls += 1;
      return original(...args);
    }) as typeof fetch;
    try {
      v2()
        .get('/v2/orders/ID1')
        .reply(200, { data: order('ID1', '1') }, JSON_API_HEADERS);
      await client.getOrder('ID1');
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toBe(1);
  });
});

describe('orders', () => {
  it('lists a page with literal bracketed parameters', async () => {
    const { client } = testClient();
    const from = new Date(1_700_000_000_000);
    const to = new Date(1_700_000_000_000 + 14 * 86_400_000);
    v2()
      .get('/v2/orders')
      .query((q) => {
        expect(q).toEqual({
          'page[number]': '0',
          'page[size]': '100',
          'filter[orders][creationDate][$ge]': String(from.getTime()),
          'filter[orders][creationDate][$le]': String(to.getTime()),
          'filter[orders][state]': 'NEW',
          'filter[orders][status]': 'APPROVED_BY_BANK',
          'filter[orders][deliveryType]': 'DELIVERY',
          'filter[orders][signatureRequired]': 'false',
          'include[orders]': 'entries',
        });
        return true;
      })
      .reply(
        200,
        { data: [order('A', '1')], included: [], meta: { pageCount: 1, totalCount: 1 } },
        JSON_API_HEADERS,
      );
    const page = await client.listOrdersPage({
      from,
      to,
      pageNumber: 0,
      pageSize: 100,
      state: 'NEW',
      status: 'APPROVED_BY_BANK',
      deliveryType: 'DELIVERY',
      signatureRequired: false,
      include: 'entries',
    });
    expect(page.orders.map((o) => o.code)).toEqual(['1']);
    expect(page.pageCount).toBe(1);
    expect(page.totalCount).toBe(1);
  });

  it('keeps brackets literal on the wire (no space, no double encoding)', async () => {
    const seen: string[] = [];
    const { client } = testClient({
      fetch: async (request) => {
        seen.push(request.url);
        return new Response(JSON.stringify({ data: [], meta: { pageCount: 0, totalCount: 0 } }), {
          headers: JSON_API_HEADERS,
        });
      },
    });
    await client.listOrdersPage({
      from: new Date(0),
      to: new Date(1000),
      pageNumber: 0,
      pageSize: 100,
    });
    expect(seen[0]).toContain('?page[number]=0&page[size]=100&filter[orders][creationDate][$ge]=0');
    expect(seen[0]).not.toMatch(/\s|%255B/);
  });

  it('refuses a window over 14 days before sending anything', async () => {
    const { client } = testClient();
    await expect(
      client.listOrdersPage({
        from: new Date(0),
        to: new Date(14 * 86_400_000 + 1),
        pageNumber: 0,
        pageSize: 100,
      }),
    ).rejects.toThrow(RangeError);
  });

  it('gets an order by id', async () => {
    const { client } = testClient();
    v2()
      .get('/v2/orders/b3JkZXI%3D')
      .reply(200, { data: order('b3JkZXI=', '77') }, JSON_API_HEADERS);
    const o = await client.getOrder('b3JkZXI=');
    expect(o.code).toBe('77');
    expect(o.creationDate).toEqual(new Date(1_700_000_000_000));
  });

  it('gets an order by code with entries included, or undefined', async () => {
    const { client } = testClient();
    v2()
      .get('/v2/orders')
      .query({ 'filter[orders][code]': '496149022', 'include[orders]': 'entries' })
      .reply(200, fixture('order-by-code-kaspi-delivery.guide-sample.json'), JSON_API_HEADERS);
    const o = await client.getOrderByCode('496149022');
    expect(o?.entries?.map((e) => e.offer?.code)).toEqual(['355654asiuowl']);
    v2()
      .get('/v2/orders')
      .query({ 'filter[orders][code]': 'nope', 'include[orders]': 'entries' })
      .reply(
        200,
        { data: [], included: [], meta: { pageCount: 0, totalCount: 0 } },
        JSON_API_HEADERS,
      );
    expect(await client.getOrderByCode('nope')).toBeUndefined();
  });

  it('gets entries and one entry', async () => {
    const { client } = testClient();
    v2()
      .get('/v2/orders/orderId/entries')
      .reply(200, fixture('order-entries.guide-sample.json'), JSON_API_HEADERS);
    const entries = await client.getOrderEntries('orderId');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: 'orderentriesId',
      quantity: 2,
      basePrice: 2000,
      totalPrice: 4000,
      weight: 2000,
      unitType: 'PIECES',
      productId: 'masterproductsId',
      pointOfServiceId: 'pointofservicesId',
    });
    v2()
      .get('/v2/orderentries/E1')
      .reply(
        200,
        {
          data: {
            type: 'orderentries',
            id: 'E1',
            attributes: { quantity: 1, minAllowedWeight: 900 },
          },
        },
        JSON_API_HEADERS,
      );
    expect((await client.getOrderEntry('E1')).minAllowedWeight).toBe(900);
  });
});

describe('products, points of service, cities', () => {
  it('gets the master product and the merchant product, which may be null', async () => {
    const { client } = testClient();
    v2()
      .get('/v2/orderentries/E1/product')
      .reply(
        200,
        {
          data: {
            type: 'masterproducts',
            id: 'M1',
            attributes: {
              code: '109349026',
              name: 'Линейка',
              manufacturer: 'X',
              category: 'Master - Rulers',
            },
            relationships: {
              merchantProduct: { links: { related: '/v2/masterproducts/M1/merchantProduct' } },
            },
          },
        },
        JSON_API_HEADERS,
      );
    const product = await client.getEntryProduct('E1');
    expect(product).toMatchObject({ id: 'M1', code: '109349026' });
    v2()
      .get('/v2/masterproducts/M1/merchantProduct')
      .reply(
        200,
        {
          data: {
            type: 'merchantproducts',
            id: 'P1',
            attributes: { code: 'SKU1', name: 'Линейка' },
          },
        },
        JSON_API_HEADERS,
      );
    expect((await client.getMerchantProduct('M1'))?.code).toBe('SKU1');
    v2().get('/v2/masterproducts/M2/merchantProduct').reply(200, { data: null }, JSON_API_HEADERS);
    expect(await client.getMerchantProduct('M2')).toBeNull();
  });

  it('maps an entry to its SKU through product → merchantProduct when offer is absent, never the master code', async () => {
    const { client } = testClient();
    v2()
      .get('/v2/orders/orderId/entries')
      .reply(200, fixture('order-entries.guide-sample.json'), JSON_API_HEADERS);
    const [entry] = await client.getOrderEntries('orderId');
    v2()
      .get('/v2/orderentries/orderentriesId/product')
      .reply(
        200,
        {
          data: {
            type: 'masterproducts',
            id: 'masterproductsId',
            attributes: { code: 'KASPI-CODE' },
            relationships: {
              merchantProduct: {
                links: {
                  related:
                    'https://kaspi.kz/shop/api/v2/masterproducts/masterproductsId/merchantProduct',
                },
              },
            },
          },
        },
        JSON_API_HEADERS,
      );
    v2()
      .get('/v2/masterproducts/masterproductsId/merchantProduct')
      .reply(
        200,
        { data: { type: 'merchantproducts', id: 'P', attributes: { code: 'MY-SKU' } } },
        JSON_API_HEADERS,
      );
    expect(await client.getEntrySku(entry as NonNullable<typeof entry>)).toEqual({
      sku: 'MY-SKU',
      source: 'merchantProduct',
    });
  });

  it('gets points of service, their city and all cities', async () => {
    const { client } = testClient();
    const pos = {
      data: {
        type: 'pointofservices',
        id: 'POS1',
        attributes: { displayName: 'PP1', address: { formattedAddress: 'Алматы' } },
        relationships: { city: { links: { related: '/v2/pointofservices/POS1/city' } } },
      },
    };
    v2().get('/v2/orderentries/E1/deliveryPointOfService').reply(200, pos, JSON_API_HEADERS);
    v2().get('/v2/pointofservices/POS1').reply(200, pos, JSON_API_HEADERS);
    const city = {
      type: 'cities',
      id: 'C1',
      attributes: { code: '750000000', name: 'Алматы', active: true },
    };
    v2().get('/v2/pointofservices/POS1/city').reply(200, { data: city }, JSON_API_HEADERS);
    v2()
      .get('/v2/cities')
      .reply(200, { data: [city] }, JSON_API_HEADERS);
    expect((await client.getEntryPointOfService('E1')).displayName).toBe('PP1');
    expect((await client.getPointOfService('POS1')).cityLink).toBe('/v2/pointofservices/POS1/city');
    expect(await client.getPointOfServiceCity('POS1')).toEqual({
      id: 'C1',
      code: '750000000',
      name: 'Алматы',
      active: true,
    });
    expect((await client.listCities()).map((c) => c.code)).toEqual(['750000000']);
  });
});

describe('status changes', () => {
  const ref = { id: 'ORD', code: '123' };
  const echo = (attributes: Record<string, unknown>) => ({
    data: { type: 'orders', id: 'ORD', attributes },
    included: [],
  });
  const expectBody = (attributes: Record<string, unknown>) => (body: unknown) => {
    expect(body).toEqual({ data: { type: 'orders', id: 'ORD', attributes } });
    return true;
  };

  it('accepts', async () => {
    const { client } = testClient();
    const attributes = { code: '123', status: 'ACCEPTED_BY_MERCHANT' };
    v2().post('/v2/orders', expectBody(attributes)).reply(200, echo(attributes), JSON_API_HEADERS);
    const result = await client.acceptOrder(ref);
    expect(result).toEqual({
      orderId: 'ORD',
      target: 'ACCEPTED_BY_MERCHANT',
      attributes,
      confirmedBy: 'response',
    });
  });

  it('cancels with a reason and a comment; refuses a comment over 1000 characters', async () => {
    const { client } = testClient();
    const attributes = {
      code: '123',
      status: 'CANCELLED',
      cancellationReason: 'MERCHANT_OUT_OF_STOCK',
      cancellationComment: 'нет в наличии',
    };
    v2().post('/v2/orders', expectBody(attributes)).reply(200, echo(attributes), JSON_API_HEADERS);
    await client.cancelOrder(ref, 'MERCHANT_OUT_OF_STOCK', 'нет в наличии');
    expect(() => client.cancelOrder(ref, 'MERCHANT_OUT_OF_STOCK', 'x'.repeat(1001))).toThrow(
      /1001 characters/,
    );
  });

  it('completes in two steps with X-Send-Code and an empty, then filled X-Security-Code', async () => {
    const { client } = testClient();
    const attributes = { code: '123', status: 'COMPLETED' };
    v2({ 'x-send-code': 'true', 'x-security-code': '' })
      .post('/v2/orders', expectBody(attributes))
      .reply(200, echo(attributes), JSON_API_HEADERS);
    await client.sendCompletionCode(ref);
    v2({ 'x-send-code': 'true', 'x-security-code': '4821' })
      .post('/v2/orders', expectBody(attributes))
      .reply(200, echo(attributes), JSON_API_HEADERS);
    await client.completeOrder(ref, '4821');
  });

  it('assembles with numberOfSpace as a string and accepts ASSEMBLED in the echo', async () => {
    const { client } = testClient();
    v2()
      .post('/v2/orders', expectBody({ code: '123', status: 'ASSEMBLE', numberOfSpace: '2' }))
      .reply(200, echo({ status: 'ASSEMBLED', numberOfSpace: 2 }), JSON_API_HEADERS);
    const result = await client.assembleOrder(ref, 2);
    expect(result.attributes).toEqual({ status: 'ASSEMBLED', numberOfSpace: 2 });
    expect(() => client.assembleOrder(ref, 0)).toThrow(RangeError);
  });

  it('marks arrived and arrived backward; sends no code when the ref has none', async () => {
    const { client } = testClient();
    v2()
      .post('/v2/orders', expectBody({ status: 'ARRIVED' }))
      .reply(200, echo({ status: 'ARRIVED' }), JSON_API_HEADERS);
    await client.markArrived({ id: 'ORD' });
    v2()
      .post('/v2/orders', expectBody({ code: '123', status: 'ARRIVED_BACKWARD' }))
      .reply(200, echo({ status: 'ARRIVED_BACKWARD' }), JSON_API_HEADERS);
    await client.markArrivedBackward(ref);
  });
});

describe('partial cancels', () => {
  it('cancels one entry through orderEntryCancelOperation', async () => {
    const { client } = testClient();
    v2()
      .post('/v2/orderEntryCancelOperation', {
        data: {
          type: 'orderEntryCancelOperation',
          attributes: {
            remainedQuantity: 1,
            reason: 'BUYER_CANCELLATION_BY_MERCHANT',
            notes: 'Отказ клиента',
          },
          relationships: { entry: { data: { type: 'orderentries', id: 'E1' } } },
        },
      })
      .reply(
        200,
        {
          data: {
            type: 'orderEntryCancelOperation',
            id: 'OP1',
            attributes: { remainedQuantity: 1, status: 'SUCCESSFULL' },
          },
        },
        JSON_API_HEADERS,
      );
    expect(
      await client.cancelOrderEntry('E1', {
        remainedQuantity: 1,
        reason: 'BUYER_CANCELLATION_BY_MERCHANT',
        notes: 'Отказ клиента',
      }),
    ).toEqual({ id: 'OP1', status: 'SUCCESSFULL', remainedQuantity: 1, remainedWeight: undefined });
  });

  it('cancels several entries with PUT /orderPartialCancel (no /v2, plain JSON, bare array)', async () => {
    const { client } = testClient();
    nock(ROOT, {
      reqheaders: {
        accept: 'application/json',
        'content-type': 'application/json',
        'x-auth-token': TOKEN,
      },
    })
      .put('/orderPartialCancel/ORD', [
        {
          entry: { id: 'E1' },
          reason: 'MERCHANT_OUT_OF_STOCK',
          remainedQuantity: 1,
          remainedWeight: 1000,
          notes: 'merchant out of stock',
        },
      ])
      .reply(200, {
        orderCancelEntries: [
          {
            id: 'X',
            entry: { id: 'E1' },
            remainedQuantity: 1,
            remainedWeight: 1000,
            notes: 'merchant out of stock',
          },
        ],
        status: 'SUCCESSFUL',
      });
    const result = await client.partialCancelOrder('ORD', [
      {
        entryId: 'E1',
        remainedQuantity: 1,
        remainedWeight: 1000,
        reason: 'MERCHANT_OUT_OF_STOCK',
        notes: 'merchant out of stock',
      },
    ]);
    expect(result).toEqual({
      status: 'SUCCESSFUL',
      entries: [{ id: 'X', entryId: 'E1', remainedQuantity: 1, remainedWeight: 1000 }],
    });
  });
});

describe('product import and classification', () => {
  const card = {
    sku: 'testproduct',
    title: 'Тетрадь',
    brand: 'Brand',
    category: 'Master - Exercise notebooks',
    attributes: [{ code: 'Exercise notebooks*Cover', value: 'мягкая' }],
    images: [{ url: 'https://example.com/a.jpg' }],
  };

  it('imports cards and reads status, result and schema', async () => {
    const { client } = testClient();
    plain()
      .post('/products/import', [card])
      .matchHeader('content-type', 'application/json')
      .reply(200, { code: 'testproduct', status: 'UPLOADED' });
    expect(await client.importProducts([card])).toEqual({
      code: 'testproduct',
      status: 'UPLOADED',
      description: undefined,
    });
    plain()
      .get('/products/import')
      .query({ i: 'testproduct' })
      .reply(200, { code: 'testproduct', status: 'FINISHED', description: 'ok' });
    expect((await client.getImportStatus('testproduct')).status).toBe('FINISHED');
    plain()
      .get('/products/import/result')
      .query({ i: 'testproduct' })
      .reply(200, {
        errors: 0,
        warnings: 0,
        skipped: 0,
        total: 1,
        result: { testproduct: { state: 'FINISHED' } },
      });
    expect((await client.getImportResult('testproduct')).result).toEqual({
      testproduct: { state: 'FINISHED' },
    });
    plain()
      .get('/products/import/schema')
      .reply(200, { $schema: 'http://json-schema.org/draft-04/schema#' });
    expect(await client.getImportSchema()).toHaveProperty('$schema');
  });

  it('refuses invalid cards before sending, naming the field', async () => {
    const { client } = testClient();
    await expect(client.importProducts([{ ...card, category: 'Тетради' }])).rejects.toThrow(
      /0\.category/,
    );
    await expect(client.importProducts([])).rejects.toThrow(TypeError);
  });

  it('reads categories, attributes and attribute values', async () => {
    const { client } = testClient();
    plain()
      .get('/products/classification/categories')
      .reply(200, [{ code: 'Master - Exercise notebooks', title: 'Тетради' }]);
    plain()
      .get('/products/classification/attributes')
      .query({ c: 'Master - Exercise notebooks' })
      .reply(200, [
        { code: 'Exercise notebooks*Cover', type: 'enum', multiValued: false, mandatory: true },
      ]);
    plain()
      .get('/products/classification/attribute/values')
      .query({ c: 'Master - Exercise notebooks', a: 'Exercise notebooks*Cover' })
      .reply(200, [{ code: 'мягкая', name: 'мягкая' }]);
    expect(await client.listCategories()).toHaveLength(1);
    expect((await client.getCategoryAttributes('Master - Exercise notebooks'))[0]?.mandatory).toBe(
      true,
    );
    expect(
      await client.getAttributeValues('Master - Exercise notebooks', 'Exercise notebooks*Cover'),
    ).toEqual([{ code: 'мягкая', name: 'мягкая' }]);
  });
});
