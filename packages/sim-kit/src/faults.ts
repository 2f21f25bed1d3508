import type { Random } from './random.js';

/** Which requests a fault hits, and how often. */
export interface FaultMatch {
  /** Only requests with this method. Default: any. */
  readonly method?: string;
  /** Only this path below the prefix (a RegExp is tested against path and query). Default: any. */
  readonly path?: string | RegExp;
  /** How many matching requests to hit. Default 1; `Infinity` for all of them. */
  readonly times?: number;
  /** Chance (0–1) that a matching request is hit, drawn from the simulator's seed. Default 1. */
  readonly probability?: number;
  /** Run the handler first (the state changes), then break the reply: the outcome is unknown. */
  readonly afterHandling?: boolean;
}

/** How a fault breaks the reply. */
export type FaultKind =
  /** `status` (default 503) with the simulator's error, or `body` (default type `text/plain`). */
  | {
      readonly kind: 'status';
      readonly status?: number;
      readonly body?: string;
      readonly contentType?: string;
      readonly retryAfterSeconds?: number;
    }
  /** An HTML error page (default 502), as a proxy in front of the API answers. */
  | { readonly kind: 'html'; readonly status?: number }
  /** `timeout` never answers; `drop` destroys the connection; `malformed` cuts the body in half. */
  | { readonly kind: 'timeout' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'malformed' }
  /** Waits `delayMs`, then answers normally. */
  | { readonly kind: 'slow'; readonly delayMs: number };

/**
 * One fault for upcoming requests. `X` are a simulator's own faults (its API's quirks): matched
 * and counted alike, then handed to the route handler as `req.fault`.
 */
export type Fault<X extends { readonly kind: string } = never> = (FaultKind | X) & FaultMatch;

/** The kinds the kit applies itself. */
export const TRANSPORT_FAULTS = new Set(['status', 'html', 'timeout', 'drop', 'slow', 'malformed']);

/** Pending faults in injection order: the first one that matches a request applies. */
export class FaultQueue<X extends { readonly kind: string }> {
  #faults: { fault: Fault<X>; left: number }[] = [];

  /** `random` draws the `probability` of each hit. */
  constructor(readonly random: Random) {}

  add(fault: Fault<X>): void {
    const { times = 1, probability = 1 } = fault;
    if (!(times > 0) || !(probability >= 0 && probability <= 1))
      throw new TypeError(`fault ${fault.kind}: need times > 0 and 0 <= probability <= 1`);
    this.#faults.push({ fault, left: times });
  }

  clear(): void {
    this.#faults = [];
  }

  /** The fault for this request (counted as used), if one applies. */
  take(method: string, path: string, search: string): Fault<X> | undefined {
    const entry = this.#faults.find(({ fault: f }) => {
      if (f.method !== undefined && f.method.toUpperCase() !== method) return false;
      if (f.path === undefined) return true;
      return typeof f.path === 'string' ? f.path === path : f.path.test(`${path}${search}`);
    });
    if (!entry || (entry.fault.probability ?? 1) <= this.random.next()) return undefined;
    entry.left -= 1;
    this.#faults = this.#faults.filter((f) => f.left > 0);
    return entry.fault;
  }
}
