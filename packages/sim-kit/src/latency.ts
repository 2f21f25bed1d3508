import { createRandom, type Random } from './random.js';

/**
 * Delay a simulator adds to one route's answers, as a real network and server would: each
 * request draws a delay uniformly between `minMs` and `maxMs`.
 */
export interface SimulatedLatency {
  /** Shortest delay, in ms. */
  readonly minMs: number;
  /** Longest delay, in ms. */
  readonly maxMs: number;
  /**
   * Share (0–1) of each drawn delay spent before the request counts as arrived (the way in, what
   * a rate limit sees); the rest is server work and the way back. Default: the simulator's.
   */
  readonly inboundShare?: number;
}

/** Per-route latency: keys are paths below the simulator's prefix, or `*` for the rest. */
export type SimulatedLatencies = Readonly<Record<string, SimulatedLatency>>;

/** The two parts of one request's delay, in ms. */
export interface LatencyDraw {
  /** Before the request counts as arrived. */
  readonly inboundMs: number;
  /** After it arrived, before it is handled. */
  readonly outboundMs: number;
}

/** Draws delays for the configured paths from a seeded PRNG (the same seed, the same delays). */
export class LatencyModel {
  readonly #latencies: SimulatedLatencies;
  readonly #random: Random;
  readonly #inboundShare: number;

  /** Checks every entry; `inboundShare` is the default share of the way in. */
  constructor(latencies: SimulatedLatencies, seed: number, inboundShare: number) {
    for (const [path, latency] of Object.entries(latencies)) checkLatency(path, latency);
    this.#latencies = latencies;
    this.#random = createRandom(seed);
    this.#inboundShare = inboundShare;
  }

  /** The delay of the next request to `path` (zero, and no draw, when none is configured). */
  draw(path: string): LatencyDraw {
    const latency = this.#latencies[path] ?? this.#latencies['*'];
    if (latency === undefined) return { inboundMs: 0, outboundMs: 0 };
    const total = latency.minMs + this.#random.next() * (latency.maxMs - latency.minMs);
    const inboundMs = total * (latency.inboundShare ?? this.#inboundShare);
    return { inboundMs, outboundMs: total - inboundMs };
  }
}

function checkLatency(path: string, latency: SimulatedLatency): void {
  const { minMs, maxMs, inboundShare = 0 } = latency;
  if (!(Number.isFinite(minMs) && Number.isFinite(maxMs) && minMs >= 0 && maxMs >= minMs)) {
    throw new TypeError(
      `latency for ${path}: need 0 <= minMs <= maxMs (finite ms), got ${minMs}..${maxMs}`,
    );
  }
  if (!(inboundShare >= 0 && inboundShare <= 1)) {
    throw new TypeError(
      `latency for ${path}: inboundShare must be between 0 and 1, got ${inboundShare}`,
    );
  }
}

/** Waits `ms`; no timer at all when 0, so a simulator without latency answers at once. */
export function delay(ms: number): Promise<void> | undefined {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
}
