import * as v from 'valibot';
import {
  createRedactor,
  createTransport,
  type Endpoint,
  type Failure,
  type HttpEvent,
  HttpKitError,
  type HttpKitErrorOptions,
  resolveRetry,
  type TransportOptions,
} from '../src/index.js';

/** A test error class per failure kind, so tests can tell what the transport threw. */
export class TestError extends HttpKitError {
  static override readonly brand: symbol = Symbol.for('@kaspi-connect/http-kit/test/TestError');
  override readonly name: string = 'TestError';
  readonly kind: string;
  constructor(message: string, kind: string, options: HttpKitErrorOptions = {}) {
    super(message, options);
    this.kind = kind;
  }
}

export const read: Endpoint<unknown> = {
  method: 'GET',
  path: '/items',
  effect: 'read',
  response: v.unknown(),
};

/** A scripted `fetch`: each call takes the next answer; records every request. */
export function scripted(...answers: (() => Response | Promise<Response>)[]): {
  fetch: (request: Request) => Promise<Response>;
  requests: Request[];
} {
  const requests: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request);
    const next = answers[Math.min(requests.length - 1, answers.length - 1)];
    if (next === undefined) throw new Error('no answer scripted');
    return next();
  };
  return { fetch, requests };
}

export const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  (): Response =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

export function refused(): never {
  throw Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
  });
}

export function reset(): never {
  throw Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('socket hang up secret-token-1234'), { code: 'ECONNRESET' }),
  });
}

export function transport(overrides: Partial<TransportOptions> = {}) {
  const events: HttpEvent[] = [];
  const options: TransportOptions = {
    baseUrl: 'http://127.0.0.1:9/api',
    timeoutMs: 1000,
    retry: resolveRetry({
      retries: 2,
      minDelayMs: 1,
      maxDelayMs: 2,
      jitter: false,
      rateLimitRetries: 2,
      rateLimitBackoffMs: 1,
      maxRetryAfterMs: 50,
    }),
    onEvent: (event) => events.push(event),
    redactor: createRedactor({ secrets: ['secret-token-1234'], queryParams: ['token'] }),
    authorize: (url) => url.searchParams.set('token', 'secret-token-1234'),
    errors: {
      fromFailure: (failure: Failure) =>
        new TestError(failure.message ?? `${failure.kind}`, failure.kind, {
          request: failure.request,
          status: 'status' in failure ? failure.status : undefined,
          cause: failure.kind === 'network' ? failure.cause : undefined,
        }),
      outcomeUnknown: (error) =>
        new TestError(`unknown: ${error.message}`, 'unknown', { cause: error }),
    },
    validate: (endpoint, value) => v.parse(endpoint.response, value),
    ...overrides,
  };
  return { transport: createTransport(options), events };
}
