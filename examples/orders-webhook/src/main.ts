// Runs the forwarder against the Kaspi simulator and a local receiver (no network, no token) and
// checks that every new order arrives exactly once; `pnpm test` runs it in CI.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKaspiClient } from '@kaspi-connect/kaspi-client';
import { startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { renderPriceList } from '@kaspi-connect/kaspi-pricelist';
import { createOrderForwarder } from './forwarder.js';
import { startWebhookReceiver } from './receiver.js';
import { JsonFileSeenOrders } from './seen-orders.js';

const dir = mkdtempSync(join(tmpdir(), 'orders-webhook-'));
const kaspiSim = await startKaspiSimulator({ merchantId: '30453464' });
const receiver = await startWebhookReceiver();
try {
  // The shop's offers on Kaspi (normally loaded from your feed URL).
  const skus = ['AS20932', 'AS18051', 'AS624'];
  const load = kaspiSim.uploadPriceList(
    renderPriceList({
      company: 'Example Shop',
      merchantId: kaspiSim.merchantId,
      offers: skus.map((sku, i) => ({
        sku,
        model: `Product ${i + 1}`,
        brand: 'Xiaomi',
        availabilities: [{ storeId: 'PP1', available: true, stockCount: 10 }],
        price: 10_000 * (i + 1),
      })),
    }).xml,
  );
  assert.equal(load.accepted, skus.length);

  const kaspi = createKaspiClient({
    token: kaspiSim.token,
    baseUrl: kaspiSim.url,
    rateLimit: false,
  });
  const seenFile = join(dir, 'seen-orders.json');
  const forwarder = () =>
    createOrderForwarder({
      kaspi,
      webhookUrl: receiver.url,
      seen: new JsonFileSeenOrders(seenFile),
    });
  const buy = (sku: string, quantity = 1) =>
    kaspiSim.createOrder({ items: [{ sku, quantity }] }).code;

  // 1. Three new orders: each delivered once, with the lines the buyer ordered.
  const first = [buy('AS20932', 2), buy('AS18051'), buy('AS624', 3)];
  const poll1 = await forwarder().pollOnce();
  assert.deepEqual([...poll1.forwarded].sort(), [...first].sort());
  assert.deepEqual(poll1.failed, []);
  const order = receiver.accepted.find((o) => o.code === first[0]);
  assert.deepEqual(
    order?.entries.map((e) => [e.sku, e.quantity, e.totalPrice]),
    [['AS20932', 2, 20_000]],
  );
  assert.equal(order?.totalPrice, 20_000);

  // 2. Overlapping poll: nothing new, nothing sent again.
  const poll2 = await forwarder().pollOnce();
  assert.deepEqual(poll2, { forwarded: [], failed: [], alreadySeen: 3 });

  // 3. Two more orders while the receiver fails once: the failed one comes again next poll.
  const second = [buy('AS18051', 1), buy('AS20932', 1)];
  receiver.failNext(second[0] ?? '');
  const poll3 = await forwarder().pollOnce();
  assert.deepEqual(poll3.forwarded, [second[1]]);
  assert.deepEqual(
    poll3.failed.map((f) => f.code),
    [second[0]],
  );
  const poll4 = await forwarder().pollOnce();
  assert.deepEqual(poll4.forwarded, [second[0]]);

  // 4. An accepted order is no longer "new"; a restarted forwarder (same file) sends nothing.
  await kaspi.acceptOrder(kaspiSim.order(first[0] ?? '') ?? { id: '', code: '' });
  const poll5 = await forwarder().pollOnce();
  assert.deepEqual(poll5, { forwarded: [], failed: [], alreadySeen: 4 });

  // Every order exactly once at the receiver; every POST carried its idempotency key.
  const codes = receiver.accepted.map((o) => o.code);
  assert.deepEqual([...codes].sort(), [...first, ...second].sort());
  assert.equal(new Set(codes).size, codes.length, 'an order arrived twice');
  assert.ok(receiver.attempts.every((a) => a.key?.startsWith('kaspi-order-')));
  assert.equal(receiver.attempts.filter((a) => a.status === 500).length, 1);

  console.log(
    `orders-webhook: ${codes.length} orders delivered exactly once over 5 polls (${receiver.attempts.length} POSTs, 1 receiver failure retried)`,
  );
} finally {
  await Promise.all([kaspiSim.close(), receiver.close()]);
  rmSync(dir, { recursive: true, force: true });
}
