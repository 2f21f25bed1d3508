import { type Gate, type GateAttempt, sleep, throttleGate } from '@kaspi-connect/http-kit';
import { type ArrivalSpacingOptions, LatencyJitter } from './arrival-spacing.js';
import { Mutex } from './mutex.js';

export type { GateAttempt };

/** What the spacing between two requests is measured from; see {@link RateLimitOptions}. */
export type SpacingFrom = 'arrival' | 'response' | 'request';

/** Rate-limit settings; the API allows one request per 5 s per token. */
export interface RateLimitOptions {
  /** Minimum spacing the API enforces, in ms. Default 5000. */
  readonly intervalMs?: number | undefined;
  /**
   * Safety margin added to `intervalMs` when spacing from the response (and from request starts),
   * in ms. Default 500 (the reference asks for ≥ 5.5 s).
   */
  readonly marginMs?: number | undefined;
  /**
   * What the spacing is measured from:
   * - `'arrival'` (default): starts `intervalMs + margin` apart, since the limit counts arrivals,
   *   the margin measured from latency jitter (see `arrival`); the first requests and all after
   *   any 403 are spaced from the response instead. Costs the margin per request.
   * - `'response'`: starts `intervalMs + marginMs` after the previous response, which the server
   *   sent after the previous arrival, so no jitter defeats it. Costs one request duration.
   * - `'request'`: starts `intervalMs + marginMs` apart (p-throttle alone), no fallback: a request
   *   that travels slower than the next one can draw a 403.
   */
  readonly spacingFrom?: SpacingFrom | undefined;
  /** How `'arrival'` spacing measures its margin. */
  readonly arrival?: ArrivalSpacingOptions | undefined;
  /**
   * Share one throttle with every client in this process that uses the same token and host
   * (default `true`). `false` gives this client a private throttle, e.g. for isolated tests.
   */
  readonly shareAcrossClients?: boolean | undefined;
  /**
   * Your own gate instead of the built-in one, e.g. a throttle shared by several processes that
   * use one token (none ships yet). The other settings are then ignored.
   */
  readonly gate?: RequestGate | undefined;
}

/** Runs tasks no closer together than the configured spacing. Implement it to share one token across processes. */
export interface RequestGate extends Gate {
  /** Spacing between requests when counted from the response, in ms. */
  readonly spacingMs: number;
  /** What the spacing is measured from. */
  readonly spacingFrom: SpacingFrom;
}

const shared = new Map<string, RequestGate>();

type GateSettings = Pick<RequestGate, 'spacingMs' | 'spacingFrom'> &
  Pick<RateLimitOptions, 'arrival'> & { readonly intervalMs: number };

function createGate(settings: GateSettings): RequestGate {
  const { intervalMs, spacingMs, spacingFrom } = settings;
  // The kit's p-throttle gate (strict: spacing counts from when a call actually ran, so a late
  // timer never shortens the next gap). Under arrival spacing it only guards the bare interval;
  // this gate computes the margin. Around it, one request in flight per token and a wait after
  // each response or start, which p-throttle has no notion of.
  const slot = throttleGate({ intervalMs: spacingFrom === 'arrival' ? intervalMs : spacingMs });
  const serial = new Mutex();
  // No limit (interval 0, e.g. tests): nothing for a margin to protect. The floor covers what the
  // client cannot see (timers, the server's queueing before it counts a request) at a bounded
  // cost: 5 % of the interval, at least 25 ms, never more than the configured margin.
  const minMarginMs = Math.min(spacingMs - intervalMs, Math.max(25, 0.05 * intervalMs));
  const jitter =
    spacingFrom === 'arrival' && intervalMs > 0
      ? new LatencyJitter(settings.arrival, minMarginMs)
      : undefined;
  let fellBack = false;
  let lastStartAt = Number.NEGATIVE_INFINITY;
  let lastResponseAt = Number.NEGATIVE_INFINITY;

  /** Earliest start of the next request, by the clock of `Date.now()`. */
  const nextStart = (): number => {
    if (spacingFrom === 'request') return Number.NEGATIVE_INFINITY;
    const margin = fellBack ? undefined : jitter?.marginMs();
    if (margin === undefined) return lastResponseAt + spacingMs;
    return lastStartAt + intervalMs + margin;
  };

  /** Runs `task` in its slot, timing it to its response headers for the jitter. */
  const timed = async <T>(task: (attempt?: GateAttempt) => Promise<T>): Promise<T> => {
    const startedAt = Date.now();
    lastStartAt = startedAt;
    let respondedAt: number | undefined;
    const result = await task({
      responded: () => {
        respondedAt ??= Date.now();
      },
    });
    // Only answered requests: a timeout's duration says nothing about the network.
    jitter?.record((respondedAt ?? Date.now()) - startedAt);
    return result;
  };

  return {
    spacingMs,
    spacingFrom,
    schedule<T>(task: (attempt?: GateAttempt) => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return serial.run(async () => {
        const wait = nextStart() - Date.now();
        if (wait > 0) await sleep(wait, signal);
        try {
          return await slot.schedule(() => timed(task), signal);
        } finally {
          lastResponseAt = Date.now();
        }
      }, signal);
    },
    rateLimited(): void {
      // The server saw two arrivals closer than it allows: for the rest of this gate's life,
      // space from the response, which no jitter can defeat.
      fellBack = true;
    },
  };
}

/** Returns the gate for `scopeKey`, creating it once per process when shared. */
export function getRequestGate(scopeKey: string, options: RateLimitOptions = {}): RequestGate {
  if (options.gate !== undefined) return options.gate;
  const intervalMs = options.intervalMs ?? 5000;
  const spacingMs = intervalMs + (options.marginMs ?? 500);
  const spacingFrom = options.spacingFrom ?? 'arrival';
  if (!Number.isFinite(spacingMs) || spacingMs < 0 || intervalMs < 0) {
    throw new TypeError(`rateLimit spacing must be a non-negative number of ms, got ${spacingMs}`);
  }
  const settings: GateSettings = { intervalMs, spacingMs, spacingFrom, arrival: options.arrival };
  if (options.shareAcrossClients === false) return createGate(settings);
  const gate = shared.get(scopeKey) ?? createGate(settings);
  if (gate.spacingMs !== spacingMs || gate.spacingFrom !== spacingFrom) {
    throw new TypeError(
      `Another Al-Style client in this process already throttles this token at ${gate.spacingMs} ms ` +
        `(from ${gate.spacingFrom}); this one asks for ${spacingMs} ms (from ${spacingFrom}). Use the same rateLimit settings for one token.`,
    );
  }
  shared.set(scopeKey, gate);
  return gate;
}
