import type { KaspiClient } from '@kaspi-connect/kaspi-client';
import type { OrdersConfig } from '../config/schema.js';
import type { StateStore } from '../state/state-store.js';
import type { Supplier } from '../supplier/supplier.js';
import type { ClockWatch } from './clock-check.js';
import { importFreshState, STATE_LOST_KEY, StateLostError } from './fresh-state.js';
import { act } from './order-act.js';
import { decide } from './order-decide.js';
import type { OrderBoundary, OrderEventHandler } from './order-events.js';
import { FlowContext } from './order-flow-context.js';
import { type PollResult, poll } from './order-poll.js';
import { reconcileWithKaspi, resolveReserving } from './order-reconcile.js';

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
  const flow = new FlowContext(deps, options.signal);
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
  const result = await cycle(flow);
  return {
    ...result,
    counts: deps.store.orderCounts(),
    ...openAndWatched(deps.store),
    errors: flow.errors,
    durationMs: Math.round(performance.now() - started),
  };
}

function openAndWatched(store: StateStore): { open: number; watched: number } {
  const open = store.openOrders();
  const watched = open.filter((order) => order.state === 'accepted').length;
  return { open: open.length - watched, watched };
}

async function cycle(ctx: FlowContext): Promise<PollResult> {
  // Interrupted side effects first: nothing is reserved again before they are resolved.
  for (const order of ctx.deps.store.openOrders()) {
    if (order.state === 'reserving') await resolveReserving(ctx, order);
  }
  const result = await poll(ctx);
  await reconcileWithKaspi(ctx);
  await decide(ctx);
  await act(ctx);
  return result;
}
