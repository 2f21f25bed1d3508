import type { SupplierProduct } from '../../supplier/supplier.js';
import { type SkuRow, skuParams, toSku } from '../rows.js';
import type { PriceHoldRecord, SkippedProductRecord, SkuMappingRecord } from '../state-store.js';
import { inTransaction, type PgContext, rows } from './context.js';

const SKU_COLUMNS = [
  'sku',
  'supplier',
  'product_key',
  'model',
  'brand',
  'price',
  'city_prices',
  'available',
  'stock_count',
  'last_seen_at',
  'last_published_at',
  'store_stock',
] as const;

/** The SKU map and the catalogue tables on PostgreSQL (worker side). */
export const skuHandlers = {
  async skuMappings(ctx: PgContext): Promise<SkuMappingRecord[]> {
    const found = await rows<SkuRow>(
      ctx.pool,
      'SELECT * FROM sku_map WHERE shop = $1 AND retired_at IS NULL ORDER BY sku COLLATE "C"',
      [ctx.shop],
    );
    return found.map(toSku);
  },

  async findSkuMapping(ctx: PgContext, sku: string): Promise<SkuMappingRecord | undefined> {
    const found = await rows<SkuRow>(
      ctx.pool,
      'SELECT * FROM sku_map WHERE shop = $1 AND sku = $2',
      [ctx.shop, sku],
    );
    return found[0] === undefined ? undefined : toSku(found[0]);
  },

  /** One upsert of all rows (a JSON array expanded in SQL), then one retiring UPDATE. */
  async replaceSkuMappings(
    ctx: PgContext,
    records: readonly SkuMappingRecord[],
    now: number,
  ): Promise<void> {
    const payload = JSON.stringify(records.map(skuParams));
    const columns = SKU_COLUMNS.join(', ');
    const updates = SKU_COLUMNS.filter((c) => c !== 'sku')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    await inTransaction(ctx, async (client) => {
      await client.query(
        `INSERT INTO sku_map (shop, ${columns}, retired_at)
         SELECT $1, ${columns}, NULL FROM jsonb_to_recordset($2::jsonb) AS r (
           sku text, supplier text, product_key text, model text, brand text, price double precision,
           city_prices text, available integer, stock_count integer, last_seen_at bigint,
           last_published_at bigint, store_stock text)
         ON CONFLICT (shop, sku) DO UPDATE SET ${updates}, retired_at = NULL`,
        [ctx.shop, payload],
      );
      await client.query(
        `UPDATE sku_map SET retired_at = $1 WHERE shop = $2 AND retired_at IS NULL
           AND NOT (sku = ANY($3::text[]))`,
        [now, ctx.shop, records.map((r) => r.sku)],
      );
    });
  },

  async saveCatalogue(
    ctx: PgContext,
    supplier: string,
    products: readonly SupplierProduct[],
  ): Promise<void> {
    await inTransaction(ctx, async (client) => {
      await client.query('DELETE FROM catalogue WHERE shop = $1 AND supplier = $2', [
        ctx.shop,
        supplier,
      ]);
      await client.query(
        `INSERT INTO catalogue (shop, supplier, product_key, data)
         SELECT $1, $2, k, d FROM unnest($3::text[], $4::text[]) AS u (k, d)`,
        [ctx.shop, supplier, products.map((p) => p.key), products.map((p) => JSON.stringify(p))],
      );
    });
  },

  async loadCatalogue(ctx: PgContext, supplier: string): Promise<SupplierProduct[]> {
    const found = await rows<{ data: string }>(
      ctx.pool,
      'SELECT data FROM catalogue WHERE shop = $1 AND supplier = $2 ORDER BY product_key COLLATE "C"',
      [ctx.shop, supplier],
    );
    return found.map((row) => JSON.parse(row.data) as SupplierProduct);
  },

  async replaceSkippedProducts(
    ctx: PgContext,
    runId: number,
    products: readonly SkippedProductRecord[],
  ): Promise<void> {
    await inTransaction(ctx, async (client) => {
      await client.query('DELETE FROM skipped_products WHERE shop = $1', [ctx.shop]);
      // Last one wins for a repeated (supplier, key), like SQLite's INSERT OR REPLACE.
      const unique = new Map(products.map((p) => [`${p.supplier}\u0000${p.key}`, p]));
      const list = [...unique.values()];
      await client.query(
        `INSERT INTO skipped_products (shop, supplier, product_key, reason, run_id)
         SELECT $1, s, k, r, $5 FROM unnest($2::text[], $3::text[], $4::text[]) AS u (s, k, r)`,
        [
          ctx.shop,
          list.map((p) => p.supplier),
          list.map((p) => p.key),
          list.map((p) => p.reason),
          runId,
        ],
      );
    });
  },

  async skippedProducts(
    ctx: PgContext,
    reason: string | undefined,
  ): Promise<SkippedProductRecord[]> {
    const found = await rows<{
      supplier: string;
      product_key: string;
      reason: string;
      run_id: number;
    }>(
      ctx.pool,
      reason === undefined
        ? 'SELECT * FROM skipped_products WHERE shop = $1 ORDER BY reason COLLATE "C", supplier COLLATE "C", product_key COLLATE "C"'
        : 'SELECT * FROM skipped_products WHERE shop = $1 AND reason = $2 ORDER BY supplier COLLATE "C", product_key COLLATE "C"',
      reason === undefined ? [ctx.shop] : [ctx.shop, reason],
    );
    return found.map((row) => ({
      supplier: row.supplier,
      key: row.product_key,
      reason: row.reason,
      runId: row.run_id,
    }));
  },

  async replacePriceHolds(
    ctx: PgContext,
    runId: number,
    holds: readonly PriceHoldRecord[],
    at: Date,
  ): Promise<void> {
    await inTransaction(ctx, async (client) => {
      // A hold keeps the date it started, so `status` can say how long an offer has been held.
      const before = await rows<{ sku: string; since: number }>(
        client,
        'SELECT sku, since FROM price_holds WHERE shop = $1',
        [ctx.shop],
      );
      const since = new Map(before.map((row) => [row.sku, row.since]));
      await client.query('DELETE FROM price_holds WHERE shop = $1', [ctx.shop]);
      for (const hold of holds) {
        await client.query(
          `INSERT INTO price_holds (shop, sku, published_price, wanted_price, action, run_id, since)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            ctx.shop,
            hold.sku,
            hold.publishedPrice,
            hold.wantedPrice,
            hold.action,
            runId,
            since.get(hold.sku) ?? at.getTime(),
          ],
        );
      }
    });
  },

  async priceHolds(ctx: PgContext): Promise<PriceHoldRecord[]> {
    const found = await rows<{
      sku: string;
      published_price: number;
      wanted_price: number;
      action: string;
      since: number;
    }>(ctx.pool, 'SELECT * FROM price_holds WHERE shop = $1 ORDER BY sku COLLATE "C"', [ctx.shop]);
    return found.map((row) => ({
      sku: row.sku,
      publishedPrice: row.published_price,
      wantedPrice: row.wanted_price,
      action: row.action === 'skip' ? 'skip' : 'hold',
      since: new Date(row.since),
    }));
  },
};
