import type { IncomingMessage } from 'node:http';
import type { KaspiClient } from '@kaspi-connect/kaspi-client';
import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import type { ResolvedConfig } from '../config/load-config.js';
import { redactSecrets } from '../logging/redact.js';
import { localParts } from '../notify/collect.js';
import type { StateStore } from '../state/state-store.js';
import { ConsoleAuth, type Session } from './auth.js';
import { type ConsoleAction, parseOrderAction, runConsoleAction } from './console-actions.js';
import { csrfField, layout, type PageContext, pageContext } from './layout.js';
import { formatLocalTime, type Language } from './messages.js';
import { ordersPage } from './pages/orders.js';
import { overviewPage } from './pages/overview.js';
import { productsPage } from './pages/products.js';
import { runPage, runsPage } from './pages/runs.js';
import { maskSecrets, settingsPage } from './pages/settings.js';
import { skippedProducts } from './skipped.js';

/** What the console reads and acts through. */
export interface ConsoleDependencies {
  readonly store: StateStore;
  readonly resolved: ResolvedConfig;
  /** The console password (`CONSOLE_PASSWORD`); never rendered. */
  readonly password: string;
  /** Set in `run`: queue a forced sync of the refused run's mode. */
  readonly publishAnyway?: ((mode: 'full' | 'refresh') => void) | undefined;
  /** Set when `KASPI_TOKEN` is: order actions call Kaspi through the order flow's helper. */
  readonly kaspi?: KaspiClient | undefined;
  readonly nextRuns?: (() => Date[]) | undefined;
  readonly now?: (() => Date) | undefined;
}

type Env = { Bindings: { incoming: IncomingMessage } };

const SESSION_COOKIE = 'kc_session';
const LANGUAGE_COOKIE = 'kc_lang';
const DAY_MS = 86_400_000;

/**
 * The seller's console as a Hono app mounted under `console.path`: a login page, pages rendered
 * on the server, an HttpOnly SameSite=Strict session cookie, a CSRF token in every form (plus
 * Hono's Origin check), login throttling per address, and secrets never rendered.
 */
export function createConsoleApp(deps: ConsoleDependencies): Hono<Env> {
  const { config } = deps.resolved;
  const base = config.console.path;
  const timeZone = config.schedule.timezone;
  const now = deps.now ?? (() => new Date());
  const auth = new ConsoleAuth({
    username: config.console.username,
    password: deps.password,
    sessionHours: config.console.sessionHours,
    maxLoginAttempts: config.console.maxLoginAttempts,
  });
  const secrets = Object.values(deps.resolved.secrets).filter(
    (s): s is string => typeof s === 'string',
  );
  let skippedCache: { key: string; rows: ReturnType<typeof skippedProducts> } | undefined;
  // Not strict: `/console` and `/console/` are the same page.
  const app = new Hono<Env>({ strict: false }).basePath(base);

  const https = (c: Context<Env>) =>
    config.console.trustProxy ? c.req.header('x-forwarded-proto') === 'https' : false;
  const address = (c: Context<Env>) => {
    const forwarded = config.console.trustProxy
      ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
      : undefined;
    return forwarded || c.env.incoming.socket.remoteAddress || 'unknown';
  };
  const language = (c: Context<Env>): Language => {
    const chosen = getCookie(c, LANGUAGE_COOKIE);
    return chosen === 'en' || chosen === 'ru' ? chosen : config.console.language;
  };
  const sessionOf = (c: Context<Env>) => auth.session(getCookie(c, SESSION_COOKIE));
  const ctxOf = (c: Context<Env>, session: Session | undefined): PageContext =>
    pageContext(language(c), base, session, timeZone);
  const cookieOptions = (c: Context<Env>) =>
    ({ path: base, httpOnly: true, sameSite: 'Strict', secure: https(c) }) as const;
  const flash = (c: Context<Env>) => c.req.query('notice');
  const back = (c: Context<Env>, path: string, notice: string) =>
    c.redirect(
      `${base}${path}${path.includes('?') ? '&' : '?'}notice=${encodeURIComponent(notice)}`,
      303,
    );

  app.use('*', compress());
  app.use('*', secureHeaders({ referrerPolicy: 'same-origin', xFrameOptions: 'DENY' }));
  app.use('*', csrf());
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });

  app.get('/login', (c) => c.html(loginPage(ctxOf(c, undefined), flash(c))));
  app.post('/login', async (c) => {
    const ctx = ctxOf(c, undefined);
    const ip = address(c);
    const wait = auth.throttledFor(ip);
    if (wait > 0) return c.html(loginPage(ctx, ctx.t('login.throttled', { minutes: wait })), 429);
    const form = await c.req.parseBody();
    const session = auth.login(ip, String(form.username ?? ''), String(form.password ?? ''));
    if (session === undefined) {
      deps.store.activity.recordConsoleAction({
        at: now(),
        who: String(form.username ?? '').slice(0, 64),
        action: 'login',
        target: ip,
        outcome: 'refused',
      });
      return c.html(loginPage(ctx, ctx.t('login.failed')), 401);
    }
    setCookie(c, SESSION_COOKIE, session.id, {
      ...cookieOptions(c),
      maxAge: config.console.sessionHours * 3600,
    });
    return c.redirect(`${base}/`, 303);
  });
  app.post('/language', async (c) => {
    const form = await c.req.parseBody();
    const to = form.to === 'en' ? 'en' : 'ru';
    setCookie(c, LANGUAGE_COOKIE, to, { ...cookieOptions(c), maxAge: 365 * 86_400 });
    const referer = c.req.header('referer');
    const path = referer === undefined ? `${base}/` : new URL(referer).pathname;
    return c.redirect(path.startsWith(base) ? path : `${base}/`, 303);
  });

  // Everything else needs a session; every POST also needs the session's CSRF token.
  app.use('*', async (c, next) => {
    const session = sessionOf(c);
    if (session === undefined) return c.redirect(`${base}/login`, 303);
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (!ConsoleAuth.csrfMatches(session, form._csrf))
        return c.text(ctxOf(c, session).t('csrf.failed'), 403);
    }
    await next();
    return undefined;
  });
  const must = (c: Context<Env>) => sessionOf(c) as Session;

  app.post('/logout', (c) => {
    auth.logout(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
    return c.redirect(`${base}/login`, 303);
  });
  app.get('/', (c) =>
    c.html(
      overviewPage(
        ctxOf(c, must(c)),
        { store: deps.store, notify: config.notify, nextRuns: deps.nextRuns?.() ?? [], now: now() },
        flash(c),
      ),
    ),
  );
  app.get('/runs', (c) =>
    c.html(runsPage(ctxOf(c, must(c)), deps.store.recentRuns(100), flash(c))),
  );
  app.get('/runs/:id', (c) => {
    const run = deps.store.recentRuns(1000).find((r) => String(r.id) === c.req.param('id'));
    if (run === undefined) return c.notFound();
    const forced = deps.store.activity
      .consoleActions(200)
      .filter((a) => a.action === 'publish-anyway' && a.target === `run ${run.id}`);
    return c.html(
      runPage(
        ctxOf(c, must(c)),
        run,
        { canPublish: deps.publishAnyway !== undefined, forced },
        flash(c),
      ),
    );
  });
  app.post('/runs/:id/publish', async (c) => {
    const session = must(c);
    const ctx = ctxOf(c, session);
    const form = await c.req.parseBody();
    const run = deps.store.recentRuns(1000).find((r) => String(r.id) === c.req.param('id'));
    if (
      run === undefined ||
      run.status !== 'refused' ||
      deps.publishAnyway === undefined ||
      form.confirm !== 'yes'
    )
      return back(c, `/runs/${c.req.param('id')}`, ctx.t('runs.publishUnavailable'));
    deps.publishAnyway(run.mode);
    const at = now();
    deps.store.activity.recordConsoleAction({
      at,
      who: session.user,
      action: 'publish-anyway',
      target: `run ${run.id}`,
      detail: run.summary?.refusals.join('; '),
      outcome: `queued ${run.mode} sync with force`,
    });
    return back(
      c,
      `/runs/${run.id}`,
      ctx.t('runs.publishQueued', {
        who: session.user,
        at: formatLocalTime(at, ctx.language, timeZone),
      }),
    );
  });
  app.get('/products', (c) => {
    const query = (c.req.query('q') ?? '').trim().slice(0, 100);
    const sku = c.req.query('sku');
    const last = deps.store.lastRun(undefined, ['published', 'unchanged']);
    const key = `${last?.id ?? 0}`;
    if (skippedCache?.key !== key)
      skippedCache = { key, rows: skippedProducts(deps.store, config) };
    return c.html(
      productsPage(ctxOf(c, must(c)), {
        query,
        reason: c.req.query('reason'),
        found: query === '' ? [] : deps.store.activity.searchSkus(query, 50),
        skipped: skippedCache.rows,
        sku,
        history:
          sku === undefined
            ? []
            : deps.store.activity.skuHistory(sku, new Date(now().getTime() - 30 * DAY_MS)),
      }),
    );
  });
  app.get('/orders', (c) => {
    // Today in the seller's time zone: back from now by the local time of day.
    const [hours = 0, minutes = 0] = localParts(now(), timeZone).time.split(':').map(Number);
    const startOfDay = new Date(now().getTime() - (hours * 60 + minutes + 1) * 60_000);
    return c.html(
      ordersPage(
        ctxOf(c, must(c)),
        {
          attention: deps.store.ordersNeedingAttention(100),
          today: deps.store.activity.ordersChangedSince(startOfDay, 200),
          find: (code) => deps.store.findOrder(code),
          canAct: true,
        },
        flash(c),
      ),
    );
  });
  app.post('/orders/:code/:action', async (c) => {
    const session = must(c);
    const ctx = ctxOf(c, session);
    const code = c.req.param('code');
    const form = await c.req.parseBody();
    let action: ConsoleAction;
    try {
      action = parseOrderAction(c.req.param('action'), form);
    } catch (error) {
      return back(c, '/orders', ctx.t('orders.failed', { error: (error as Error).message }));
    }
    const result = await runConsoleAction(
      { store: deps.store, kaspi: deps.kaspi },
      code,
      action,
      session.user,
    );
    return back(
      c,
      '/orders',
      result.ok
        ? ctx.t('orders.done', { action: action.type, code })
        : ctx.t('orders.failed', { error: redactSecrets(result.error, secrets) }),
    );
  });
  app.get('/settings', (c) =>
    c.html(
      settingsPage(ctxOf(c, must(c)), {
        config: maskSecrets(config, secrets),
        secretsSet: Object.fromEntries(
          Object.entries(deps.resolved.secrets).map(([k, v]) => [k, v !== undefined]),
        ),
        actions: deps.store.activity.consoleActions(50),
      }),
    ),
  );
  return app;
}

function loginPage(ctx: PageContext, notice?: string) {
  return layout(
    ctx,
    ctx.t('login.title'),
    html`<h1>${ctx.t('login.title')}</h1><section><form method="post" action="${ctx.base}/login">${csrfField(ctx)}<p><label>${ctx.t('login.username')}<br><input name="username" autocomplete="username" required></label></p><p><label>${ctx.t('login.password')}<br><input name="password" type="password" autocomplete="current-password" required></label></p><button id="login">${ctx.t('login.submit')}</button></form></section>`,
    notice,
  );
}
