import { reply, type SimRequest, startSimServer } from '@kaspi-connect/sim-kit';
import { generateCatalogue } from './catalogue.js';
import { type AlStyleFault, type AlStyleQuirk, scoped } from './faults.js';
import { cartRoutes } from './routes-cart.js';
import { catalogueRoutes } from './routes-catalogue.js';
import { orderRoutes } from './routes-orders.js';
import type { AlStyleSimulator, AlStyleSimulatorOptions } from './types.js';
import { AlStyleWorld, answer, apiError } from './world.js';

const INVALID_TOKEN = 'Your request was made with invalid credentials.';

/**
 * Starts a faithful Al-Style API simulator on 127.0.0.1: the documented `/api/*` and
 * `/cart-api/*` endpoints over a deterministic catalogue, the per-token rate limit (403), a
 * shared cart, orders, fault injection and a request log.
 *
 * @example
 * const sim = await startAlStyleSimulator({ catalogueSize: 600, rateLimitMs: 20 });
 * const client = createAlStyleClient({ token: sim.token, baseUrl: sim.url, rateLimit: { intervalMs: 20, marginMs: 2 } });
 * // ...
 * await sim.close();
 */
export async function startAlStyleSimulator(
  options: AlStyleSimulatorOptions = {},
): Promise<AlStyleSimulator> {
  const token = options.token ?? 'simulator-token';
  const world = new AlStyleWorld(
    generateCatalogue({ ...options, size: options.catalogueSize }),
    options,
  );
  const invalidTokenStatus = options.invalidTokenStatus ?? 401;
  const server = await startSimServer<AlStyleQuirk>({
    routes: {
      ...catalogueRoutes(world),
      ...cartRoutes(world),
      ...orderRoutes(world),
    },
    port: options.port,
    seed: options.seed,
    latency: options.latency,
    latencySeed: (options.seed ?? 1) ^ 0x5bd1e995,
    // Most of a page's time is the server building it: arrivals jitter by a tenth of the spread.
    inboundShare: 0.1,
    rateLimitMs: options.rateLimitMs ?? 5000,
    tooSoon: () => apiError(403, 'Forbidden', 'Превышен лимит запросов'),
    secretQuery: ['access-token'],
    // A wrong token costs no quota: it is refused before the rate limit.
    arrive: (req: SimRequest) =>
      req.query.get('access-token') === token
        ? undefined
        : apiError(invalidTokenStatus, 'Unauthorized', INVALID_TOKEN),
    // The injected bad-token answer carries no `status` field.
    guard: (req) =>
      req.fault?.kind === 'bad-token'
        ? answer(invalidTokenStatus, { name: 'Unauthorized', message: INVALID_TOKEN, code: 0 })
        : undefined,
    notFound: () => apiError(404, 'Not Found', 'Страница не найдена.'),
    onError: (error) => answer(500, { name: 'Exception', message: String(error) }),
    statusFault: (status, headers) =>
      reply(status, `<html><body>${status} upstream error</body></html>`, 'text/html', headers),
    faults: (options.faults ?? []).map(scoped),
  });

  const { injectFault } = server;
  // The kit's handle (its `requests` getter included) with Al-Style's state, changed in place.
  return Object.assign(server, {
    token,
    catalogue: world.catalogue,
    orders: world.orders,
    cart: world.cart,
    injectFault: (fault: AlStyleFault) => injectFault(scoped(fault)),
    loseRepliesAfterActing: (path: string, times = 1) =>
      injectFault({ kind: 'drop', path, times, afterHandling: true }),
    setOrderStatus: (id: number, status: string | null) => {
      const order = world.order(id);
      if (order === undefined) throw new Error(`no simulated order ${id}`);
      order.status = status;
    },
  });
}
