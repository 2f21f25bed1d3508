import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAlStyleClient } from '@kaspi-connect/alstyle-client';
import { createKaspiClient } from '@kaspi-connect/kaspi-client';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import type { OrdersConfig } from '../../src/config/schema.js';
import type { OrderEvent } from '../../src/orders/order-events.js';
import { runOrderCycle } from '../../src/orders/order-flow.js';
import { shippingDateFor } from '../../src/orders/shipping-date.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { AlStyleSupplier } from '../../src/supplier/alstyle-supplier.js';
import { baseConfigInput } from '../helpers/config.js';
import { checkInvariants, FOREIGN_SKU, type Scenario, startScenario } from './harness.js';

function ordersConfig(overrides: Record<string, unknown> = {}): OrdersConfig {
  return parseConfig(
    { ...baseConfigInput, orders: { policy: 'auto', pollStates: ['NEW'], ...overrides } },
    {},
  ).config.orders;
}

const open: { scenario: Scenario; dir: string; store: SqliteStateStore }[] = [];
afterEach(async () => {
  for (const { scenario, dir, store } of open.splice(0)) {
    store.close();
    await scenario.close();
    await rm(dir, { recursive: true, force: true });
  }
});

async function setup(orders: number, seed = 11) {
  const dir = await mkdtemp(join(tmpdir(), 'kc-orders-'));
  const scenario = await startScenario({ seed, dir, orders });
  const store = new SqliteStateStore(scenario.db);
  open.push({ scenario, dir, store });
  const alstyle = createAlStyleClient({
    token: scenario.alstyle.token,
    baseUrl: scenario.alstyle.url,
    rateLimit: { intervalMs: 3, marginMs: 2 },
    retry: { retries: 2, minDelayMs: 5, maxDelayMs: 10, rateLimitBackoffMs: 10 },
    timeoutMs: 2000,
  });
  const kaspi = createKaspiClient({
    token: scenario.kaspi.token,
    baseUrl: scenario.kaspi.url,
    rateLimit: false,
    retry: { retries: 2, minDelayMs: 5, maxDelayMs: 10 },
    timeoutMs: 2000,
  });
  const supplier = new AlStyleSupplier({ client: alstyle });
  const events: OrderEvent[] = [];
  const cycle = (config: OrdersConfig = ordersConfig()) =>
    runOrderCycle({ kaspi, suppliers: [supplier], store, config, onEvent: (e) => events.push(e) });
  return { scenario, store, cycle, events };
}

describe('order flow (in process, both simulators)', () => {
  it('reserves then accepts in-stock orders, cancels out-of-stock ones, leaves foreign SKUs alone', async () => {
    const { scenario, store, cycle, events } = await setup(8);
    const summary = await cycle();
    expect(summary.errors).toEqual([]);
    expect(summary.open).toBe(0);
    const kaspiOrders = scenario.kaspi.orders();
    const first = kaspiOrders[0];
    expect(first?.status).toBe('CANCELLED');
    expect(first?.cancellationReason).toBe('MERCHANT_OUT_OF_STOCK');
    for (const order of kaspiOrders) {
      const record = store.findOrder(order.code);
      if (order.entries.some((e) => e.sku === FOREIGN_SKU)) {
        expect(order.status).toBe('APPROVED_BY_BANK');
        expect(record?.state).toBe('attention');
        expect(record?.attention?.reason).toBe('unknown-sku');
      } else if (order.status === 'ACCEPTED_BY_MERCHANT') {
        expect(record?.state).toBe('accepted');
        const supplierOrder = scenario.alstyle.orders.find((o) => o.externalId === order.code);
        expect(supplierOrder?.id).toBe(Number(record?.supplierOrderId));
        expect(supplierOrder?.shippingDate).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
        const steps = store.orderSteps(order.code).map((s) => `${s.step}:${s.phase}`);
        expect(steps).toEqual([
          'seen:done',
          'decide:done',
          'reserve:started',
          'reserve:done',
          'accept:started',
          'accept:done',
        ]);
      }
    }
    expect(checkInvariants(scenario, true)).toEqual([]);
    // Decisions are logged by order code; no buyer data travels in events.
    expect(JSON.stringify(events)).not.toContain('Покупатель');
    // A second cycle polls an overlapping window and does nothing twice.
    const before = scenario.alstyle.orders.length;
    const again = await cycle();
    expect(again.added).toBe(0);
    expect(scenario.alstyle.orders.length).toBe(before);
  }, 60_000);

  it('records and reports only under the manual policy', async () => {
    const { scenario, store, cycle } = await setup(4);
    await cycle(ordersConfig({ policy: 'manual' }));
    expect(scenario.alstyle.orders).toHaveLength(0);
    expect(scenario.kaspi.orders().every((o) => o.status === 'APPROVED_BY_BANK')).toBe(true);
    expect(store.ordersNeedingAttention(10)).toHaveLength(4);
    expect(store.orderCounts()).toEqual({ attention: 4 });
  }, 60_000);

  it('does nothing under the off policy', async () => {
    const { scenario, store, cycle } = await setup(2);
    const summary = await cycle(ordersConfig({ policy: 'off' }));
    expect(summary.seen).toBe(0);
    expect(scenario.kaspi.requests).toHaveLength(0);
    expect(store.orderCounts()).toEqual({});
  }, 60_000);

  it('finds the supplier order whose reply was lost instead of ordering again', async () => {
    const { scenario, store, cycle } = await setup(3, 5);
    scenario.alstyle.loseRepliesAfterActing('/cart-api/submit');
    const summary = await cycle();
    expect(summary.open).toBe(0);
    const accepted = scenario.kaspi.orders().filter((o) => o.status === 'ACCEPTED_BY_MERCHANT');
    expect(accepted.length).toBeGreaterThan(0);
    expect(checkInvariants(scenario, true)).toEqual([]);
    const lost = accepted[0]?.code as string;
    const steps = store.orderSteps(lost).map((s) => `${s.step}:${s.phase}`);
    expect(steps).toContain('reserve:failed');
    expect(store.orderSteps(lost).some((s) => s.detail?.startsWith('found supplier order'))).toBe(
      true,
    );
  }, 60_000);

  it('cancels the supplier order when Kaspi cancels a reserved order', async () => {
    const { scenario, store, cycle } = await setup(2, 9);
    // Reserve, then let Kaspi cancel before the accept: the accept is refused.
    scenario.kaspi.injectFault({ kind: 'status', status: 503, method: 'POST', times: 10 });
    await cycle(ordersConfig({ maxAttempts: 5 }));
    const reserved = store.openOrders().find((o) => o.supplierOrderId !== undefined);
    expect(reserved).toBeDefined();
    scenario.kaspi.clearFaults();
    scenario.kaspi.cancelByKaspi(reserved?.kaspiCode as string);
    await cycle();
    const record = store.findOrder(reserved?.kaspiCode as string);
    expect(record?.state).toBe('cancelled');
    expect(
      scenario.alstyle.orders.find((o) => String(o.id) === record?.supplierOrderId)?.status,
    ).toBe('DA');
    expect(checkInvariants(scenario, true)).toEqual([]);
  }, 60_000);
});

describe('shippingDateFor', () => {
  it('counts Almaty calendar days and skips weekends', () => {
    // Friday 2026-11-27 20:00 UTC is Saturday 01:00 in Almaty: +1 day is Sunday → Monday.
    const date = shippingDateFor(new Date('2026-11-27T20:00:00Z'), {
      daysAhead: 1,
      skipWeekends: true,
    });
    expect(date.toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(
      shippingDateFor(new Date('2026-11-26T10:00:00Z'), { daysAhead: 2, skipWeekends: false })
        .toISOString()
        .slice(0, 10),
    ).toBe('2026-11-28');
  });
});
