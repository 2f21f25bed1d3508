import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { type Fault, type FaultKind, FaultQueue, TRANSPORT_FAULTS } from './faults.js';
import { delay, latencyModel, type SimulatedLatencies } from './latency.js';
import { createRandom } from './random.js';
import { bodyReader, htmlPage, reply, type SimRequest } from './request.js';

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

/** One request as the simulator saw it: what tests judge invariants by. Secrets are `***`. */
export interface SimRequestRecord {
  readonly method: string;
  /** Path below the simulator's prefix. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text, when one was read. */
  readonly body: string | undefined;
  /** ms since the simulator started (monotonic), when the request counted as arrived. */
  readonly receivedAt: number;
  /** Status sent, or `no-response` (dropped or left hanging). */
  readonly status: number | 'no-response';
  /** ms from the request's first byte to the answer. */
  readonly latencyMs: number;
  /** The kind of the fault injected into it, if any. */
  readonly fault: string | null;
  /** Refused because it came sooner than the rate limit allows. */
  readonly rateLimited: boolean;
}

interface SimEnv {
  Bindings: HttpBindings;
  Variables: { req: SimRequest<unknown> };
}

type Outcome = Response | 'dropped' | 'hanging';

/** The handler's view of the request in `c`, path parameters included. */
function viewOf<X>(c: Context<SimEnv>): SimRequest<X> {
  const params = c.req.param() as Record<string, string>;
  return { ...(c.var.req as SimRequest<X>), param: (name) => params[name] ?? '' };
}

/** The entries with the values of `names` (matched lower-case) shown as `***`. */
const hide = (entries: Iterable<[string, string]>, names: ReadonlySet<string>) =>
  Object.fromEntries(
    [...entries].map(([k, v]) => [k, names.has(k.toLowerCase()) && v !== '' ? '***' : v]),
  );

/** The answer a transport fault gives; `handled` is the handler's, for faults after handling. */
async function broken(
  c: Context<SimEnv>,
  fault: FaultKind,
  statusFault: SimServerOptions['statusFault'],
  handled?: Response,
): Promise<Outcome> {
  if (fault.kind === 'timeout') return 'hanging';
  if (fault.kind === 'drop') return c.env.incoming.socket.destroy() && 'dropped';
  if (fault.kind === 'html') return htmlPage(fault.status ?? 502);
  if (fault.kind === 'slow') {
    await delay(fault.delayMs);
    return handled ?? 'dropped';
  }
  if (fault.kind === 'malformed') {
    const cut = (await handled?.text()) ?? '{"';
    const type = handled?.headers.get('content-type') ?? 'application/json; charset=utf-8';
    return reply(200, cut.slice(0, Math.max(1, Math.floor(cut.length / 2))), type);
  }
  const { status = 503, retryAfterSeconds: after } = fault;
  const headers = after === undefined ? {} : { 'retry-after': String(after) };
  if (fault.body !== undefined)
    return reply(status, fault.body, fault.contentType ?? 'text/plain; charset=utf-8', headers);
  return (
    statusFault?.(status, headers) ??
    reply(status, { error: `[simulator] injected ${status}` }, undefined, headers)
  );
}

/**
 * The running state of one simulator and the pipeline every request goes through: latency in →
 * arrival (hook, rate limit) → latency out → a fault before handling → guard → route → a fault
 * after handling → one record.
 */
function simulator<X extends { readonly kind: string }>(options: SimServerOptions<X>) {
  const { latency = {}, latencySeed = 1, inboundShare = 1, prefix = '' } = options;
  const state = {
    prefix,
    started: performance.now(),
    latency: latencyModel(latency, latencySeed, inboundShare),
    faults: new FaultQueue<X>(createRandom(options.seed ?? 1)),
    requests: [] as SimRequestRecord[],
    rate: { intervalMs: options.rateLimitMs ?? 0, lastAccepted: Number.NEGATIVE_INFINITY },
  };
  for (const fault of options.faults ?? []) state.faults.add(fault);
  const hidden = new Set(['authorization', 'cookie', ...(options.secretHeaders ?? [])]);
  const hiddenQuery = new Set(options.secretQuery ?? []);
  const pipeline: MiddlewareHandler<SimEnv> = async (c, next) => {
    const firstByte = performance.now();
    const url = new URL(c.req.url);
    const path = url.pathname.slice(url.pathname.startsWith(prefix) ? prefix.length : 0);
    const body = bodyReader(c.req.raw);
    const text = async () => new TextDecoder().decode(await body.bytes());
    const method = c.req.method.toUpperCase();
    const base = { method, path, url, query: url.searchParams, headers: c.req.raw.headers };
    const req: SimRequest = { ...base, param: () => '', bytes: body.bytes, text, fault: undefined };
    c.set('req', req);
    const draw = state.latency(path);
    await delay(draw.inboundMs);
    const receivedAt = performance.now() - state.started;
    const finish = async (outcome: Outcome, fault: string | null, rateLimited = false) => {
      const read = body.read() ? await text().catch(() => undefined) : undefined;
      state.requests.push({
        method,
        path,
        query: hide(url.searchParams, hiddenQuery),
        headers: hide(c.req.raw.headers, hidden),
        body: read === '' ? undefined : read,
        receivedAt,
        status: outcome instanceof Response ? outcome.status : 'no-response',
        latencyMs: performance.now() - firstByte,
        fault,
        rateLimited,
      });
      if (outcome instanceof Response) return outcome;
      if (outcome === 'hanging' && !c.env.outgoing.destroyed)
        await new Promise((resolve) => c.env.outgoing.once('close', resolve));
      return RESPONSE_ALREADY_SENT;
    };
    const arrival = options.arrive?.(req);
    const { rate } = state;
    const now = performance.now();
    // Decided at arrival; the answer then takes its latency. An interval of 0 is never too soon.
    const tooSoon = arrival === undefined && now - rate.lastAccepted < rate.intervalMs;
    if (arrival === undefined && !tooSoon) rate.lastAccepted = now;
    await delay(draw.outboundMs);
    if (arrival !== undefined) return finish(arrival === 'hang' ? 'hanging' : arrival, null);
    if (tooSoon) return finish(options.tooSoon?.() ?? reply(429, ''), null, true);

    const fault = state.faults.take(method, path, url.search);
    const kind = fault?.kind ?? null;
    const broke = fault && TRANSPORT_FAULTS.has(fault.kind) ? (fault as FaultKind) : undefined;
    // A malformed answer is the handler's, cut: it always comes after handling.
    const after = (fault?.afterHandling === true || kind === 'malformed') && broke !== undefined;
    if (broke !== undefined && !after) {
      if (broke.kind !== 'slow') {
        // An error answer still reads the upload, as a server does: the client then sees it.
        if (broke.kind === 'status' || broke.kind === 'html') await body.bytes().catch(() => {});
        return finish(await broken(c, broke, options.statusFault), kind);
      }
      await delay(broke.delayMs);
    }
    c.set('req', { ...req, fault: broke === undefined ? fault : undefined });
    const refused = options.guard?.(viewOf<X>(c));
    if (refused !== undefined) return finish(refused, kind);
    await next();
    const outcome = after ? await broken(c, broke, options.statusFault, c.res) : c.res;
    // Replaced, not merged: hono would otherwise keep the handler's headers and body.
    const answer = await finish(outcome, kind);
    c.res = undefined;
    c.res = answer;
    return answer;
  };
  return { state, pipeline };
}

/** Starts a simulator on 127.0.0.1: the routes behind latency, a rate limit and the faults. */
export async function startSimServer<X extends { readonly kind: string } = never>(
  options: SimServerOptions<X>,
): Promise<SimServer<X>> {
  const { state, pipeline } = simulator(options);
  const app = new Hono<SimEnv>();
  app.use('*', pipeline);
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
