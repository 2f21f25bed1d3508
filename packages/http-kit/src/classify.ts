import type { Endpoint } from './endpoint.js';
import type { Failure } from './failure.js';
import type { RedactedRequest } from './redact.js';
import type { TransportOptions } from './transport.js';

/** One answer as the transport read it, handed to a client's `classify` hook. */
export interface Answer {
  readonly endpoint: Endpoint;
  readonly request: RedactedRequest;
  readonly response: Response;
  readonly text: string;
  readonly json: { readonly ok: true; readonly value: unknown } | { readonly ok: false };
  /** The body as errors may carry it: parsed and redacted, or truncated redacted text. Computed when first read. */
  readonly redactedBody: unknown;
}

/** A client's verdict on an answer: a success with this body text, or a failure. */
export type Verdict = { readonly ok: string } | { readonly failure: Failure };

/** Builds the {@link Answer} for a response whose body has been read. */
export function readAnswer(
  read: Pick<Answer, 'endpoint' | 'request' | 'response' | 'text'>,
  { redactor, maxErrorBodyChars = 2000 }: Pick<TransportOptions, 'redactor' | 'maxErrorBodyChars'>,
): Answer {
  const { text } = read;
  let json: Answer['json'];
  try {
    json = { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    json = { ok: false };
  }
  let redacted: { value: unknown } | undefined;
  return {
    ...read,
    json,
    // Only failures carry a body, so a large successful one is never walked for secrets.
    get redactedBody(): unknown {
      redacted ??= {
        value: json.ok
          ? redactor.value(json.value)
          : redactor.text(text.slice(0, maxErrorBodyChars)),
      };
      return redacted.value;
    },
  };
}

/**
 * The kit's reading of an answer when the client's hook has no opinion: 2xx JSON is a success,
 * 2xx non-JSON is malformed, 401/403 refuse the credentials, 429 is "too fast" (with
 * `Retry-After`), 5xx may be retried, any other status may not.
 */
export function defaultVerdict(answer: Answer): Verdict {
  const { response, request } = answer;
  if (response.ok && answer.json.ok) return { ok: answer.text };
  const status = response.status;
  const base = { request, status, body: answer.redactedBody };
  if (response.ok) {
    const message = `${request.endpoint} answered ${status} with a body that is not JSON`;
    return { failure: { ...base, kind: 'malformed', message } };
  }
  if (status === 401 || status === 403) return { failure: { ...base, kind: 'auth' } };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return { failure: { ...base, kind: 'rate-limited', retryAfterMs } };
  }
  return { failure: { ...base, kind: 'http', retryable: status >= 500 } };
}

/**
 * Reads a `Retry-After` header (seconds or an HTTP date) as milliseconds from `now`; `undefined`
 * when absent or unreadable. The caller caps it (`retry.maxRetryAfterMs`).
 */
export function parseRetryAfter(
  header: string | null,
  now: number = Date.now(),
): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
