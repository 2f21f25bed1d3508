import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import type { Fault } from './faults.js';
import type { SimulatedLatencies } from './latency.js';
import { pipeline, type SimEnv, type SimRequestRecord, simState, viewOf } from './pipeline.js';
import { reply, type SimRequest } from './request.js';

/** A route key: method and path below the prefix, parameters as `:name` (`'GET /v2/orders/:id'`). */
export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

/** Answers one route (also the shape of `notFound`, e.g. `proxyTo`). */
export type RouteHandler<X = never> = (req: SimRequest<X>) => Response | Promise<Response>;

/** The routes of a simulator. */
export type RouteTable<X = never> = Readonly<Partial<Record<RouteKey, RouteHandler<X>>>>;

/** Options of {@link startSimServer}; every hook's answer is recorded like a route's. */
export interface SimServerOptions<X extends { readonly kind: string } = never> {
  readonly routes: RouteTable<X>;
  /** Path every route sits below, e.g. `/shop/api`. */
  readonly prefix?: string | undefined;
  /** Port on 127.0.0.1. Default 0 (a free one). */
  readonly port?: number | undefined;
  /** Seed of the fault `probability` draws. Default 1. */
  readonly seed?: number | undefined;
  /** Delay per path below the prefix (`*` for the rest). */
  readonly latency?: SimulatedLatencies | undefined;
  /** Seed of the latency draws. Default 1. */
  readonly latencySeed?: number | undefined;
  /** Default share of each delay spent before the request counts as arrived. Default 1. */
  readonly inboundShare?: number | undefined;
  /** Minimum spacing of accepted requests, decided at arrival; 0 (default) disables. */
  readonly rateLimitMs?: number | undefined;
  /** The answer to a request that came too soon. Default a bare 429. */
  readonly tooSoon?: (() => Response) | undefined;
  /** Header names whose values the record hides (`authorization`, `cookie` always). */
  readonly secretHeaders?: readonly string[] | undefined;
  /** Query parameter names whose values the record hides. */
  readonly secretQuery?: readonly string[] | undefined;
  /** At arrival, before the rate limit and the faults: answer now, `hang`, or go on. */
  readonly arrive?: ((req: SimRequest) => Response | 'hang' | undefined) | undefined;
  /** After a fault before handling, before the route (rules an injected fault still beats). */
  readonly guard?: ((req: SimRequest<X>) => Response | undefined) | undefined;
  /** The answer when no route matches. Default a bare 404. */
  readonly notFound?: RouteHandler | undefined;
  /** The answer when a handler throws. Default a 500 naming the error. */
  readonly onError?: ((error: unknown) => Response) | undefined;
  /** The error body of a `status` fault without its own. Default a JSON error. */
  readonly statusFault?:
    | ((status: number, headers: Record<string, string>) => Response)
    | undefined;
  /** Faults pending from the start. */
  readonly faults?: readonly Fault<X>[] | undefined;
}

/** A running simulator server. */
export interface SimServer<X extends { readonly kind: string } = never> {
  /** Base URL, prefix included, e.g. `http://127.0.0.1:4321/shop/api`. */
  readonly url: string;
  /** Every request so far, in arrival order (a copy). */
  readonly requests: readonly SimRequestRecord[];
  clearRequests(): void;
  /** Adds a fault after the pending ones. */
  injectFault(fault: Fault<X>): void;
  clearFaults(): void;
  /** Changes the rate limit (ms between accepted requests; 0 disables). */
  setRateLimitMs(ms: number): void;
  /** Stops the server, dropping open and hanging connections. */
  close(): Promise<void>;
}

/** Starts a simulator on 127.0.0.1: the routes behind latency, a rate limit and the faults. */
export async function startSimServer<X extends { readonly kind: string } = never>(
  options: SimServerOptions<X>,
): Promise<SimServer<X>> {
  const state = simState(options);
  const app = new Hono<SimEnv>();
  app.use('*', pipeline(state));
  for (const [key, handler] of Object.entries(options.routes)) {
    const space = key.indexOf(' ');
    if (handler)
      app.on(key.slice(0, space), state.prefix + key.slice(space + 1), (c) => handler(viewOf(c)));
  }
  app.notFound((c) => options.notFound?.(viewOf(c)) ?? reply(404, ''));
  app.onError((error) => options.onError?.(error) ?? reply(500, { error: String(error) }));
  const server = createServer(getRequestListener(app.fetch));
  await once(server.listen(options.port ?? 0, '127.0.0.1'), 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${state.prefix}`,
    get requests() {
      return [...state.requests];
    },
    clearRequests: () => {
      state.requests.length = 0;
    },
    injectFault: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    setRateLimitMs: (ms) => {
      state.rate.intervalMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
