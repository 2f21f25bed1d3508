import type { Random } from './random.js';

/** Which requests a fault hits, and how often. */
export interface FaultMatch {
  /** Only requests with this method. Default: any. */
  readonly method?: string;
  /**
   * Only these paths (below the simulator's prefix). A string must equal the path; a RegExp is
   * tested against the path with its query string. Default: any.
   */
  readonly path?: string | RegExp;
  /** How many matching requests to hit. Default 1; `Infinity` for all of them. */
  readonly times?: number;
  /** Chance (0–1) that a matching request is hit, drawn from the simulator's seed. Default 1. */
  readonly probability?: number;
  /**
   * Handle the request first (the state changes), then break the reply: the "outcome unknown"
   * world of a lost answer. Default false: the handler never runs.
   */
  readonly afterHandling?: boolean;
}

/** How a fault breaks the reply. */
export type FaultKind =
  | {
      /** Answer this status (default 503) with the simulator's error body, or `body`. */
      readonly kind: 'status';
      readonly status?: number;
      /** Body to send instead of the simulator's error. */
      readonly body?: string;
      /** Content type of `body`. Default `text/plain`. */
      readonly contentType?: string;
      /** `Retry-After` seconds to send. */
      readonly retryAfterSeconds?: number;
    }
  | {
      /** Answer an HTML error page, as a proxy in front of the API would. */
      readonly kind: 'html';
      /** Default 502. */
      readonly status?: number;
    }
  | {
      /** Never answer (the connection stays open until the client gives up or the server stops). */
      readonly kind: 'timeout';
    }
  | {
      /** Destroy the connection without an answer. */
      readonly kind: 'drop';
    }
  | {
      /** Wait `delayMs` before answering normally. */
      readonly kind: 'slow';
      readonly delayMs: number;
    }
  | {
      /** Answer 200 with the handler's body cut in the middle (not valid JSON). The handler runs. */
      readonly kind: 'malformed';
    };

/**
 * One fault for upcoming requests. `X` are a simulator's own faults (its API's quirks): the kit
 * matches and counts them the same way and hands them to the route handler.
 */
export type Fault<X extends { readonly kind: string } = never> = (FaultKind | X) & FaultMatch;

/** The kinds the kit itself applies. */
export const TRANSPORT_FAULTS: ReadonlySet<string> = new Set([
  'status',
  'html',
  'timeout',
  'drop',
  'slow',
  'malformed',
]);

/** Pending faults in injection order: the first one that matches a request applies. */
export class FaultQueue<X extends { readonly kind: string }> {
  #faults: { fault: Fault<X>; left: number }[] = [];
  readonly #random: Random;

  /** `random` decides the `probability` draws. */
  constructor(random: Random) {
    this.#random = random;
  }

  /** Adds a fault after the pending ones. */
  add(fault: Fault<X>): void {
    const { times = 1, probability = 1 } = fault;
    if (!(times > 0) || !(probability >= 0 && probability <= 1))
      throw new TypeError(`fault ${fault.kind}: need times > 0 and 0 <= probability <= 1`);
    this.#faults.push({ fault, left: times });
  }

  /** Drops every pending fault. */
  clear(): void {
    this.#faults = [];
  }

  /** The fault for this request, counted as used; `undefined` when none applies. */
  take(method: string, path: string, search: string): Fault<X> | undefined {
    const entry = this.#faults.find((f) => matches(f.fault, method, path, search));
    if (!entry) return undefined;
    const { probability = 1 } = entry.fault;
    if (probability < 1 && this.#random.next() >= probability) return undefined;
    entry.left -= 1;
    this.#faults = this.#faults.filter((f) => f.left > 0);
    return entry.fault;
  }
}

function matches(fault: FaultMatch, method: string, path: string, search: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? fault.path === path : fault.path.test(`${path}${search}`);
}
