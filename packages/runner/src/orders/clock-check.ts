/**
 * The clock check: every answer of Kaspi and of the supplier carries a `Date` header; comparing
 * it with the local clock finds a skew that would make the order poll's window miss orders.
 */

/** The skew last seen per API: positive when the local clock is ahead. */
export interface ClockReading {
  readonly source: string;
  readonly skewMs: number;
  readonly at: Date;
}

/** Collects `Date` headers from the API clients' fetch. */
export interface ClockWatch {
  /** Records one answer's `Date` header (ignored when missing or unreadable). */
  observe(source: string, response: Response): void;
  /** The largest absolute skew among the latest reading of each source. */
  worst(): ClockReading | undefined;
  /** A fetch (`fetch(input, init)` shape) that records every answer's `Date`. */
  wrapFetch(source: string, inner?: typeof fetch): typeof fetch;
  /** A fetch (`fetch(request)` shape, the Al-Style client's) that records every answer. */
  wrapRequestFetch(
    source: string,
    inner?: (request: Request) => Promise<Response>,
  ): (request: Request) => Promise<Response>;
}

/** A `ClockWatch` against `now` (the clock the order flow uses). */
export function createClockWatch(now: () => Date = () => new Date()): ClockWatch {
  const latest = new Map<string, ClockReading>();
  const watch: ClockWatch = {
    observe(source, response) {
      const header = response.headers.get('date');
      if (header === null) return;
      const server = Date.parse(header);
      if (Number.isNaN(server)) return;
      const local = now();
      // The header has whole seconds: up to 1 s of the skew is its rounding.
      latest.set(source, { source, skewMs: local.getTime() - server, at: local });
    },
    worst() {
      let worst: ClockReading | undefined;
      for (const reading of latest.values()) {
        if (worst === undefined || Math.abs(reading.skewMs) > Math.abs(worst.skewMs))
          worst = reading;
      }
      return worst;
    },
    wrapFetch(source, inner) {
      const wrapped = async (
        input: Parameters<typeof fetch>[0],
        init?: Parameters<typeof fetch>[1],
      ): Promise<Response> => {
        const response = await (inner ?? globalThis.fetch)(input, init);
        watch.observe(source, response);
        return response;
      };
      return wrapped as typeof fetch;
    },
    wrapRequestFetch(source, inner) {
      return async (request) => {
        const response = await (inner ?? globalThis.fetch)(request);
        watch.observe(source, response);
        return response;
      };
    },
  };
  return watch;
}

/** Beyond this the flow warns: small skews are normal, large ones mean a broken NTP. */
export const CLOCK_WARN_MS = 60_000;

/** Thrown when the skew exceeds `orders.overlapMinutes`: polling would miss orders. */
export class ClockSkewError extends Error {
  override readonly name = 'ClockSkewError';
  constructor(readonly reading: ClockReading) {
    const minutes = (reading.skewMs / 60_000).toFixed(1);
    super(
      `the local clock is ${minutes} min ${reading.skewMs > 0 ? 'ahead of' : 'behind'} ${reading.source} (its Date header), more than orders.overlapMinutes: orders would be missed, so polling stopped; fix the system clock (NTP) and run again`,
    );
  }
}
