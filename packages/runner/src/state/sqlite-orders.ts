import type Database from 'better-sqlite3';
import { FINAL_STATES, type OrderRecord, type OrderStepRecord } from '../orders/order-record.js';
import { OrderConflictError, type TransitionSource } from '../orders/transitions.js';
import { type OrderRow, type OrderStepRow, orderParams, toOrder, toOrderStep } from './rows.js';

type StepInput = Omit<OrderStepRecord, 'kaspiCode' | 'at'>;

/** Kaspi orders of the order flow, their step log and the poll cursor, on SQLite. */
export class SqliteOrders {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  findOrder(kaspiCode: string): OrderRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM orders WHERE kaspi_code = ?').get(kaspiCode) as
      | OrderRow
      | undefined;
    return row === undefined ? undefined : toOrder(row);
  }

  saveOrder(order: OrderRecord, step?: StepInput): void {
    this.#db.transaction(() => this.#writeOrder(order, step))();
  }

  transitionOrder(order: OrderRecord, from: TransitionSource, step?: StepInput): void {
    this.#db
      .transaction(() => {
        const row = this.#db
          .prepare('SELECT state FROM orders WHERE kaspi_code = ?')
          .get(order.kaspiCode) as { state: OrderRecord['state'] } | undefined;
        if (from === 'start' ? row !== undefined : row?.state !== from) {
          throw new OrderConflictError(order.kaspiCode, from, row?.state);
        }
        this.#writeOrder(order, step, from === 'start' ? undefined : from);
      })
      .immediate();
  }

  orderBySupplierOrder(supplier: string, supplierOrderId: string): OrderRecord | undefined {
    const row = this.#db
      .prepare('SELECT * FROM orders WHERE supplier = ? AND supplier_order_id = ?')
      .get(supplier, supplierOrderId) as OrderRow | undefined;
    return row === undefined ? undefined : toOrder(row);
  }

  /** One order row and step; with `expected`, an UPDATE … WHERE state = expected (the CAS). */
  #writeOrder(
    order: OrderRecord,
    step: StepInput | undefined,
    expected?: OrderRecord['state'],
  ): void {
    const now = Date.now();
    if (expected !== undefined) {
      const changed = this.#db
        .prepare(
          `UPDATE orders SET state = @state, supplier = @supplier,
               supplier_order_id = @supplierOrderId, needs_attention = @attention, data = @data,
               updated_at = @now
             WHERE kaspi_code = @code AND state = @expected`,
        )
        .run({ ...orderParams(order), now, expected }).changes;
      if (changed !== 1) throw new OrderConflictError(order.kaspiCode, expected, undefined);
    } else
      this.#db
        .prepare(
          `INSERT INTO orders (kaspi_code, state, supplier, supplier_order_id, needs_attention, data,
             created_at, updated_at)
           VALUES (@code, @state, @supplier, @supplierOrderId, @attention, @data, @createdAt, @now)
           ON CONFLICT (kaspi_code) DO UPDATE SET state = excluded.state,
             supplier = excluded.supplier, supplier_order_id = excluded.supplier_order_id,
             needs_attention = excluded.needs_attention, data = excluded.data,
             updated_at = excluded.updated_at`,
        )
        .run({ ...orderParams(order), now });
    if (step !== undefined) {
      this.#db
        .prepare(
          'INSERT INTO order_steps (kaspi_code, step, phase, detail, at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(order.kaspiCode, step.step, step.phase, step.detail ?? null, now);
    }
  }

  openOrders(): OrderRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM orders WHERE state NOT IN (${FINAL_STATES.map(() => '?').join(', ')})
         ORDER BY created_at, kaspi_code`,
      )
      .all(...FINAL_STATES) as OrderRow[];
    return rows.map(toOrder);
  }

  ordersNeedingAttention(limit: number): OrderRecord[] {
    const rows = this.#db
      .prepare("SELECT * FROM orders WHERE state = 'attention' ORDER BY updated_at DESC LIMIT ?")
      .all(limit) as OrderRow[];
    return rows.map(toOrder);
  }

  orderCounts(): Record<string, number> {
    const rows = this.#db
      .prepare('SELECT state, COUNT(*) AS n FROM orders GROUP BY state ORDER BY state')
      .all() as { state: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.state, row.n]));
  }

  orderSteps(kaspiCode: string): OrderStepRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM order_steps WHERE kaspi_code = ? ORDER BY id')
      .all(kaspiCode) as OrderStepRow[];
    return rows.map(toOrderStep);
  }

  supplierOrderIds(supplier: string): Set<string> {
    const rows = this.#db
      .prepare(
        'SELECT supplier_order_id AS id FROM orders WHERE supplier = ? AND supplier_order_id IS NOT NULL',
      )
      .all(supplier) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  orderPollCursor(): Date | undefined {
    const row = this.#db.prepare('SELECT polled_to FROM order_poll WHERE id = 1').get() as
      | { polled_to: number }
      | undefined;
    return row === undefined ? undefined : new Date(row.polled_to);
  }

  setOrderPollCursor(polledTo: Date): void {
    this.#db
      .prepare(
        'INSERT INTO order_poll (id, polled_to) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET polled_to = excluded.polled_to',
      )
      .run(polledTo.getTime());
  }
}
