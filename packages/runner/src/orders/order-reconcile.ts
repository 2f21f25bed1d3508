import type { Supplier } from '../supplier/supplier.js';
import { applyAcceptedStatus } from './after-acceptance.js';
import {
  ACCEPTED,
  APPROVED,
  CANCELLED,
  type FlowContext,
  MINUTE_MS,
  reservationLines,
  type Step,
} from './order-flow-context.js';
import type { OrderRecord, OrderState } from './order-record.js';

/** Kaspi's current status of every open order that this poll did not show as awaiting us. */
export async function reconcileWithKaspi(ctx: FlowContext): Promise<void> {
  const watched: readonly OrderState[] = [
    'new',
    'to_reserve',
    'to_cancel',
    'reserved',
    'accepting',
    'cancelling',
    'accepted',
  ];
  const watchMs = ctx.deps.config.watchAcceptedEveryMinutes * MINUTE_MS;
  for (const order of ctx.deps.store.openOrders()) {
    if (!watched.includes(order.state)) continue;
    if (
      order.state === 'accepted' &&
      order.kaspiCheckedAt !== undefined &&
      ctx.now().getTime() - order.kaspiCheckedAt.getTime() < watchMs
    )
      continue;
    let status = ctx.kaspiStatus.get(order.kaspiCode);
    if (status === undefined) {
      try {
        status = (await ctx.deps.kaspi.getOrder(order.kaspiId, ctx.call)).status;
        ctx.kaspiStatus.set(order.kaspiCode, status);
      } catch (error) {
        ctx.fail(order.kaspiCode, 'reconcile', error);
        continue;
      }
    }
    applyKaspiStatus(ctx, order, status);
  }
}

/** Moves an open order to where Kaspi's status says it is. */
export function applyKaspiStatus(
  ctx: FlowContext,
  order: OrderRecord,
  status: string | undefined,
): void {
  const step = (detail: string): Step => ({ step: 'reconcile', phase: 'done', detail });
  switch (order.state) {
    case 'new':
    case 'to_reserve':
    case 'to_cancel':
      if (status === APPROVED) return;
      if (status === CANCELLED || status === 'CANCELLING') {
        ctx.save(
          { ...order, state: 'cancelled', note: `Kaspi status ${status} before any action` },
          order.state,
          step(`kaspi ${status}`),
        );
      } else {
        ctx.attention(
          order,
          'kaspi-unexpected-status',
          `Kaspi shows ${status ?? 'no status'} before the runner acted`,
        );
      }
      return;
    case 'reserved':
    case 'accepting':
      if (status === ACCEPTED) {
        ctx.save(
          { ...order, state: 'accepted', attempts: 0 },
          order.state,
          step(`kaspi ${status}`),
        );
      } else if (status === APPROVED) {
        if (order.state === 'accepting')
          ctx.save({ ...order, state: 'reserved' }, order.state, step('accept did not happen'));
      } else {
        ctx.save(
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
      const next = applyAcceptedStatus(order, status, ctx.now());
      ctx.save(next.order, order.state, next.step);
      return;
    }
    case 'cancelling':
      if (status === CANCELLED) {
        ctx.save({ ...order, state: 'cancelled' }, order.state, step('kaspi CANCELLED'));
      } else if (status === APPROVED) {
        ctx.save({ ...order, state: 'to_cancel' }, order.state, step('cancel did not happen'));
      } else {
        ctx.attention(
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
export async function resolveReserving(ctx: FlowContext, order: OrderRecord): Promise<void> {
  const supplier = ctx.supplier(order);
  if (supplier?.findReservation === undefined) {
    ctx.attention(order, 'reconcile-ambiguous', 'the supplier cannot look up orders');
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
        ...ctx.deps.store.supplierOrderIds(supplier.id),
        ...ctx.deps.store
          .supplierOrphans()
          .filter((o) => o.supplier === supplier.id)
          .map((o) => o.supplierOrderId),
      ]),
      ...ctx.call,
    });
  } catch (error) {
    ctx.fail(order.kaspiCode, 'reconcile', error);
    return;
  }
  if (match.kind === 'found') {
    ctx.save(
      { ...order, state: 'reserved', supplierOrderId: match.supplierOrderId, attempts: 0 },
      order.state,
      { step: 'reserve', phase: 'done', detail: `found supplier order ${match.supplierOrderId}` },
    );
  } else if (match.kind === 'absent') {
    const attempts = order.attempts + 1;
    if (attempts >= ctx.deps.config.maxAttempts) {
      ctx.attention(order, 'reserve-failed', `no supplier order after ${attempts} attempts`);
    } else {
      ctx.save({ ...order, state: 'to_reserve', attempts }, order.state, {
        step: 'reserve',
        phase: 'failed',
        detail: 'no supplier order exists: safe to retry',
      });
    }
  } else {
    ctx.attention(order, 'reconcile-ambiguous', match.reason);
  }
  ctx.boundary('reconcile:done', order.kaspiCode);
}
