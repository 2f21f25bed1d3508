import { afterEach, describe, expect, it } from 'vitest';
import { AlStyleOutcomeUnknownError, createAlStyleClient } from '../src/index.js';
import { type AlStyleSimulator, startAlStyleSimulator } from '../src/testing/index.js';

let sim: AlStyleSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: Parameters<typeof startAlStyleSimulator>[0] = {}) {
  sim = await startAlStyleSimulator({
    rateLimitMs: 0,
    catalogueSize: 20,
    quirkShare: 0,
    ...options,
  });
  const client = createAlStyleClient({
    token: sim.token,
    baseUrl: sim.url,
    rateLimit: { intervalMs: 2, marginMs: 1 },
    retry: { retries: 0 },
    timeoutMs: 2000,
  });
  const product = sim.catalogue.products[0] as { article: number; quantity: number | string };
  product.quantity = 3;
  const order = (quantity: number, externalId = 'K1') =>
    client.createOrder({
      items: [{ article: product.article, quantity }],
      shippingDate: '01.12.2030',
      externalId,
    });
  return { sim, client, product, order };
}

describe('simulator: orders in the worlds operations bring', () => {
  it('takes ordered units from stock and refuses what is not there', async () => {
    const { client, product, order } = await start({ decrementStockOnOrder: true });
    await order(2);
    expect(product.quantity).toBe(1);
    await expect(order(2, 'K2')).rejects.toThrow();
    expect(
      (await client.getQuantity({ articles: [product.article] })).get(product.article)?.min,
    ).toBe(1);
  });

  it('acts, then loses the reply: the order exists, the client only knows it may', async () => {
    const { sim, order } = await start();
    sim.loseRepliesAfterActing('/cart-api/submit');
    await expect(order(1)).rejects.toThrow(AlStyleOutcomeUnknownError);
    expect(sim.orders).toHaveLength(1);
    expect(sim.orders[0]?.externalId).toBe('K1');
  });

  it('returns external_id in /api/order only when asked, and refuses to cancel shipped orders', async () => {
    const plain = await start();
    const { orderId } = await plain.order(1);
    expect((await plain.client.getOrder(orderId)).externalId).toBeUndefined();
    await plain.sim.close();
    const proving = await start({ orderDetailsCarryExternalId: true });
    const second = await proving.order(1, 'K9');
    const read = await proving.client.getOrder(second.orderId);
    expect(read.externalId).toBe('K9');
    expect(read.comments).toBe('K9');
    proving.sim.setOrderStatus(second.orderId, 'F');
    await expect(proving.client.cancelOrder(second.orderId)).rejects.toThrow();
    expect(proving.sim.orders[0]?.status).toBe('F');
  });
});
