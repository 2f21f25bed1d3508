import { describe, expect, it } from 'vitest';
import { almatyOffsetMs, fromWireMs, toWireMs } from '../src/index.js';
import { JSON_API_HEADERS, testClient } from './helpers.js';

const HOUR = 3_600_000;

describe('Almaty date encoding', () => {
  it('knows Almaty moved from UTC+6 to UTC+5 on 2024-03-01', () => {
    expect(almatyOffsetMs(Date.parse('2023-06-01T00:00:00Z'))).toBe(6 * HOUR);
    expect(almatyOffsetMs(Date.parse('2025-01-01T00:00:00Z'))).toBe(5 * HOUR);
  });

  it('round-trips instants in both encodings', () => {
    for (const iso of [
      '2016-11-10T00:00:00Z',
      '2024-02-29T18:30:00Z',
      '2024-03-01T12:00:00Z',
      '2026-11-26T09:00:00.123Z',
    ]) {
      const d = new Date(iso);
      expect(toWireMs(d, 'epoch')).toBe(d.getTime());
      expect(fromWireMs(toWireMs(d, 'almaty-wall-clock'), 'almaty-wall-clock')).toEqual(d);
    }
    // Almaty midnight written as a UTC midnight, like the guide's example filter.
    expect(toWireMs(new Date('2025-05-01T00:00:00+05:00'), 'almaty-wall-clock')).toBe(
      Date.parse('2025-05-01T00:00:00Z'),
    );
  });

  it('sends and reads dates with the configured encoding', async () => {
    const asked: URL[] = [];
    const fetch = async (request: Request) => {
      asked.push(new URL(request.url));
      const body = {
        data: [
          {
            type: 'orders',
            id: 'A',
            attributes: { code: '1', creationDate: Date.parse('2025-05-01T00:00:00Z') },
          },
        ],
        meta: { pageCount: 1, totalCount: 1 },
      };
      return new Response(JSON.stringify(body), { headers: JSON_API_HEADERS });
    };
    const from = new Date('2025-05-01T00:00:00+05:00');
    const to = new Date('2025-05-02T00:00:00+05:00');

    const wall = testClient({ fetch, dateEncoding: 'almaty-wall-clock' }).client;
    const page = await wall.listOrdersPage({ from, to, pageNumber: 0, pageSize: 100 });
    expect(asked[0]?.searchParams.get('filter[orders][creationDate][$ge]')).toBe(
      String(Date.parse('2025-05-01T00:00:00Z')),
    );
    expect(page.orders[0]?.creationDate).toEqual(from);

    const epoch = testClient({ fetch }).client;
    const page2 = await epoch.listOrdersPage({ from, to, pageNumber: 0, pageSize: 100 });
    expect(asked[1]?.searchParams.get('filter[orders][creationDate][$ge]')).toBe(
      String(from.getTime()),
    );
    expect(page2.orders[0]?.creationDate).toEqual(new Date('2025-05-01T00:00:00Z'));
  });

  it('keeps wall-clock windows within 14 days on the wire', async () => {
    const asked: Array<[number, number]> = [];
    const fetch = async (request: Request) => {
      const url = new URL(request.url);
      asked.push([
        Number(url.searchParams.get('filter[orders][creationDate][$ge]')),
        Number(url.searchParams.get('filter[orders][creationDate][$le]')),
      ]);
      return new Response(JSON.stringify({ data: [], meta: { pageCount: 0 } }), {
        headers: JSON_API_HEADERS,
      });
    };
    const { client } = testClient({ fetch, dateEncoding: 'almaty-wall-clock' });
    // Across the 2024-03-01 offset change.
    for await (const _ of client.iterateOrders({
      from: new Date('2024-02-20T00:00:00Z'),
      to: new Date('2024-03-20T00:00:00Z'),
    })) {
      // no orders
    }
    for (const [ge, le] of asked) expect(le - ge).toBeLessThanOrEqual(14 * 24 * HOUR);
  });
});
