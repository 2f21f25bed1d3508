import type { KaspiOrder } from '@kaspi-connect/kaspi-client';
import { CLOCK_WARN_MS, ClockSkewError } from './clock-check.js';
import { APPROVED, type FlowContext, MINUTE_MS } from './order-flow-context.js';
import { orderRecordOf } from './order-lines.js';

/** What one poll of Kaspi saw: the window and the orders awaiting acceptance in it. */
export interface PollResult {
  readonly polledFrom: Date | undefined;
  readonly polledTo: Date | undefined;
  readonly seen: number;
  readonly added: number;
}

/** Records the `APPROVED_BY_BANK` orders since the cursor; moves it only on a sound clock. */
export async function poll(ctx: FlowContext): Promise<PollResult> {
  const { config, store, kaspi } = ctx.deps;
  const to = ctx.now();
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
    checkClock(ctx);
    // One pass per state: whether every order awaiting acceptance is in state NEW is unknown.
    for await (const order of kaspi.iterateOrders({
      from,
      to,
      state: config.pollStates,
      status: APPROVED,
      include: 'entries',
      ...ctx.call,
    })) {
      if (order.status !== undefined && order.status !== APPROVED) continue;
      seen++;
      ctx.kaspiStatus.set(order.code, APPROVED);
      if (store.findOrder(order.code) !== undefined) continue;
      await record(ctx, order);
      added++;
    }
    // The answers of this poll tell the clock's skew: never move the cursor on a wrong clock.
    checkClock(ctx);
  } catch (error) {
    ctx.fail(undefined, 'poll', error);
    return { polledFrom: from, polledTo: undefined, seen, added };
  }
  store.setOrderPollCursor(to);
  ctx.deps.onEvent?.({ type: 'orders.poll', from, to, seen, added });
  return { polledFrom: from, polledTo: to, seen, added };
}

/** Warns beyond a minute of skew; throws `ClockSkewError` beyond `overlapMinutes`. */
function checkClock(ctx: FlowContext): void {
  const reading = ctx.deps.clock?.worst();
  if (reading === undefined) return;
  const skew = Math.abs(reading.skewMs);
  if (skew > ctx.deps.config.overlapMinutes * MINUTE_MS) throw new ClockSkewError(reading);
  if (skew > CLOCK_WARN_MS && !ctx.clockWarned) {
    ctx.clockWarned = true;
    ctx.deps.onEvent?.({
      type: 'orders.clock',
      source: reading.source,
      skewMs: reading.skewMs,
    });
  }
}

async function record(ctx: FlowContext, order: KaspiOrder): Promise<void> {
  const { kaspi, store, config } = ctx.deps;
  const record = await orderRecordOf(kaspi, store, order, ctx.now(), ctx.call);
  ctx.save(record, 'start', { step: 'seen', phase: 'done' });
  ctx.boundary('seen:done', order.code);
  if (config.policy === 'manual') {
    ctx.attention(record, 'policy-manual', 'orders.policy is "manual": decide in the cabinet');
  }
}
