import type Database from 'better-sqlite3';
import { type SkuRow, skuParams, toSku } from './rows.js';
import type { SkuMappingRecord } from './state-store.js';

/** The published SKUs and where they come from, on SQLite. */
export class SqliteSkuMap {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  skuMappings(): SkuMappingRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM sku_map WHERE retired_at IS NULL ORDER BY sku')
      .all() as SkuRow[];
    return rows.map(toSku);
  }

  findSkuMapping(sku: string): SkuMappingRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM sku_map WHERE sku = ?').get(sku) as
      | SkuRow
      | undefined;
    return row === undefined ? undefined : toSku(row);
  }

  replaceSkuMappings(records: readonly SkuMappingRecord[]): void {
    const now = Date.now();
    const upsert = this.#db.prepare(
      `INSERT INTO sku_map (sku, supplier, product_key, model, brand, price, city_prices, available,
         stock_count, last_seen_at, last_published_at, retired_at, store_stock)
       VALUES (@sku, @supplier, @product_key, @model, @brand, @price, @city_prices, @available,
         @stock_count, @last_seen_at, @last_published_at, NULL, @store_stock)
       ON CONFLICT (sku) DO UPDATE SET supplier = excluded.supplier,
         product_key = excluded.product_key, model = excluded.model, brand = excluded.brand,
         price = excluded.price, city_prices = excluded.city_prices,
         available = excluded.available, stock_count = excluded.stock_count,
         last_seen_at = excluded.last_seen_at, last_published_at = excluded.last_published_at,
         retired_at = NULL, store_stock = excluded.store_stock`,
    );
    this.#db.transaction(() => {
      this.#db.exec('CREATE TEMP TABLE IF NOT EXISTS live_skus (sku TEXT PRIMARY KEY)');
      this.#db.exec('DELETE FROM live_skus');
      const live = this.#db.prepare('INSERT INTO live_skus (sku) VALUES (?)');
      for (const record of records) {
        upsert.run(skuParams(record));
        live.run(record.sku);
      }
      this.#db
        .prepare(
          'UPDATE sku_map SET retired_at = ? WHERE retired_at IS NULL AND sku NOT IN (SELECT sku FROM live_skus)',
        )
        .run(now);
    })();
  }
}
