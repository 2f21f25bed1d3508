import { describe, expect, it } from 'vitest';
import { readStatus } from '../../src/commands/status.js';
import type { OrderRecord } from '../../src/orders/order-record.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';

const base: OrderRecord = {
  kaspiCode: '600000001',
  kaspiId: 'NjAwMDAwMDAxOm9yZA',
  state: 'new',
  supplier: 'alstyle',
  supplierOrderId: undefined,
  lines: [{ sku: 'AS20932', productKey: '20932', quantity: 2, unitType: 'PIECES' }],
  attempts: 0,
  createdAt: new Date('2026-11-26T10:00:00Z'),
  updatedAt: new Date('2026-11-26T10:00:00Z'),
};

describe('SqliteStateStore: orders', () => {
  it('writes an order and its step in one transaction and reads them back', () => {
    const store = new SqliteStateStore(':memory:');
    expect(store.schemaVersion).toBe(4);
    store.saveOrder(base, { step: 'seen', phase: 'done' });
    store.saveOrder(
      { ...base, state: 'reserving', reserveStartedAt: new Date('2026-11-26T10:01:00Z') },
      { step: 'reserve', phase: 'started' },
    );
    const read = store.findOrder(base.kaspiCode);
    expect(read?.state).toBe('reserving');
    expect(read?.lines).toEqual(base.lines);
    expect(read?.reserveStartedAt?.toISOString()).toBe('2026-11-26T10:01:00.000Z');
    expect(store.orderSteps(base.kaspiCode).map((s) => `${s.step}:${s.phase}`)).toEqual([
      'seen:done',
      'reserve:started',
    ]);
    expect(store.openOrders()).toHaveLength(1);
    expect(store.orderCounts()).toEqual({ reserving: 1 });
    store.close();
  });

  it('refuses to attribute one supplier order to two Kaspi orders', () => {
    const store = new SqliteStateStore(':memory:');
    store.saveOrder({ ...base, state: 'reserved', supplierOrderId: '312113' });
    expect(() =>
      store.saveOrder({
        ...base,
        kaspiCode: '600000002',
        state: 'reserved',
        supplierOrderId: '312113',
      }),
    ).toThrow(/UNIQUE/);
    expect(store.supplierOrderIds('alstyle')).toEqual(new Set(['312113']));
    store.close();
  });

  it('keeps the poll cursor and lists orders waiting for a person', () => {
    const store = new SqliteStateStore(':memory:');
    expect(store.orderPollCursor()).toBeUndefined();
    store.setOrderPollCursor(new Date('2026-11-26T10:05:00Z'));
    expect(store.orderPollCursor()?.toISOString()).toBe('2026-11-26T10:05:00.000Z');
    store.saveOrder({
      ...base,
      state: 'attention',
      attention: { reason: 'unknown-sku', detail: 'SKUs the runner did not publish: X1' },
    });
    expect(store.ordersNeedingAttention(5)[0]?.attention?.reason).toBe('unknown-sku');
    expect(store.openOrders()).toHaveLength(0);
    // `kaspi-connect status` shows orders by state and each one waiting for a person.
    const status = readStatus(store);
    expect(status.orders.counts).toEqual({ attention: 1 });
    expect(status.attention).toContain(
      'order 600000001 needs a person (unknown-sku): SKUs the runner did not publish: X1',
    );
    store.close();
  });
});
