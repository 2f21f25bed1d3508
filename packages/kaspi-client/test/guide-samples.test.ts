import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliveryKind } from '../src/index.js';
import { fixture, JSON_API_HEADERS, ROOT, testClient } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

const window = { from: new Date(1_478_736_000_000), to: new Date(1_479_945_600_000) };

async function listFixture(name: string) {
  const { client } = testClient();
  nock(ROOT).get('/v2/orders').query(true).reply(200, fixture(name), JSON_API_HEADERS);
  const page = await client.listOrdersPage({ ...window, pageNumber: 0, pageSize: 20 });
  return { client, page };
}

describe("the guide's example payloads", () => {
  it('parses the include=user sample: relative links, integer money, customers in included', async () => {
    const { client, page } = await listFixture('orders-list.guide-sample.json');
    expect(page.pageCount).toBe(1);
    expect(page.totalCount).toBe(1);
    const [order] = page.orders;
    expect(order).toMatchObject({
      id: 'orderID',
      code: 'ordercode',
      totalPrice: 96045,
      deliveryMode: 'DELIVERY_PICKUP',
      paymentMode: 'PAY_WITH_CREDIT',
      signatureRequired: false,
      state: 'PICKUP',
      status: 'ACCEPTED_BY_MERCHANT',
      deliveryCost: 1000,
      isKaspiDelivery: false,
      creationDate: new Date(1479470446241),
      approvedByBankDate: new Date(1479470451108),
      customer: { firstName: 'Иван Иваныч', lastName: 'Иванов', cellPhone: '7xx0xxxxxx' },
      user: { id: 'customerID', firstName: 'Иван', lastName: 'Иваныч', cellPhone: '7xx0xxxxxx' },
      links: { self: '/v2/orders/orderID', entries: '/v2/orders/orderID/entries' },
      entryIds: undefined,
      entries: undefined,
    });
    // The relative entries link resolves against the API root.
    nock(ROOT)
      .get('/v2/orders/orderID/entries')
      .reply(200, fixture('order-entries.guide-sample.json'), JSON_API_HEADERS);
    const entries = await client.getOrderEntries(order as NonNullable<typeof order>);
    expect(entries.map((e) => e.id)).toEqual(['orderentriesId']);
  });

  it('parses the include=entries sample and treats the fragment (1 of 2 included) as incomplete', async () => {
    const { client, page } = await listFixture('orders-list-include-entries.guide-sample.json');
    const [order] = page.orders;
    if (!order) throw new Error('no order');
    expect(order).toMatchObject({
      id: 'NDk3MTQ6MDIx',
      code: '496149022',
      totalPrice: 2000,
      creditTerm: 3,
      pickupPointId: 'Merchant_00005678',
      reservationDate: new Date(1739797300000),
      customer: { id: 'NzA3NjgyODAwNg', name: null, cellPhone: '7066828008' },
      entryIds: ['NDk1MTQ1MDIxIyMw', 'NDk0MTQ0MDIxIyMx'],
      entries: undefined,
    });
    // The absolute entries link is followed against the configured base URL.
    nock(ROOT)
      .get('/v2/orders/NDk3MTQ6MDIx/entries')
      .reply(
        200,
        {
          data: [
            {
              type: 'orderentries',
              id: 'NDk1MTQ1MDIxIyMw',
              attributes: { quantity: 1, offer: { code: 'A' } },
            },
            {
              type: 'orderentries',
              id: 'NDk0MTQ0MDIxIyMx',
              attributes: { quantity: 1, offer: { code: '259204' } },
            },
          ],
        },
        JSON_API_HEADERS,
      );
    const entries = await client.getOrderEntries(order);
    expect(entries.map((e) => e.offer?.code)).toEqual(['A', '259204']);
  });

  it('parses the entry inside included into a typed entry', async () => {
    const { page } = await listFixture('orders-list-include-entries.guide-sample.json');
    const doc = fixture<{ included: unknown[] }>('orders-list-include-entries.guide-sample.json');
    expect(doc.included).toHaveLength(1);
    // Rebuild the sample as complete (one entry named, one included) to see the typed entry.
    const { client } = testClient();
    const complete = fixture<{
      data: Array<{ relationships: { entries: { data: unknown[] } } }>;
    }>('orders-list-include-entries.guide-sample.json');
    const first = complete.data[0];
    if (first)
      first.relationships.entries.data = [{ type: 'orderentries', id: 'NDk0MTQ0MDIxIyMx' }];
    nock(ROOT).get('/v2/orders').query(true).reply(200, complete, JSON_API_HEADERS);
    const again = await client.listOrdersPage({ ...window, pageNumber: 0, pageSize: 20 });
    expect(page.orders[0]?.entries).toBeUndefined();
    expect(again.orders[0]?.entries).toEqual([
      expect.objectContaining({
        id: 'NDk0MTQ0MDIxIyMx',
        unitType: 'PIECES',
        offer: { code: '259204', name: 'Линейка' },
        quantity: 1,
        totalPrice: 1000,
        basePrice: 1000,
        weight: 0,
        entryNumber: 1,
        category: { code: 'Master - Rulers', title: 'Линейки' },
        isImeiRequired: false,
        productId: 'MTA5MzQ5MDI2',
        pointOfServiceId: 'VGVzdE1lcmNoYW00Ml0wMDAwNTY3OA',
      }),
    ]);
  });

  it('parses the order-by-code sample in state DELIVERY with its delivery address', async () => {
    const { page } = await listFixture('order-by-code.guide-sample.json');
    expect(page.orders[0]).toMatchObject({
      state: 'DELIVERY',
      deliveryMode: 'DELIVERY_LOCAL',
      plannedDeliveryDate: new Date(1706896790999),
      deliveryAddress: {
        town: 'Алматы',
        district: null,
        formattedAddress: 'Алматы, улица Наурызбай батыра, 154А',
        latitude: 43.240013,
      },
      pickupPointId: 'merchant_PP1',
      entries: undefined,
    });
  });

  it('parses the Kaspi Delivery sample: CANCELLING, originAddress, kaspiDelivery, Cyrillic-masked id', async () => {
    const { page } = await listFixture('order-by-code-kaspi-delivery.guide-sample.json');
    const order = page.orders[0];
    expect(order).toMatchObject({
      status: 'CANCELLING',
      state: 'KASPI_DELIVERY',
      isKaspiDelivery: true,
      assembled: true,
      cancellationReason: 'TIMEOUT_BUYER_PICKUP',
      paymentMode: 'PREPAID',
      kaspiDelivery: {
        waybill: 'https://kaspi.kz/shop/api/waybill/...',
        waybillNumber: '101110589',
        courierTransmissionDate: new Date(1745755274000),
        express: false,
        returnedToWarehouse: false,
      },
    });
    expect(order?.raw.relationships?.user?.data).toEqual({
      id: 'NzAyХхХхХTE0MQ',
      type: 'customers',
    });
    expect(order?.raw.attributes.originAddress?.city?.code).toBe('191010000');
    expect(order?.entries?.[0]?.offer?.code).toBe('355654asiuowl');
  });

  it('classifies the samples’ delivery kinds as the guide defines them', async () => {
    const first = async (name: string) => {
      const order = (await listFixture(name)).page.orders[0];
      if (!order) throw new Error(`no order in ${name}`);
      return order;
    };
    expect(deliveryKind(await first('order-by-code-kaspi-delivery.guide-sample.json'))).toBe(
      'kaspi-postomat',
    );
    expect(deliveryKind(await first('order-by-code.guide-sample.json'))).toBe('seller-delivery');
    expect(deliveryKind(await first('orders-list.guide-sample.json'))).toBe('pickup');
    expect(deliveryKind({ isKaspiDelivery: true, deliveryMode: 'DELIVERY_REGIONAL_TODOOR' })).toBe(
      'kaspi-delivery',
    );
    expect(deliveryKind({ isKaspiDelivery: false, deliveryMode: 'DELIVERY_REGIONAL_PICKUP' })).toBe(
      'regional-pickup',
    );
    expect(deliveryKind({ isKaspiDelivery: false, deliveryMode: 'SOMETHING_NEW' })).toBe('unknown');
  });

  it('reads Kaspi Delivery fields from the top level when kaspiDelivery is absent', async () => {
    const { client } = testClient();
    nock(ROOT)
      .get('/v2/orders/X')
      .reply(
        200,
        {
          data: {
            type: 'orders',
            id: 'X',
            attributes: { code: '1', waybill: 'https://w', waybillNumber: '9', express: true },
          },
        },
        JSON_API_HEADERS,
      );
    const order = await client.getOrder('X');
    expect(order.kaspiDelivery).toMatchObject({
      waybill: 'https://w',
      waybillNumber: '9',
      express: true,
    });
  });
});
