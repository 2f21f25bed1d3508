import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AlStyleHttpError,
  AlStyleOutcomeUnknownError,
  AlStyleTimeoutError,
  createAlStyleClient,
} from '../src/index.js';
import { uniqueToken } from './helpers.js';

const BASE = 'https://api.al-style.kz';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

function client(extra: Parameters<typeof createAlStyleClient>[0] | object = {}) {
  return createAlStyleClient({
    token: uniqueToken(),
    rateLimit: { intervalMs: 0, marginMs: 0, shareAcrossClients: false },
    retry: { minDelayMs: 1, maxDelayMs: 2, rateLimitBackoffMs: 1 },
    ...extra,
  });
}

const product = (article: number) => ({
  article,
  name: `P${article}`,
  brand: 'B',
  category: 1,
  price1: 100,
  price2: 120,
  quantity: 1,
  isnew: 0,
  article_pn: '',
});

describe('kit options on the Al-Style client', () => {
  it('iterateProducts().pages() yields each page with its number, total and the offsets it used', async () => {
    const pagination = { totalCount: 5, totalPages: 2, currentPage: 1, limit: 250, offset: 0 };
    nock(BASE)
      .get('/api/elements-pagination')
      .query((q) => q.offset === '0')
      .reply(200, { elements: [1, 2, 3].map(product), pagination });
    nock(BASE)
      .get('/api/elements-pagination')
      .query((q) => q.offset === '3')
      .reply(200, { elements: [4, 5].map(product), pagination });
    const pages = [];
    for await (const page of client().iterateProducts().pages()) {
      pages.push({
        n: page.pageNumber,
        offset: page.offset,
        items: page.items.length,
        total: page.total,
      });
    }
    expect(pages).toEqual([
      { n: 0, offset: 0, items: 3, total: 5 },
      { n: 1, offset: 3, items: 2, total: 5 },
    ]);
  });

  it('a per-call timeoutMs overrides the client timeout for that call', async () => {
    nock(BASE).get('/api/brands').query(true).delay(300).reply(200, []).persist();
    const c = client({ timeoutMs: 60_000, retry: false });
    const started = Date.now();
    await expect(c.getBrands({ timeoutMs: 30 })).rejects.toBeInstanceOf(AlStyleTimeoutError);
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('retry: false sends a read once', async () => {
    const scope = nock(BASE).get('/api/brands').query(true).times(2).reply(503, {});
    await expect(client({ retry: false }).getBrands()).rejects.toBeInstanceOf(AlStyleHttpError);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('a submit answered 503 is outcome-unknown and never resent', async () => {
    const scope = nock(BASE).post('/cart-api/submit').query(true).times(2).reply(503, {});
    const error = await client()
      .submitCart({
        shippingDate: '2026-12-01',
        attorney: { id: 1 } as never,
        delivery: { id: 1 } as never,
      })
      .catch((e: unknown) => e);
    expect(AlStyleOutcomeUnknownError.isInstance(error)).toBe(true);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('iterateOrders walks pages from 1, marks the last one and stops when the caller breaks', async () => {
    const order = (id: string) => ({ id, date: '2026-12-01 10:00:00', sum: 1, status: 'N' });
    const pagination = (currentPage: number) => ({
      totalCount: 5,
      totalPages: 3,
      pageSize: 2,
      currentPage,
    });
    const asked: string[] = [];
    for (const page of [1, 2, 3]) {
      nock(BASE)
        .get('/api/orders')
        .query((q) => q.page === String(page) && q.type === 'index')
        .reply(200, () => {
          asked.push(String(page));
          return {
            elements: [order(`${page}a`), order(`${page}b`)].slice(0, page === 3 ? 1 : 2),
            pagination: pagination(page),
          };
        });
    }
    const c = client();
    const ids: string[] = [];
    for await (const o of c.iterateOrders({ type: 'index' })) ids.push(o.id);
    expect(ids).toEqual(['1a', '1b', '2a', '2b', '3a']);
    expect(asked).toEqual(['1', '2', '3']);
    nock(BASE)
      .get('/api/orders')
      .query(true)
      .reply(200, { elements: [order('x')], pagination: pagination(1) });
    const extra = nock(BASE)
      .get('/api/orders')
      .query(true)
      .reply(200, { elements: [], pagination: pagination(2) });
    for await (const page of c.iterateOrders().pages()) {
      expect(page).toMatchObject({ pageNumber: 0, currentPage: 1, total: 5, last: false });
      break;
    }
    expect(extra.isDone()).toBe(false);
  });
});
