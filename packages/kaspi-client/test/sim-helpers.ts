import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKaspiClient, type KaspiClientOptions } from '../src/index.js';
import type { KaspiSimulator } from '../src/testing/index.js';

/** A price list with the given offers (sku, price, available, stock, storeId). */
export function priceListXml(
  offers: ReadonlyArray<{
    sku: string;
    price?: number | string;
    cityPrices?: Record<string, number>;
    available?: boolean;
    stockCount?: number;
    storeId?: string;
  }>,
): string {
  const body = offers
    .map((o) => {
      const price =
        o.cityPrices === undefined
          ? `<price>${o.price ?? 1000}</price>`
          : `<cityprices>${Object.entries(o.cityPrices)
              .map(([city, p]) => `<cityprice cityId="${city}">${p}</cityprice>`)
              .join('')}</cityprices>`;
      const stock = o.stockCount === undefined ? '' : ` stockCount="${o.stockCount}"`;
      return `<offer sku="${o.sku}"><model>Model ${o.sku}</model><brand>Brand</brand><availabilities><availability available="${o.available === false ? 'no' : 'yes'}" storeId="${o.storeId ?? 'PP1'}"${stock}/></availabilities>${price}</offer>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<kaspi_catalog date="2026-01-01" xmlns="kaspiShopping" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<company>Shop</company><merchantid>30000001</merchantid><offers>
${body}
</offers></kaspi_catalog>`;
}

/** A small feed server (the seller's side) with optional Basic auth and ETag. */
export async function startFeedServer(
  options: { username?: string; password?: string; etag?: boolean } = {},
) {
  let xml = '';
  const hits: Array<{
    authorization: string | undefined;
    ifNoneMatch: string | undefined;
    status: number;
  }> = [];
  const server = createServer((req: IncomingMessage, res) => {
    const expected =
      options.username === undefined
        ? undefined
        : `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`;
    const record = (status: number) =>
      hits.push({
        authorization: req.headers.authorization,
        ifNoneMatch: req.headers['if-none-match'] as string | undefined,
        status,
      });
    if (expected !== undefined && req.headers.authorization !== expected) {
      record(401);
      res.writeHead(401, { 'www-authenticate': 'Basic realm="feed"' });
      res.end();
      return;
    }
    const etag = `"${Buffer.from(xml).length}-${xml.length % 97}"`;
    if (options.etag && req.headers['if-none-match'] === etag) {
      record(304);
      res.writeHead(304);
      res.end();
      return;
    }
    record(200);
    res.writeHead(200, { 'content-type': 'application/xml', ...(options.etag ? { etag } : {}) });
    res.end(xml);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kaspi.xml`;
  return {
    url,
    hits,
    setXml(next: string) {
      xml = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A client pointed at the simulator: no throttle, quick retries. */
export function clientFor(sim: KaspiSimulator, overrides: Partial<KaspiClientOptions> = {}) {
  return createKaspiClient({
    token: sim.token,
    baseUrl: sim.url,
    rateLimit: false,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 15_000,
    ...overrides,
  });
}

/** A raw request to the simulator (to test its rules beyond what the client sends). */
export async function raw(
  sim: KaspiSimulator,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  const response = await fetch(`${sim.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/vnd.api+json',
      'content-type': 'application/vnd.api+json',
      'x-auth-token': sim.token,
      'user-agent': 'test',
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    json,
  };
}
