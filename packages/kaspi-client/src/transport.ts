import {
  anySignal,
  type CallOptions,
  createTransport as createKitTransport,
  createRedactor,
  safeHandler,
  type TransportOptions,
  throttleGate,
} from '@kaspi-connect/http-kit';
import createClient, { type MaybeOptionalInit } from 'openapi-fetch';
import type * as v from 'valibot';
import type { KaspiEndpoint } from './endpoints.js';
import type { KaspiClientEvent, KaspiEventHandler } from './events.js';
import type { paths } from './kaspi-shop-api.generated.js';
import { kaspiFailures } from './transport/failures.js';
import { validateResponse } from './transport/validate.js';

/** Resolved transport settings: the kit's, plus Kaspi's credentials, headers and throttle. */
export interface TransportConfig
  extends Pick<TransportOptions, 'baseUrl' | 'fetch' | 'retry' | 'timeoutMs' | 'signal'> {
  readonly token: string;
  readonly userAgent: string;
  readonly merchantUid: string | undefined;
  readonly rateLimit: { readonly limit: number; readonly intervalMs: number } | false;
  readonly onEvent: KaspiEventHandler | undefined;
}

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
  init: object,
) => Promise<{ data?: unknown; response: Response }>;

const JSON_API = 'application/vnd.api+json';

/** Kaspi's headers: JSON:API media type under `/v2`, plain JSON elsewhere; token; User-Agent. */
function setKaspiHeaders(request: Request, config: TransportConfig): void {
  const { headers } = request;
  const isJsonApi = new URL(request.url).pathname.includes('/v2/');
  const mediaType = isJsonApi ? JSON_API : 'application/json';
  headers.set('Accept', mediaType);
  if (isJsonApi || request.body !== null) headers.set('Content-Type', mediaType);
  headers.set('X-Auth-Token', config.token);
  headers.set('User-Agent', config.userAgent);
  if (config.merchantUid !== undefined) headers.set('X-Merchant-Uid', config.merchantUid);
}

/** Builds the transport: throttle → retry by effect → per-attempt timeout → late-bound `fetch`. */
export function createTransport(config: TransportConfig) {
  const { token, userAgent, merchantUid, rateLimit, onEvent, ...kitOptions } = config;
  const redactor = createRedactor({
    secrets: [token],
    headers: ['x-auth-token', 'x-security-code', 'authorization'],
  });
  const emit: (event: KaspiClientEvent) => void = safeHandler(onEvent) ?? (() => {});
  const kit = createKitTransport({
    ...kitOptions,
    gate: rateLimit ? throttleGate(rateLimit) : undefined,
    onEvent: emit,
    redactor,
    // Kaspi's errors name the headers sent (secrets blanked): which User-Agent and merchant uid.
    recordHeaders: true,
    ...kaspiFailures(),
    validate: ({ response, method, path }, value) =>
      validateResponse(response, value, { method, url: path }, redactor),
  });
  const api = createClient<paths>({ baseUrl: config.baseUrl });
  const request = api.request as unknown as UntypedRequest;
  const { retry } = config;
  return {
    retry,
    /** Reports a client event; never throws. */
    emit,
    /** The client-wide signal combined with a per-call one. */
    signalFor: (signal: AbortSignal | undefined) => anySignal(config.signal, signal),
    /** The n-th backoff delay (1-based) of the retry policy. */
    backoffMs: (n: number) =>
      Math.min(retry.minDelayMs * retry.factor ** (n - 1), retry.maxDelayMs),
    /**
     * Sends one request to `endpoint` and validates the answer; the endpoint's effect decides
     * resends (a `refusable-write` is re-posted after an unclear failure only by its resource).
     */
    async send<E extends KaspiEndpoint>(
      endpoint: E,
      init: EndpointInit<E>,
      call: CallOptions = {},
    ): Promise<EndpointOutput<E>> {
      const inner = kit.fetchFor(endpoint, call);
      const fetch = (req: Request) => {
        setKaspiHeaders(req, config);
        return inner(req);
      };
      const { data, response } = await request(endpoint.method, endpoint.path, { ...init, fetch });
      const where = { method: endpoint.method, url: response.url, status: response.status };
      return validateResponse(endpoint.response, data, where, redactor);
    },
  };
}

/** The HTTP layer shared by all resources. */
export type Transport = ReturnType<typeof createTransport>;
