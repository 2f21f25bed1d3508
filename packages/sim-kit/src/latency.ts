import { createRandom, type Random } from './random.js';

/** Delay added to one route's answers: each request draws uniformly in `minMs..maxMs`. */
export interface SimulatedLatency {
  readonly minMs: number;
  readonly maxMs: number;
  /**
   * Share (0–1) spent before the request counts as arrived (what a rate limit sees); the rest is
   * server work and the way back. Default: the simulator's.
   */
  readonly inboundShare?: number;
}

/** Per-route latency: keys are paths below the simulator's prefix, or `*` for the rest. */
export type SimulatedLatencies = Readonly<Record<string, SimulatedLatency>>;

/** Draws delays for the configured paths from a seeded PRNG (the same seed, the same delays). */
export class LatencyModel {
  readonly #random: Random;

  /** Checks every entry; `inboundShare` is the default share of the way in. */
  constructor(
    readonly latencies: SimulatedLatencies,
    seed: number,
    readonly inboundShare: number,
  ) {
    for (const [path, { minMs, maxMs, inboundShare: share = 0 }] of Object.entries(latencies)) {
      if (!(Number.isFinite(minMs) && Number.isFinite(maxMs) && minMs >= 0 && maxMs >= minMs))
        throw new TypeError(
          `latency for ${path}: need 0 <= minMs <= maxMs (finite ms), got ${minMs}..${maxMs}`,
        );
      if (!(share >= 0 && share <= 1))
        throw new TypeError(
          `latency for ${path}: inboundShare must be between 0 and 1, got ${share}`,
        );
    }
    this.#random = createRandom(seed);
  }

  /** The next request's delay before and after arrival, in ms (no draw when none applies). */
  draw(path: string): { readonly inboundMs: number; readonly outboundMs: number } {
    const latency = this.latencies[path] ?? this.latencies['*'];
    if (latency === undefined) return { inboundMs: 0, outboundMs: 0 };
    const total = latency.minMs + this.#random.next() * (latency.maxMs - latency.minMs);
    const inboundMs = total * (latency.inboundShare ?? this.inboundShare);
    return { inboundMs, outboundMs: total - inboundMs };
  }
}

/** Waits `ms`; no timer at all when 0, so a simulator without latency answers at once. */
export function delay(ms: number): Promise<void> | undefined {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
}
