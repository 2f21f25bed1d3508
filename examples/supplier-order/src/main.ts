// Runs the example against the Al-Style simulator (no network, no token) and checks each outcome;
// `pnpm test` runs it in CI.
import assert from 'node:assert/strict';
import { createAlStyleClient } from '@kaspi-connect/alstyle-client';
import { startAlStyleSimulator } from '@kaspi-connect/alstyle-client/testing';
import { placeOrder } from './place-order.js';
import { trackOrder } from './track-order.js';

// Al-Style allows one request per 5 s; the simulator enforces a scaled-down 10 ms, and the client
// keeps a wide margin so a loaded CI machine never trips it.
const RATE_LIMIT_MS = 10;
const sim = await startAlStyleSimulator({
  catalogueSize: 200,
  seed: 3,
  rateLimitMs: RATE_LIMIT_MS,
});
try {
  const client = createAlStyleClient({
    token: sim.token,
    baseUrl: sim.url,
    rateLimit: { intervalMs: RATE_LIMIT_MS, marginMs: 50 },
    retry: { rateLimitBackoffMs: 200 },
  });
  // Two sellable articles with exact stock of at least 2.
  const [first, second] = sim.catalogue.products.filter(
    (p) =>
      typeof p.quantity === 'number' &&
      p.quantity >= 2 &&
      p.price1 > 1 &&
      p.price1 < 9_999_999 &&
      (p.multiplicity ?? 1) === 1,
  );
  assert.ok(first && second, 'the simulated catalogue has no orderable products');
  const lines = [
    { article: first.article, quantity: 2 },
    { article: second.article, quantity: 1 },
  ];
  const shippingDate = new Date(Date.now() + 24 * 3600 * 1000);

  // 1. Placed: exactly one order at the supplier, with our id and the lines we asked for.
  const placed = await placeOrder(client, { lines, externalId: 'KASPI-496149022', shippingDate });
  assert.equal(placed.kind, 'placed', JSON.stringify(placed));
  assert.equal(sim.orders.length, 1);
  const order = sim.orders[0];
  assert.ok(order);
  assert.equal(order.externalId, 'KASPI-496149022');
  assert.deepEqual(
    order.lines.map((l) => [l.article, l.quantity]),
    lines.map((l) => [l.article, l.quantity]),
  );

  // 2. Tracked: the simulator plays Al-Style's side and moves the order on after each poll.
  const next: Record<string, string> = { null: 'N', N: 'SV', SV: 'F' };
  const tracked = await trackOrder(client, placed.kind === 'placed' ? placed.orderId : 0, {
    pollEveryMs: RATE_LIMIT_MS,
    maxPolls: 10,
    onChange: (seen) => {
      order.status = next[String(seen.status)] ?? order.status;
    },
  });
  assert.deepEqual(tracked, { history: [null, 'N', 'SV', 'F'], final: true });

  // 3. Not enough stock: refused before anything touches the shared cart.
  sim.clearRequests();
  const tooMany = await placeOrder(client, {
    lines: [{ article: first.article, quantity: (first.quantity as number) + 1 }],
    externalId: 'KASPI-2',
    shippingDate,
  });
  assert.equal(tooMany.kind, 'not-available');
  assert.equal(sim.requests.filter((r) => r.path.startsWith('/cart-api/')).length, 0);

  // 4. The submit's answer is lost (a 504): reported for a person, never resubmitted.
  sim.clearRequests();
  sim.injectFault({ kind: 'status', status: 504, path: '/cart-api/submit' });
  const lost = await placeOrder(client, { lines, externalId: 'KASPI-3', shippingDate });
  assert.equal(lost.kind, 'outcome-unknown', JSON.stringify(lost));
  assert.equal(
    sim.requests.filter((r) => r.path === '/cart-api/submit').length,
    1,
    'submit was resent',
  );
  assert.equal(
    sim.requests.filter((r) => r.rateLimited).length,
    0,
    'the client tripped the rate limit',
  );

  console.log(
    `supplier-order: placed order ${order.id} (${lines.length} lines), tracked ${tracked.history.map(String).join(' → ')}; refused on stock; lost submit reported, sent once`,
  );
} finally {
  await sim.close();
}
