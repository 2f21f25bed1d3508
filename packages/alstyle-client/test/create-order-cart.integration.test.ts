import { afterEach, describe, expect, it } from 'vitest';
import { createAlStyleClient } from '../src/index.js';
import { type AlStyleSimulator, startAlStyleSimulator } from '../src/testing/index.js';
import { uniqueToken } from './helpers.js';

const INTERVAL = 15;
let sim: AlStyleSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setUp() {
  const token = uniqueToken('cart');
  sim = await startAlStyleSimulator({ rateLimitMs: INTERVAL, catalogueSize: 100, token });
  const client = createAlStyleClient({
    token,
    baseUrl: sim.url,
    // Spaced from the response: at a 15 ms limit a busy test machine's scheduling jitter is the
    // whole margin, and these tests are about the cart, not the spacing.
    rateLimit: {
      intervalMs: INTERVAL,
      marginMs: INTERVAL,
      spacingFrom: 'response',
      shareAcrossClients: false,
    },
    retry: { minDelayMs: 5, maxDelayMs: 20, rateLimitBackoffMs: INTERVAL * 2 },
  });
  const [a, b] = sim.catalogue.products.filter((p) => p.multiplicity === null && p.quantity !== 0);
  if (!a || !b) throw new Error('catalogue too small');
  return { s: sim, client, a, b };
}

const paths = (s: AlStyleSimulator) =>
  s.requests.filter((r) => r.status === 200).map((r) => r.path);

describe('createOrder: the cart clear', () => {
  it('skips the clear after its own successful submit, keeping the cart check', async () => {
    const { s, client, a, b } = await setUp();
    await client.createOrder({
      items: [{ article: a.article, quantity: 1 }],
      shippingDate: '2026-12-01',
      externalId: 'K-1',
    });
    s.clearRequests();
    await client.createOrder({
      items: [{ article: b.article, quantity: 2 }],
      shippingDate: '2026-12-01',
      externalId: 'K-2',
    });
    expect(paths(s)).toEqual(['/cart-api/add', '/cart-api/get', '/cart-api/submit']);
    expect(s.orders.map((o) => o.lines.map((l) => [l.article, l.quantity]))).toEqual([
      [[a.article, 1]],
      [[b.article, 2]],
    ]);
  });

  it('clears and fills again when the skipped clear meets a cart someone else filled', async () => {
    const { s, client, a, b } = await setUp();
    await client.createOrder({
      items: [{ article: a.article, quantity: 1 }],
      shippingDate: '2026-12-01',
      externalId: 'K-1',
    });
    // Another process on the same token leaves a line in the shared cart.
    await new Promise((resolve) => setTimeout(resolve, INTERVAL * 2));
    const foreign = await fetch(
      `${s.url}/cart-api/add?access-token=${s.token}&add=${a.article}&quantity=3`,
    );
    expect(foreign.status).toBe(200);
    s.clearRequests();
    await client.createOrder({
      items: [{ article: b.article, quantity: 2 }],
      shippingDate: '2026-12-01',
      externalId: 'K-2',
    });
    expect(paths(s)).toEqual([
      '/cart-api/add',
      '/cart-api/get',
      '/cart-api/clear',
      '/cart-api/add',
      '/cart-api/get',
      '/cart-api/submit',
    ]);
    expect(s.orders[1]?.lines.map((l) => [l.article, l.quantity])).toEqual([[b.article, 2]]);
    // Having met a foreign cart once, it clears every time after.
    s.clearRequests();
    await client.createOrder({
      items: [{ article: a.article, quantity: 1 }],
      shippingDate: '2026-12-01',
      externalId: 'K-3',
    });
    expect(paths(s)[0]).toBe('/cart-api/clear');
  });

  it('always clears when the cart check is off', async () => {
    const { s, client, a } = await setUp();
    for (const externalId of ['K-1', 'K-2']) {
      await client.createOrder({
        items: [{ article: a.article, quantity: 1 }],
        shippingDate: '2026-12-01',
        externalId,
        verifyCart: false,
      });
    }
    expect(paths(s).filter((p) => p === '/cart-api/clear')).toHaveLength(2);
  });
});
