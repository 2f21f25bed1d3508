/** What a redacted secret is replaced with in the request record. */
export const REDACTED = '***';

/** One request as the simulator saw it: what tests judge invariants by. Secrets are `***`. */
export interface SimRequestRecord {
  readonly method: string;
  /** Path below the simulator's prefix, e.g. `/v2/orders`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names; several values joined by `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text, when the handler ran (and the request had one). */
  readonly body: string | undefined;
  /** ms since the simulator started (monotonic clock), when the request counted as arrived. */
  readonly receivedAt: number;
  /** Status sent, or `no-response` when the connection was dropped or left hanging. */
  readonly status: number | 'no-response';
  /** ms from the first byte of the request to the answer (or to giving none). */
  readonly latencyMs: number;
  /** The kind of the fault injected into this request, if any. */
  readonly fault: string | null;
  /** Refused because it came sooner than the rate limit allows. */
  readonly rateLimited: boolean;
}

/** Names (lower-case) of headers and query parameters whose values never reach the record. */
export interface Redaction {
  readonly headers: ReadonlySet<string>;
  readonly query: ReadonlySet<string>;
}

/** Builds a redaction from the names; `authorization` and `cookie` are always secret. */
export function redaction(headers: readonly string[] = [], query: readonly string[] = []) {
  return {
    headers: new Set(['authorization', 'cookie', ...headers.map((h) => h.toLowerCase())]),
    query: new Set(query),
  } satisfies Redaction;
}

/** Query parameters with the secret ones replaced. */
export function redactQuery(params: URLSearchParams, r: Redaction): Record<string, string> {
  return Object.fromEntries(
    [...params].map(([k, v]) => [k, r.query.has(k) && v !== '' ? REDACTED : v]),
  );
}

/** Headers with the secret ones replaced (an empty value stays empty: it says nothing). */
export function redactHeaders(headers: Headers, r: Redaction): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = r.headers.has(name) && value !== '' ? REDACTED : value;
  });
  return out;
}
