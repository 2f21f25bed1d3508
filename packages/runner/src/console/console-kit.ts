import type { IncomingMessage } from 'node:http';
import type { KaspiClient } from '@kaspi-connect/kaspi-client';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ResolvedConfig } from '../config/load-config.js';
import type { StateStore } from '../state/state-store.js';
import { ConsoleAuth, type Session } from './auth.js';
import { type PageContext, pageContext } from './layout.js';
import type { Language } from './messages.js';

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

/** Hono environment of the console: the raw request, for the peer address. */
export type ConsoleEnv = { Bindings: { incoming: IncomingMessage } };

/** The cookie holding the session id. */
export const SESSION_COOKIE = 'kc_session';
/** The cookie holding the chosen language. */
export const LANGUAGE_COOKIE = 'kc_lang';

/** Per-request helpers every console route uses: session, language, redirects, cookies. */
export type ConsoleKit = ReturnType<typeof createConsoleKit>;

/** Builds the helpers the routes share from the dependencies and the console config. */
export function createConsoleKit(deps: ConsoleDependencies) {
  const { config } = deps.resolved;
  const base = config.console.path;
  const timeZone = config.schedule.timezone;
  const auth = new ConsoleAuth({
    username: config.console.username,
    password: deps.password,
    sessionHours: config.console.sessionHours,
    maxLoginAttempts: config.console.maxLoginAttempts,
  });
  const secrets = Object.values(deps.resolved.secrets).filter(
    (s): s is string => typeof s === 'string',
  );
  type C = Context<ConsoleEnv>;
  const https = (c: C) =>
    config.console.trustProxy ? c.req.header('x-forwarded-proto') === 'https' : false;
  const language = (c: C): Language => {
    const chosen = getCookie(c, LANGUAGE_COOKIE);
    return chosen === 'en' || chosen === 'ru' ? chosen : config.console.language;
  };
  const sessionOf = (c: C) => auth.session(getCookie(c, SESSION_COOKIE));
  return {
    deps,
    config,
    base,
    timeZone,
    auth,
    secrets,
    now: deps.now ?? (() => new Date()),
    address: (c: C) => {
      const forwarded = config.console.trustProxy
        ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
        : undefined;
      return forwarded || c.env.incoming.socket.remoteAddress || 'unknown';
    },
    sessionOf,
    /** The session of a route behind the session guard. */
    must: (c: C) => sessionOf(c) as Session,
    ctxOf: (c: C, session: Session | undefined): PageContext =>
      pageContext(language(c), base, session, timeZone),
    cookieOptions: (c: C) =>
      ({ path: base, httpOnly: true, sameSite: 'Strict', secure: https(c) }) as const,
    flash: (c: C) => c.req.query('notice'),
    back: (c: C, path: string, notice: string) =>
      c.redirect(
        `${base}${path}${path.includes('?') ? '&' : '?'}notice=${encodeURIComponent(notice)}`,
        303,
      ),
  };
}
