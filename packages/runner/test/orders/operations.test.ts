import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAlStyleClient } from '@kaspi-connect/alstyle-client';
import { createKaspiClient } from '@kaspi-connect/kaspi-client';
import { afterEach, describe, expect, it } from 'vitest';
import { readStatus } from '../../src/commands/status.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { OrdersConfig } from '../../src/config/schema.js';
import { applyAcceptedStatus } from '../../src/orders/after-acceptance.js';
import { createClockWatch } from '../../src/orders/clock-check.js';
import { StateLostError } from '../../src/orders/fresh-state.js';
import { runOrderCycle } from '../../src/orders/order-flow.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { AlStyleSupplier } from '../../src/supplier/alstyle-supplier.js';
import { baseConfigInput } from '../helpers/config.js';
import { checkInvariants, type Scenario, startScenario } from './harness.js';

function ordersConfig(overrides: Record<string, unknown> = {}): OrdersConfig {
  return parseConfig(
    {
      ...baseConfigInput,
      orders: { policy: 'auto', pollStates: ['NEW'], watchAcceptedEveryMinutes: 0, ...overrides },
    },
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

async function setup(
  orders: number,
  options: { seed?: number; proves?: boolean; skewMs?: number; minMargin?: number } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'kc-ops-'));
  const scenario = await startScenario({
    seed: options.seed ?? 11,
    dir,
    orders,
    supplierProvesIdentity: options.proves === true,
  });
  const holder = { store: new SqliteStateStore(scenario.db) };
  open.push({ scenario, dir, store: holder.store });
  const now = () => new Date(Date.now() + (options.skewMs ?? 0));
  const clock = createClockWatch(now);
  const alstyle = createAlStyleClient({
    token: scenario.alstyle.token,
    baseUrl: scenario.alstyle.url,
    rateLimit: { intervalMs: 3, marginMs: 2 },
    retry: { retries: 2, minDelayMs: 5, maxDelayMs: 10, rateLimitBackoffMs: 10 },
    timeoutMs: 2000,
    fetch: clock.wrapRequestFetch('Al-Style'),
  });
  const kaspi = createKaspiClient({
    token: scenario.kaspi.token,
    baseUrl: scenario.kaspi.url,
    rateLimit: false,
    retry: { retries: 2, minDelayMs: 5, maxDelayMs: 10 },
    timeoutMs: 2000,
    fetch: clock.wrapFetch('Kaspi'),
  });
  const supplier = new AlStyleSupplier({ client: alstyle });
  const cycle = (config: OrdersConfig = ordersConfig(), freshState = false) =>
    runOrderCycle(
      {
        kaspi,
        suppliers: [supplier],
        store: holder.store,
        config,
        now,
        clock,
        minMarginPercent: options.minMargin ?? 0,
      },
      { freshState },
    );
  const reopen = () => {
    holder.store.close();
    holder.store = new SqliteStateStore(scenario.db);
    const entry = open.find((o) => o.scenario === scenario);
    if (entry) entry.store = holder.store;
  };
  return { scenario, holder, cycle, reopen };
}

const live = (scenario: Scenario, code: string) =>
  scenario.alstyle.orders.filter((o) => o.externalId === code && o.status !== 'DA');

describe('after acceptance', () => {
  it('cancels the supplier order when Kaspi cancels or returns an accepted order', async () => {
    const { scenario, holder, cycle } = await setup(4);
    await cycle();
    const accepted = scenario.kaspi.orders().filter((o) => o.status === 'ACCEPTED_BY_MERCHANT');
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    const [first, second] = accepted as [(typeof accepted)[0], (typeof accepted)[0]];
    expect(holder.store.findOrder(first.code)?.state).toBe('accepted');
    scenario.kaspi.startCancelling(first.code);
    scenario.kaspi.returnByKaspi(second.code);
    const summary = await cycle();
    expect(summary.errors).toEqual([]);
    for (const order of [first, second]) {
      expect(live(scenario, order.code)).toEqual([]);
      expect(holder.store.findOrder(order.code)?.state).toBe('cancelled');
    }
    expect(holder.store.findOrder(second.code)?.note).toMatch(/RETURNED after acceptance/);
    expect(checkInvariants(scenario, true)).toEqual([]);
  });

  it('asks a person when the supplier has already shipped, and status lists it', async () => {
    const { scenario, holder, cycle } = await setup(3);
    await cycle();
    const order = scenario.kaspi.orders().find((o) => o.status === 'ACCEPTED_BY_MERCHANT');
    const supplierOrder = live(scenario, order?.code as string)[0];
    scenario.alstyle.setOrderStatus(supplierOrder?.id as number, 'F');
    scenario.kaspi.cancelByKaspi(order?.code as string);
    await cycle();
    const record = holder.store.findOrder(order?.code as string);
    expect(record?.state).toBe('attention');
    expect(record?.attention?.reason).toBe('supplier-cancel-refused');
    expect(readStatus(holder.store).attention.join('\n')).toMatch(
      new RegExp(`order ${order?.code} needs a person \\(supplier-cancel-refused\\).*status F`),
    );
    expect(live(scenario, order?.code as string)).toHaveLength(1);
  });

  it('ends watching once Kaspi completes the order, and keeps watching while it is accepted', () => {
    const record = {
      kaspiCode: '1',
      kaspiId: 'x',
      state: 'accepted' as const,
      supplier: 'alstyle',
      supplierOrderId: '7',
      lines: [],
      attempts: 0,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    const at = new Date('2026-12-01T12:00:00Z');
    expect(applyAcceptedStatus(record, 'COMPLETED', at).order.state).toBe('completed');
    const still = applyAcceptedStatus(record, 'ACCEPTED_BY_MERCHANT', at);
    expect(still.order.state).toBe('accepted');
    expect(still.order.kaspiCheckedAt).toEqual(at);
    expect(still.step).toBeUndefined();
    expect(applyAcceptedStatus(record, 'KASPI_DELIVERY_RETURN_REQUESTED', at).order.state).toBe(
      'compensating',
    );
  });
});

describe('price check in the decision', () => {
  it('flags an order below dealer cost plus the margin instead of accepting it', async () => {
    const { scenario, holder, cycle } = await setup(3, { minMargin: 50 });
    await cycle();
    // Kaspi prices are dealer + 30 %: below a 50 % margin.
    expect(scenario.kaspi.orders().some((o) => o.status === 'ACCEPTED_BY_MERCHANT')).toBe(false);
    const flagged = holder.store
      .ordersNeedingAttention(10)
      .filter((o) => o.attention?.reason === 'below-cost');
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged[0]?.attention?.detail).toMatch(/below dealer cost \d+ KZT \+ 50%/);
    expect(scenario.alstyle.orders).toHaveLength(0);
  });

  it('cancels it with belowCost: "cancel", accepts it with "accept"', async () => {
    const a = await setup(3, { minMargin: 50 });
    await a.cycle(ordersConfig({ belowCost: 'cancel' }));
    expect(a.scenario.kaspi.orders().every((o) => o.status !== 'ACCEPTED_BY_MERCHANT')).toBe(true);
    const b = await setup(3, { minMargin: 50, seed: 12 });
    await b.cycle(ordersConfig({ belowCost: 'accept' }));
    expect(b.scenario.kaspi.orders().some((o) => o.status === 'ACCEPTED_BY_MERCHANT')).toBe(true);
  });
});

describe('clock check', () => {
  it('stops polling when the local clock is ahead by more than overlapMinutes', async () => {
    const { holder, cycle } = await setup(2, { skewMs: 30 * 60_000 });
    const summary = await cycle();
    expect(summary.errors.join('\n')).toMatch(/30\.0 min ahead of .*fix the system clock/);
    expect(summary.polledTo).toBeUndefined();
    // The cursor never moved into the future: nothing is missed once the clock is right.
    expect(holder.store.orderPollCursor()).toBeUndefined();
  });
});

describe('state loss', () => {
  it('refuses a lost state, then imports the supplier orders that carry Kaspi codes', async () => {
    const { scenario, holder, cycle, reopen } = await setup(3, { proves: true });
    await cycle();
    const accepted = scenario.kaspi.orders().filter((o) => o.status === 'ACCEPTED_BY_MERCHANT');
    holder.store.close();
    scenario.loseDatabase();
    reopen();
    await expect(cycle()).rejects.toThrow(StateLostError);
    await cycle(ordersConfig(), true);
    for (const order of accepted) {
      expect(holder.store.findOrder(order.code)?.state).toBe('accepted');
      expect(holder.store.findOrder(order.code)?.supplierOrderId).toBe(
        String(live(scenario, order.code)[0]?.id),
      );
    }
    expect(checkInvariants(scenario, true)).toEqual([]);
  });

  it('lists supplier orders it cannot attribute and never reserves twice', async () => {
    const { scenario, holder, cycle, reopen } = await setup(3, { proves: false });
    // A reservation made, its Kaspi order not yet accepted, then the DB is lost.
    await cycle(ordersConfig({ maxAttempts: 1 }));
    holder.store.close();
    scenario.loseDatabase();
    reopen();
    await cycle(ordersConfig(), true);
    expect(holder.store.supplierOrphans().length).toBe(scenario.alstyle.orders.length);
    expect(readStatus(holder.store).attention.join('\n')).toMatch(/has no provable Kaspi order/);
    expect(checkInvariants(scenario, true)).toEqual([]);
  });
});
