import {
  type AlStyleClient,
  type AlStyleEvent,
  createAlStyleClient,
} from '@kaspi-connect/alstyle-client';
import {
  createKaspiClient,
  type KaspiClient,
  type KaspiClientEvent,
} from '@kaspi-connect/kaspi-client';
import { ConfigError } from '../config/config-error.js';
import { type ResolvedConfig, requireSecret } from '../config/load-config.js';
import type { ClockWatch } from '../orders/clock-check.js';

// The one place the runner builds its API clients from the config: option names, defaults, the
// clock check's fetch wrapper and the event hooks are decided here and nowhere else.

/** What every client of one runtime shares: its clock check, its event hooks, its fetch. */
export interface ClientContext {
  readonly resolved: ResolvedConfig;
  /** Records the `Date` header of every answer (the order flow's clock check). */
  readonly clock: ClockWatch;
  /** Al-Style client events (requests, retries, rate limit, unreadable items). */
  readonly onAlStyleEvent?: ((event: AlStyleEvent) => void) | undefined;
  /** Kaspi client events (requests, retries, order windows, status checks). */
  readonly onKaspiEvent?: ((event: KaspiClientEvent) => void) | undefined;
  /** Injected fetch of the Al-Style client (tests). */
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/** Per-client options: the signal that aborts its requests. */
export interface ClientCallOptions {
  readonly signal?: AbortSignal | undefined;
}

/** The Al-Style request spacing the config asks for: interval plus safety margin, in ms. */
export function alstyleSpacing(resolved: ResolvedConfig): { intervalMs: number; marginMs: number } {
  const alstyle = resolved.config.suppliers.alstyle;
  return { intervalMs: alstyle?.intervalMs ?? 5000, marginMs: alstyle?.marginMs ?? 500 };
}

/** The Al-Style client from `suppliers.alstyle` and `ALSTYLE_TOKEN`. */
export function alstyleClientFor(
  context: ClientContext,
  options: ClientCallOptions = {},
): AlStyleClient {
  const { resolved } = context;
  const alstyle = resolved.config.suppliers.alstyle;
  if (alstyle === undefined) {
    throw new ConfigError(resolved.file, [
      { key: 'suppliers.alstyle', message: 'expected the Al-Style supplier section' },
    ]);
  }
  return createAlStyleClient({
    token: requireSecret(resolved, 'alstyleToken'),
    ...(alstyle.baseUrl === undefined ? {} : { baseUrl: alstyle.baseUrl }),
    rateLimit: alstyleSpacing(resolved),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(context.onAlStyleEvent === undefined ? {} : { onEvent: context.onAlStyleEvent }),
    fetch: context.clock.wrapRequestFetch('Al-Style', context.fetch),
  });
}

/** Options of `kaspiClientFor`. */
export interface KaspiClientForOptions extends ClientCallOptions {
  /** No client-side throttle: only for a local simulator, never for Kaspi itself. */
  readonly unthrottled?: boolean | undefined;
}

/** The Kaspi client from `orders` (base URL, merchant uid, User-Agent) and `KASPI_TOKEN`. */
export function kaspiClientFor(
  context: ClientContext,
  options: KaspiClientForOptions = {},
): KaspiClient {
  const { resolved } = context;
  const { orders } = resolved.config;
  return createKaspiClient({
    token: requireSecret(resolved, 'kaspiToken'),
    ...(orders.kaspiBaseUrl === undefined ? {} : { baseUrl: orders.kaspiBaseUrl }),
    ...(orders.merchantUid === undefined ? {} : { merchantUid: orders.merchantUid }),
    ...(orders.kaspiUserAgent === undefined ? {} : { userAgent: orders.kaspiUserAgent }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.unthrottled === true ? { rateLimit: false as const } : {}),
    ...(context.onKaspiEvent === undefined ? {} : { onEvent: context.onKaspiEvent }),
    fetch: context.clock.wrapFetch('Kaspi'),
  });
}
