/**
 * Delay the simulator adds before answering one endpoint, as a real network and server would:
 * each request draws a delay uniformly between `minMs` and `maxMs`.
 */
export interface SimulatedLatency {
  /** Shortest delay, in ms. */
  readonly minMs: number;
  /** Longest delay, in ms. */
  readonly maxMs: number;
}

/** Per-endpoint latency: keys are paths below `/shop/api`, e.g. `/v2/orders`, or `*` for the rest. */
export type SimulatedLatencies = Readonly<Record<string, SimulatedLatency>>;

/** Draws delays from a seeded PRNG (mulberry32), so a run can be repeated exactly. */
export class LatencyModel {
  readonly #latencies: SimulatedLatencies;
  #state: number;

  constructor(latencies: SimulatedLatencies, seed: number) {
    for (const [path, { minMs, maxMs }] of Object.entries(latencies)) {
      if (!(Number.isFinite(minMs) && Number.isFinite(maxMs) && minMs >= 0 && maxMs >= minMs)) {
        throw new TypeError(
          `latency for ${path}: need 0 <= minMs <= maxMs (finite ms), got ${minMs}..${maxMs}`,
        );
      }
    }
    this.#latencies = latencies;
    this.#state = seed >>> 0;
  }

  /** Waits the drawn delay for `path`; no timer at all when none is configured. */
  wait(path: string): Promise<void> | undefined {
    const latency = this.#latencies[path] ?? this.#latencies['*'];
    if (latency === undefined) return undefined;
    const ms = latency.minMs + this.#next() * (latency.maxMs - latency.minMs);
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
  }

  #next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
