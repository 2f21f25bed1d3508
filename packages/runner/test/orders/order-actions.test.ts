import { createKaspiClient } from '@kaspi-connect/kaspi-client';
import { startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { describe, expect, it } from 'vitest';
import { applyOrderAction, OrderActionError } from '../../src/orders/order-actions.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { attentionOrder } from '../helpers/attention-order.js';

describe('order actions of a person', () => {
  it('retries into the state where the flow continues safely', async () => {
    const store = new SqliteStateStore(':memory:');
    store.saveOrder(attentionOrder('1', { attention: { reason: 'policy-manual', detail: '' } }));
    store.saveOrder(
      attentionOrder('2', {
        attention: { reason: 'reserve-failed', detail: '' },
        reserveStartedAt: new Date(),
      }),
    );
    store.saveOrder(
      attentionOrder('3', {
        attention: { reason: 'accept-failed', detail: '' },
        supplierOrderId: '77',
      }),
    );
    const deps = { store, kaspi: undefined };
    expect((await applyOrderAction(deps, '1', { type: 'retry' }, 'ann')).state).toBe('to_reserve');
    // A reservation may exist: the flow looks it up at the supplier before reserving again.
    expect((await applyOrderAction(deps, '2', { type: 'retry' }, 'ann')).state).toBe('reserving');
    expect((await applyOrderAction(deps, '3', { type: 'retry' }, 'ann')).state).toBe('reserved');
    expect(store.orderSteps('1').at(-1)).toMatchObject({
      step: 'decide',
      phase: 'done',
      detail: 'retry asked by ann',
    });
    await expect(applyOrderAction(deps, '1', { type: 'retry' }, 'ann')).rejects.toBeInstanceOf(
      OrderActionError,
    );
  });

  it('cancels on Kaspi with the reason, logged before and after, and never with a supplier order open', async () => {
    const kaspi = await startKaspiSimulator({ merchantId: '30000001' });
    try {
      kaspi.uploadPriceList(
        `<?xml version="1.0" encoding="utf-8"?><kaspi_catalog date="2026-12-01T10:00:00" xmlns="kaspiShopping"><company>T</company><merchantid>30000001</merchantid><offers><offer sku="AS1"><model>M</model><brand>B</brand><availabilities><availability available="yes" storeId="PP1" stockCount="5"/></availabilities><price>1000</price></offer></offers></kaspi_catalog>`,
      );
      const order = kaspi.createOrder({ items: [{ sku: 'AS1', quantity: 1 }] });
      const store = new SqliteStateStore(':memory:');
      store.saveOrder(attentionOrder(order.code, { kaspiId: order.id }));
      store.saveOrder(attentionOrder('held', { supplierOrderId: '55' }));
      const client = createKaspiClient({
        token: kaspi.token,
        baseUrl: kaspi.url,
        retry: { retries: 0 },
      });
      const deps = { store, kaspi: client };
      await expect(
        applyOrderAction(deps, 'held', { type: 'cancel', reason: 'BUYER_NOT_REACHABLE' }, 'ann'),
      ).rejects.toThrow(/cancel it at the supplier first/);
      const done = await applyOrderAction(
        deps,
        order.code,
        { type: 'cancel', reason: 'BUYER_NOT_REACHABLE' },
        'ann',
      );
      expect(done.state).toBe('cancelled');
      // Judged by the simulator's own record.
      expect(kaspi.order(order.code)).toMatchObject({
        status: 'CANCELLED',
        cancellationReason: 'BUYER_NOT_REACHABLE',
      });
      expect(
        store
          .orderSteps(order.code)
          .slice(-2)
          .map((s) => `${s.step}:${s.phase}`),
      ).toEqual(['cancel:started', 'cancel:done']);
    } finally {
      await kaspi.close();
    }
  });
});
