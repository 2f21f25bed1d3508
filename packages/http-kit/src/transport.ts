import pRetry from 'p-retry';
import { type Answer, defaultVerdict, readAnswer, type Verdict } from './classify.js';
import { type Endpoint, RESEND_RULES, type ResendRule } from './endpoint.js';
import { type EventHandler, type HttpEvent, safeHandler } from './events.js';
import { type Failure, isAmbiguous, isTransient, networkFailure } from './failure.js';
import type { Gate, GateAttempt } from './gate.js';
import type { CallOptions, ClientOptions, FetchLike, ResolvedRetry } from './options.js';
import { buildUrl, fillPath, type QueryParams } from './query.js';
import type { RedactedRequest, Redactor } from './redact.js';
import { anySignal, sleep } from './signal.js';

/** How a client turns the kit's {@link Failure}s into its own error classes. */
export interface ErrorFactory {
  /** The error one failed attempt throws. */
  fromFailure(failure: Failure): Error;
  /** Wraps the final error of a write whose outcome is unknown (never resent). */
  outcomeUnknown?(error: Error, failure: Failure): Error;
  /** Replaces the final error after every "too fast" resend was used up. */
  rateLimitExhausted?(
    error: Error,
    failure: Failure & { kind: 'rate-limited' },
    retries: number,
  ): Error;
}

/** Everything the transport needs; built once per client. */
export interface TransportOptions
  extends Pick<ClientOptions<HttpEvent>, 'fetch' | 'onEvent' | 'signal'> {
  /** API root every endpoint path is appended to. */
  readonly baseUrl: string;
  /** Timeout of one attempt, in ms. */
  readonly timeoutMs: number;
  readonly retry: ResolvedRetry;
  /** Where every attempt waits for its slot; none means no client-side spacing. */
  readonly gate?: Gate | undefined;
  readonly redactor: Redactor;
  /** Adds credentials to each attempt at the last moment, so nothing above sees them. */
  readonly authorize?: ((url: URL, headers: Headers) => void) | undefined;
  /** A client's own reading of answers (throttle bodies, HTML pages); `undefined` = the kit's. */
  readonly classify?: ((answer: Answer) => Verdict | undefined) | undefined;
  readonly errors: ErrorFactory;
  /** Validates a success's JSON against the endpoint's schema, throwing the client's error. */
  readonly validate: <O>(endpoint: Endpoint<O>, value: unknown) => O;
  /** Keep the (redacted) request headers on `request` of errors and failures. Default `false`. */
  readonly recordHeaders?: boolean | undefined;
  /** Text of a non-JSON error body kept on errors. Default 2000 characters. */
  readonly maxErrorBodyChars?: number | undefined;
}

/** One call's request. */
export interface SendInit extends CallOptions {
  readonly query?: QueryParams | undefined;
  /** Values of the `:name` segments of the endpoint's path. */
  readonly pathParams?: Readonly<Record<string, string | number>> | undefined;
  readonly body?: RequestInit['body'] | undefined;
  readonly headers?: RequestInit['headers'] | undefined;
}

/** The one HTTP path of a client: throttle, retry, per-attempt timeout, late-bound `fetch`. */
export interface Transport {
  /** Sends a call and validates the JSON answer against `endpoint.response`. */
  request<O>(endpoint: Endpoint<O>, init?: SendInit): Promise<O>;
  /** A `fetch` for one endpoint, for request builders such as openapi-fetch. */
  fetchFor(endpoint: Endpoint, call?: CallOptions): FetchLike;
}

/** Builds a client's transport. */
export function createTransport(options: TransportOptions): Transport {
  const emit = safeHandler(options.onEvent);
  const execute = async (endpoint: Endpoint, request: Request, call: CallOptions) =>
    new Call(options, endpoint, call, emit).run(request);
  return {
    async request(endpoint, init = {}) {
      const url = buildUrl(options.baseUrl, fillPath(endpoint.path, init.pathParams), init.query);
      const { headers = {}, body = null } = init;
      const request = new Request(url, { method: endpoint.method, headers, body });
      const response = await execute(endpoint, request, init);
      return options.validate(endpoint, await response.json());
    },
    fetchFor:
      (endpoint, call = {}) =>
      (request) =>
        execute(endpoint, request, call),
  };
}

type Where = Pick<RedactedRequest, 'method' | 'url' | 'endpoint'>;

// One attempt's request, built fresh with that attempt's signal.
type Build = (signal: AbortSignal) => Request;

/** One logical call: its attempts, waits and the resend decisions of its endpoint's effect. */
class Call {
  readonly #rule: ResendRule;
  readonly #signal: AbortSignal | undefined;
  readonly #timeoutMs: number;
  readonly #failures = new WeakMap<object, Failure>();
  #attempt = 0;

  constructor(
    readonly options: TransportOptions,
    readonly endpoint: Endpoint,
    call: CallOptions,
    readonly emit: EventHandler<HttpEvent> | undefined,
  ) {
    this.#rule = RESEND_RULES[endpoint.effect];
    this.#signal = anySignal(options.signal, call.signal);
    this.#timeoutMs = call.timeoutMs ?? options.timeoutMs;
  }

  async run(request: Request): Promise<Response> {
    this.#signal?.throwIfAborted();
    const { redactor, retry, gate } = this.options;
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    this.options.authorize?.(url, headers);
    const { method } = request;
    const at = { method, url: redactor.text(url.href), endpoint: this.endpoint.path };
    const info = this.options.recordHeaders ? { ...at, headers: redactor.headers(headers) } : at;
    const body = request.body === null ? {} : { body: await request.arrayBuffer() };
    const build: Build = (signal) => new Request(url, { method, headers, ...body, signal });
    const send = (slot?: GateAttempt) => this.#attemptOnce(build, info, at, slot);
    const once = () => (gate === undefined ? send() : gate.schedule(send, this.#signal));
    try {
      return await pRetry(() => this.#withRateLimitWaits(once, at), {
        retries: retry.retries,
        factor: retry.factor,
        minTimeout: retry.minDelayMs,
        maxTimeout: retry.maxDelayMs,
        randomize: retry.jitter,
        ...(this.#signal ? { signal: this.#signal } : {}),
        shouldRetry: ({ error }) => this.#mayResend(error),
        onFailedAttempt: ({ error, attemptNumber: attempt, retriesLeft }) => {
          if (retriesLeft <= 0 || !this.#mayResend(error)) return;
          const failure = this.#failures.get(error);
          const status = failure && 'status' in failure ? failure.status : undefined;
          this.emit?.({
            type: 'http.retry',
            ...at,
            attempt,
            retriesLeft,
            reason: error.message,
            status,
          });
        },
      });
    } catch (error) {
      const failure = this.#failureOf(error);
      const unknown = this.options.errors.outcomeUnknown;
      if (failure && unknown && this.#rule.outcomeUnknownOnFailure && isAmbiguous(failure)) {
        throw unknown(error as Error, failure);
      }
      throw error;
    }
  }

  /** "Too fast" answers wait (capped) and go back through the gate; the server did not act. */
  async #withRateLimitWaits(once: () => Promise<Response>, at: Where): Promise<Response> {
    const { retry, errors } = this.options;
    const retries = this.#rule.afterRateLimit ? retry.rateLimitRetries : 0;
    for (let left = retries; ; left--) {
      try {
        return await once();
      } catch (error) {
        const failure = this.#failureOf(error);
        if (failure?.kind !== 'rate-limited') throw error;
        if (left <= 0) {
          const exhausted = this.#rule.afterRateLimit ? errors.rateLimitExhausted : undefined;
          // Not in `#failures`, so the outer retry gives up too.
          throw exhausted ? exhausted(error as Error, failure, retries) : error;
        }
        const { retryAfterMs = retry.rateLimitBackoffMs } = failure;
        const waitMs = Math.min(retryAfterMs, retry.maxRetryAfterMs);
        this.emit?.({ type: 'rate-limit.hit', ...at, status: failure.status, waitMs });
        await sleep(waitMs, this.#signal);
      }
    }
  }

  #failureOf(error: unknown): Failure | undefined {
    return typeof error === 'object' && error !== null ? this.#failures.get(error) : undefined;
  }

  #mayResend(error: unknown): boolean {
    const failure = this.#failureOf(error);
    if (failure === undefined) return false;
    if (failure.kind === 'network' && failure.notSent) return this.#rule.afterNotSent;
    return this.#rule.afterFailure && isTransient(failure);
  }

  async #attemptOnce(build: Build, info: RedactedRequest, at: Where, slot?: GateAttempt) {
    this.#attempt += 1;
    this.emit?.({ type: 'http.request', ...at, attempt: this.#attempt });
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new Error('per-attempt timeout')),
      this.#timeoutMs,
    );
    const started = performance.now();
    try {
      const signal = anySignal(this.#signal, timeout.signal) as AbortSignal;
      const response = await (this.options.fetch ?? globalThis.fetch)(build(signal));
      // Headers are in: what follows is reading the body, which says nothing about arrivals.
      slot?.responded();
      const text = await response.text();
      const durationMs = Math.round(performance.now() - started);
      this.emit?.({ type: 'http.response', ...at, status: response.status, durationMs });
      const read = { endpoint: this.endpoint, request: info, response, text };
      return this.#judge(readAnswer(read, this.options));
    } catch (error) {
      if (this.#signal?.aborted) throw this.#signal.reason;
      if (this.#failureOf(error)) throw error;
      if (timeout.signal.aborted) {
        throw this.#fail({ kind: 'timeout', request: info, timeoutMs: this.#timeoutMs });
      }
      throw this.#fail(networkFailure(info, error, this.options.redactor));
    } finally {
      clearTimeout(timer);
    }
  }

  #judge(answer: Answer): Response {
    const verdict = this.options.classify?.(answer) ?? defaultVerdict(answer);
    if ('ok' in verdict) {
      // Fresh headers: the body is already decoded, so the original length and encoding no longer apply.
      return new Response(verdict.ok, {
        status: answer.response.status,
        headers: { 'content-type': 'application/json' },
      });
    }
    // Only a status that says "too fast" slows the gate; a throttle body on a 200 is per endpoint.
    if (verdict.failure.kind === 'rate-limited' && verdict.failure.status >= 400) {
      this.options.gate?.rateLimited?.();
    }
    throw this.#fail(verdict.failure);
  }

  #fail(failure: Failure): Error {
    const error = this.options.errors.fromFailure(failure);
    this.#failures.set(error, failure);
    return error;
  }
}
