import type { StockAndPrice, Supplier } from '../supplier/supplier.js';
import { stateLossSuspect } from './fresh-state.js';
import { type FlowContext, reservationLines, type Step } from './order-flow-context.js';
import type { AttentionReason, OrderRecord } from './order-record.js';
import { belowCost } from './price-check.js';

/** Decides every `new` order with one live stock request per supplier, oldest order first. */
export async function decide(ctx: FlowContext): Promise<void> {
  const { store, config } = ctx.deps;
  const fresh = store.openOrders().filter((order) => order.state === 'new');
  if (fresh.length === 0) return;
  const bySupplier = new Map<Supplier, OrderRecord[]>();
  for (const order of fresh) {
    const problem = unreservable(ctx, order);
    if (problem !== undefined) {
      ctx.attention(order, problem[0], problem[1]);
      continue;
    }
    const supplier = ctx.supplier(order) as Supplier;
    bySupplier.set(supplier, [...(bySupplier.get(supplier) ?? []), order]);
  }
  for (const [supplier, orders] of bySupplier) {
    const keys = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.productKey as string)))];
    let stock: ReadonlyMap<string, StockAndPrice | undefined>;
    try {
      stock = await liveStockAndPrices(supplier, keys, ctx.call);
    } catch (error) {
      // Undecided orders stay `new` and are decided next cycle.
      ctx.fail(undefined, 'stock', error);
      continue;
    }
    // Orders compete for the same units: the oldest gets them first.
    const left = new Map(keys.map((key) => [key, stock.get(key)?.stock?.min ?? 0]));
    for (const order of orders) {
      const wanted = reservationLines(order);
      const short = wanted.filter((line) => (left.get(line.key) ?? 0) < line.quantity);
      if (short.length === 0) {
        for (const line of wanted) left.set(line.key, (left.get(line.key) ?? 0) - line.quantity);
        decideInStock(ctx, order, stock);
      } else {
        const detail = `out of stock: ${short.map((l) => `${l.key} ×${l.quantity}`).join(', ')}`;
        if (config.outOfStock === 'cancel') {
          ctx.save({ ...order, state: 'to_cancel' }, order.state, {
            step: 'decide',
            phase: 'done',
            detail,
          });
        } else {
          ctx.attention(order, 'out-of-stock', detail);
        }
      }
      ctx.boundary('decide:done', order.kaspiCode);
    }
  }
}

/** In stock: reserve, unless the buyer pays less than cost (then `orders.belowCost`). */
function decideInStock(
  ctx: FlowContext,
  order: OrderRecord,
  prices: ReadonlyMap<string, StockAndPrice | undefined>,
): void {
  const { config } = ctx.deps;
  const low = belowCost(order, prices, ctx.deps.minMarginPercent ?? 0);
  const step = (detail: string): Step => ({ step: 'decide', phase: 'done', detail });
  if (low === undefined) {
    ctx.save({ ...order, state: 'to_reserve' }, order.state, step('all lines in stock'));
  } else if (config.belowCost === 'accept') {
    ctx.save({ ...order, state: 'to_reserve' }, order.state, step(`accepted below cost: ${low}`));
  } else if (config.belowCost === 'cancel') {
    ctx.save({ ...order, state: 'to_cancel' }, order.state, step(`below cost: ${low}`));
  } else {
    ctx.attention(order, 'below-cost', `${low}; accept or cancel it in the cabinet`);
  }
}

function unreservable(ctx: FlowContext, order: OrderRecord): [AttentionReason, string] | undefined {
  const lost = stateLossSuspect(ctx.deps.store, order);
  if (lost !== undefined) return ['state-lost', lost];
  const unknown = order.lines.filter((line) => line.productKey === undefined);
  if (unknown.length > 0) {
    return [
      'unknown-sku',
      `SKUs the runner did not publish: ${unknown.map((l) => l.sku).join(', ')}; left untouched`,
    ];
  }
  if (order.supplier === undefined) return ['mixed-suppliers', 'lines from several suppliers'];
  const supplier = ctx.supplier(order);
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
    return ['unsupported-unit', `line ${odd?.sku ?? ''} is sold by weight or has an odd quantity`];
  }
  return undefined;
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
