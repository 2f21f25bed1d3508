import type { Supplier } from '../supplier/supplier.js';
import { APPROVED, type FlowContext, message, reservationLines } from './order-flow-context.js';
import { applyKaspiStatus, resolveReserving } from './order-reconcile.js';
import type { OrderRecord } from './order-record.js';
import { shippingDateFor } from './shipping-date.js';

/** Runs the side effects of every open order: reserve → accept, cancel, or compensate. */
export async function act(ctx: FlowContext): Promise<void> {
  let reservationInFlight = ctx.deps.store.openOrders().some((o) => o.state === 'reserving');
  for (const order of ctx.deps.store.openOrders()) {
    if (ctx.signal?.aborted) return;
    const current = ctx.deps.store.findOrder(order.kaspiCode) ?? order;
    switch (current.state) {
      case 'to_reserve': {
        // Never start a reservation while another one's outcome is unknown.
        if (reservationInFlight) continue;
        const reserved = await reserve(ctx, current);
        // After a lost reply the reconciliation may already have found the order.
        const after = reserved ?? ctx.deps.store.findOrder(current.kaspiCode);
        if (after?.state === 'reserved') await accept(ctx, after);
        reservationInFlight = after?.state === 'reserving';
        break;
      }
      case 'reserved':
        await accept(ctx, current);
        break;
      case 'accepting':
      case 'cancelling':
        // Left in flight by a failure this cycle could not resolve; the next one reconciles.
        break;
      case 'to_cancel':
        await cancel(ctx, current);
        break;
      case 'compensating':
        await compensate(ctx, current);
        break;
      default:
        break;
    }
  }
}

async function reserve(ctx: FlowContext, order: OrderRecord): Promise<OrderRecord | undefined> {
  const supplier = ctx.supplier(order) as Supplier & Required<Pick<Supplier, 'reserve'>>;
  const reserving: OrderRecord = {
    ...order,
    state: 'reserving',
    reserveStartedAt: ctx.now(),
  };
  ctx.deps.assertWriter?.();
  ctx.save(reserving, order.state, { step: 'reserve', phase: 'started' });
  ctx.boundary('reserve:started', order.kaspiCode);
  let supplierOrderId: string;
  try {
    ({ supplierOrderId } = await supplier.reserve({
      externalId: order.kaspiCode,
      lines: reservationLines(order),
      shippingDate: shippingDateFor(ctx.now(), {
        daysAhead: ctx.deps.config.shippingDaysAhead,
        skipWeekends: ctx.deps.config.shippingSkipWeekends,
      }),
      ...ctx.call,
    }));
  } catch (error) {
    ctx.fail(order.kaspiCode, 'reserve', error);
    ctx.save(reserving, 'reserving', {
      step: 'reserve',
      phase: 'failed',
      detail: `outcome unknown: ${message(error)}`,
    });
    // Whether the supplier order exists is now a question for the supplier's order list.
    await resolveReserving(ctx, reserving);
    return undefined;
  }
  ctx.boundary('reserve:effect', order.kaspiCode);
  const reserved: OrderRecord = { ...reserving, state: 'reserved', supplierOrderId, attempts: 0 };
  ctx.save(reserved, 'reserving', {
    step: 'reserve',
    phase: 'done',
    detail: `supplier order ${supplierOrderId}`,
  });
  ctx.boundary('reserve:done', order.kaspiCode);
  return reserved;
}

async function accept(ctx: FlowContext, order: OrderRecord): Promise<void> {
  if (order.supplierOrderId === undefined) {
    ctx.attention(order, 'accept-failed', 'no supplier reservation recorded');
    return;
  }
  const accepting: OrderRecord = { ...order, state: 'accepting' };
  ctx.deps.assertWriter?.();
  ctx.save(accepting, order.state, { step: 'accept', phase: 'started' });
  ctx.boundary('accept:started', order.kaspiCode);
  try {
    await ctx.deps.kaspi.acceptOrder({ id: order.kaspiId, code: order.kaspiCode }, ctx.call);
  } catch (error) {
    ctx.fail(order.kaspiCode, 'accept', error);
    await afterKaspiFailure(ctx, accepting, 'accept', error);
    const now = ctx.deps.store.findOrder(order.kaspiCode);
    if (now?.state === 'compensating') await compensate(ctx, now);
    return;
  }
  ctx.boundary('accept:effect', order.kaspiCode);
  ctx.save({ ...accepting, state: 'accepted', attempts: 0 }, 'accepting', {
    step: 'accept',
    phase: 'done',
  });
  ctx.boundary('accept:done', order.kaspiCode);
}

async function cancel(ctx: FlowContext, order: OrderRecord): Promise<void> {
  const cancelling: OrderRecord = { ...order, state: 'cancelling' };
  ctx.deps.assertWriter?.();
  ctx.save(cancelling, order.state, { step: 'cancel', phase: 'started' });
  ctx.boundary('cancel:started', order.kaspiCode);
  try {
    await ctx.deps.kaspi.cancelOrder(
      { id: order.kaspiId, code: order.kaspiCode },
      'MERCHANT_OUT_OF_STOCK',
      undefined,
      ctx.call,
    );
  } catch (error) {
    ctx.fail(order.kaspiCode, 'cancel', error);
    await afterKaspiFailure(ctx, cancelling, 'cancel', error);
    return;
  }
  ctx.boundary('cancel:effect', order.kaspiCode);
  ctx.save({ ...cancelling, state: 'cancelled', note: 'out of stock' }, 'cancelling', {
    step: 'cancel',
    phase: 'done',
  });
  ctx.boundary('cancel:done', order.kaspiCode);
}

/** After a failed status change, Kaspi's own view of the order decides what comes next. */
async function afterKaspiFailure(
  ctx: FlowContext,
  order: OrderRecord,
  step: 'accept' | 'cancel',
  error: unknown,
): Promise<void> {
  let status: string | undefined;
  try {
    status = (await ctx.deps.kaspi.getOrder(order.kaspiId, ctx.call)).status;
  } catch {
    // Unknown: the order stays in flight and the next cycle reconciles it.
    ctx.save(order, order.state, { step, phase: 'failed', detail: message(error) });
    return;
  }
  const attempts = order.attempts + 1;
  if (status === APPROVED && attempts >= ctx.deps.config.maxAttempts) {
    ctx.attention(
      order,
      step === 'accept' ? 'accept-failed' : 'cancel-failed',
      `${step} failed ${attempts} times: ${message(error)}${step === 'accept' ? `; supplier order ${order.supplierOrderId} kept` : ''}`,
    );
    return;
  }
  ctx.save({ ...order, attempts }, order.state, {
    step,
    phase: 'failed',
    detail: message(error),
  });
  applyKaspiStatus(ctx, { ...order, attempts }, status);
}

/** Reverses the supplier order of an order Kaspi will not deliver, if the supplier allows. */
async function compensate(ctx: FlowContext, order: OrderRecord): Promise<void> {
  const supplier = ctx.supplier(order);
  if (supplier?.cancelReservation === undefined || order.supplierOrderId === undefined) {
    ctx.attention(order, 'compensate-failed', 'no way to cancel the supplier order');
    return;
  }
  const id = order.supplierOrderId;
  ctx.deps.assertWriter?.();
  ctx.save(order, order.state, { step: 'compensate', phase: 'started' });
  ctx.boundary('compensate:started', order.kaspiCode);
  try {
    const current = await supplier.reservationStatus?.(id, ctx.call);
    if (current?.cancelled !== true) {
      if (current !== undefined && !current.cancellable) {
        ctx.attention(
          order,
          'supplier-cancel-refused',
          `${order.note ?? 'Kaspi will not deliver'}, but supplier order ${id} is in status ${current.status ?? '(none)'}, which the runner does not cancel: cancel or return it with the supplier by hand`,
        );
        return;
      }
      await supplier.cancelReservation(id, ctx.call);
    }
  } catch (error) {
    ctx.fail(order.kaspiCode, 'compensate', error);
    const attempts = order.attempts + 1;
    if (attempts >= ctx.deps.config.maxAttempts) {
      ctx.attention(
        order,
        'compensate-failed',
        `supplier order ${id} could not be cancelled: ${message(error)}; cancel it with the supplier by hand`,
      );
    } else {
      ctx.save({ ...order, attempts }, order.state, {
        step: 'compensate',
        phase: 'failed',
        detail: message(error),
      });
    }
    return;
  }
  ctx.boundary('compensate:effect', order.kaspiCode);
  ctx.save(
    {
      ...order,
      state: 'cancelled',
      note: `${order.note ?? 'Kaspi order not accepted'}; supplier order ${id} cancelled`,
    },
    'compensating',
    { step: 'compensate', phase: 'done' },
  );
  ctx.boundary('compensate:done', order.kaspiCode);
}
