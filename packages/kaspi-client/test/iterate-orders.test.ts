import { describe, expect, it } from 'vitest';
import { MAX_WINDOW_MS, ORDER_STATES, ORDER_WINDOW_MS } from '../src/index.js';
import { JSON_API_HEADERS, testClient } from './helpers.js';

interface Asked {
  page: number;
  size: number;
  ge: number;
  le: number;
  state: string | null;
}

/** A fake Kaspi that answers from `pages(asked)` and records every query. */
function fakeKaspi(pages: (q: Asked) => { ids: string[]; pageCount?: number }) {
  const asked: Asked[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const q: Asked = {
      page: Number(url.searchParams.get('page[number]')),
      size: Number(url.searchParams.get('page[size]')),
      ge: Number(url.searchParams.get('filter[orders][creationDate][$ge]')),
      le: Number(url.searchParams.get('filter[orders][creationDate][$le]')),
      state: url.searchParams.get('filter[orders][state]'),
    };
    asked.push(q);
    const { ids, pageCount } = pages(q);
    const body: Record<string, unknown> = {
      data: ids.map((id) => ({ type: 'orders', id, attributes: { code: id } })),
    };
    if (pageCount !== undefined) body.meta = { pageCount, totalCount: 0 };
    return new Response(JSON.stringify(body), { headers: JSON_API_HEADERS });
  };
  return { fetch, asked };
}

const t0 = new Date('2026-01-01T00:00:00+05:00');
const at = (ms: number) => new Date(t0.getTime() + ms);

async function collect(iter: AsyncIterable<{ id: string }>) {
  const ids: string[] = [];
  for await (const o of iter) ids.push(o.id);
  return ids;
}

describe('iterateOrders windows and paging', () => {
  it('sends 14 days less the margin as one window', async () => {
    const k = fakeKaspi(() => ({ ids: [], pageCount: 0 }));
    const { client } = testClient({ fetch: k.fetch });
    await collect(client.iterateOrders({ from: t0, to: at(ORDER_WINDOW_MS) }));
    expect(k.asked).toEqual([
      { page: 0, size: 100, ge: t0.getTime(), le: t0.getTime() + ORDER_WINDOW_MS, state: null },
    ]);
  });

  it('splits exactly 14 days into two adjacent windows inside the limit, without gap or overlap', async () => {
    const k = fakeKaspi(() => ({ ids: [], pageCount: 0 }));
    const { client } = testClient({ fetch: k.fetch });
    await collect(client.iterateOrders({ from: t0, to: at(MAX_WINDOW_MS) }));
    expect(k.asked.map((a) => [a.ge, a.le])).toEqual([
      [t0.getTime(), t0.getTime() + ORDER_WINDOW_MS],
      [t0.getTime() + ORDER_WINDOW_MS + 1, t0.getTime() + MAX_WINDOW_MS],
    ]);
    for (const a of k.asked) expect(a.le - a.ge).toBeLessThan(MAX_WINDOW_MS);
  });

  it('makes one request for an empty window (pageCount 0)', async () => {
    const k = fakeKaspi(() => ({ ids: [], pageCount: 0 }));
    const { client } = testClient({ fetch: k.fetch });
    expect(await collect(client.iterateOrders({ from: t0, to: at(1000) }))).toEqual([]);
    expect(k.asked).toHaveLength(1);
  });

  it('pages with size 100 until meta.pageCount and stops after the last page', async () => {
    const k = fakeKaspi((q) => ({
      ids: Array.from({ length: q.page < 2 ? 100 : 37 }, (_, i) => `p${q.page}-${i}`),
      pageCount: 3,
    }));
    const { client } = testClient({ fetch: k.fetch });
    const ids = await collect(client.iterateOrders({ from: t0, to: at(1000) }));
    expect(ids).toHaveLength(237);
    expect(k.asked.map((a) => [a.page, a.size])).toEqual([
      [0, 100],
      [1, 100],
      [2, 100],
    ]);
  });

  it('stops on an empty page even if pageCount claims more', async () => {
    const k = fakeKaspi((q) => ({ ids: q.page === 0 ? ['a'] : [], pageCount: 5 }));
    const { client } = testClient({ fetch: k.fetch });
    expect(await collect(client.iterateOrders({ from: t0, to: at(1000) }))).toEqual(['a']);
    expect(k.asked).toHaveLength(2);
  });

  it('without meta, stops after a short page', async () => {
    const k = fakeKaspi((q) => ({ ids: q.page === 0 ? ['a', 'b'] : [] }));
    const { client } = testClient({ fetch: k.fetch });
    expect(await collect(client.iterateOrders({ from: t0, to: at(1000), pageSize: 5 }))).toEqual([
      'a',
      'b',
    ]);
    expect(k.asked).toHaveLength(1);
  });

  it('without meta, keeps paging after a full page', async () => {
    const k = fakeKaspi((q) => ({ ids: q.page < 2 ? [`a${q.page}`, `b${q.page}`] : ['c'] }));
    const { client } = testClient({ fetch: k.fetch });
    expect(await collect(client.iterateOrders({ from: t0, to: at(1000), pageSize: 2 }))).toEqual([
      'a0',
      'b0',
      'a1',
      'b1',
      'c',
    ]);
    expect(k.asked).toHaveLength(3);
  });

  it('yields each order once when orders shift between pages and windows', async () => {
    // A new order pushes 'x' from page 0 to page 1; the same id also comes back in window 2.
    const k = fakeKaspi((q) => ({
      ids: q.page === 0 ? ['a', 'x'] : q.page === 1 ? ['x', 'b'] : [],
      pageCount: q.ge === t0.getTime() ? 2 : 1,
    }));
    const { client } = testClient({ fetch: k.fetch });
    const ids = await collect(
      client.iterateOrders({ from: t0, to: at(MAX_WINDOW_MS + 10), pageSize: 2 }),
    );
    expect(ids).toEqual(['a', 'x', 'b']);
  });

  it('makes one pass per state when several are given', async () => {
    const k = fakeKaspi((q) => ({ ids: [`${q.state}-1`], pageCount: 1 }));
    const { client } = testClient({ fetch: k.fetch });
    const ids = await collect(
      client.iterateOrders({ from: t0, to: at(1000), state: ORDER_STATES }),
    );
    expect(k.asked.map((a) => a.state)).toEqual([...ORDER_STATES]);
    expect(ids).toHaveLength(ORDER_STATES.length);
  });

  it('refuses bad input clearly', async () => {
    const { client } = testClient({ fetch: fakeKaspi(() => ({ ids: [] })).fetch });
    await expect(
      collect(client.iterateOrders({ from: t0, to: at(1), pageSize: 101 })),
    ).rejects.toThrow(/pageSize must be an integer from 1 to 100/);
    await expect(collect(client.iterateOrders({ from: new Date('nope') }))).rejects.toThrow(
      /from must be a valid Date/,
    );
    await expect(collect(client.iterateOrders({ from: t0, to: at(-1) }))).rejects.toThrow(
      RangeError,
    );
  });

  it('reports windows and pages to the logger', async () => {
    const k = fakeKaspi(() => ({ ids: ['a'], pageCount: 1 }));
    const { client, events } = testClient({ fetch: k.fetch });
    await collect(client.iterateOrders({ from: t0, to: at(1000), state: 'NEW' }));
    expect(events.filter((e) => e.type === 'orders.window')).toEqual([
      { type: 'orders.window', from: t0, to: at(1000), state: 'NEW' },
    ]);
    expect(events.filter((e) => e.type === 'orders.page')).toEqual([
      { type: 'orders.page', pageNumber: 0, pageCount: 1, orders: 1 },
    ]);
  });
});
