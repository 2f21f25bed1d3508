import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../src/orders/order-record.js';
import { OrderConflictError } from '../../src/orders/transitions.js';
import type { StateStore } from '../../src/state/state-store.js';
import { product } from '../helpers/config.js';
import { mapping, order, request, T0 } from './store-fixtures.js';

/** How a contract run gets stores: `open()` twice on one `Place` is two processes on one state. */
export interface StoreFactory {
  /** A fresh, empty state (a new file or database). */
  place(): Promise<string>;
  open(place: string, shop?: string): StateStore;
  /** Whether one place holds many shops (PostgreSQL) or one (a SQLite file). */
  readonly shops: boolean;
}

/** The `StateStore` contract: every store passes the same cases. */
export function describeStoreContract(name: string, factory: () => StoreFactory): void {
  describe(`StateStore contract: ${name}`, () => {
    const fresh = async (): Promise<StateStore> => {
      const f = factory();
      return f.open(await f.place());
    };

    it('records runs and finds the last one by mode and status', async () => {
      const store = await fresh();
      expect(store.isEmpty()).toBe(true);
      const a = store.beginRun('full', T0);
      store.finishRun(a, { status: 'published', exitCode: 0 });
      const b = store.beginRun('refresh');
      store.finishRun(b, { status: 'refused', exitCode: 3 });
      expect(store.lastRun('full', ['published'])?.id).toBe(a);
      expect(store.lastRun(undefined, ['published', 'refused'])?.id).toBe(b);
      expect(store.lastRun('refresh', ['published'])).toBeUndefined();
      expect(store.lastRun()?.id).toBe(b);
      const runs = store.recentRuns(10);
      expect(runs.map((run) => run.status)).toEqual(['refused', 'published']);
      expect(runs[1]?.startedAt).toEqual(T0);
      expect(runs[1]?.finishedAt).toBeInstanceOf(Date);
      expect(runs[0]?.exitCode).toBe(3);
      expect(store.isEmpty()).toBe(false);
      store.close();
    });

    it('stores published feeds and returns the newest', async () => {
      const store = await fresh();
      expect(store.lastPublishedFeed()).toBeUndefined();
      const runId = store.beginRun('full');
      const feed = {
        runId,
        path: '/f/1.xml',
        sha256: 'aa',
        offers: 3,
        available: 2,
        bytes: 999,
        publishedAt: T0,
      };
      const first = store.recordPublishedFeed(feed);
      const second = store.recordPublishedFeed({ ...feed, path: '/f/2.xml', sha256: 'bb' });
      expect(second.id).toBeGreaterThan(first.id);
      expect(store.lastPublishedFeed()).toEqual({
        ...feed,
        path: '/f/2.xml',
        sha256: 'bb',
        id: second.id,
      });
      expect(store.activity.feedHistory(new Date(0)).map((f) => f.offers)).toEqual([3, 3]);
      store.close();
    });

    it('replaces the live SKU map, retires the rest and keeps them findable', async () => {
      const store = await fresh();
      store.replaceSkuMappings([
        mapping('A'),
        mapping('B'),
        mapping('C', { available: false, stockCount: 0 }),
      ]);
      expect(store.skuMappings().map((m) => m.sku)).toEqual(['A', 'B', 'C']);
      expect(store.findSkuMapping('A')).toEqual({ ...mapping('A'), retiredAt: undefined });
      store.replaceSkuMappings([mapping('B', { price: 1200 }), mapping('D')]);
      expect(store.skuMappings().map((m) => m.sku)).toEqual(['B', 'D']);
      expect(store.findSkuMapping('A')?.retiredAt).toBeInstanceOf(Date);
      expect(store.findSkuMapping('B')?.price).toBe(1200);
      expect(store.findSkuMapping('nope')).toBeUndefined();
      store.replaceSkuMappings([mapping('A')]);
      expect(store.findSkuMapping('A')?.retiredAt).toBeUndefined();
      expect(store.activity.skuHistory('B', new Date(0)).map((p) => p.price)).toEqual([1000, 1200]);
      expect(store.activity.searchSkus('model b', 10).map((s) => s.sku)).toEqual(['B']);
      store.replaceSkuMappings([]);
      expect(store.skuMappings()).toEqual([]);
      store.close();
    });

    it('keeps the last catalogue per supplier, skipped products and price holds', async () => {
      const store = await fresh();
      store.saveCatalogue('alstyle', [product({ key: '2' }), product({ key: '1' })]);
      store.saveCatalogue('other', [product({ supplier: 'other', key: '9' })]);
      expect(store.loadCatalogue('alstyle').map((p) => p.key)).toEqual(['1', '2']);
      expect(store.loadCatalogue('alstyle')[0]).toEqual(product({ key: '1' }));
      store.saveCatalogue('alstyle', [product({ key: '3' })]);
      expect(store.loadCatalogue('alstyle').map((p) => p.key)).toEqual(['3']);
      expect(store.loadCatalogue('other').map((p) => p.key)).toEqual(['9']);
      expect(store.loadCatalogue('none')).toEqual([]);
      const runId = store.beginRun('full');
      store.replaceSkippedProducts?.(runId, [
        { supplier: 'alstyle', key: '5', reason: 'no-price' },
        { supplier: 'alstyle', key: '4', reason: 'no-stock' },
      ]);
      expect(store.skippedProducts?.().map((s) => s.key)).toEqual(['5', '4']);
      expect(store.skippedProducts?.('no-stock')).toEqual([
        { supplier: 'alstyle', key: '4', reason: 'no-stock', runId },
      ]);
      store.replacePriceHolds?.(
        runId,
        [{ sku: 'A', publishedPrice: 100, wantedPrice: 50, action: 'hold' }],
        T0,
      );
      store.replacePriceHolds?.(
        runId,
        [
          { sku: 'A', publishedPrice: 100, wantedPrice: 40, action: 'hold' },
          { sku: 'B', publishedPrice: 10, wantedPrice: 1, action: 'skip' },
        ],
        new Date(T0.getTime() + 60_000),
      );
      const holds = store.priceHolds?.() ?? [];
      expect(holds.map((h) => [h.sku, h.wantedPrice, h.action])).toEqual([
        ['A', 40, 'hold'],
        ['B', 1, 'skip'],
      ]);
      expect(holds[0]?.since).toEqual(T0);
      store.close();
    });

    it('saves orders with their step log, counts them and lists open and attention ones', async () => {
      const store = await fresh();
      store.saveOrder(order('K1'), { step: 'seen', phase: 'done' });
      store.saveOrder(
        order('K2', {
          state: 'attention',
          attention: { reason: 'below-cost', detail: 'd' },
        } as Partial<OrderRecord>),
      );
      store.saveOrder(order('K3', { state: 'completed', supplierOrderId: 'S3' }));
      expect(store.findOrder('K1')).toMatchObject({
        kaspiCode: 'K1',
        kaspiId: 'id-K1',
        state: 'new',
        attempts: 0,
        kaspiCreatedAt: T0,
      });
      expect(store.findOrder('K1')?.lines).toEqual(order('K1').lines);
      expect(store.findOrder('none')).toBeUndefined();
      expect(store.openOrders().map((o) => o.kaspiCode)).toEqual(['K1']);
      expect(store.ordersNeedingAttention(10).map((o) => o.kaspiCode)).toEqual(['K2']);
      expect(store.orderCounts()).toEqual({ attention: 1, completed: 1, new: 1 });
      expect(store.orderSteps('K1').map((s) => [s.step, s.phase])).toEqual([['seen', 'done']]);
      expect(store.supplierOrderIds('alstyle')).toEqual(new Set(['S3']));
      expect(store.orderBySupplierOrder('alstyle', 'S3')?.kaspiCode).toBe('K3');
      expect(store.orderBySupplierOrder('alstyle', 'S9')).toBeUndefined();
      expect(store.orderBySupplierOrder('other', 'S3')).toBeUndefined();
      expect(store.orderPollCursor()).toBeUndefined();
      store.setOrderPollCursor(T0);
      store.setOrderPollCursor(new Date(T0.getTime() + 1000));
      expect(store.orderPollCursor()).toEqual(new Date(T0.getTime() + 1000));
      expect(store.activity.ordersChangedSince(new Date(0), 10)).toHaveLength(3);
      store.close();
    });

    it('transitions orders by compare-and-set and writes nothing on a conflict', async () => {
      const f = factory();
      const place = await f.place();
      const a = f.open(place);
      const b = f.open(place);
      a.transitionOrder(order('K1'), 'start', { step: 'seen', phase: 'done' });
      expect(() => b.transitionOrder(order('K1'), 'start')).toThrow(OrderConflictError);
      a.transitionOrder(order('K1', { state: 'to_reserve' }), 'new', {
        step: 'decide',
        phase: 'done',
      });
      let conflict: unknown;
      try {
        b.transitionOrder(order('K1', { state: 'reserving' }), 'new', {
          step: 'reserve',
          phase: 'started',
        });
      } catch (error) {
        conflict = error;
      }
      expect(conflict).toBeInstanceOf(OrderConflictError);
      expect(conflict).toMatchObject({ kaspiCode: 'K1', expected: 'new', actual: 'to_reserve' });
      expect(b.findOrder('K1')?.state).toBe('to_reserve');
      expect(b.orderSteps('K1').map((s) => s.step)).toEqual(['seen', 'decide']);
      b.transitionOrder(order('K1', { state: 'reserving' }), 'to_reserve', {
        step: 'reserve',
        phase: 'started',
      });
      b.transitionOrder(order('K1', { state: 'reserved', supplierOrderId: 'S1' }), 'reserving', {
        step: 'reserve',
        phase: 'done',
        detail: 'S1',
      });
      expect(a.orderBySupplierOrder('alstyle', 'S1')?.state).toBe('reserved');
      expect(a.orderSteps('K1').at(-1)).toMatchObject({
        step: 'reserve',
        phase: 'done',
        detail: 'S1',
      });
      // One Kaspi order per supplier order: a second owner is refused.
      expect(() => a.saveOrder(order('K2', { supplierOrderId: 'S1' }))).toThrow();
      expect(a.findOrder('K2')).toBeUndefined();
      a.close();
      b.close();
    });

    it('hands the lease to one writer at a time, renews, releases and takes over an expired one', async () => {
      const f = factory();
      const place = await f.place();
      const a = f.open(place);
      const b = f.open(place);
      const first = a.acquireLease(request('run'));
      if (!first.ok) throw new Error('the first writer did not get the lease');
      const busy = b.acquireLease(request('orders --once'));
      expect(busy.ok).toBe(false);
      if (!busy.ok) expect(busy.heldBy).toMatchObject({ holder: 'run', pid: process.pid });
      expect(b.currentLease()?.holder).toBe('run');
      const renewed = a.renewLease(first.lease, 20_000);
      expect(renewed.ok).toBe(true);
      expect(a.holdsLease(first.lease)).toBe(true);
      a.releaseLease(first.lease);
      expect(b.currentLease()).toBeUndefined();
      const second = b.acquireLease(request('orders --once'));
      if (!second.ok) throw new Error('the lease was not free after release');
      // `a` stalls past the expiry of a new lease: `b` is taken over, and `b` must stop.
      const later = new Date(Date.now() + 60_000);
      const takeover = a.acquireLease(request('run again', { now: later }));
      expect(takeover.ok && takeover.tookOver?.holder).toBe('orders --once');
      expect(b.renewLease(second.lease, 10_000).ok).toBe(false);
      expect(b.holdsLease(second.lease)).toBe(false);
      if (takeover.ok) {
        expect(a.renewLease(takeover.lease, 10_000).ok).toBe(true);
        a.releaseLease(takeover.lease);
      }
      b.releaseLease(second.lease);
      expect(a.currentLease()).toBeUndefined();
      a.close();
      b.close();
    });

    it('keeps meta values and supplier orphans', async () => {
      const store = await fresh();
      expect(store.getMeta('k')).toBeUndefined();
      store.setMeta('k', 'v1');
      store.setMeta('k', 'v2');
      expect(store.getMeta('k')).toBe('v2');
      store.setMeta('k', undefined);
      expect(store.getMeta('k')).toBeUndefined();
      store.recordSupplierOrphan('alstyle', 'S7', 'first');
      store.recordSupplierOrphan('alstyle', 'S7', 'second');
      expect(store.supplierOrphans()).toEqual([
        { supplier: 'alstyle', supplierOrderId: 'S7', detail: 'second', at: expect.any(Date) },
      ]);
      expect(store.isEmpty()).toBe(true);
      store.close();
    });

    it('keeps the publish outbox and the notification outbox', async () => {
      const store = await fresh();
      const at = T0;
      store.queueTargetFeed({
        target: 's3',
        kind: 's3',
        url: 'https://x/feed.xml',
        feedId: 2,
        sha256: 'b',
        at,
      });
      store.queueTargetFeed({
        target: 's3',
        kind: 's3',
        url: 'https://x/feed.xml',
        feedId: 1,
        sha256: 'a',
        at,
      });
      const claimed = store.claimTarget('s3', at, 1000);
      expect(claimed).toMatchObject({ wantedFeedId: 2, wantedSha256: 'b', attempts: 0 });
      expect(store.claimTarget('s3', at, 1000)).toBeUndefined();
      store.recordTargetFailed('s3', { error: 'boom', at });
      store.recordTargetDelivered('s3', { feedId: 2, sha256: 'b', at });
      expect(store.targetOutbox()).toEqual([
        expect.objectContaining({ deliveredFeedId: 2, attempts: 0, lastError: undefined }),
      ]);
      const items = [{ dedupeKey: 'k', channel: 'telegram', kind: 'order', payload: { a: 1 } }];
      expect(store.activity.enqueue(items, at)).toBe(1);
      expect(store.activity.enqueue(items, at)).toBe(0);
      const due = store.activity.claimDue(at, 10, 5000);
      expect(due).toEqual([
        expect.objectContaining({
          state: 'sending',
          attempts: 1,
          payload: { a: 1 },
          nextAttemptAt: at,
        }),
      ]);
      expect(store.activity.claimDue(at, 10, 5000)).toEqual([]);
      store.activity.markSent(due[0]?.id ?? 0, at);
      expect(store.activity.outboxHealth()).toEqual([
        expect.objectContaining({ channel: 'telegram', counts: { sent: 1 } }),
      ]);
      store.activity.beat({ process: 'serve', pid: 1, startedAt: at, beatAt: at, everyMs: 1000 });
      expect(store.activity.heartbeats()).toHaveLength(1);
      store.activity.recordFeedFetch({
        at,
        ip: '127.0.0.1',
        userAgent: 'Kaspi',
        status: 200,
        bytes: 10,
      });
      expect(store.activity.recentFeedFetches(5)).toEqual([
        { at, ip: '127.0.0.1', userAgent: 'Kaspi', status: 200, bytes: 10 },
      ]);
      const id = store.activity.recordConsoleAction({
        at,
        who: 'me',
        action: 'retry',
        target: 'K1',
        outcome: 'ok',
      });
      expect(store.activity.consoleActions(5).map((a) => a.id)).toEqual([id]);
      store.close();
    });

    it.runIf(factory().shops)('keeps two shops in one database apart', async () => {
      const f = factory();
      const place = await f.place();
      const one = f.open(place, 'shop-one');
      const two = f.open(place, 'shop-two');
      one.beginRun('full');
      one.replaceSkuMappings([mapping('A')]);
      one.saveOrder(order('K1', { supplierOrderId: 'S1' }));
      one.setMeta('k', 'one');
      one.saveCatalogue('alstyle', [product()]);
      // The same codes in the other shop are its own.
      two.saveOrder(order('K1', { supplierOrderId: 'S1', state: 'completed' }));
      expect(two.recentRuns(5)).toEqual([]);
      expect(two.skuMappings()).toEqual([]);
      expect(two.getMeta('k')).toBeUndefined();
      expect(two.loadCatalogue('alstyle')).toEqual([]);
      expect(two.findOrder('K1')?.state).toBe('completed');
      expect(one.findOrder('K1')?.state).toBe('new');
      expect(two.orderCounts()).toEqual({ completed: 1 });
      // Each shop has its own lease.
      expect(one.acquireLease(request('run')).ok).toBe(true);
      expect(two.acquireLease(request('run')).ok).toBe(true);
      expect(two.isEmpty()).toBe(false);
      one.close();
      two.close();
    });
  });
}
