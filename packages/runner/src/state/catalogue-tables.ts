import type Database from 'better-sqlite3';
import type { SupplierProduct } from '../supplier/supplier.js';
import type { PriceHoldRecord, SkippedProductRecord } from './state-store.js';

/**
 * The catalogue path's own tables (the last full catalogue per supplier, products skipped by the
 * last sync, offers held by the per-offer price guard), on SQLite.
 */
export class CatalogueTables {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  saveCatalogue(supplier: string, products: readonly SupplierProduct[]): void {
    const insert = this.#db.prepare(
      'INSERT INTO catalogue (supplier, product_key, data) VALUES (?, ?, ?)',
    );
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM catalogue WHERE supplier = ?').run(supplier);
      for (const product of products) insert.run(supplier, product.key, JSON.stringify(product));
    })();
  }

  loadCatalogue(supplier: string): SupplierProduct[] {
    const rows = this.#db
      .prepare('SELECT data FROM catalogue WHERE supplier = ? ORDER BY product_key')
      .all(supplier) as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as SupplierProduct);
  }

  replaceSkippedProducts(runId: number, products: readonly SkippedProductRecord[]): void {
    const insert = this.#db.prepare(
      'INSERT OR REPLACE INTO skipped_products (supplier, product_key, reason, run_id) VALUES (?, ?, ?, ?)',
    );
    this.#db.transaction(() => {
      this.#db.exec('DELETE FROM skipped_products');
      for (const p of products) insert.run(p.supplier, p.key, p.reason, runId);
    })();
  }

  skippedProducts(reason?: string): SkippedProductRecord[] {
    const rows = (
      reason === undefined
        ? this.#db.prepare('SELECT * FROM skipped_products ORDER BY reason, supplier, product_key')
        : this.#db.prepare(
            'SELECT * FROM skipped_products WHERE reason = ? ORDER BY supplier, product_key',
          )
    ).all(...(reason === undefined ? [] : [reason])) as {
      supplier: string;
      product_key: string;
      reason: string;
      run_id: number;
    }[];
    return rows.map((row) => ({
      supplier: row.supplier,
      key: row.product_key,
      reason: row.reason,
      runId: row.run_id,
    }));
  }

  replacePriceHolds(runId: number, holds: readonly PriceHoldRecord[], at: Date): void {
    // A hold keeps the date it started, so `status` can say how long an offer has been held.
    const since = new Map(
      (
        this.#db.prepare('SELECT sku, since FROM price_holds').all() as {
          sku: string;
          since: number;
        }[]
      ).map((row) => [row.sku, row.since]),
    );
    const insert = this.#db.prepare(
      'INSERT INTO price_holds (sku, published_price, wanted_price, action, run_id, since) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#db.transaction(() => {
      this.#db.exec('DELETE FROM price_holds');
      for (const hold of holds) {
        insert.run(
          hold.sku,
          hold.publishedPrice,
          hold.wantedPrice,
          hold.action,
          runId,
          since.get(hold.sku) ?? at.getTime(),
        );
      }
    })();
  }

  priceHolds(): PriceHoldRecord[] {
    const rows = this.#db.prepare('SELECT * FROM price_holds ORDER BY sku').all() as {
      sku: string;
      published_price: number;
      wanted_price: number;
      action: string;
      since: number;
    }[];
    return rows.map((row) => ({
      sku: row.sku,
      publishedPrice: row.published_price,
      wantedPrice: row.wanted_price,
      action: row.action === 'skip' ? 'skip' : 'hold',
      since: new Date(row.since),
    }));
  }
}
