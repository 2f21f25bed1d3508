import { type KaspiClient, KaspiError, type KaspiOrder } from '@kaspi-connect/kaspi-client';
import type { OrdersConfig } from '../config/schema.js';
import type { StateStore } from '../state/state-store.js';
import type { StockAndPrice, Supplier } from '../supplier/supplier.js';
import { applyAcceptedStatus } from './after-acceptance.js';
import { CLOCK_WARN_MS, ClockSkewError, type ClockWatch } from './clock-check.js';
import {
  importFreshState,
  STATE_LOST_KEY,
  StateLostError,
  stateLossSuspect,
} from './fresh-state.js';
import type { OrderBoundary, OrderEventHandler } from './order-events.js';
import { orderRecordOf } from './order-lines.js';
import type {
  AttentionReason,
  OrderRecord,
  OrderState,
  OrderStepName,
  OrderStepRecord,
} from './order-record.js';
import { belowCost } from './price-check.js';
import { shippingDateFor } from './shipping-date.js';
import { assertTransition, type TransitionSource } from './transitions.js';

/** What `runOrderCycle` works with: Kaspi, the suppliers, the state store and `orders` config. */
export interface OrderFlowDependencies {
  readonly kaspi: KaspiClient;
  /** Suppliers by id; an order is reserved at the supplier its SKUs map to. */
  readonly suppliers: readonly Supplier[];
  readonly store: StateStore;
  readonly config: OrdersConfig;
  readonly onEvent?: OrderEventHandler | undefined;
  /** Called at every step boundary; the crash tests kill the process here. */
  readonly onBoundary?: ((boundary: OrderBoundary, kaspiCode: string) => void) | undefined;
  readonly now?: (() => Date) | undefined;
  /**
   * Called before every side effect (reserve, accept, cancel, reverse): throws when this process
   * no longer holds the state's lease, so a stalled writer never acts after a takeover.
   */
  readonly assertWriter?: (() => void) | undefined;
  /** `Date` headers of Kaspi's and the supplier's answers (the clock check). */
  readonly clock?: ClockWatch | undefined;
  /** `pricing.minMarginPercent`: the below-cost check's margin over the dealer price. */
  readonly minMarginPercent?: number | undefined;
}

/** Per-cycle options: the signal aborts every wait and request of the cycle. */
export interface OrderCycleOptions {
  readonly signal?: AbortSignal | undefined;
  /**
   * The seller confirmed a lost state (`--fresh-state`): the supplier's recent orders are
   * imported before anything else. Without it a state marked lost throws `StateLostError`.
   */
  readonly freshState?: boolean | undefined;
}

/** What one order cycle saw and left behind. */
export interface OrderCycleSummary {
  readonly polledFrom: Date | undefined;
  readonly polledTo: Date | undefined;
  /** `APPROVED_BY_BANK` orders in the window. */
  readonly seen: number;
  /** Of those, orders recorded for the first time. */
  readonly added: number;
  /** Orders per state after the cycle. */
  readonly counts: Record<string, number>;
  /** Orders still in flight (they are picked up by the next cycle). */
  readonly open: number;
  /** Accepted orders watched until Kaspi completes, cancels or returns them. */
  readonly watched: number;
  readonly errors: readonly string[];
  readonly durationMs: number;
}

const APPROVED = 'APPROVED_BY_BANK';
const ACCEPTED = 'ACCEPTED_BY_MERCHANT';
const CANCELLED = 'CANCELLED';
const MINUTE_MS = 60_000;

/**
 * One order cycle: reconcile what a crash or an error left in flight, poll Kaspi for new
 * `APPROVED_BY_BANK` orders, decide them with one stock request, then reserve → accept or
 * cancel, each step recorded before and after it runs.
 *
 * Invariants (tested by killing the process at every step boundary):
 * 1. never two supplier orders for one Kaspi order: at most one reservation is ever in flight,
 *    and an interrupted one is looked up at the supplier before anything is reserved again;
 * 2. never an accepted Kaspi order without a reservation: accept runs only from `reserved`;
 * 3. never a lost order: every order seen ends `accepted`, `cancelled` or `attention` (with the
 *    reason), and open ones are retried every cycle.
 */
export async function runOrderCycle(
  deps: OrderFlowDependencies,
  options: OrderCycleOptions = {},
): Promise<OrderCycleSummary> {
  const started = performance.now();
  const lost = deps.store.getMeta(STATE_LOST_KEY);
  if (lost !== undefined && deps.config.policy !== 'off') {
    if (options.freshState !== true) throw new StateLostError(lost);
    const result = await importFreshState(
      {
        kaspi: deps.kaspi,
        suppliers: deps.suppliers,
        store: deps.store,
        lookbackDays: deps.config.freshStateLookbackDays,
        now: deps.now,
      },
      { signal: options.signal },
    );
    deps.onEvent?.({ type: 'orders.fresh-state', ...result });
  }
  const flow = new OrderFlow(deps, options.signal);
  if (deps.config.policy === 'off') {
    return {
      polledFrom: undefined,
      polledTo: undefined,
      seen: 0,
      added: 0,
      counts: deps.store.orderCounts(),
      ...openAndWatched(deps.store),
      errors: [],
      durationMs: Math.round(performance.now() - started),
    };
  }
  const result = await flow.cycle();
  return {
    ...result,
    counts: deps.store.orderCounts(),
    ...openAndWatched(deps.store),
    errors: flow.errors,
    durationMs: Math.round(performance.now() - started),
  };
}

type Step = Omit<OrderStepRecord, 'kaspiCode' | 'at'>;

function openAndWatched(store: StateStore): { open: number; watched: number } {
  const open = store.openOrders();
  const watched = open.filter((order) => order.state === 'accepted').length;
  return { open: open.length - watched, watched };
}

class OrderFlow {
  readonly errors: string[] = [];
  readonly #deps: OrderFlowDependencies;
  readonly #signal: AbortSignal | undefined;
  readonly #now: () => Date;
  /** Current Kaspi status of orders, from this cycle's poll or look-ups. */
  readonly #kaspiStatus = new Map<string, string | undefined>();

  constructor(deps: OrderFlowDependencies, signal: AbortSignal | undefined) {
    this.#deps = deps;
    this.#signal = signal;
    this.#now = deps.now ?? (() => new Date());
  }

  get #call(): { signal?: AbortSignal } {
    return this.#signal === undefined ? {} : { signal: this.#signal };
  }

  async cycle(): Promise<{
    polledFrom: Date | undefined;
    polledTo: Date | undefined;
    seen: number;
    added: number;
  }> {
    // Interrupted side effects first: nothing is reserved again before they are resolved.
    for (const order of this.#deps.store.openOrders()) {
      if (order.state === 'reserving') await this.#resolveReserving(order);
    }
    const poll = await this.#poll();
    await this.#reconcileWithKaspi();
    await this.#decide();
    await this.#act();
    return poll;
  }

  // ---- polling -------------------------------------------------------------------------------

  async #poll(): Promise<{
    polledFrom: Date | undefined;
    polledTo: Date | undefined;
    seen: number;
    added: number;
  }> {
    const { config, store, kaspi } = this.#deps;
    const to = this.#now();
    const cursor = store.orderPollCursor();
    const from =
      cursor === undefined
        ? new Date(to.getTime() - config.firstPollHours * 60 * MINUTE_MS)
        : new Date(
            Math.max(
              cursor.getTime() - config.overlapMinutes * MINUTE_MS,
              to.getTime() - 14 * 24 * 60 * MINUTE_MS,
            ),
          );
    let seen = 0;
    let added = 0;
    try {
      this.#checkClock();
      // One pass per state: whether every order awaiting acceptance is in state NEW is unknown.
      for await (const order of kaspi.iterateOrders({
        from,
        to,
        state: config.pollStates,
        status: APPROVED,
        include: 'entries',
        ...this.#call,
      })) {
        if (order.status !== undefined && order.status !== APPROVED) continue;
        seen++;
        this.#kaspiStatus.set(order.code, APPROVED);
        if (store.findOrder(order.code) !== undefined) continue;
        await this.#record(order);
        added++;
      }
      // The answers of this poll tell the clock's skew: never move the cursor on a wrong clock.
      this.#checkClock();
    } catch (error) {
      this.#fail(undefined, 'poll', error);
      return { polledFrom: from, polledTo: undefined, seen, added };
    }
    store.setOrderPollCursor(to);
    this.#deps.onEvent?.({ type: 'orders.poll', from, to, seen, added });
    return { polledFrom: from, polledTo: to, seen, added };
  }

  #clockWarned = false;

  /** Warns beyond a minute of skew; throws `ClockSkewError` beyond `overlapMinutes`. */
  #checkClock(): void {
    const reading = this.#deps.clock?.worst();
    if (reading === undefined) return;
    const skew = Math.abs(reading.skewMs);
    if (skew > this.#deps.config.overlapMinutes * MINUTE_MS) throw new ClockSkewError(reading);
    if (skew > CLOCK_WARN_MS && !this.#clockWarned) {
      this.#clockWarned = true;
      this.#deps.onEvent?.({
        type: 'orders.clock',
        source: reading.source,
        skewMs: reading.skewMs,
      });
    }
  }

  async #record(order: KaspiOrder): Promise<void> {
    const { kaspi, store, config } = this.#deps;
    const record = await orderRecordOf(kaspi, store, order, this.#now(), this.#call);
    this.#save(record, 'start', { step: 'seen', phase: 'done' });
    this.#boundary('seen:done', order.code);
    if (config.policy === 'manual') {
      this.#attention(record, 'policy-manual', 'orders.policy is "manual": decide in the cabinet');
    }
  }

  // ---- reconciliation ------------------------------------------------------------------------

  /** Kaspi's current status of every open order that this poll did not show as awaiting us. */
  async #reconcileWithKaspi(): Promise<void> {
    const watched: readonly OrderState[] = [
      'new',
      'to_reserve',
      'to_cancel',
      'reserved',
      'accepting',
      'cancelling',
      'accepted',
    ];
    const watchMs = this.#deps.config.watchAcceptedEveryMinutes * MINUTE_MS;
    for (const order of this.#deps.store.openOrders()) {
      if (!watched.includes(order.state)) continue;
      if (
        order.state === 'accepted' &&
        order.kaspiCheckedAt !== undefined &&
        this.#now().getTime() - order.kaspiCheckedAt.getTime() < watchMs
      )
        continue;
      let status = this.#kaspiStatus.get(order.kaspiCode);
      if (status === undefined) {
        try {
          status = (await this.#deps.kaspi.getOrder(order.kaspiId, this.#call)).status;
          this.#kaspiStatus.set(order.kaspiCode, status);
        } catch (error) {
          this.#fail(order.kaspiCode, 'reconcile', error);
          continue;
        }
      }
      this.#applyKaspiStatus(order, status);
    }
  }

  /** Moves an open order to where Kaspi's status says it is. */
  #applyKaspiStatus(order: OrderRecord, status: string | undefined): void {
    const step = (detail: string): Step => ({ step: 'reconcile', phase: 'done', detail });
    switch (order.state) {
      case 'new':
      case 'to_reserve':
      case 'to_cancel':
        if (status === APPROVED) return;
        if (status === CANCELLED || status === 'CANCELLING') {
          this.#save(
            { ...order, state: 'cancelled', note: `Kaspi status ${status} before any action` },
            order.state,
            step(`kaspi ${status}`),
          );
        } else {
          this.#attention(
            order,
            'kaspi-unexpected-status',
            `Kaspi shows ${status ?? 'no status'} before the runner acted`,
          );
        }
        return;
      case 'reserved':
      case 'accepting':
        if (status === ACCEPTED) {
          this.#save(
            { ...order, state: 'accepted', attempts: 0 },
            order.state,
            step(`kaspi ${status}`),
          );
        } else if (status === APPROVED) {
          if (order.state === 'accepting')
            this.#save({ ...order, state: 'reserved' }, order.state, step('accept did not happen'));
        } else {
          this.#save(
            {
              ...order,
              state: 'compensating',
              attempts: 0,
              note: `Kaspi status ${status ?? 'unknown'}`,
            },
            order.state,
            step(`kaspi ${status}: reverse the reservation`),
          );
        }
        return;
      case 'accepted': {
        const next = applyAcceptedStatus(order, status, this.#now());
        this.#save(next.order, order.state, next.step);
        return;
      }
      case 'cancelling':
        if (status === CANCELLED) {
          this.#save({ ...order, state: 'cancelled' }, order.state, step('kaspi CANCELLED'));
        } else if (status === APPROVED) {
          this.#save({ ...order, state: 'to_cancel' }, order.state, step('cancel did not happen'));
        } else {
          this.#attention(
            order,
            'kaspi-unexpected-status',
            `cancelling, but Kaspi shows ${status ?? 'no status'}`,
          );
        }
        return;
      default:
        return;
    }
  }

  /** A reservation whose outcome is unknown: ask the supplier before anything else. */
  async #resolveReserving(order: OrderRecord): Promise<void> {
    const supplier = this.#supplier(order);
    if (supplier?.findReservation === undefined) {
      this.#attention(order, 'reconcile-ambiguous', 'the supplier cannot look up orders');
      return;
    }
    let match: Awaited<ReturnType<NonNullable<Supplier['findReservation']>>>;
    try {
      match = await supplier.findReservation({
        externalId: order.kaspiCode,
        lines: reservationLines(order),
        startedAt: order.reserveStartedAt ?? order.updatedAt,
        notBefore: order.createdAt,
        // Owned by another Kaspi order, or left from a lost state for a person: never adopted.
        knownOrderIds: new Set([
          ...this.#deps.store.supplierOrderIds(supplier.id),
          ...this.#deps.store
            .supplierOrphans()
            .filter((o) => o.supplier === supplier.id)
            .map((o) => o.supplierOrderId),
        ]),
        ...this.#call,
      });
    } catch (error) {
      this.#fail(order.kaspiCode, 'reconcile', error);
      return;
    }
    if (match.kind === 'found') {
      this.#save(
        { ...order, state: 'reserved', supplierOrderId: match.supplierOrderId, attempts: 0 },
        order.state,
        { step: 'reserve', phase: 'done', detail: `found supplier order ${match.supplierOrderId}` },
      );
    } else if (match.kind === 'absent') {
      const attempts = order.attempts + 1;
      if (attempts >= this.#deps.config.maxAttempts) {
        this.#attention(order, 'reserve-failed', `no supplier order after ${attempts} attempts`);
      } else {
        this.#save({ ...order, state: 'to_reserve', attempts }, order.state, {
          step: 'reserve',
          phase: 'failed',
          detail: 'no supplier order exists: safe to retry',
        });
      }
    } else {
      this.#attention(order, 'reconcile-ambiguous', match.reason);
    }
    this.#boundary('reconcile:done', order.kaspiCode);
  }

  // ---- decision ------------------------------------------------------------------------------

  async #decide(): Promise<void> {
    const { store, config } = this.#deps;
    const fresh = store.openOrders().filter((order) => order.state === 'new');
    if (fresh.length === 0) return;
    const bySupplier = new Map<Supplier, OrderRecord[]>();
    for (const order of fresh) {
      const problem = this.#unreservable(order);
      if (problem !== undefined) {
        this.#attention(order, problem[0], problem[1]);
        continue;
      }
      const supplier = this.#supplier(order) as Supplier;
      bySupplier.set(supplier, [...(bySupplier.get(supplier) ?? []), order]);
    }
    for (const [supplier, orders] of bySupplier) {
      const keys = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.productKey as string)))];
      let stock: ReadonlyMap<string, StockAndPrice | undefined>;
      try {
        stock = await liveStockAndPrices(supplier, keys, this.#call);
      } catch (error) {
        // Undecided orders stay `new` and are decided next cycle.
        this.#fail(undefined, 'stock', error);
        continue;
      }
      // Orders compete for the same units: the oldest gets them first.
      const left = new Map(keys.map((key) => [key, stock.get(key)?.stock?.min ?? 0]));
      for (const order of orders) {
        const wanted = reservationLines(order);
        const short = wanted.filter((line) => (left.get(line.key) ?? 0) < line.quantity);
        if (short.length === 0) {
          for (const line of wanted) left.set(line.key, (left.get(line.key) ?? 0) - line.quantity);
          this.#decideInStock(order, stock);
        } else {
          const detail = `out of stock: ${short.map((l) => `${l.key} ×${l.quantity}`).join(', ')}`;
          if (config.outOfStock === 'cancel') {
            this.#save({ ...order, state: 'to_cancel' }, order.state, {
              step: 'decide',
              phase: 'done',
              detail,
            });
          } else {
            this.#attention(order, 'out-of-stock', detail);
          }
        }
        this.#boundary('decide:done', order.kaspiCode);
      }
    }
  }

  /** In stock: reserve, unless the buyer pays less than cost (then `orders.belowCost`). */
  #decideInStock(order: OrderRecord, prices: ReadonlyMap<string, StockAndPrice | undefined>): void {
    const { config } = this.#deps;
    const low = belowCost(order, prices, this.#deps.minMarginPercent ?? 0);
    const step = (detail: string): Step => ({ step: 'decide', phase: 'done', detail });
    if (low === undefined) {
      this.#save({ ...order, state: 'to_reserve' }, order.state, step('all lines in stock'));
    } else if (config.belowCost === 'accept') {
      this.#save(
        { ...order, state: 'to_reserve' },
        order.state,
        step(`accepted below cost: ${low}`),
      );
    } else if (config.belowCost === 'cancel') {
      this.#save({ ...order, state: 'to_cancel' }, order.state, step(`below cost: ${low}`));
    } else {
      this.#attention(order, 'below-cost', `${low}; accept or cancel it in the cabinet`);
    }
  }

  #unreservable(order: OrderRecord): [AttentionReason, string] | undefined {
    const lost = stateLossSuspect(this.#deps.store, order);
    if (lost !== undefined) return ['state-lost', lost];
    const unknown = order.lines.filter((line) => line.productKey === undefined);
    if (unknown.length > 0) {
      return [
        'unknown-sku',
        `SKUs the runner did not publish: ${unknown.map((l) => l.sku).join(', ')}; left untouched`,
      ];
    }
    if (order.supplier === undefined) return ['mixed-suppliers', 'lines from several suppliers'];
    const supplier = this.#supplier(order);
    if (
      supplier?.reserve === undefined ||
      supplier.findReservation === undefined ||
      supplier.cancelReservation === undefined
    ) {
      return ['supplier-cannot-reserve', `supplier ${order.supplier} cannot take orders`];
    }
    const odd = order.lines.find((l) => l.unitType !== undefined && l.unitType !== 'PIECES');
    if (
      odd !== undefined ||
      order.lines.some((l) => !Number.isInteger(l.quantity) || l.quantity < 1)
    ) {
      return [
        'unsupported-unit',
        `line ${odd?.sku ?? ''} is sold by weight or has an odd quantity`,
      ];
    }
    return undefined;
  }

  // ---- actions -------------------------------------------------------------------------------

  async #act(): Promise<void> {
    let reservationInFlight = this.#deps.store.openOrders().some((o) => o.state === 'reserving');
    for (const order of this.#deps.store.openOrders()) {
      if (this.#signal?.aborted) return;
      const current = this.#deps.store.findOrder(order.kaspiCode) ?? order;
      switch (current.state) {
        case 'to_reserve': {
          // Never start a reservation while another one's outcome is unknown.
          if (reservationInFlight) continue;
          const reserved = await this.#reserve(current);
          // After a lost reply the reconciliation may already have found the order.
          const after = reserved ?? this.#deps.store.findOrder(current.kaspiCode);
          if (after?.state === 'reserved') await this.#accept(after);
          reservationInFlight = after?.state === 'reserving';
          break;
        }
        case 'reserved':
          await this.#accept(current);
          break;
        case 'accepting':
        case 'cancelling':
          // Left in flight by a failure this cycle could not resolve; the next one reconciles.
          break;
        case 'to_cancel':
          await this.#cancel(current);
          break;
        case 'compensating':
          await this.#compensate(current);
          break;
        default:
          break;
      }
    }
  }

  async #reserve(order: OrderRecord): Promise<OrderRecord | undefined> {
    const supplier = this.#supplier(order) as Supplier & Required<Pick<Supplier, 'reserve'>>;
    const reserving: OrderRecord = {
      ...order,
      state: 'reserving',
      reserveStartedAt: this.#now(),
    };
    this.#deps.assertWriter?.();
    this.#save(reserving, order.state, { step: 'reserve', phase: 'started' });
    this.#boundary('reserve:started', order.kaspiCode);
    let supplierOrderId: string;
    try {
      ({ supplierOrderId } = await supplier.reserve({
        externalId: order.kaspiCode,
        lines: reservationLines(order),
        shippingDate: shippingDateFor(this.#now(), {
          daysAhead: this.#deps.config.shippingDaysAhead,
          skipWeekends: this.#deps.config.shippingSkipWeekends,
        }),
        ...this.#call,
      }));
    } catch (error) {
      this.#fail(order.kaspiCode, 'reserve', error);
      this.#save(reserving, 'reserving', {
        step: 'reserve',
        phase: 'failed',
        detail: `outcome unknown: ${message(error)}`,
      });
      // Whether the supplier order exists is now a question for the supplier's order list.
      await this.#resolveReserving(reserving);
      return undefined;
    }
    this.#boundary('reserve:effect', order.kaspiCode);
    const reserved: OrderRecord = { ...reserving, state: 'reserved', supplierOrderId, attempts: 0 };
    this.#save(reserved, 'reserving', {
      step: 'reserve',
      phase: 'done',
      detail: `supplier order ${supplierOrderId}`,
    });
    this.#boundary('reserve:done', order.kaspiCode);
    return reserved;
  }

  async #accept(order: OrderRecord): Promise<void> {
    if (order.supplierOrderId === undefined) {
      this.#attention(order, 'accept-failed', 'no supplier reservation recorded');
      return;
    }
    const accepting: OrderRecord = { ...order, state: 'accepting' };
    this.#deps.assertWriter?.();
    this.#save(accepting, order.state, { step: 'accept', phase: 'started' });
    this.#boundary('accept:started', order.kaspiCode);
    try {
      await this.#deps.kaspi.acceptOrder({ id: order.kaspiId, code: order.kaspiCode }, this.#call);
    } catch (error) {
      this.#fail(order.kaspiCode, 'accept', error);
      await this.#afterKaspiFailure(accepting, 'accept', error);
      const now = this.#deps.store.findOrder(order.kaspiCode);
      if (now?.state === 'compensating') await this.#compensate(now);
      return;
    }
    this.#boundary('accept:effect', order.kaspiCode);
    this.#save({ ...accepting, state: 'accepted', attempts: 0 }, 'accepting', {
      step: 'accept',
      phase: 'done',
    });
    this.#boundary('accept:done', order.kaspiCode);
  }

  async #cancel(order: OrderRecord): Promise<void> {
    const cancelling: OrderRecord = { ...order, state: 'cancelling' };
    this.#deps.assertWriter?.();
    this.#save(cancelling, order.state, { step: 'cancel', phase: 'started' });
    this.#boundary('cancel:started', order.kaspiCode);
    try {
      await this.#deps.kaspi.cancelOrder(
        { id: order.kaspiId, code: order.kaspiCode },
        'MERCHANT_OUT_OF_STOCK',
        undefined,
        this.#call,
      );
    } catch (error) {
      this.#fail(order.kaspiCode, 'cancel', error);
      await this.#afterKaspiFailure(cancelling, 'cancel', error);
      return;
    }
    this.#boundary('cancel:effect', order.kaspiCode);
    this.#save({ ...cancelling, state: 'cancelled', note: 'out of stock' }, 'cancelling', {
      step: 'cancel',
      phase: 'done',
    });
    this.#boundary('cancel:done', order.kaspiCode);
  }

  /** After a failed status change, Kaspi's own view of the order decides what comes next. */
  async #afterKaspiFailure(
    order: OrderRecord,
    step: 'accept' | 'cancel',
    error: unknown,
  ): Promise<void> {
    let status: string | undefined;
    try {
      status = (await this.#deps.kaspi.getOrder(order.kaspiId, this.#call)).status;
    } catch {
      // Unknown: the order stays in flight and the next cycle reconciles it.
      this.#save(order, order.state, { step, phase: 'failed', detail: message(error) });
      return;
    }
    const attempts = order.attempts + 1;
    if (status === APPROVED && attempts >= this.#deps.config.maxAttempts) {
      this.#attention(
        order,
        step === 'accept' ? 'accept-failed' : 'cancel-failed',
        `${step} failed ${attempts} times: ${message(error)}${step === 'accept' ? `; supplier order ${order.supplierOrderId} kept` : ''}`,
      );
      return;
    }
    this.#save({ ...order, attempts }, order.state, {
      step,
      phase: 'failed',
      detail: message(error),
    });
    this.#applyKaspiStatus({ ...order, attempts }, status);
  }

  /** Reverses the supplier order of an order Kaspi will not deliver, if the supplier allows. */
  async #compensate(order: OrderRecord): Promise<void> {
    const supplier = this.#supplier(order);
    if (supplier?.cancelReservation === undefined || order.supplierOrderId === undefined) {
      this.#attention(order, 'compensate-failed', 'no way to cancel the supplier order');
      return;
    }
    const id = order.supplierOrderId;
    this.#deps.assertWriter?.();
    this.#save(order, order.state, { step: 'compensate', phase: 'started' });
    this.#boundary('compensate:started', order.kaspiCode);
    try {
      const current = await supplier.reservationStatus?.(id, this.#call);
      if (current?.cancelled !== true) {
        if (current !== undefined && !current.cancellable) {
          this.#attention(
            order,
            'supplier-cancel-refused',
            `${order.note ?? 'Kaspi will not deliver'}, but supplier order ${id} is in status ${current.status ?? '(none)'}, which the runner does not cancel: cancel or return it with the supplier by hand`,
          );
          return;
        }
        await supplier.cancelReservation(id, this.#call);
      }
    } catch (error) {
      this.#fail(order.kaspiCode, 'compensate', error);
      const attempts = order.attempts + 1;
      if (attempts >= this.#deps.config.maxAttempts) {
        this.#attention(
          order,
          'compensate-failed',
          `supplier order ${id} could not be cancelled: ${message(error)}; cancel it with the supplier by hand`,
        );
      } else {
        this.#save({ ...order, attempts }, order.state, {
          step: 'compensate',
          phase: 'failed',
          detail: message(error),
        });
      }
      return;
    }
    this.#boundary('compensate:effect', order.kaspiCode);
    this.#save(
      {
        ...order,
        state: 'cancelled',
        note: `${order.note ?? 'Kaspi order not accepted'}; supplier order ${id} cancelled`,
      },
      'compensating',
      { step: 'compensate', phase: 'done' },
    );
    this.#boundary('compensate:done', order.kaspiCode);
  }

  // ---- helpers -------------------------------------------------------------------------------

  #supplier(order: OrderRecord): Supplier | undefined {
    return this.#deps.suppliers.find((s) => s.id === order.supplier);
  }

  /** The one way the flow writes an order: a legal transition, compare-and-set on `from`. */
  #save(order: OrderRecord, from: TransitionSource, step: Step | undefined): void {
    assertTransition(order.kaspiCode, from, order.state);
    this.#deps.store.transitionOrder(order, from, step);
    if (from !== order.state && step !== undefined) {
      this.#deps.onEvent?.({
        type: 'order.state',
        code: order.kaspiCode,
        from: from === 'start' ? undefined : from,
        to: order.state,
        step: step.step,
        detail: step.detail,
      });
    }
  }

  #attention(order: OrderRecord, reason: AttentionReason, detail: string): void {
    this.#save({ ...order, state: 'attention', attention: { reason, detail } }, order.state, {
      step: stepOfAttention(order.state),
      phase: 'done',
      detail: `needs a person: ${reason}: ${detail}`,
    });
    this.#deps.onEvent?.({ type: 'order.attention', code: order.kaspiCode, reason, detail });
  }

  #fail(code: string | undefined, step: OrderStepName | 'poll' | 'stock', error: unknown): void {
    const text = message(error);
    this.errors.push(`${code === undefined ? '' : `${code} `}${step}: ${text}`);
    this.#deps.onEvent?.({ type: 'order.error', code, step, error: text });
  }

  #boundary(boundary: OrderBoundary, code: string): void {
    this.#deps.onBoundary?.(boundary, code);
  }
}

function stepOfAttention(state: OrderState): OrderStepName {
  switch (state) {
    case 'new':
      return 'decide';
    case 'reserving':
      return 'reconcile';
    case 'accepting':
    case 'reserved':
      return 'accept';
    case 'cancelling':
    case 'to_cancel':
      return 'cancel';
    case 'compensating':
      return 'compensate';
    default:
      return 'reconcile';
  }
}

function reservationLines(order: OrderRecord): { key: string; quantity: number }[] {
  const merged = new Map<string, number>();
  for (const line of order.lines) {
    const key = line.productKey as string;
    merged.set(key, (merged.get(key) ?? 0) + line.quantity);
  }
  return [...merged].map(([key, quantity]) => ({ key, quantity }));
}

/** Stock and dealer prices in one request when the supplier can (the price check needs both). */
async function liveStockAndPrices(
  supplier: Supplier,
  keys: readonly string[],
  call: { signal?: AbortSignal },
): Promise<ReadonlyMap<string, StockAndPrice | undefined>> {
  if (supplier.getStockAndPricesOf !== undefined) return supplier.getStockAndPricesOf(keys, call);
  if (supplier.getStock !== undefined) {
    // Stock only: the price check then says it has no dealer price.
    const stock = await supplier.getStock(keys, call);
    return new Map(keys.map((key) => [key, { prices: {}, stock: stock.get(key) }]));
  }
  const snapshot = await supplier.getStockAndPrices(call);
  return new Map(keys.map((key) => [key, snapshot.get(key)]));
}

function message(error: unknown): string {
  if (KaspiError.isInstance(error)) return `${error.name}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
