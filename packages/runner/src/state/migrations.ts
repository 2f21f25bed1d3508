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
  // 2: room for the order flow: one row per Kaspi order, a step log written before and
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
  // 4: the publish outbox: per target, the newest feed it should hold and the newest confirmed.
  `
  CREATE TABLE target_outbox (
    target TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    url TEXT NOT NULL,
    wanted_feed_id INTEGER NOT NULL,
    wanted_sha256 TEXT NOT NULL,
    queued_at INTEGER NOT NULL,
    delivered_feed_id INTEGER,
    delivered_sha256 TEXT,
    delivered_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_attempt_at INTEGER,
    lease_until INTEGER
  );
  `,
  // 5: the catalogue path: stock per store, products skipped by the last sync and why, and
  // offers whose price drop the per-offer guard held back.
  `
  ALTER TABLE sku_map ADD COLUMN store_stock TEXT;
  CREATE TABLE skipped_products (
    supplier TEXT NOT NULL,
    product_key TEXT NOT NULL,
    reason TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    PRIMARY KEY (supplier, product_key)
  ) WITHOUT ROWID;
  CREATE INDEX skipped_products_reason ON skipped_products (reason);
  CREATE TABLE price_holds (
    sku TEXT PRIMARY KEY,
    published_price INTEGER NOT NULL,
    wanted_price INTEGER NOT NULL,
    action TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    since INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 6: product cards on Kaspi: one row per SKU with its state, the imports that carried them, and
  // cached classification data (categories, attributes, values).
  `
  CREATE TABLE cards (
    sku TEXT PRIMARY KEY,
    supplier TEXT NOT NULL,
    product_key TEXT NOT NULL,
    state TEXT NOT NULL,
    category TEXT,
    card TEXT,
    problems TEXT NOT NULL,
    import_id INTEGER REFERENCES card_imports (id),
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX cards_state ON cards (state);
  CREATE TABLE card_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT,
    state TEXT NOT NULL,
    skus TEXT NOT NULL,
    detail TEXT,
    started_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE card_cache (
    key TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    fetched_at INTEGER NOT NULL
  );
  `,
  // 7: the console and notifications: Kaspi's feed fetches, process heartbeats, the notification
  // outbox, what people did in the console, and each SKU's price/stock history (kept by triggers
  // so the sync path writes nothing extra).
  `
  CREATE TABLE feed_fetches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    status INTEGER NOT NULL,
    bytes INTEGER NOT NULL
  );
  CREATE TABLE heartbeats (
    process TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    beat_at INTEGER NOT NULL,
    every_ms INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE notify_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    sent_at INTEGER,
    last_error TEXT,
    UNIQUE (dedupe_key, channel)
  );
  CREATE INDEX notify_outbox_due ON notify_outbox (state, next_attempt_at);
  CREATE TABLE console_actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT,
    outcome TEXT NOT NULL
  );
  CREATE TABLE sku_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sku TEXT NOT NULL,
    at INTEGER NOT NULL,
    price INTEGER NOT NULL,
    stock_count INTEGER NOT NULL,
    available INTEGER NOT NULL
  );
  CREATE INDEX sku_history_sku ON sku_history (sku, at);
  CREATE TRIGGER sku_history_insert AFTER INSERT ON sku_map BEGIN
    INSERT INTO sku_history (sku, at, price, stock_count, available)
    VALUES (NEW.sku, NEW.last_published_at, NEW.price, NEW.stock_count, NEW.available);
  END;
  CREATE TRIGGER sku_history_update AFTER UPDATE ON sku_map
    WHEN NEW.price IS NOT OLD.price OR NEW.stock_count IS NOT OLD.stock_count
      OR NEW.available IS NOT OLD.available BEGIN
    INSERT INTO sku_history (sku, at, price, stock_count, available)
    VALUES (NEW.sku, NEW.last_published_at, NEW.price, NEW.stock_count, NEW.available);
  END;
  `,
  // 8: one writer per state (the lease), a little key/value state (state-loss marker), and supplier
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
