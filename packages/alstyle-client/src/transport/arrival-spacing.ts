/** Settings of `spacingFrom: 'arrival'`. */
export interface ArrivalSpacingOptions {
  /**
   * Smallest margin added to the interval, in ms, however steady the latency. Default 5 % of
   * `intervalMs` (250 ms at the real limit), at least 25, at most `marginMs`.
   */
  readonly minMarginMs?: number | undefined;
  /**
   * Share of the latency spread (recent times to response headers without the slowest and the
   * fastest, so one stall does not widen it) taken as the margin. Default 0.5: on symmetric paths
   * a request's way in is at most half its round trip, so arrivals jitter by at most half that.
   */
  readonly jitterShare?: number | undefined;
  /** Recent requests the spread is measured over. Default 16. */
  readonly samples?: number | undefined;
  /** Requests spaced from the response before the spread is trusted. Default 3. */
  readonly warmUp?: number | undefined;
}

function check(ok: boolean, name: string, rule: string, got: number): void {
  if (!ok) throw new TypeError(`rateLimit.arrival.${name} must be ${rule}, got ${got}`);
}

/**
 * Keeps the durations of recent requests and derives the margin that arrival spacing adds to the
 * interval. Hand-written: a ring of a few numbers, nothing a library would add.
 */
export class LatencyJitter {
  readonly #minMarginMs: number;
  readonly #share: number;
  readonly #warmUp: number;
  readonly #durations: number[];
  #next = 0;
  #seen = 0;

  constructor(options: ArrivalSpacingOptions = {}, defaultMinMarginMs = 25) {
    const {
      minMarginMs = defaultMinMarginMs,
      jitterShare = 0.5,
      samples = 16,
      warmUp = 3,
    } = options;
    check(Number.isFinite(minMarginMs) && minMarginMs >= 0, 'minMarginMs', '≥ 0 ms', minMarginMs);
    check(Number.isFinite(jitterShare) && jitterShare >= 0, 'jitterShare', '≥ 0', jitterShare);
    check(Number.isInteger(samples) && samples >= 2, 'samples', 'an integer ≥ 2', samples);
    const warmUpOk = Number.isInteger(warmUp) && warmUp >= 2 && warmUp <= samples;
    check(warmUpOk, 'warmUp', `an integer from 2 to samples (${samples})`, warmUp);
    this.#minMarginMs = minMarginMs;
    this.#share = jitterShare;
    this.#warmUp = warmUp;
    this.#durations = new Array<number>(samples).fill(0);
  }

  /** Records how long one request took, from its start to its response headers. */
  record(durationMs: number): void {
    this.#durations[this.#next] = durationMs;
    this.#next = (this.#next + 1) % this.#durations.length;
    this.#seen += 1;
  }

  /** The margin to add to the interval, or undefined until enough requests were measured. */
  marginMs(): number | undefined {
    if (this.#seen < this.#warmUp) return undefined;
    const recent = this.#durations
      .slice(0, Math.min(this.#seen, this.#durations.length))
      .sort((a, b) => a - b);
    // With 4 or more samples the extremes are left out; a few samples keep the full range.
    const trim = recent.length >= 4 ? 1 : 0;
    const spread = (recent[recent.length - 1 - trim] ?? 0) - (recent[trim] ?? 0);
    return Math.max(this.#minMarginMs, spread * this.#share);
  }
}
