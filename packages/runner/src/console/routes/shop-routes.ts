import type { Hono } from 'hono';
import { redactSecrets } from '../../logging/redact.js';
import { localParts } from '../../notify/collect.js';
import { type ConsoleAction, parseOrderAction, runConsoleAction } from '../console-actions.js';
import type { ConsoleEnv, ConsoleKit } from '../console-kit.js';
import { ordersPage } from '../pages/orders.js';
import { overviewPage } from '../pages/overview.js';
import { productsPage } from '../pages/products.js';
import { maskSecrets, settingsPage } from '../pages/settings.js';
import { skippedProducts } from '../skipped.js';

const DAY_MS = 86_400_000;

/** Overview, products and settings: what the shop looks like. */
export function shopRoutes(app: Hono<ConsoleEnv>, kit: ConsoleKit): void {
  const { deps, config } = kit;
  let skippedCache: { key: string; rows: ReturnType<typeof skippedProducts> } | undefined;
  app.get('/', (c) =>
    c.html(
      overviewPage(
        kit.ctxOf(c, kit.must(c)),
        {
          store: deps.store,
          notify: config.notify,
          nextRuns: deps.nextRuns?.() ?? [],
          now: kit.now(),
        },
        kit.flash(c),
      ),
    ),
  );
  app.get('/products', (c) => {
    const query = (c.req.query('q') ?? '').trim().slice(0, 100);
    const sku = c.req.query('sku');
    const last = deps.store.lastRun(undefined, ['published', 'unchanged']);
    const key = `${last?.id ?? 0}`;
    if (skippedCache?.key !== key) {
      skippedCache = { key, rows: skippedProducts(deps.store, config) };
    }
    const since = new Date(kit.now().getTime() - 30 * DAY_MS);
    return c.html(
      productsPage(kit.ctxOf(c, kit.must(c)), {
        query,
        reason: c.req.query('reason'),
        found: query === '' ? [] : deps.store.activity.searchSkus(query, 50),
        skipped: skippedCache.rows,
        sku,
        history: sku === undefined ? [] : deps.store.activity.skuHistory(sku, since),
      }),
    );
  });
  app.get('/settings', (c) =>
    c.html(
      settingsPage(kit.ctxOf(c, kit.must(c)), {
        config: maskSecrets(config, kit.secrets),
        secretsSet: Object.fromEntries(
          Object.entries(deps.resolved.secrets).map(([k, v]) => [k, v !== undefined]),
        ),
        actions: deps.store.activity.consoleActions(50),
      }),
    ),
  );
}

/** Today's orders, those needing a person, and the actions that fit them. */
export function orderRoutes(app: Hono<ConsoleEnv>, kit: ConsoleKit): void {
  const { deps } = kit;
  app.get('/orders', (c) => {
    // Today in the seller's time zone: back from now by the local time of day.
    const now = kit.now();
    const [hours = 0, minutes = 0] = localParts(now, kit.timeZone).time.split(':').map(Number);
    const startOfDay = new Date(now.getTime() - (hours * 60 + minutes + 1) * 60_000);
    return c.html(
      ordersPage(
        kit.ctxOf(c, kit.must(c)),
        {
          attention: deps.store.ordersNeedingAttention(100),
          today: deps.store.activity.ordersChangedSince(startOfDay, 200),
          find: (code) => deps.store.findOrder(code),
          canAct: true,
        },
        kit.flash(c),
      ),
    );
  });
  app.post('/orders/:code/:action', async (c) => {
    const session = kit.must(c);
    const ctx = kit.ctxOf(c, session);
    const code = c.req.param('code');
    const form = await c.req.parseBody();
    let action: ConsoleAction;
    try {
      action = parseOrderAction(c.req.param('action'), form);
    } catch (error) {
      return kit.back(c, '/orders', ctx.t('orders.failed', { error: (error as Error).message }));
    }
    const result = await runConsoleAction(
      { store: deps.store, kaspi: deps.kaspi },
      code,
      action,
      session.user,
    );
    return kit.back(
      c,
      '/orders',
      result.ok
        ? ctx.t('orders.done', { action: action.type, code })
        : ctx.t('orders.failed', { error: redactSecrets(result.error, kit.secrets) }),
    );
  });
}
