import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KaspiAuthError, KaspiHtmlResponseError, KaspiValidationError } from '../src/index.js';
import {
  KASPI_ERROR_TITLES,
  type KaspiSimulator,
  startKaspiSimulator,
} from '../src/testing/index.js';
import { clientFor, priceListXml, raw } from './sim-helpers.js';

const DAY = 86_400_000;
let sim: KaspiSimulator;
beforeEach(async () => {
  sim = await startKaspiSimulator({ now: () => Date.parse('2026-03-01T00:00:00Z') });
});
afterEach(() => sim.close());

const now = Date.parse('2026-03-01T00:00:00Z');
const list = (params: Record<string, string | number>) =>
  raw(
    sim,
    `/v2/orders?${Object.entries(params)
      .map(([k, v]) => `${k}=${v}`)
      .join('&')}`,
  );
const titleOf = (json: unknown) => (json as { errors: Array<{ title: string }> }).errors[0]?.title;

describe('list rules with Kaspi’s titles', () => {
  const ge = now - DAY;
  it('requires page[number]', async () => {
    const r = await list({ 'page[size]': 100, 'filter[orders][creationDate][$ge]': ge });
    expect(r.status).toBe(400);
    expect(titleOf(r.json)).toBe('Required pagination value [number] is empty.');
  });
  it('requires page[size] and refuses more than 100', async () => {
    const missing = await list({ 'page[number]': 0, 'filter[orders][creationDate][$ge]': ge });
    expect(titleOf(missing.json)).toBe(KASPI_ERROR_TITLES.pageSizeMissing);
    const big = await list({
      'page[number]': 0,
      'page[size]': 101,
      'filter[orders][creationDate][$ge]': ge,
    });
    expect(big.status).toBe(400);
    expect(titleOf(big.json)).toBe(KASPI_ERROR_TITLES.pageSizeTooLarge);
  });
  it('requires $ge', async () => {
    const r = await list({ 'page[number]': 0, 'page[size]': 100 });
    expect(titleOf(r.json)).toBe('Required filter [orders][creationDate][$ge] is empty.');
  });
  it('refuses a window over 14 days with Kaspi’s exact title, accepts exactly 14 × 24 h', async () => {
    const wide = await list({
      'page[number]': 0,
      'page[size]': 100,
      'filter[orders][creationDate][$ge]': now - 30 * DAY,
      'filter[orders][creationDate][$le]': now,
    });
    expect(wide.status).toBe(400);
    expect(titleOf(wide.json)).toBe(
      'Exceeded the maximum difference for the filter[orders][creationDate] (in days). Actual [30], max [14].',
    );
    const exact = await list({
      'page[number]': 0,
      'page[size]': 100,
      'filter[orders][creationDate][$ge]': now - 14 * DAY,
      'filter[orders][creationDate][$le]': now,
    });
    expect(exact.status).toBe(200);
    const defaultLe = await list({
      'page[number]': 0,
      'page[size]': 100,
      'filter[orders][creationDate][$ge]': now - 15 * DAY,
    });
    expect(titleOf(defaultLe.json)).toMatch(/Actual \[15\], max \[14\]/);
  });
  it('answers an HTML 404 when Accept is not JSON:API, and the client reports it', async () => {
    const r = await raw(sim, '/v2/cities', { headers: { accept: 'application/json' } });
    expect(r.status).toBe(404);
    expect(r.contentType).toMatch(/text\/html/);
    const client = clientFor(sim, {
      fetch: (request) => {
        const headers = new Headers(request.headers);
        headers.delete('accept');
        return fetch(new Request(request, { headers }));
      },
    });
    await expect(client.listCities()).rejects.toBeInstanceOf(KaspiHtmlResponseError);
  });
  it('refuses a wrong token with 401', async () => {
    const r = await raw(sim, '/v2/cities', { headers: { 'x-auth-token': 'wrong' } });
    expect(r.status).toBe(401);
    const client = clientFor({ ...sim, token: 'wrong-token' } as KaspiSimulator);
    await expect(client.listCities()).rejects.toBeInstanceOf(KaspiAuthError);
  });
  it('never answers a request without a User-Agent', async () => {
    const url = new URL(`${sim.url}/v2/cities`);
    let answered = false;
    const req = request(url, {
      headers: { accept: 'application/vnd.api+json', 'x-auth-token': sim.token },
    });
    req.on('response', () => {
      answered = true;
    });
    req.on('error', () => {});
    req.end();
    // Wait until the simulator has seen the request, then give it time it would need to answer.
    const deadline = Date.now() + 10_000;
    while (sim.requests.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(sim.requests.at(-1)).toMatchObject({
      path: '/v2/cities',
      status: 'no-response',
    });
    expect(sim.requests.at(-1)?.headers['user-agent']).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    req.destroy();
  });
  it('requires Content-Type on writes under /v2', async () => {
    const r = await raw(sim, '/v2/orders', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(titleOf(r.json)).toBe(KASPI_ERROR_TITLES.badContentType);
  });
  it('can require the state filter (newer guide) when configured', async () => {
    const strict = await startKaspiSimulator({ requireStateFilter: true });
    try {
      const r = await raw(
        strict,
        `/v2/orders?page[number]=0&page[size]=10&filter[orders][creationDate][$ge]=${Date.now() - DAY}`,
      );
      expect(titleOf(r.json)).toBe(KASPI_ERROR_TITLES.stateRequired);
    } finally {
      await strict.close();
    }
  });
  it('finds an order by code without paging parameters', async () => {
    sim.uploadPriceList(priceListXml([{ sku: 'A1' }]));
    const order = sim.createOrder({ items: [{ sku: 'A1' }] });
    const r = await raw(sim, `/v2/orders?filter[orders][code]=${order.code}`);
    expect(r.status).toBe(200);
    expect((r.json as { data: Array<{ id: string }> }).data[0]?.id).toBe(order.id);
  });
  it('never records the token in its request log', async () => {
    await raw(sim, '/v2/cities');
    expect(JSON.stringify(sim.requests)).not.toContain(sim.token);
  });
  it('answers unknown endpoints with 404 (no invented endpoints)', async () => {
    const r = await raw(sim, '/v2/offers');
    expect(r.status).toBe(404);
  });
});

describe('every request the client makes is accepted by the rules', () => {
  it('iterates 40 days of orders in windows and pages, each once, all 200', async () => {
    sim.uploadPriceList(priceListXml([{ sku: 'A1' }]));
    const created = new Set<string>();
    for (let i = 0; i < 250; i++)
      created.add(
        sim.createOrder({
          items: [{ sku: 'A1' }],
          creationDate: new Date(now - (i % 40) * DAY - i),
        }).id,
      );
    const client = clientFor(sim);
    const seen: string[] = [];
    for await (const o of client.iterateOrders({
      from: new Date(now - 41 * DAY),
      to: new Date(now),
      include: 'entries',
    })) {
      seen.push(o.id);
      expect(o.entries?.[0]?.offer?.code).toBe('A1');
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen)).toEqual(created);
    expect(sim.requests.every((r) => r.status === 200)).toBe(true);
    expect(
      sim.requests.every(
        (r) => r.headers['user-agent'] && r.headers.accept === 'application/vnd.api+json',
      ),
    ).toBe(true);
  });

  it('filters by state, status and delivery type like Kaspi', async () => {
    sim.uploadPriceList(priceListXml([{ sku: 'A1' }]));
    const pickup = sim.createOrder({ items: [{ sku: 'A1' }], creationDate: new Date(now - 1000) });
    const delivery = sim.createOrder({
      items: [{ sku: 'A1' }],
      deliveryMode: 'DELIVERY_LOCAL',
      creationDate: new Date(now - 1000),
    });
    const client = clientFor(sim);
    await client.acceptOrder(pickup);
    const from = new Date(now - DAY);
    const codes = async (o: Parameters<typeof client.iterateOrders>[0]) => {
      const out: string[] = [];
      for await (const order of client.iterateOrders(o)) out.push(order.code);
      return out;
    };
    expect(await codes({ from, to: new Date(now), status: 'APPROVED_BY_BANK' })).toEqual([
      delivery.code,
    ]);
    expect(await codes({ from, to: new Date(now), state: 'PICKUP' })).toEqual([pickup.code]);
    expect(await codes({ from, to: new Date(now), deliveryType: 'DELIVERY' })).toEqual([
      delivery.code,
    ]);
  });

  it('includes customers with include=user', async () => {
    sim.uploadPriceList(priceListXml([{ sku: 'A1' }]));
    sim.createOrder({
      items: [{ sku: 'A1' }],
      customer: { firstName: 'Айгерим', cellPhone: '7011234567' },
      creationDate: new Date(now - 1000),
    });
    const client = clientFor(sim);
    const orders = [];
    for await (const o of client.iterateOrders({
      from: new Date(now - DAY),
      to: new Date(now),
      include: 'user',
    }))
      orders.push(o);
    expect(orders[0]?.user).toMatchObject({ firstName: 'Айгерим', cellPhone: '7011234567' });
    expect(orders[0]?.entries).toBeUndefined();
  });

  it('serves a client error for Kaspi’s titles as KaspiValidationError', async () => {
    const client = clientFor(sim);
    await expect(client.acceptOrder({ id: 'nope' })).rejects.toThrow(/not found/);
    sim.uploadPriceList(priceListXml([{ sku: 'A1' }]));
    const order = sim.createOrder({ items: [{ sku: 'A1' }] });
    await expect(client.acceptOrder({ id: order.id, code: 'other' })).rejects.toBeInstanceOf(
      KaspiValidationError,
    );
  });
});
