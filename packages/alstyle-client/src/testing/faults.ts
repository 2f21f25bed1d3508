/** A fault the simulator injects into matching requests, `times` times (default 1). */
export type AlStyleFault = (
  | {
      /** Answer with this HTTP status (e.g. a 5xx burst). */
      readonly kind: 'status';
      readonly status: number;
      readonly body?: string;
    }
  | {
      /** Wait before answering normally. */
      readonly kind: 'slow';
      readonly delayMs: number;
    }
  | {
      /** Answer 200 with a body cut in the middle (not valid JSON). */
      readonly kind: 'malformed-json';
    }
  | {
      /** `elements*`: return only the first `keep` items of the page, with correct metadata. */
      readonly kind: 'truncated-page';
      readonly keep: number;
    }
  | {
      /** Destroy the socket without an answer. */
      readonly kind: 'drop-connection';
    }
  | {
      /** Answer as if the token were invalid. */
      readonly kind: 'bad-token';
    }
  | {
      /** `/api/images`: answer `{success:false, interval}` with HTTP 200. */
      readonly kind: 'images-throttle';
      readonly intervalSeconds: number;
    }
) & {
  /** How many matching requests to affect. Default 1; `Infinity` for all. */
  readonly times?: number;
  /** Only requests to this path, e.g. `/api/elements-pagination`. Default: any. */
  readonly endpoint?: string;
};

/** Consumes faults in order: the first one that matches the path applies. */
export class FaultQueue {
  #faults: { fault: AlStyleFault; left: number }[] = [];

  add(fault: AlStyleFault): void {
    this.#faults.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.#faults = [];
  }

  take(path: string): AlStyleFault | undefined {
    const entry = this.#faults.find(
      (f) =>
        f.left > 0 &&
        (f.fault.endpoint === undefined || f.fault.endpoint === path) &&
        (f.fault.kind !== 'images-throttle' || path === '/api/images') &&
        (f.fault.kind !== 'truncated-page' || path.startsWith('/api/elements')),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    this.#faults = this.#faults.filter((f) => f.left > 0);
    return entry.fault;
  }
}
