import { one, type PgContext, rows } from './context.js';

/** Key/value state, the emptiness check and supplier orphans on PostgreSQL (worker side). */
export const metaHandlers = {
  async getMeta(ctx: PgContext, key: string): Promise<string | undefined> {
    const row = await one<{ value: string }>(
      ctx.pool,
      'SELECT value FROM state_meta WHERE shop = $1 AND key = $2',
      [ctx.shop, key],
    );
    return row?.value;
  },

  async setMeta(ctx: PgContext, key: string, value: string | undefined): Promise<void> {
    if (value === undefined) {
      await ctx.pool.query('DELETE FROM state_meta WHERE shop = $1 AND key = $2', [ctx.shop, key]);
    } else {
      await ctx.pool.query(
        `INSERT INTO state_meta (shop, key, value) VALUES ($1, $2, $3)
         ON CONFLICT (shop, key) DO UPDATE SET value = excluded.value`,
        [ctx.shop, key, value],
      );
    }
  },

  async isEmpty(ctx: PgContext): Promise<boolean> {
    const row = await one<{ any: boolean }>(
      ctx.pool,
      `SELECT EXISTS (SELECT 1 FROM runs WHERE shop = $1) OR EXISTS (SELECT 1 FROM feeds WHERE shop = $1)
         OR EXISTS (SELECT 1 FROM orders WHERE shop = $1) AS any`,
      [ctx.shop],
    );
    return row?.any !== true;
  },

  async recordSupplierOrphan(
    ctx: PgContext,
    supplier: string,
    supplierOrderId: string,
    detail: string,
    now: number,
  ): Promise<void> {
    await ctx.pool.query(
      `INSERT INTO supplier_orphans (shop, supplier, supplier_order_id, detail, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (shop, supplier, supplier_order_id) DO UPDATE SET detail = excluded.detail`,
      [ctx.shop, supplier, supplierOrderId, detail, now],
    );
  },

  async supplierOrphans(
    ctx: PgContext,
  ): Promise<{ supplier: string; supplierOrderId: string; detail: string; at: Date }[]> {
    const found = await rows<{
      supplier: string;
      supplier_order_id: string;
      detail: string;
      at: number;
    }>(ctx.pool, 'SELECT * FROM supplier_orphans WHERE shop = $1 ORDER BY at DESC', [ctx.shop]);
    return found.map((r) => ({
      supplier: r.supplier,
      supplierOrderId: r.supplier_order_id,
      detail: r.detail,
      at: new Date(r.at),
    }));
  },
};
