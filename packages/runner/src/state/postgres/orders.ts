import { FINAL_STATES, type OrderRecord, type OrderStepRecord } from '../../orders/order-record.js';
import { OrderConflictError, type TransitionSource } from '../../orders/transitions.js';
import { type OrderRow, type OrderStepRow, orderParams, toOrder, toOrderStep } from '../rows.js';
import { changes, inTransaction, one, type PgContext, type Queryable, rows } from './context.js';

type StepInput = Omit<OrderStepRecord, 'kaspiCode' | 'at'>;

/** One order row and step; with `expected`, an UPDATE … WHERE state = expected (the CAS). */
async function writeOrder(
  db: Queryable,
  shop: string,
  order: OrderRecord,
  step: StepInput | undefined,
  now: number,
  expected?: OrderRecord['state'],
): Promise<void> {
  const p = orderParams(order);
  if (expected !== undefined) {
    const changed = await changes(
      db,
      `UPDATE orders SET state = $3, supplier = $4, supplier_order_id = $5, needs_attention = $6,
         data = $7, updated_at = $8
       WHERE shop = $1 AND kaspi_code = $2 AND state = $9`,
      [shop, p.code, p.state, p.supplier, p.supplierOrderId, p.attention, p.data, now, expected],
    );
    if (changed !== 1) throw new OrderConflictError(order.kaspiCode, expected, undefined);
  } else {
    await db.query(
      `INSERT INTO orders (shop, kaspi_code, state, supplier, supplier_order_id, needs_attention,
         data, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (shop, kaspi_code) DO UPDATE SET state = excluded.state,
         supplier = excluded.supplier, supplier_order_id = excluded.supplier_order_id,
         needs_attention = excluded.needs_attention, data = excluded.data,
         updated_at = excluded.updated_at`,
      [shop, p.code, p.state, p.supplier, p.supplierOrderId, p.attention, p.data, p.createdAt, now],
    );
  }
  if (step !== undefined) {
    await db.query(
      'INSERT INTO order_steps (shop, kaspi_code, step, phase, detail, at) VALUES ($1, $2, $3, $4, $5, $6)',
      [shop, order.kaspiCode, step.step, step.phase, step.detail ?? null, now],
    );
  }
}

/** Kaspi orders, their step log and the poll cursor on PostgreSQL (worker side). */
export const orderHandlers = {
  async findOrder(ctx: PgContext, kaspiCode: string): Promise<OrderRecord | undefined> {
    const row = await one<OrderRow>(
      ctx.pool,
      'SELECT * FROM orders WHERE shop = $1 AND kaspi_code = $2',
      [ctx.shop, kaspiCode],
    );
    return row === undefined ? undefined : toOrder(row);
  },

  async saveOrder(
    ctx: PgContext,
    order: OrderRecord,
    step: StepInput | undefined,
    now: number,
  ): Promise<void> {
    await inTransaction(ctx, (client) => writeOrder(client, ctx.shop, order, step, now));
  },

  /**
   * The CAS in one transaction: the row is locked (`FOR UPDATE`) from the check to the write; a
   * first insert races on the primary key, and the loser gets `OrderConflictError`.
   */
  async transitionOrder(
    ctx: PgContext,
    order: OrderRecord,
    from: TransitionSource,
    step: StepInput | undefined,
    now: number,
  ): Promise<void> {
    await inTransaction(ctx, async (client) => {
      const row = await one<{ state: OrderRecord['state'] }>(
        client,
        'SELECT state FROM orders WHERE shop = $1 AND kaspi_code = $2 FOR UPDATE',
        [ctx.shop, order.kaspiCode],
      );
      if (from === 'start' ? row !== undefined : row?.state !== from) {
        throw new OrderConflictError(order.kaspiCode, from, row?.state);
      }
      if (from !== 'start') {
        await writeOrder(client, ctx.shop, order, step, now, from);
        return;
      }
      const p = orderParams(order);
      const inserted = await changes(
        client,
        `INSERT INTO orders (shop, kaspi_code, state, supplier, supplier_order_id, needs_attention,
           data, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (shop, kaspi_code) DO NOTHING`,
        [
          ctx.shop,
          p.code,
          p.state,
          p.supplier,
          p.supplierOrderId,
          p.attention,
          p.data,
          p.createdAt,
          now,
        ],
      );
      if (inserted !== 1) throw new OrderConflictError(order.kaspiCode, from, undefined);
      if (step !== undefined) {
        await client.query(
          'INSERT INTO order_steps (shop, kaspi_code, step, phase, detail, at) VALUES ($1, $2, $3, $4, $5, $6)',
          [ctx.shop, order.kaspiCode, step.step, step.phase, step.detail ?? null, now],
        );
      }
    });
  },

  async orderBySupplierOrder(
    ctx: PgContext,
    supplier: string,
    supplierOrderId: string,
  ): Promise<OrderRecord | undefined> {
    const row = await one<OrderRow>(
      ctx.pool,
      'SELECT * FROM orders WHERE shop = $1 AND supplier = $2 AND supplier_order_id = $3',
      [ctx.shop, supplier, supplierOrderId],
    );
    return row === undefined ? undefined : toOrder(row);
  },

  async openOrders(ctx: PgContext): Promise<OrderRecord[]> {
    const found = await rows<OrderRow>(
      ctx.pool,
      `SELECT * FROM orders WHERE shop = $1 AND NOT (state = ANY($2::text[]))
       ORDER BY created_at, kaspi_code COLLATE "C"`,
      [ctx.shop, [...FINAL_STATES]],
    );
    return found.map(toOrder);
  },

  async ordersNeedingAttention(ctx: PgContext, limit: number): Promise<OrderRecord[]> {
    const found = await rows<OrderRow>(
      ctx.pool,
      "SELECT * FROM orders WHERE shop = $1 AND state = 'attention' ORDER BY updated_at DESC LIMIT $2",
      [ctx.shop, limit],
    );
    return found.map(toOrder);
  },

  async orderCounts(ctx: PgContext): Promise<Record<string, number>> {
    const found = await rows<{ state: string; n: number }>(
      ctx.pool,
      'SELECT state, COUNT(*) AS n FROM orders WHERE shop = $1 GROUP BY state ORDER BY state COLLATE "C"',
      [ctx.shop],
    );
    return Object.fromEntries(found.map((row) => [row.state, row.n]));
  },

  async orderSteps(ctx: PgContext, kaspiCode: string): Promise<OrderStepRecord[]> {
    const found = await rows<OrderStepRow>(
      ctx.pool,
      'SELECT * FROM order_steps WHERE shop = $1 AND kaspi_code = $2 ORDER BY id',
      [ctx.shop, kaspiCode],
    );
    return found.map(toOrderStep);
  },

  async supplierOrderIds(ctx: PgContext, supplier: string): Promise<Set<string>> {
    const found = await rows<{ id: string }>(
      ctx.pool,
      'SELECT supplier_order_id AS id FROM orders WHERE shop = $1 AND supplier = $2 AND supplier_order_id IS NOT NULL',
      [ctx.shop, supplier],
    );
    return new Set(found.map((row) => row.id));
  },

  async orderPollCursor(ctx: PgContext): Promise<Date | undefined> {
    const row = await one<{ polled_to: number }>(
      ctx.pool,
      'SELECT polled_to FROM order_poll WHERE shop = $1',
      [ctx.shop],
    );
    return row === undefined ? undefined : new Date(row.polled_to);
  },

  async setOrderPollCursor(ctx: PgContext, polledTo: Date): Promise<void> {
    await ctx.pool.query(
      'INSERT INTO order_poll (shop, polled_to) VALUES ($1, $2) ON CONFLICT (shop) DO UPDATE SET polled_to = excluded.polled_to',
      [ctx.shop, polledTo.getTime()],
    );
  },
};
