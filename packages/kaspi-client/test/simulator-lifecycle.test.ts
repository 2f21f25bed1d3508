import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KaspiStatusConflictError, KaspiValidationError } from '../src/index.js';
import {
  KASPI_ERROR_TITLES,
  type KaspiSimulator,
  startKaspiSimulator,
} from '../src/testing/index.js';
import { clientFor, priceListXml, raw } from './sim-helpers.js';

let sim: KaspiSimulator;
let client: ReturnType<typeof clientFor>;
beforeEach(async () => {
  sim = await startKaspiSimulator();
  sim.uploadPriceList(
    priceListXml([
      { sku: 'A1', price: 1500 },
      { sku: 'B2', price: 700 },
    ]),
  );
  client = clientFor(sim);
});
afterEach(() => sim.close());

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KaspiValidationError);
  return (error as KaspiValidationError).titles[0];
};
const statusChange = (
  id: string,
  attributes: Record<string, unknown>,
  headers: Record<string, string> = {},
) =>
  raw(sim, '/v2/orders', {
    method: 'POST',
    headers,
    body: JSON.stringify({ data: { type: 'orders', id, attributes } }),
  });

describe('accept', () => {
  it('moves APPROVED_BY_BANK → ACCEPTED_BY_MERCHANT and the state by delivery mode', async () => {
    const pickup = sim.createOrder({ items: [{ sku: 'A1' }] });
    expect(pickup).toMatchObject({ state: 'NEW', status: 'APPROVED_BY_BANK' });
    const result = await client.acceptOrder(pickup);
    expect(result.attributes).toMatchObject({ status: 'ACCEPTED_BY_MERCHANT' });
    expect(sim.order(pickup.id)).toMatchObject({ state: 'PICKUP', status: 'ACCEPTED_BY_MERCHANT' });
    const local = sim.createOrder({ items: [{ sku: 'A1' }], deliveryMode: 'DELIVERY_LOCAL' });
    await client.acceptOrder(local);
    expect(sim.order(local.id)?.state).toBe('DELIVERY');
    const kd = sim.createOrder({
      items: [{ sku: 'A1' }],
      deliveryMode: 'DELIVERY_REGIONAL_TODOOR',
      isKaspiDelivery: true,
    });
    await client.acceptOrder(kd);
    expect(sim.order(kd.id)?.state).toBe('KASPI_DELIVERY');
  });

  it('refuses to accept twice or after cancellation', async () => {
    const order = sim.createOrder({ items: [{ sku: 'A1' }] });
    await client.acceptOrder(order);
    expect(await refusal(client.acceptOrder(order))).toBe(
      KASPI_ERROR_TITLES.transition('ACCEPTED_BY_MERCHANT', 'ACCEPTED_BY_MERCHANT'),
    );
    const cancelled = sim.createOrder({ items: [{ sku: 'A1' }] });
    sim.cancelByKaspi(cancelled.id);
    expect(await refusal(client.acceptOrder(cancelled))).toMatch(/CANCELLED cannot be changed/);
  });
});

describe('cancel', () => {
  it('cancels from APPROVED_BY_BANK and from ACCEPTED_BY_MERCHANT with reason and comment', async () => {
    const a = sim.createOrder({ items: [{ sku: 'A1' }] });
    await client.cancelOrder(a, 'MERCHANT_OUT_OF_STOCK', 'нет на складе');
    expect(sim.order(a.id)).toMatchObject({
      status: 'CANCELLED',
      state: 'ARCHIVE',
      cancellationReason: 'MERCHANT_OUT_OF_STOCK',
      cancellationComment: 'нет на складе',
    });
    const b = sim.createOrder({ items: [{ sku: 'A1' }] });
    await client.acceptOrder(b);
    await client.cancelOrder(b, 'BUYER_CANCELLATION_BY_MERCHANT');
    expect(sim.order(b.id)?.status).toBe('CANCELLED');
  });

  it('refuses without a reason, with a Kaspi-only reason, with a long comment, and after completion', async () => {
    const order = sim.createOrder({ items: [{ sku: 'A1' }] });
    expect(titleOf(await statusChange(order.id, { status: 'CANCELLED' }))).toBe(
      KASPI_ERROR_TITLES.reasonRequired,
    );
    expect(await refusal(client.cancelOrder(order, 'TIMEOUT_BUYER_PICKUP'))).toMatch(/not allowed/);
    const long = await statusChange(order.id, {
      status: 'CANCELLED',
      cancellationReason: 'MERCHANT_OUT_OF_STOCK',
      cancellationComment: 'x'.repeat(1001),
    });
    expect(titleOf(long)).toBe(KASPI_ERROR_TITLES.commentTooLong);
    await completeFlow(order.id);
    expect(await refusal(client.cancelOrder(order, 'MERCHANT_OUT_OF_STOCK'))).toMatch(
      /COMPLETED cannot be changed/,
    );
  });
});

function titleOf(r: { json: unknown }) {
  return (r.json as { errors: Array<{ title: string }> }).errors[0]?.title;
}

async function completeFlow(id: string) {
  const order = sim.order(id);
  if (!order) throw new Error('no order');
  if (order.status === 'APPROVED_BY_BANK') await client.acceptOrder(order);
  await client.sendCompletionCode(order);
  const code = sim.securityCodeOf(id);
  if (!code) throw new Error('no code sent');
  return client.completeOrder(order, code);
}

describe('complete (two steps)', () => {
  it('sends a code to the buyer, refuses a wrong one with Kaspi’s title, completes with the right one', async () => {
    const order = sim.createOrder({ items: [{ sku: 'A1' }] });
    await client.acceptOrder(order);
    expect(sim.securityCodeOf(order.id)).toBeUndefined();
    await client.sendCompletionCode(order);
    const code = sim.securityCodeOf(order.id);
    expect(code).toMatch(/^\d{4}$/);
    expect(sim.order(order.id)?.status).toBe('ACCEPTED_BY_MERCHANT');
    expect(await refusal(client.completeOrder(order, code === '0000' ? '1111' : '0000'))).toBe(
      'Security code is not valid. And the order cannot be completed without it',
    );
    await client.completeOrder(order, code as string);
    expect(sim.order(order.id)).toMatchObject({ status: 'COMPLETED', state: 'ARCHIVE' });
    const records = sim.requests.filter((r) => r.method === 'POST');
    expect(
      records.map((r) => [r.headers['x-send-code'], r.headers['x-security-code'] === '***']),
    ).toEqual([
      [undefined, false],
      ['true', false],
      ['true', true],
      ['true', true],
    ]);
  });

  it('refuses completing twice, a cancelled order, an unsigned credit order, and from APPROVED_BY_BANK', async () => {
    const done = sim.createOrder({ items: [{ sku: 'A1' }] });
    await completeFlow(done.id);
    expect(await refusal(client.completeOrder(done, '1234'))).toBe(
      "Order already has been completed, so it can't be completed again.",
    );
    const cancelled = sim.createOrder({ items: [{ sku: 'A1' }] });
    await client.cancelOrder(cancelled, 'BUYER_NOT_REACHABLE');
    expect(await refusal(client.sendCompletionCode(cancelled))).toBe(
      "Order is cancelled, so it can't be completed.",
    );
    const credit = sim.createOrder({ items: [{ sku: 'A1' }], signatureRequired: true });
    expect(credit.state).toBe('SIGN_REQUIRED');
    await client.acceptOrder(credit);
    expect(sim.order(credit.id)?.state).toBe('SIGN_REQUIRED');
    expect(await refusal(client.sendCompletionCode(credit))).toBe(
      'Order is not may complete allowed',
    );
    sim.signDocuments(credit.id);
    expect(sim.order(credit.id)?.state).toBe('PICKUP');
    await completeFlow(credit.id);
    const fresh = sim.createOrder({ items: [{ sku: 'A1' }] });
    expect(await refusal(client.sendCompletionCode(fresh))).toMatch(
      /APPROVED_BY_BANK cannot be changed to COMPLETED/,
    );
  });

  it('refuses COMPLETED without X-Send-Code and for Kaspi Delivery orders', async () => {
    const order = sim.createOrder({ items: [{ sku: 'A1' }] });
    await client.acceptOrder(order);
    expect(titleOf(await statusChange(order.id, { status: 'COMPLETED' }))).toBe(
      KASPI_ERROR_TITLES.sendCodeRequired,
    );
    const kd = sim.createOrder({
      items: [{ sku: 'A1' }],
      isKaspiDelivery: true,
      deliveryMode: 'DELIVERY_REGIONAL_TODOOR',
    });
    await client.acceptOrder(kd);
    expect(await refusal(client.sendCompletionCode(kd))).toBe(
      KASPI_ERROR_TITLES.kaspiDeliveryCompletes,
    );
  });
});

describe('Kaspi Delivery: assemble, Kaspi completes, return', () => {
  it('assembles with a number of places and a waybill; Kaspi completes; return comes back', async () => {
    const kd = sim.createOrder({
      items: [{ sku: 'A1' }],
      isKaspiDelivery: true,
      deliveryMode: 'DELIVERY_REGIONAL_TODOOR',
    });
    await client.acceptOrder(kd);
    const before = await client.getOrder(kd.id);
    expect(before.assembled).toBe(false);
    expect(before.kaspiDelivery?.waybill).toBe('');
    const result = await client.assembleOrder(kd, 2);
    expect(result.attributes).toMatchObject({ status: 'ASSEMBLE', numberOfSpace: 2 });
    const after = await client.getOrder(kd.id);
    expect(after).toMatchObject({ assembled: true, numberOfSpace: 2 });
    expect(after.kaspiDelivery?.waybill).toMatch(/\.pdf$/);
    sim.completeByKaspi(kd.id);
    expect(sim.order(kd.id)?.status).toBe('COMPLETED');
    sim.requestReturn(kd.id);
    expect(sim.order(kd.id)?.status).toBe('KASPI_DELIVERY_RETURN_REQUESTED');
    await client.markArrivedBackward(kd);
    expect(sim.order(kd.id)?.status).toBe('RETURNED');
    expect((await client.getOrder(kd.id)).kaspiDelivery?.returnedToWarehouse).toBe(true);
  });

  it('refuses to assemble a non-Kaspi-Delivery order, zero places, or before acceptance', async () => {
    const pickup = sim.createOrder({ items: [{ sku: 'A1' }] });
    expect(await refusal(client.assembleOrder(pickup, 1))).toMatch(
      /APPROVED_BY_BANK cannot be changed to ASSEMBLE/,
    );
    await client.acceptOrder(pickup);
    expect(await refusal(client.assembleOrder(pickup, 1))).toBe(
      KASPI_ERROR_TITLES.notKaspiDelivery,
    );
    const kd = sim.createOrder({ items: [{ sku: 'A1' }], isKaspiDelivery: true });
    await client.acceptOrder(kd);
    expect(titleOf(await statusChange(kd.id, { status: 'ASSEMBLE', numberOfSpace: '0' }))).toBe(
      KASPI_ERROR_TITLES.numberOfSpace,
    );
  });

  it('brings a CANCELLING order back with ARRIVED_BACKWARD and refuses it otherwise', async () => {
    const kd = sim.createOrder({ items: [{ sku: 'A1' }], isKaspiDelivery: true });
    await client.acceptOrder(kd);
    expect(await refusal(client.markArrivedBackward(kd))).toMatch(
      /ACCEPTED_BY_MERCHANT cannot be changed/,
    );
    sim.startCancelling(kd.id);
    expect((await client.getOrder(kd.id)).status).toBe('CANCELLING');
    expect(await refusal(client.sendCompletionCode(kd))).toBe(
      "Order is cancelled, so it can't be completed.",
    );
    await client.markArrivedBackward(kd);
    expect(sim.order(kd.id)?.status).toBe('CANCELLED');
  });
});

describe('pre-order arrived', () => {
  it('marks an accepted pre-order as arrived and refuses ordinary orders', async () => {
    const pre = sim.createOrder({ items: [{ sku: 'A1' }], preOrder: true });
    await client.acceptOrder(pre);
    await client.markArrived(pre);
    expect(sim.order(pre.id)?.arrived).toBe(true);
    const plain = sim.createOrder({ items: [{ sku: 'A1' }] });
    await client.acceptOrder(plain);
    expect(await refusal(client.markArrived(plain))).toBe(KASPI_ERROR_TITLES.notPreOrder);
  });
});

describe('Kaspi-side events', () => {
  it('cancels by Kaspi with TIMEOUT_BUYER_PICKUP and refuses impossible events', async () => {
    const order = sim.createOrder({ items: [{ sku: 'A1' }] });
    sim.cancelByKaspi(order.id);
    expect((await client.getOrder(order.id)).cancellationReason).toBe('TIMEOUT_BUYER_PICKUP');
    expect(() => sim.cancelByKaspi(order.id)).toThrow(/CANCELLED/);
    expect(() => sim.startCancelling(order.id)).toThrow(/not ACCEPTED_BY_MERCHANT/);
    expect(() => sim.completeByKaspi(order.id)).toThrow(/not an assembled/);
    expect(() => sim.requestReturn(order.id)).toThrow(/not a completed/);
  });
});

describe('partial cancels', () => {
  it('reduces one entry and refuses a quantity above the current one', async () => {
    const order = sim.createOrder({ items: [{ sku: 'A1', quantity: 3 }, { sku: 'B2' }] });
    const [first] = await client.getOrderEntries(order.id);
    const result = await client.cancelOrderEntry(first?.id as string, {
      remainedQuantity: 1,
      reason: 'BUYER_CANCELLATION_BY_MERCHANT',
      notes: 'Отказ клиента',
    });
    expect(result).toMatchObject({ status: 'SUCCESSFULL', remainedQuantity: 1 });
    expect(sim.order(order.id)?.entries[0]?.quantity).toBe(1);
    expect(sim.order(order.id)?.totalPrice).toBe(1500 + 700);
    expect(
      await refusal(
        client.cancelOrderEntry(first?.id as string, {
          remainedQuantity: 2,
          reason: 'MERCHANT_OUT_OF_STOCK',
        }),
      ),
    ).toBe(KASPI_ERROR_TITLES.remainedQuantity);
  });

  it('cancels several entries with PUT, atomically, and refuses foreign entries or underweight on pieces', async () => {
    const order = sim.createOrder({
      items: [
        { sku: 'A1', quantity: 2 },
        { sku: 'B2', quantity: 2 },
      ],
    });
    const other = sim.createOrder({ items: [{ sku: 'A1' }] });
    const [a, b] = order.entries;
    const result = await client.partialCancelOrder(order.id, [
      { entryId: a?.id as string, remainedQuantity: 1, reason: 'MERCHANT_OUT_OF_STOCK' },
      {
        entryId: b?.id as string,
        remainedQuantity: 0,
        reason: 'MERCHANT_OUT_OF_STOCK',
        notes: 'нет',
      },
    ]);
    expect(result.status).toBe('SUCCESSFUL');
    expect(result.entries.map((e) => e.remainedQuantity)).toEqual([1, 0]);
    const foreign = other.entries[0]?.id as string;
    expect(
      await refusal(
        client.partialCancelOrder(order.id, [
          { entryId: a?.id as string, remainedQuantity: 0, reason: 'MERCHANT_OUT_OF_STOCK' },
          { entryId: foreign, remainedQuantity: 0, reason: 'MERCHANT_OUT_OF_STOCK' },
        ]),
      ),
    ).toBe(KASPI_ERROR_TITLES.entryNotInOrder(foreign));
    expect(sim.order(order.id)?.entries[0]?.quantity).toBe(1);
    expect(
      await refusal(
        client.partialCancelOrder(order.id, [
          { entryId: a?.id as string, remainedWeight: 0, reason: 'PRODUCT_UNDERWEIGHT' },
        ]),
      ),
    ).toBe(KASPI_ERROR_TITLES.underweightOnlyMeasurable);
  });
});

describe('look-ups against the simulator', () => {
  for (const linkStyle of ['kaspi-absolute', 'relative', 'simulator-absolute'] as const) {
    it(`follows ${linkStyle} links from order to entries, SKU, point of service and city`, async () => {
      const s = await startKaspiSimulator({ linkStyle });
      try {
        s.uploadPriceList(priceListXml([{ sku: 'A1' }]));
        const created = s.createOrder({ items: [{ sku: 'A1' }] });
        const c = clientFor(s);
        const order = await c.getOrder(created.id);
        expect(order.entries).toBeUndefined(); // single-order GET has no included
        const entries = await c.getOrderEntries(order);
        const entry = entries[0];
        if (!entry) throw new Error('no entry');
        expect(await c.getEntrySku(entry)).toEqual({ sku: 'A1', source: 'offer' });
        const { offer: _offer, ...withoutOffer } = entry;
        expect(await c.getEntrySku(withoutOffer)).toEqual({ sku: 'A1', source: 'merchantProduct' });
        const product = await c.getEntryProduct(entry.id);
        expect(product.code).not.toBe('A1');
        const pos = await c.getEntryPointOfService(entry.id);
        expect(pos.displayName).toBe('PP1');
        expect((await c.getPointOfService(pos.id)).displayName).toBe('PP1');
        expect((await c.getPointOfServiceCity(pos.id)).code).toBe('750000000');
        expect((await c.getOrderEntry(entry.id)).minAllowedWeight).toBe(0);
        const cities = await c.listCities();
        expect(cities).toHaveLength(77);
        expect(cities.find((x) => x.code === '391010000')?.name).toBe('Костанай');
        expect(cities.find((x) => x.code === '750000000')?.name).toBe('Алматы');
      } finally {
        await s.close();
      }
    });
  }

  it('finds orders by code', async () => {
    const created = sim.createOrder({ items: [{ sku: 'B2', quantity: 2 }] });
    const order = await client.getOrderByCode(created.code);
    expect(order?.totalPrice).toBe(1400);
    expect(order?.entries?.[0]).toMatchObject({ quantity: 2, basePrice: 700, totalPrice: 1400 });
    expect(await client.getOrderByCode('000')).toBeUndefined();
  });
});

describe('product import against the simulator', () => {
  it('uploads, reports UPLOADED then FINISHED, and gives a per-SKU result', async () => {
    const card = {
      sku: 'NB1',
      title: 'Тетрадь',
      brand: 'Brand',
      category: 'Master - Exercise notebooks',
      attributes: [{ code: 'Exercise notebooks*Cover', value: 'мягкая' }],
      images: [{ url: 'https://example.com/nb.jpg' }],
    };
    const upload = await client.importProducts([card]);
    expect(upload.status).toBe('UPLOADED');
    expect((await client.getImportStatus(upload.code)).status).toBe('UPLOADED');
    expect((await client.getImportStatus(upload.code)).status).toBe('FINISHED');
    expect(await client.getImportResult(upload.code)).toMatchObject({
      errors: 0,
      total: 1,
      result: { NB1: { state: 'FINISHED' } },
    });
    const bad = await raw(sim, '/products/import', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify([{ sku: 'X' }]),
    });
    const code = (bad.json as { code: string }).code;
    expect((await client.getImportResult(code)).errors).toBe(1);
    expect((await client.listCategories())[0]?.code).toBe('Master - Exercise notebooks');
    expect(
      (await client.getCategoryAttributes('Master - Exercise notebooks')).length,
    ).toBeGreaterThan(0);
    expect(
      (
        await client.getAttributeValues('Master - Exercise notebooks', 'Exercise notebooks*Cover')
      )[0]?.code,
    ).toBe('мягкая');
    expect(await client.getImportSchema()).toHaveProperty('type', 'array');
  });
});

describe('status-change safety against a lost answer', () => {
  it('accepts exactly once when the first answer is lost after the change was applied', async () => {
    const order = sim.createOrder({ items: [{ sku: 'A1' }] });
    sim.injectFault({
      kind: 'status',
      status: 502,
      method: 'POST',
      path: '/v2/orders',
      afterHandling: true,
    });
    const result = await client.acceptOrder(order);
    expect(result.confirmedBy).toBe('reread');
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(sim.order(order.id)?.status).toBe('ACCEPTED_BY_MERCHANT');
  });

  it('repeats the POST when the change was not applied', async () => {
    const order = sim.createOrder({ items: [{ sku: 'A1' }] });
    sim.injectFault({ kind: 'status', status: 503, method: 'POST', path: '/v2/orders' });
    const result = await client.acceptOrder(order);
    expect(result.confirmedBy).toBe('response');
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('reports a conflict when Kaspi cancelled meanwhile', async () => {
    const order = sim.createOrder({ items: [{ sku: 'A1' }] });
    sim.injectFault({ kind: 'status', status: 503, method: 'POST', path: '/v2/orders' });
    const pending = client.acceptOrder(order);
    sim.cancelByKaspi(order.id);
    await expect(pending).rejects.toBeInstanceOf(KaspiStatusConflictError);
  });
});
