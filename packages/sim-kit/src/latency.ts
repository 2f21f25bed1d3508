import { createRandom } from './random.js';

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

/**
 * Draws each request's delay before and after arrival, in ms, from a seeded PRNG (the same seed,
 * the same delays); no draw for a path without latency. `inboundShare` is the default share.
 */
export function latencyModel(latencies: SimulatedLatencies, seed: number, inboundShare: number) {
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
  const random = createRandom(seed);
  return (path: string): { readonly inboundMs: number; readonly outboundMs: number } => {
    const latency = latencies[path] ?? latencies['*'];
    if (latency === undefined) return { inboundMs: 0, outboundMs: 0 };
    const total = latency.minMs + random.next() * (latency.maxMs - latency.minMs);
    const inboundMs = total * (latency.inboundShare ?? inboundShare);
    return { inboundMs, outboundMs: total - inboundMs };
  };
}

/** Waits `ms`; no timer at all when 0, so a simulator without latency answers at once. */
export function delay(ms: number): Promise<void> | undefined {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
}
