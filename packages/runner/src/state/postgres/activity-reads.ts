import { type ConsoleActionRow, toConsoleAction } from '../activity-rows.js';
import type {
  ConsoleActionRecord,
  OrderSummaryRow,
  SkuHistoryPoint,
  SkuSearchResult,
} from '../activity-store.js';
import { type PgContext, rows } from './context.js';

/** What the console reads for charts and search (worker side). */
export const activityReadHandlers = {
  async consoleActions(ctx: PgContext, limit: number): Promise<ConsoleActionRecord[]> {
    const found = await rows<ConsoleActionRow>(
      ctx.pool,
      'SELECT * FROM console_actions WHERE shop = $1 ORDER BY id DESC LIMIT $2',
      [ctx.shop, limit],
    );
    return found.map(toConsoleAction);
  },

  async skuHistory(ctx: PgContext, sku: string, since: Date): Promise<SkuHistoryPoint[]> {
    const found = await rows<{ at: number; price: number; stock_count: number; available: number }>(
      ctx.pool,
      'SELECT * FROM sku_history WHERE shop = $1 AND sku = $2 AND at >= $3 ORDER BY at, id',
      [ctx.shop, sku, since.getTime()],
    );
    return found.map((row) => ({
      at: new Date(row.at),
      price: row.price,
      stockCount: row.stock_count,
      available: row.available === 1,
    }));
  },

  async searchSkus(ctx: PgContext, query: string, limit: number): Promise<SkuSearchResult[]> {
    // ILIKE with escaped wildcards: the query is the seller's text, not a pattern.
    const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const found = await rows<{
      sku: string;
      model: string;
      brand: string;
      price: number;
      stock_count: number;
      available: number;
      retired_at: number | null;
    }>(
      ctx.pool,
      `SELECT sku, model, brand, price, stock_count, available, retired_at FROM sku_map
       WHERE shop = $1 AND (sku ILIKE $2 OR model ILIKE $2 OR brand ILIKE $2)
       ORDER BY retired_at IS NOT NULL, sku COLLATE "C" LIMIT $3`,
      [ctx.shop, pattern, limit],
    );
    return found.map((row) => ({
      sku: row.sku,
      model: row.model,
      brand: row.brand,
      price: row.price,
      stockCount: row.stock_count,
      available: row.available === 1,
      retired: row.retired_at !== null,
    }));
  },

  async feedHistory(
    ctx: PgContext,
    since: Date,
  ): Promise<{ at: Date; offers: number; available: number }[]> {
    const found = await rows<{ published_at: number; offers: number; available: number }>(
      ctx.pool,
      'SELECT published_at, offers, available FROM feeds WHERE shop = $1 AND published_at >= $2 ORDER BY published_at, id',
      [ctx.shop, since.getTime()],
    );
    return found.map((row) => ({
      at: new Date(row.published_at),
      offers: row.offers,
      available: row.available,
    }));
  },

  async ordersChangedSince(ctx: PgContext, since: Date, limit: number): Promise<OrderSummaryRow[]> {
    const found = await rows<{
      kaspi_code: string;
      state: string;
      needs_attention: string | null;
      created_at: number;
      updated_at: number;
    }>(
      ctx.pool,
      `SELECT kaspi_code, state, needs_attention, created_at, updated_at FROM orders
       WHERE shop = $1 AND (updated_at >= $2 OR created_at >= $2) ORDER BY updated_at DESC LIMIT $3`,
      [ctx.shop, since.getTime(), limit],
    );
    return found.map((row) => ({
      kaspiCode: row.kaspi_code,
      state: row.state,
      attentionReason: row.needs_attention ?? undefined,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    }));
  },

  async runDurations(
    ctx: PgContext,
    since: Date,
  ): Promise<{ at: Date; mode: string; status: string; durationMs: number }[]> {
    const found = await rows<{
      started_at: number;
      finished_at: number;
      mode: string;
      status: string;
    }>(
      ctx.pool,
      `SELECT started_at, finished_at, mode, status FROM runs
       WHERE shop = $1 AND started_at >= $2 AND finished_at IS NOT NULL ORDER BY started_at, id`,
      [ctx.shop, since.getTime()],
    );
    return found.map((row) => ({
      at: new Date(row.started_at),
      mode: row.mode,
      status: row.status,
      durationMs: row.finished_at - row.started_at,
    }));
  },
};
