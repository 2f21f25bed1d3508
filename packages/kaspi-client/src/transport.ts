import createClient, { type Client, type MaybeOptionalInit } from 'openapi-fetch';
import pThrottle from 'p-throttle';
import type * as v from 'valibot';
import type { KaspiEndpoint } from './endpoints.js';
import type { paths } from './kaspi-shop-api.generated.js';
import { createAttempt } from './transport/attempt.js';
import type { TransportConfig } from './transport/options.js';
import { backoffDelay, retrying } from './transport/retry.js';
import { validateResponse } from './transport/validate.js';

export {
  KASPI_API_ROOT,
  type KaspiRateLimitOptions,
  type KaspiRetryOptions,
  type TransportConfig,
} from './transport/options.js';

/** The typed request of an endpoint: path parameters, query, body and headers. */
export type EndpointInit<E extends KaspiEndpoint> = MaybeOptionalInit<
  paths[E['path']],
  Lowercase<E['method']>
>;

/** What an endpoint answers once validated. */
export type EndpointOutput<E extends KaspiEndpoint> = v.InferOutput<E['response']>;

// openapi-fetch types each (method, path) pair; `send` is generic over the endpoint table, so
// the pair is checked at the call site through `EndpointInit` and widened once here.
type UntypedRequest = (
  method: string,
  path: string,
  init: object | undefined,
) => Promise<{ data?: unknown; response: Response }>;

/** The HTTP layer shared by all resources. */
export interface Transport {
  readonly api: Client<paths>;
  readonly config: TransportConfig;
  /**
   * Sends one request to `endpoint` and validates the answer. Reads are retried with the retry
   * policy; writes are sent once (a `refusable-write` is re-posted only by its resource, after a
   * re-read).
   */
  send<E extends KaspiEndpoint>(
    endpoint: E,
    init: EndpointInit<E>,
    signal?: AbortSignal | undefined,
  ): Promise<EndpointOutput<E>>;
  /** Runs `fn` with the read retry policy. */
  retrying<T>(fn: () => Promise<T>, signal: AbortSignal | undefined): Promise<T>;
  /** Combines the client-wide signal with a per-call one. */
  signalFor(signal: AbortSignal | undefined): AbortSignal | undefined;
  /** Computes the n-th backoff delay (1-based) of the retry policy. */
  backoffMs(attempt: number): number;
}

/** Builds the transport: throttle → retry (reads) → per-attempt timeout → `fetch`. */
export function createTransport(config: TransportConfig): Transport {
  const secrets = [config.token];
  const attempt = createAttempt(config);
  const throttled = config.rateLimit ? pThrottle(config.rateLimit)(attempt) : attempt;
  const api = createClient<paths>({
    baseUrl: config.baseUrl,
    fetch: (request: Request) => throttled(request),
  });
  const request = api.request as unknown as UntypedRequest;

  const signalFor = (signal: AbortSignal | undefined): AbortSignal | undefined => {
    const list = [config.signal, signal].filter((s): s is AbortSignal => s !== undefined);
    return list.length === 0 ? undefined : list.length === 1 ? list[0] : AbortSignal.any(list);
  };

  return {
    api,
    config,
    signalFor,
    backoffMs: (n) => backoffDelay(config.retry, n),
    retrying: (fn, signal) => retrying(config, fn, signal),
    send(endpoint, init, callSignal) {
      const signal = signalFor(callSignal);
      const once = async () => {
        const withSignal = signal ? { ...init, signal } : init;
        const { data, response } = await request(endpoint.method, endpoint.path, withSignal);
        return validateResponse(endpoint.response, data, response, endpoint.method, secrets);
      };
      return endpoint.effect === 'read' ? retrying(config, once, signal) : once();
    },
  };
}
