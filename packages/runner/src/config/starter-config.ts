/** Stands for the random path segment `initProject` puts in the example target URLs. */
export const FEED_SECRET_PLACEHOLDER = '__FEED_SECRET__';

/** What `kaspi-connect init` writes: every option with its default and why you might change it. */
// A type-only import is erased when the config loads, so the file works wherever it lives, even
// where @kaspi-connect/runner is not resolvable (a global install); editors still type-check it.
export const STARTER_CONFIG_TS = `import type { KaspiConnectConfigInput } from '@kaspi-connect/runner';

// Secrets never go in this file: set ALSTYLE_TOKEN, FEED_PASSWORD (and KASPI_TOKEN for orders)
// in the environment or in a .env file next to it.
export default {
  shop: {
    // Shown in the feed's <company>.
    company: 'My Shop',
    // Kaspi cabinet → Settings → Shop ID (digits). Replace before the first sync.
    merchantId: '00000000',
    // Kaspi cabinet → "Склады и магазины": copy each point's code exactly as shown.
    // preOrderDays (0–30) adds days to pickup/delivery; 0 leaves the attribute out.
    stores: [{ id: 'PP1', preOrderDays: 0 }],
  },
  suppliers: {
    // Al-Style allows 1 request / 5 s; a full sync of ~13k products takes about 5 minutes.
    alstyle: {},
  },
  pricing: {
    // Which supplier price to start from: 'retail' (price2), 'dealer' (price1) or 'recommended' (rrp).
    source: 'retail',
    // Markup applied to the source price: percent first, then a fixed amount in KZT.
    markup: { percent: 0, fixed: 0 },
    // First matching rule wins; unset fields fall back to markup above.
    rules: [
      // { category: ['3530'], percent: 12 },
      // { brand: ['Apple'], percent: 5, fixed: 500 },
    ],
    // { mode: 'none' } | { mode: 'nearest' | 'up' | 'down', step: 10 } | { mode: 'ending', ending: 990 }
    rounding: { mode: 'up', step: 10 },
    // Never sell below dealer price + this percent: 'raise' the price or 'skip' the product.
    minMarginPercent: 5,
    belowMinMargin: 'raise',
    // The dealer price is always the floor, even at margin 0; true allows selling below cost.
    allowBelowDealer: false,
    // Al-Style marks "price on request" with 1 and withdrawn items with 9 999 999: never published.
    onRequestAtOrBelow: 1,
    placeholderAtOrAbove: 9999999,
    // Per-city prices (cityId from Kaspi's city list; 750000000 = Almaty). Empty = one <price>.
    cityPrices: [],
  },
  filters: {
    // includeCategories: ['3530'],
    excludeCategories: [],
    // includeBrands: ['Xiaomi'],
    excludeBrands: [],
    // Supplier product keys (Al-Style article codes) never to publish.
    excludeProducts: [],
    // Products without a brand are skipped unless you name one, such as 'Без бренда'.
    // fallbackBrand: 'Без бренда',
  },
  stock: {
    // Al-Style reports ">50" as a lower bound: we publish the bound (51), capped here.
    cap: 50,
    // Below this, the offer is published as available="no".
    minAvailable: 1,
    // Kaspi adds up the stock of every point, so it is never copied to each one:
    // 'first' (all at the first store, the others available="no"), 'split' (divided),
    // 'warehouses' (the supplier's stock per warehouse: set warehouses: { PP1: ['panfilov'] }).
    allocation: 'first',
  },
  guards: {
    // Nothing is published when one of these trips; the last good feed stays live.
    minOffers: 1,
    maxSupplierShrinkPercent: 20,
    maxRemovedPercent: 10,
    maxBecameUnavailablePercent: 30,
    priceChangePercent: 30,
    maxPriceChangedPercent: 10,
    // An offer whose price would fall more than this keeps its last price ('hold') or is
    // published unavailable ('skip'); "kaspi-connect status" lists it, "sync --force" accepts it.
    maxOfferPriceDropPercent: 50,
    onOfferPriceDrop: 'hold',
  },
  feed: {
    dir: './kaspi-feed',
    fileName: 'kaspi.xml',
    // Old feeds kept in ./kaspi-feed/history.
    history: 10,
    // Offers that left the catalogue stay as available="no" this many days.
    retireAfterDays: 30,
    // No public IP? Publish to object storage, a Pages repository or SFTP too (docs: "No public
    // IP?"). Those URLs cannot ask for a password, so the path has a random segment that init
    // made for you: keep it out of sight. Keys and passwords go in .env.
    targets: [
      // { kind: 's3', name: 'r2', endpoint: 'https://<account-id>.r2.cloudflarestorage.com',
      //   region: 'auto', bucket: 'kaspi-feed', key: '${FEED_SECRET_PLACEHOLDER}/kaspi.xml',
      //   publicUrl: 'https://<your-public-bucket-domain>/${FEED_SECRET_PLACEHOLDER}/kaspi.xml' },
      // { kind: 'git', name: 'pages', remote: 'git@github.com:<you>/kaspi-feed.git',
      //   branch: 'gh-pages', path: '${FEED_SECRET_PLACEHOLDER}/kaspi.xml',
      //   publicUrl: 'https://<you>.github.io/kaspi-feed/${FEED_SECRET_PLACEHOLDER}/kaspi.xml' },
      // { kind: 'sftp', name: 'hosting', host: 'ftp.example.kz', username: '<login>',
      //   path: 'public_html/${FEED_SECRET_PLACEHOLDER}/kaspi.xml',
      //   publicUrl: 'https://example.kz/${FEED_SECRET_PLACEHOLDER}/kaspi.xml' },
    ],
  },
  server: {
    // Keep 127.0.0.1 behind the TLS reverse proxy on this machine (docs/production.md);
    // 0.0.0.0 only inside a container, whose port the host publishes to its loopback.
    host: '127.0.0.1',
    port: 8080,
    path: '/kaspi.xml',
    // Basic auth for Kaspi's automatic loading; the password comes from FEED_PASSWORD.
    // Give Kaspi the same user name; without FEED_PASSWORD the feed is served openly (with a warning).
    username: 'kaspi',
  },
  schedule: {
    timezone: 'Asia/Almaty',
    fullSync: ['0 9 * * *', '0 15 * * *', '45 21 * * *'],
    // One cheap quantity-price request; 0 turns refreshes off.
    refreshEveryMinutes: 30,
  },
  orders: {
    // 'off' (default) leaves Kaspi orders alone; 'manual' records and reports them;
    // 'auto' reserves at the supplier, then accepts (or cancels when out of stock). Needs KASPI_TOKEN.
    policy: 'off',
    pollEveryMinutes: 5,
    // Out of stock: 'cancel' on Kaspi (MERCHANT_OUT_OF_STOCK) or 'flag' for a person.
    outOfStock: 'cancel',
    // Supplier shipping date: days after the order, weekends moved to Monday.
    shippingDaysAhead: 1,
    shippingSkipWeekends: true,
  },
  state: { path: './kaspi-connect.db' },
} satisfies KaspiConnectConfigInput;
`;

export const STARTER_ENV = `# Secrets for kaspi-connect. Keep this file out of version control.
ALSTYLE_TOKEN=
FEED_PASSWORD=
# Only for the order flow (orders.policy manual or auto):
KASPI_TOKEN=
# Only for feed.targets (S3-compatible storage, SFTP):
# S3_ACCESS_KEY_ID=
# S3_SECRET_ACCESS_KEY=
# SFTP_PASSWORD=
`;
