/**
 * Schema migrations, applied in order and recorded in `PRAGMA user_version`. Never edit a
 * released migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: runs, published feeds, SKU mapping, last catalogue per supplier.
  `
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mode TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    status TEXT NOT NULL,
    exit_code INTEGER,
    summary TEXT
  );
  CREATE INDEX runs_mode_status ON runs (mode, status, id);
  CREATE TABLE feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    offers INTEGER NOT NULL,
    available INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    published_at INTEGER NOT NULL
  );
  CREATE TABLE sku_map (
    sku TEXT PRIMARY KEY,
    supplier TEXT NOT NULL,
    product_key TEXT NOT NULL,
    model TEXT NOT NULL,
    brand TEXT NOT NULL,
    price INTEGER NOT NULL,
    city_prices TEXT NOT NULL,
    available INTEGER NOT NULL,
    stock_count INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    last_published_at INTEGER NOT NULL,
    retired_at INTEGER
  );
  CREATE INDEX sku_map_product ON sku_map (supplier, product_key);
  CREATE TABLE catalogue (
    supplier TEXT NOT NULL,
    product_key TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (supplier, product_key)
  ) WITHOUT ROWID;
  `,
  // 2: room for the order flow (issue 7): one row per Kaspi order, a step log written before and
  // after every side effect, and the supplier reservation it led to.
  `
  CREATE TABLE orders (
    kaspi_code TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    supplier TEXT,
    supplier_order_id TEXT,
    needs_attention TEXT,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX orders_state ON orders (state);
  CREATE TABLE order_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kaspi_code TEXT NOT NULL REFERENCES orders (kaspi_code),
    step TEXT NOT NULL,
    phase TEXT NOT NULL,
    detail TEXT,
    at INTEGER NOT NULL
  );
  `,
  // 3: the order flow's poll cursor, and one Kaspi order per supplier order (invariant 1 in SQL).
  `
  CREATE TABLE order_poll (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    polled_to INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX orders_supplier_order ON orders (supplier, supplier_order_id)
    WHERE supplier_order_id IS NOT NULL;
  CREATE INDEX order_steps_code ON order_steps (kaspi_code, id);
  `,
  // 4: one writer per state (the lease), a little key/value state (state-loss marker), and supplier
  // orders a person must look at because no Kaspi order provably owns them.
  `
  CREATE TABLE lease (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    token TEXT NOT NULL,
    holder TEXT NOT NULL,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    acquired_at INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE state_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE supplier_orphans (
    supplier TEXT NOT NULL,
    supplier_order_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (supplier, supplier_order_id)
  ) WITHOUT ROWID;
  `,
];
