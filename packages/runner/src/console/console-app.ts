import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { type ConsoleDependencies, type ConsoleEnv, createConsoleKit } from './console-kit.js';
import { runRoutes } from './routes/run-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { orderRoutes, shopRoutes } from './routes/shop-routes.js';

export type { ConsoleDependencies } from './console-kit.js';

/**
 * The seller's console as a Hono app mounted under `console.path`: a login page, pages rendered
 * on the server, an HttpOnly SameSite=Strict session cookie, a CSRF token in every form (plus
 * Hono's Origin check), login throttling per address, and secrets never rendered.
 */
export function createConsoleApp(deps: ConsoleDependencies): Hono<ConsoleEnv> {
  const kit = createConsoleKit(deps);
  // Not strict: `/console` and `/console/` are the same page.
  const app = new Hono<ConsoleEnv>({ strict: false }).basePath(kit.base);
  app.use('*', compress());
  app.use('*', secureHeaders({ referrerPolicy: 'same-origin', xFrameOptions: 'DENY' }));
  app.use('*', csrf());
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  // The session routes install the guard: everything registered after them needs a session.
  sessionRoutes(app, kit);
  shopRoutes(app, kit);
  runRoutes(app, kit);
  orderRoutes(app, kit);
  return app;
}
