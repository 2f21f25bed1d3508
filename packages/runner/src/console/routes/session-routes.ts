import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { ConsoleAuth } from '../auth.js';
import type { ConsoleEnv, ConsoleKit } from '../console-kit.js';
import { LANGUAGE_COOKIE, SESSION_COOKIE } from '../console-kit.js';
import { csrfField, layout, type PageContext } from '../layout.js';

function loginPage(ctx: PageContext, notice?: string) {
  return layout(
    ctx,
    ctx.t('login.title'),
    html`<h1>${ctx.t('login.title')}</h1><section><form method="post" action="${ctx.base}/login">${csrfField(ctx)}<p><label>${ctx.t('login.username')}<br><input name="username" autocomplete="username" required></label></p><p><label>${ctx.t('login.password')}<br><input name="password" type="password" autocomplete="current-password" required></label></p><button id="login">${ctx.t('login.submit')}</button></form></section>`,
    notice,
  );
}

/** Login (throttled per address), language switch, then the guard every other route sits behind. */
export function sessionRoutes(app: Hono<ConsoleEnv>, kit: ConsoleKit): void {
  const { auth, base, config, deps } = kit;
  app.get('/login', (c) => c.html(loginPage(kit.ctxOf(c, undefined), kit.flash(c))));
  app.post('/login', async (c) => {
    const ctx = kit.ctxOf(c, undefined);
    const ip = kit.address(c);
    const wait = auth.throttledFor(ip);
    if (wait > 0) return c.html(loginPage(ctx, ctx.t('login.throttled', { minutes: wait })), 429);
    const form = await c.req.parseBody();
    const session = auth.login(ip, String(form.username ?? ''), String(form.password ?? ''));
    if (session === undefined) {
      deps.store.activity.recordConsoleAction({
        at: kit.now(),
        who: String(form.username ?? '').slice(0, 64),
        action: 'login',
        target: ip,
        outcome: 'refused',
      });
      return c.html(loginPage(ctx, ctx.t('login.failed')), 401);
    }
    setCookie(c, SESSION_COOKIE, session.id, {
      ...kit.cookieOptions(c),
      maxAge: config.console.sessionHours * 3600,
    });
    return c.redirect(`${base}/`, 303);
  });
  app.post('/language', async (c) => {
    const form = await c.req.parseBody();
    const to = form.to === 'en' ? 'en' : 'ru';
    setCookie(c, LANGUAGE_COOKIE, to, { ...kit.cookieOptions(c), maxAge: 365 * 86_400 });
    const referer = c.req.header('referer');
    const path = referer === undefined ? `${base}/` : new URL(referer).pathname;
    return c.redirect(path.startsWith(base) ? path : `${base}/`, 303);
  });

  // Everything registered after this needs a session; every POST also the session's CSRF token.
  app.use('*', async (c, next) => {
    const session = kit.sessionOf(c);
    if (session === undefined) return c.redirect(`${base}/login`, 303);
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (!ConsoleAuth.csrfMatches(session, form._csrf))
        return c.text(kit.ctxOf(c, session).t('csrf.failed'), 403);
    }
    await next();
    return undefined;
  });
  app.post('/logout', (c) => {
    auth.logout(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, kit.cookieOptions(c));
    return c.redirect(`${base}/login`, 303);
  });
}
