import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { defaultStatusReply } from './apply-fault.js';
import { type Fault, FaultQueue } from './faults.js';
import { LatencyModel } from './latency.js';
import type { RouteKey, SimServerOptions } from './options.js';
import { type PipelineState, pipeline, type SimEnv, viewOf } from './pipeline.js';
import { createRandom } from './random.js';
import { redaction, type SimRequestRecord } from './record.js';
import { reply } from './reply.js';

/** A running simulator server. */
export interface SimServer<X extends { readonly kind: string } = never> {
  /** Base URL, prefix included, e.g. `http://127.0.0.1:4321/shop/api`. */
  readonly url: string;
  /** Scheme, host and port, e.g. `http://127.0.0.1:4321`. */
  readonly origin: string;
  /** Every request so far, in arrival order (a copy). */
  readonly requests: readonly SimRequestRecord[];
  /** Empties the request log. */
  clearRequests(): void;
  /** Adds a fault after the pending ones. */
  injectFault(fault: Fault<X>): void;
  /** Removes every pending fault. */
  clearFaults(): void;
  /** Changes the rate limit (ms between accepted requests; 0 disables). */
  setRateLimitMs(ms: number): void;
  /** Stops the server, dropping open and hanging connections. */
  close(): Promise<void>;
}

/**
 * Starts a simulator on 127.0.0.1: the route table behind latency, a rate limit and the fault
 * queue, with one record per request.
 */
export async function startSimServer<X extends { readonly kind: string } = never>(
  options: SimServerOptions<X>,
): Promise<SimServer<X>> {
  const state: PipelineState<X> = {
    options,
    prefix: options.prefix ?? '',
    started: performance.now(),
    latency: new LatencyModel(
      options.latency ?? {},
      options.latencySeed ?? 1,
      options.inboundShare ?? 1,
    ),
    faults: new FaultQueue<X>(createRandom(options.seed ?? 1)),
    secrets: redaction(options.secretHeaders, options.secretQuery),
    statusReply: options.statusFault ?? defaultStatusReply,
    requests: [],
    rate: { intervalMs: options.rateLimitMs ?? 0, lastAccepted: Number.NEGATIVE_INFINITY },
  };
  for (const fault of options.faults ?? []) state.faults.add(fault);

  const app = new Hono<SimEnv>();
  app.use('*', pipeline(state));
  for (const [key, handler] of Object.entries(options.routes)) {
    if (handler === undefined) continue;
    const [method, path] = splitKey(key as RouteKey);
    app.on(method, `${state.prefix}${path}`, (c) => handler(viewOf<X>(c)));
  }
  app.notFound((c) => options.notFound?.(viewOf(c)) ?? reply(404, ''));
  app.onError(
    (error, c) =>
      options.onError?.(error, viewOf(c)) ??
      reply(500, {
        error: `[simulator] ${error instanceof Error ? error.message : String(error)}`,
      }),
  );

  const server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${state.prefix}`,
    origin,
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

function splitKey(key: RouteKey): [string, string] {
  const space = key.indexOf(' ');
  return [key.slice(0, space), key.slice(space + 1)];
}
