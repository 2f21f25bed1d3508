import { createRandom, type Random } from './random.js';

/**
 * Delay the simulator adds to one endpoint's answers, as a real network and server would: each
 * request draws a delay uniformly between `minMs` and `maxMs`.
 */
export interface SimulatedLatency {
  /** Shortest delay, in ms. */
  readonly minMs: number;
  /** Longest delay, in ms. */
  readonly maxMs: number;
  /**
   * Share (0–1) of each drawn delay spent before the request counts as arrived for the rate
   * limit: the way in. The rest is server work and the way back. Default 0.1, so arrivals jitter
   * by a tenth of the spread, as when most of a page's time is the server building it.
   */
  readonly inboundShare?: number;
}

/** Per-endpoint latency: keys are paths such as `/api/elements-pagination`, or `*` for the rest. */
export type SimulatedLatencies = Readonly<Record<string, SimulatedLatency>>;

/** The two parts of one request's delay, in ms. */
export interface LatencyDraw {
  /** Before the request counts as arrived. */
  readonly inboundMs: number;
  /** After it arrived, before the answer is sent. */
  readonly outboundMs: number;
}

/** Draws delays for the configured endpoints from a seeded PRNG (the same seed, the same delays). */
export class LatencyModel {
  readonly #latencies: SimulatedLatencies;
  readonly #random: Random;

  constructor(latencies: SimulatedLatencies, seed: number) {
    for (const [path, latency] of Object.entries(latencies)) checkLatency(path, latency);
    this.#latencies = latencies;
    this.#random = createRandom(seed ^ 0x5bd1e995);
  }

  /** The delay of the next request to `path` (zero when no latency is configured for it). */
  draw(path: string): LatencyDraw {
    const latency = this.#latencies[path] ?? this.#latencies['*'];
    if (latency === undefined) return { inboundMs: 0, outboundMs: 0 };
    const total = latency.minMs + this.#random.next() * (latency.maxMs - latency.minMs);
    const inboundMs = total * (latency.inboundShare ?? 0.1);
    return { inboundMs, outboundMs: total - inboundMs };
  }
}

function checkLatency(path: string, latency: SimulatedLatency): void {
  const { minMs, maxMs, inboundShare = 0.1 } = latency;
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

/** Waits `ms`; no timer at all when 0, so a simulator without latency answers as before. */
export function delay(ms: number): Promise<void> | undefined {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
}
