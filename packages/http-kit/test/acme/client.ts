import * as v from 'valibot';
import {
  type ClientOptions,
  createRedactor,
  createTransport,
  type Failure,
  type HttpEvent,
  HttpKitError,
  resolveRetry,
  throttleGate,
} from '../../src/index.js';
import { ordersResource } from './resources/orders.js';
import { thingsResource } from './resources/things.js';

/** The third API's one error class, branded. */
export class AcmeError extends HttpKitError {
  static override readonly brand: symbol = Symbol.for('@acme/client/AcmeError');
  override readonly name: string = 'AcmeError';
  readonly kind: Failure['kind'] | 'outcome-unknown';
  constructor(message: string, kind: AcmeError['kind'], cause?: unknown) {
    super(message, { cause });
    this.kind = kind;
  }
}

/** Options → transport → resources: the whole client. */
export function createAcmeClient(options: ClientOptions<HttpEvent> & { readonly token: string }) {
  const transport = createTransport({
    baseUrl: 'http://127.0.0.1:9',
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: resolveRetry(options.retry),
    gate: throttleGate({ intervalMs: options.rateLimit?.intervalMs ?? 0 }),
    onEvent: options.onEvent,
    signal: options.signal,
    redactor: createRedactor({ secrets: [options.token], headers: ['authorization'] }),
    authorize: (_url, headers) => headers.set('authorization', `Bearer ${options.token}`),
    errors: {
      fromFailure: (failure) => new AcmeError(failure.message ?? failure.kind, failure.kind),
      outcomeUnknown: (error) => new AcmeError('may have happened', 'outcome-unknown', error),
    },
    validate: (endpoint, value) => v.parse(endpoint.response, value),
  });
  return { ...thingsResource(transport), ...ordersResource(transport) };
}
