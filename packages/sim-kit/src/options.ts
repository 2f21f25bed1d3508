import type { StatusFaultReply } from './apply-fault.js';
import type { Fault } from './faults.js';
import type { SimulatedLatencies } from './latency.js';
import type { proxyTo } from './proxy.js';
import type { SimRequest } from './request.js';

/** An HTTP method of the route table. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** A route key: method and path below the prefix, parameters as `:name`, e.g. `'GET /v2/orders/:id'`. */
export type RouteKey = `${RouteMethod} /${string}`;

/** Answers one route. */
export type RouteHandler<X = never> = (req: SimRequest<X>) => Response | Promise<Response>;

/** The routes of a simulator. */
export type RouteTable<X = never> = Readonly<Partial<Record<RouteKey, RouteHandler<X>>>>;

/** What an `arrive` hook decides: answer now (after the latency), never answer, or go on. */
export type Arrival = Response | 'hang' | undefined;

/** Options of {@link startSimServer}. */
export interface SimServerOptions<X extends { readonly kind: string } = never> {
  /** The routes, keyed like `'GET /v2/orders/:id'`. */
  readonly routes: RouteTable<X>;
  /** Path every route sits below, e.g. `/shop/api`. Default none. */
  readonly prefix?: string | undefined;
  /** Port on 127.0.0.1. Default 0 (a free one). */
  readonly port?: number | undefined;
  /** Seed of the fault `probability` draws. Default 1. */
  readonly seed?: number | undefined;
  /** Delay per path below the prefix (`*` for the rest). Default none. */
  readonly latency?: SimulatedLatencies | undefined;
  /** Seed of the latency draws. Default 1. */
  readonly latencySeed?: number | undefined;
  /** Default share of each delay spent before the request counts as arrived. Default 1. */
  readonly inboundShare?: number | undefined;
  /** Minimum spacing of accepted requests, decided at arrival (0: no limit). Default 0. */
  readonly rateLimitMs?: number | undefined;
  /** The answer to a request that came too soon. Default a bare 429. */
  readonly tooSoon?: ((req: SimRequest) => Response) | undefined;
  /** Header names whose values the record hides. `authorization`, `cookie` always. */
  readonly secretHeaders?: readonly string[] | undefined;
  /** Query parameter names whose values the record hides. */
  readonly secretQuery?: readonly string[] | undefined;
  /** Longest body a handler may read. Default 20 MiB. */
  readonly maxBodyBytes?: number | undefined;
  /** At arrival, before the rate limit and the faults (e.g. a token check that costs no quota). */
  readonly arrive?: ((req: SimRequest) => Arrival) | undefined;
  /** After the faults, before the route (header rules a fault still beats; own faults seen). */
  readonly guard?: ((req: SimRequest<X>) => Response | undefined) | undefined;
  /** The answer when no route matches (e.g. {@link proxyTo} a real server). Default a bare 404. */
  readonly notFound?: ((req: SimRequest) => Response | Promise<Response>) | undefined;
  /** The answer when a handler throws. Default a 500 with the message. */
  readonly onError?: ((error: unknown, req: SimRequest) => Response) | undefined;
  /** The error of a `status` fault without its own body. Default a JSON error. */
  readonly statusFault?: StatusFaultReply | undefined;
  /** Faults pending from the start. */
  readonly faults?: readonly Fault<X>[] | undefined;
}
