import type * as v from 'valibot';

/**
 * What sending a request does, and so whether it may be sent again (see {@link RESEND_RULES}):
 * a `'read'` changes nothing; an `'idempotent-write'` changes state, but doing it twice leaves the
 * same state (clearing a cart); a `'refusable-write'` is refused before the server acts when it
 * answers "too fast"; a `'write-once'` creates something (an order, a document).
 */
export type Effect = 'read' | 'idempotent-write' | 'refusable-write' | 'write-once';

/** HTTP methods the clients use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One documented endpoint, as data: the row a retry table and the transport both read. */
export interface Endpoint<Output = unknown> {
  readonly method: HttpMethod;
  /** Path template as documented, e.g. `/api/elements` or `/v2/orders/:id`. */
  readonly path: string;
  readonly effect: Effect;
  /** Schema of a successful answer's JSON body. */
  readonly response: v.GenericSchema<unknown, Output>;
}

/** Whether a failure of each kind may lead to a resend, per effect: the one place that decides. */
export interface ResendRule {
  /** After 5xx, a timeout, a network error after sending, or a malformed reply. */
  readonly afterFailure: boolean;
  /** After a "too fast" answer (the server refused before acting). */
  readonly afterRateLimit: boolean;
  /** After a network error that proves the request never left (connection refused, DNS). */
  readonly afterNotSent: boolean;
  /** An ambiguous failure (timeout, 5xx, dropped connection) means the outcome is unknown. */
  readonly outcomeUnknownOnFailure: boolean;
}

// A request that provably never left may always go again; a failure that leaves unclear whether
// the server acted means "outcome unknown" exactly for the effects that may not go again after it.
const rule = (resend: Pick<ResendRule, 'afterFailure' | 'afterRateLimit'>): ResendRule => ({
  ...resend,
  afterNotSent: true,
  outcomeUnknownOnFailure: !resend.afterFailure,
});

/** The resend rules, by effect. */
export const RESEND_RULES: Readonly<Record<Effect, ResendRule>> = {
  read: rule({ afterFailure: true, afterRateLimit: true }),
  'idempotent-write': rule({ afterFailure: true, afterRateLimit: true }),
  'refusable-write': rule({ afterFailure: false, afterRateLimit: true }),
  'write-once': rule({ afterFailure: false, afterRateLimit: false }),
};

/** Declares an endpoint table, keeping each entry's literal type (and its response type). */
export function defineEndpoints<const T extends Record<string, Endpoint>>(table: T): T {
  for (const [name, endpoint] of Object.entries(table)) {
    if (!endpoint.path.startsWith('/')) {
      throw new TypeError(`endpoint ${name}: path must start with "/", got ${endpoint.path}`);
    }
  }
  return table;
}
