import type Database from 'better-sqlite3';

/** The small key/value state, the emptiness check and supplier orphans, on SQLite. */
export class SqliteMeta {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  getMeta(key: string): string | undefined {
    const row = this.#db.prepare('SELECT value FROM state_meta WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string | undefined): void {
    if (value === undefined) this.#db.prepare('DELETE FROM state_meta WHERE key = ?').run(key);
    else
      this.#db
        .prepare(
          'INSERT INTO state_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
  }

  isEmpty(): boolean {
    const row = this.#db
      .prepare(
        'SELECT (SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM feeds) + (SELECT COUNT(*) FROM orders) AS n',
      )
      .get() as { n: number };
    return row.n === 0;
  }

  recordSupplierOrphan(supplier: string, supplierOrderId: string, detail: string): void {
    this.#db
      .prepare(
        `INSERT INTO supplier_orphans (supplier, supplier_order_id, detail, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (supplier, supplier_order_id) DO UPDATE SET detail = excluded.detail`,
      )
      .run(supplier, supplierOrderId, detail, Date.now());
  }

  supplierOrphans(): { supplier: string; supplierOrderId: string; detail: string; at: Date }[] {
    const rows = this.#db.prepare('SELECT * FROM supplier_orphans ORDER BY at DESC').all() as {
      supplier: string;
      supplier_order_id: string;
      detail: string;
      at: number;
    }[];
    return rows.map((r) => ({
      supplier: r.supplier,
      supplierOrderId: r.supplier_order_id,
      detail: r.detail,
      at: new Date(r.at),
    }));
  }
}
