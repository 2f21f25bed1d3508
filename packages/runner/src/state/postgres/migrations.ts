/**
 * PostgreSQL schema migrations, applied in order inside one transaction under an advisory lock
 * and recorded in `kc_schema`. Never edit a released migration: append a new one.
 *
 * Every table has a `shop` column (part of each key), so many shops share one database and see
 * nothing of each other. Times are epoch milliseconds (`bigint`) and JSON is `text`, as in
 * SQLite, so both stores map rows with one codec (`state/rows.ts`).
 */
export const PG_MIGRATIONS: readonly string[] = [
  // 1: everything the SQLite store has after its migration 8.
  `
  CREATE TABLE runs (
    id bigserial PRIMARY KEY,
    shop text NOT NULL,
    mode text NOT NULL,
    started_at bigint NOT NULL,
    finished_at bigint,
    status text NOT NULL,
    exit_code integer,
    summary text
  );
  CREATE INDEX runs_shop_mode_status ON runs (shop, mode, status, id);
  CREATE TABLE feeds (
    id bigserial PRIMARY KEY,
    shop text NOT NULL,
    run_id bigint NOT NULL REFERENCES runs (id),
    path text NOT NULL,
    sha256 text NOT NULL,
    offers integer NOT NULL,
    available integer NOT NULL,
    bytes bigint NOT NULL,
    published_at bigint NOT NULL
  );
  CREATE INDEX feeds_shop ON feeds (shop, id);
  CREATE TABLE sku_map (
    shop text NOT NULL,
    sku text NOT NULL,
    supplier text NOT NULL,
    product_key text NOT NULL,
    model text NOT NULL,
    brand text NOT NULL,
    price double precision NOT NULL,
    city_prices text NOT NULL,
    available integer NOT NULL,
    stock_count integer NOT NULL,
    last_seen_at bigint NOT NULL,
    last_published_at bigint NOT NULL,
    retired_at bigint,
    store_stock text,
    PRIMARY KEY (shop, sku)
  );
  CREATE INDEX sku_map_product ON sku_map (shop, supplier, product_key);
  CREATE TABLE catalogue (
    shop text NOT NULL,
    supplier text NOT NULL,
    product_key text NOT NULL,
    data text NOT NULL,
    PRIMARY KEY (shop, supplier, product_key)
  );
  CREATE TABLE skipped_products (
    shop text NOT NULL,
    supplier text NOT NULL,
    product_key text NOT NULL,
    reason text NOT NULL,
    run_id bigint NOT NULL,
    PRIMARY KEY (shop, supplier, product_key)
  );
  CREATE TABLE price_holds (
    shop text NOT NULL,
    sku text NOT NULL,
    published_price double precision NOT NULL,
    wanted_price double precision NOT NULL,
    action text NOT NULL,
    run_id bigint NOT NULL,
    since bigint NOT NULL,
    PRIMARY KEY (shop, sku)
  );
  CREATE TABLE orders (
    shop text NOT NULL,
    kaspi_code text NOT NULL,
    state text NOT NULL,
    supplier text,
    supplier_order_id text,
    needs_attention text,
    data text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    PRIMARY KEY (shop, kaspi_code)
  );
  CREATE INDEX orders_state ON orders (shop, state);
  CREATE UNIQUE INDEX orders_supplier_order ON orders (shop, supplier, supplier_order_id)
    WHERE supplier_order_id IS NOT NULL;
  CREATE TABLE order_steps (
    id bigserial PRIMARY KEY,
    shop text NOT NULL,
    kaspi_code text NOT NULL,
    step text NOT NULL,
    phase text NOT NULL,
    detail text,
    at bigint NOT NULL,
    FOREIGN KEY (shop, kaspi_code) REFERENCES orders (shop, kaspi_code)
  );
  CREATE INDEX order_steps_code ON order_steps (shop, kaspi_code, id);
  CREATE TABLE order_poll (
    shop text PRIMARY KEY,
    polled_to bigint NOT NULL
  );
  CREATE TABLE target_outbox (
    shop text NOT NULL,
    target text NOT NULL,
    kind text NOT NULL,
    url text NOT NULL,
    wanted_feed_id bigint NOT NULL,
    wanted_sha256 text NOT NULL,
    queued_at bigint NOT NULL,
    delivered_feed_id bigint,
    delivered_sha256 text,
    delivered_at bigint,
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    last_attempt_at bigint,
    lease_until bigint,
    PRIMARY KEY (shop, target)
  );
  CREATE TABLE feed_fetches (
    id bigserial PRIMARY KEY,
    shop text NOT NULL,
    at bigint NOT NULL,
    ip text NOT NULL,
    user_agent text NOT NULL,
    status integer NOT NULL,
    bytes bigint NOT NULL
  );
  CREATE INDEX feed_fetches_shop ON feed_fetches (shop, id);
  CREATE TABLE heartbeats (
    shop text NOT NULL,
    process text NOT NULL,
    pid integer NOT NULL,
    started_at bigint NOT NULL,
    beat_at bigint NOT NULL,
    every_ms integer NOT NULL,
    PRIMARY KEY (shop, process)
  );
  CREATE TABLE notify_outbox (
    id bigserial PRIMARY KEY,
    shop text NOT NULL,
    dedupe_key text NOT NULL,
    channel text NOT NULL,
    kind text NOT NULL,
    payload text NOT NULL,
    state text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    created_at bigint NOT NULL,
    next_attempt_at bigint NOT NULL,
    sent_at bigint,
    last_error text,
    UNIQUE (shop, dedupe_key, channel)
  );
  CREATE INDEX notify_outbox_due ON notify_outbox (shop, state, next_attempt_at);
  CREATE TABLE console_actions (
    id bigserial PRIMARY KEY,
    shop text NOT NULL,
    at bigint NOT NULL,
    who text NOT NULL,
    action text NOT NULL,
    target text NOT NULL,
    detail text,
    outcome text NOT NULL
  );
  CREATE TABLE sku_history (
    id bigserial PRIMARY KEY,
    shop text NOT NULL,
    sku text NOT NULL,
    at bigint NOT NULL,
    price double precision NOT NULL,
    stock_count integer NOT NULL,
    available integer NOT NULL
  );
  CREATE INDEX sku_history_sku ON sku_history (shop, sku, at);
  CREATE FUNCTION kc_sku_history() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' OR NEW.price IS DISTINCT FROM OLD.price
      OR NEW.stock_count IS DISTINCT FROM OLD.stock_count
      OR NEW.available IS DISTINCT FROM OLD.available THEN
      INSERT INTO sku_history (shop, sku, at, price, stock_count, available)
      VALUES (NEW.shop, NEW.sku, NEW.last_published_at, NEW.price, NEW.stock_count, NEW.available);
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER sku_history_change AFTER INSERT OR UPDATE ON sku_map
    FOR EACH ROW EXECUTE FUNCTION kc_sku_history();
  CREATE TABLE lease (
    shop text PRIMARY KEY,
    token text NOT NULL,
    holder text NOT NULL,
    pid integer NOT NULL,
    host text NOT NULL,
    acquired_at bigint NOT NULL,
    heartbeat_at bigint NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE TABLE state_meta (
    shop text NOT NULL,
    key text NOT NULL,
    value text NOT NULL,
    PRIMARY KEY (shop, key)
  );
  CREATE TABLE supplier_orphans (
    shop text NOT NULL,
    supplier text NOT NULL,
    supplier_order_id text NOT NULL,
    detail text NOT NULL,
    at bigint NOT NULL,
    PRIMARY KEY (shop, supplier, supplier_order_id)
  );
  `,
];
