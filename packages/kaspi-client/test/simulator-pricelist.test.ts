import { afterEach, describe, expect, it } from 'vitest';
import { KaspiHtmlResponseError, KaspiServerError, KaspiTimeoutError } from '../src/index.js';
import {
  type KaspiSimulator,
  readPriceList,
  SimulatorRefusal,
  startKaspiSimulator,
} from '../src/testing/index.js';
import { textFixture } from './helpers.js';
import { clientFor, priceListXml, startFeedServer } from './sim-helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
async function setup(options: Parameters<typeof startKaspiSimulator>[0] = {}) {
  const sim = await startKaspiSimulator(options);
  cleanups.push(() => sim.close());
  return sim;
}
async function feed(options: Parameters<typeof startFeedServer>[0] = {}) {
  const server = await startFeedServer(options);
  cleanups.push(server.close);
  return server;
}

describe('price-list reader', () => {
  it('reads the guide sample: price and city prices, availabilities with preOrder and stockCount', () => {
    const doc = readPriceList(textFixture('pricelist-guide-sample.xml'));
    expect(doc.company).toBe('CompanyName');
    expect(doc.merchantId).toBe('CompanyID');
    expect(doc.offers).toHaveLength(2);
    expect(doc.offers[0]).toMatchObject({
      sku: '232130213',
      model: 'iphone 5s white 32gb',
      brand: 'Apple',
      price: 6418,
      availabilities: [
        { storeId: 'myFavoritePickupPoint1', available: true, preOrder: 3, stockCount: 234 },
        { storeId: 'myFavoritePickupPoint2', available: true, preOrder: 20, stockCount: 234 },
      ],
    });
    expect([...(doc.offers[1]?.cityPrices ?? [])]).toEqual([
      ['750000000', 193000],
      ['710000000', 195000],
    ]);
  });

  it('tolerates ns0: prefixes and a missing namespace, and names the line of broken XML', () => {
    const prefixed =
      '<ns0:kaspi_catalog xmlns:ns0="kaspiShopping"><ns0:offers><ns0:offer sku="A"><ns0:model>M</ns0:model><ns0:price>5</ns0:price></ns0:offer></ns0:offers></ns0:kaspi_catalog>';
    expect(readPriceList(prefixed).refused).toEqual([
      { sku: 'A', line: 1, rules: ['availability.missing'] },
    ]);
    const complete = prefixed.replace(
      '</ns0:model>',
      '</ns0:model><ns0:availabilities><ns0:availability available="yes" storeId="PP1" stockCount="1"/></ns0:availabilities>',
    );
    expect(readPriceList(complete).offers[0]).toMatchObject({ sku: 'A', model: 'M', price: 5 });
    expect(() => readPriceList('<kaspi_catalog>\n<offers>\n<offer sku="A">\n</offers>')).toThrow(
      /3:|line|not well-formed/,
    );
    expect(() => readPriceList('<other/>')).toThrow(
      /not a Kaspi price list: its root element is <other>/,
    );
    expect(() => readPriceList('')).toThrow();
  });
});

describe('loading the price list by URL', () => {
  it('loads with Basic auth like Kaspi’s automatic loading and shows the offers', async () => {
    const server = await feed({ username: 'kaspi', password: 's3cret' });
    server.setXml(
      priceListXml([
        { sku: 'A1', price: 1200 },
        { sku: 'B2', cityPrices: { '710000000': 900 } },
      ]),
    );
    const sim = await setup({
      priceList: { url: server.url, username: 'kaspi', password: 's3cret' },
    });
    const report = await sim.loadPriceList();
    expect(report).toMatchObject({ outcome: 'loaded', httpStatus: 200, accepted: 2, rejected: [] });
    expect(sim.offers().map((o) => o.sku)).toEqual(['A1', 'B2']);
    expect(server.hits[0]?.authorization).toBe(
      `Basic ${Buffer.from('kaspi:s3cret').toString('base64')}`,
    );
  });

  it('fails with wrong credentials and keeps the last good catalogue', async () => {
    const server = await feed({ username: 'kaspi', password: 'right' });
    server.setXml(priceListXml([{ sku: 'A1' }]));
    const sim = await setup({
      priceList: { url: server.url, username: 'kaspi', password: 'right' },
    });
    await sim.loadPriceList();
    sim.setPriceListSource({ url: server.url, username: 'kaspi', password: 'wrong' });
    const report = await sim.loadPriceList();
    expect(report).toMatchObject({ outcome: 'failed', httpStatus: 401 });
    expect(sim.offers().map((o) => o.sku)).toEqual(['A1']);
  });

  it('applies the file only when it changed (same bytes, or 304 with ETag)', async () => {
    const server = await feed();
    server.setXml(priceListXml([{ sku: 'A1', price: 100 }]));
    const sim = await setup({ priceList: { url: server.url } });
    expect((await sim.loadPriceList()).outcome).toBe('loaded');
    expect((await sim.loadPriceList()).outcome).toBe('unchanged');
    server.setXml(priceListXml([{ sku: 'A1', price: 150 }]));
    expect((await sim.loadPriceList()).outcome).toBe('loaded');
    expect(sim.offers()[0]?.price).toBe(150);

    const tagged = await feed({ etag: true });
    tagged.setXml(priceListXml([{ sku: 'C3' }]));
    sim.setPriceListSource({ url: tagged.url });
    expect((await sim.loadPriceList()).outcome).toBe('loaded');
    expect((await sim.loadPriceList()).outcome).toBe('unchanged');
    expect(tagged.hits.map((h) => h.status)).toEqual([200, 304]);
    expect(tagged.hits[1]?.ifNoneMatch).toMatch(/^"/);
  });

  it('keeps the last good catalogue when the new file is broken or unreachable', async () => {
    const server = await feed();
    server.setXml(priceListXml([{ sku: 'A1' }]));
    const sim = await setup({ priceList: { url: server.url } });
    await sim.loadPriceList();
    server.setXml('<kaspi_catalog><offers><offer sku="A1">');
    const broken = await sim.loadPriceList();
    expect(broken.outcome).toBe('failed');
    expect(broken.error).toMatch(/^price list refused: unclosed tag: offer/);
    expect(sim.offers()).toHaveLength(1);
    await server.close();
    cleanups.pop();
    expect((await sim.loadPriceList()).outcome).toBe('failed');
    expect(sim.offers()).toHaveLength(1);
  });

  it('gives up on a feed that never answers and keeps the catalogue', async () => {
    const { createServer } = await import('node:http');
    const hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          hanging.closeAllConnections();
          hanging.close(() => resolve());
        }),
    );
    const port = (hanging.address() as { port: number }).port;
    const sim = await setup({
      priceList: { url: `http://127.0.0.1:${port}/kaspi.xml` },
      priceListTimeoutMs: 200,
    });
    sim.uploadPriceList(priceListXml([{ sku: 'A1' }]));
    const report = await sim.loadPriceList();
    expect(report).toMatchObject({ outcome: 'failed', error: 'no complete answer within 200 ms' });
    expect(sim.offers()).toHaveLength(1);
  });

  it('loads automatically on an interval', async () => {
    const server = await feed();
    server.setXml(priceListXml([{ sku: 'A1' }]));
    const sim = await setup({ priceList: { url: server.url, intervalMs: 20 } });
    const deadline = Date.now() + 5_000;
    while (sim.offers().length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(sim.offers().map((o) => o.sku)).toEqual(['A1']);
    expect(sim.lastPriceListLoad?.outcome).toMatch(/loaded|unchanged/);
  });

  it('applies the guide’s offer rules: the original system’s feed loses its 141 bad SKUs', async () => {
    const sim = await setup();
    const report = sim.uploadPriceList(textFixture('original-system-pricelist.xml'));
    expect(report.outcome).toBe('loaded');
    expect(report.rejected.filter((r) => /Latin letters/.test(r.reason))).toHaveLength(141);
    expect(report.accepted + report.rejected.length).toBe(250);
    const lenient = await setup({ offerPolicy: 'lenient' });
    const loose = lenient.uploadPriceList(textFixture('original-system-pricelist.xml'));
    expect(loose.rejected.map((r) => r.reason)).toEqual([
      'sku.duplicate: sku must be unique in the file',
    ]);
  });

  it('rejects bad offers one by one with reasons and lines', async () => {
    const sim = await setup();
    const report = sim.uploadPriceList(
      priceListXml([
        { sku: 'OK1', price: 10 },
        { sku: 'OK1', price: 11 },
        { sku: 'ZERO', price: 0 },
        { sku: 'DEC', price: '10.5' },
      ]),
    );
    expect(report.accepted).toBe(1);
    expect(report.rejected.map((r) => [r.sku, r.reason])).toEqual([
      ['OK1', 'sku.duplicate: sku must be unique in the file'],
      ['ZERO', 'price.format: price must be a whole positive number'],
      ['DEC', 'price.format: price must be a whole positive number'],
    ]);
    expect(report.rejected[0]?.line).toBeGreaterThan(0);
  });
});

describe('buyers order only published, available offers at the published price', () => {
  async function shop() {
    const sim = await setup();
    sim.uploadPriceList(
      priceListXml([
        { sku: 'A1', price: 1000, stockCount: 2 },
        { sku: 'OUT', price: 500, available: false },
        { sku: 'CITY', cityPrices: { '710000000': 2000 } },
        { sku: 'PP2ONLY', price: 300, storeId: 'PP2' },
      ]),
    );
    return sim;
  }

  it('prices the order from the price list', async () => {
    const sim = await shop();
    const order = sim.createOrder({ items: [{ sku: 'A1', quantity: 2 }] });
    expect(order.totalPrice).toBe(2000);
    expect(order.entries[0]).toMatchObject({ sku: 'A1', basePrice: 1000, quantity: 2 });
    const astana = sim.createOrder({ items: [{ sku: 'CITY' }], cityId: '710000000' });
    expect(astana.totalPrice).toBe(2000);
    const pp2 = sim.createOrder({ items: [{ sku: 'PP2ONLY' }] });
    expect((await clientFor(sim).getOrder(pp2.id)).pickupPointId).toBe('30000001_PP2');
  });

  it('refuses unpublished, unavailable, out-of-stock, wrong-city and wrong-price orders', async () => {
    const sim = await shop();
    expect(() => sim.createOrder({ items: [{ sku: 'NOPE' }] })).toThrow(/not published/);
    expect(() => sim.createOrder({ items: [{ sku: 'OUT' }] })).toThrow(/not available/);
    expect(() => sim.createOrder({ items: [{ sku: 'A1', quantity: 3 }] })).toThrow(
      SimulatorRefusal,
    );
    expect(() => sim.createOrder({ items: [{ sku: 'CITY' }], cityId: '750000000' })).toThrow(
      /no price for city/,
    );
    expect(() => sim.createOrder({ items: [{ sku: 'A1' }], expectedPrices: { A1: 999 } })).toThrow(
      /costs 1000/,
    );
    expect(() => sim.createOrder({ items: [{ sku: 'A1' }], storeId: 'PP2' })).toThrow(/at PP2/);
    expect(() => sim.createOrder({ items: [] })).toThrow(/at least one/);
    expect(sim.orders()).toHaveLength(0);
  });

  it('stops selling an offer once a new price list marks it unavailable', async () => {
    const sim = await shop();
    sim.createOrder({ items: [{ sku: 'A1' }] });
    sim.uploadPriceList(
      priceListXml([{ sku: 'A1', price: 1000, available: false, stockCount: 0 }]),
    );
    expect(() => sim.createOrder({ items: [{ sku: 'A1' }] })).toThrow(/not available/);
  });
});

describe('fault injection', () => {
  async function withOrder() {
    const sim: KaspiSimulator = await setup();
    sim.uploadPriceList(priceListXml([{ sku: 'A1' }]));
    return { sim, order: sim.createOrder({ items: [{ sku: 'A1' }] }) };
  }

  it('a burst of 5xx is absorbed by read retries', async () => {
    const { sim, order } = await withOrder();
    sim.injectFault({ kind: 'status', status: 503, times: 2, path: /^\/v2\/orders\// });
    expect((await clientFor(sim).getOrder(order.id)).code).toBe(order.code);
    expect(sim.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    sim.injectFault({ kind: 'status', status: 500, times: 5 });
    await expect(clientFor(sim).getOrder(order.id)).rejects.toBeInstanceOf(KaspiServerError);
    sim.clearFaults();
    await clientFor(sim).getOrder(order.id);
  });

  it('a timeout becomes KaspiTimeoutError, and a retry gets through', async () => {
    const { sim, order } = await withOrder();
    sim.injectFault({ kind: 'timeout', times: 1 });
    const client = clientFor(sim, { timeoutMs: 1_000 });
    expect((await client.getOrder(order.id)).id).toBe(order.id);
    sim.injectFault({ kind: 'timeout', times: 1 });
    await expect(
      clientFor(sim, { timeoutMs: 300, retry: false }).getOrder(order.id),
    ).rejects.toBeInstanceOf(KaspiTimeoutError);
  });

  it('HTML bodies become KaspiHtmlResponseError (200) or are retried (502)', async () => {
    const { sim, order } = await withOrder();
    sim.injectFault({ kind: 'html', status: 200 });
    await expect(clientFor(sim).getOrder(order.id)).rejects.toBeInstanceOf(KaspiHtmlResponseError);
    sim.injectFault({ kind: 'html', status: 502, times: 1 });
    expect((await clientFor(sim).getOrder(order.id)).id).toBe(order.id);
  });

  it('sends Retry-After with an injected 429', async () => {
    const { sim, order } = await withOrder();
    sim.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 0 });
    expect((await clientFor(sim).getOrder(order.id)).id).toBe(order.id);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
  });
});
