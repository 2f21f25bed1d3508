import type { Endpoint } from './endpoint.js';
import type { Failure } from './failure.js';
import type { RedactedRequest, Redactor } from './redact.js';
import { parseRetryAfter } from './retry-after.js';

/** One answer as the transport read it, handed to a client's `classify` hook. */
export interface Answer {
  readonly endpoint: Endpoint;
  readonly request: RedactedRequest;
  readonly response: Response;
  /** The whole body. */
  readonly text: string;
  /** The body parsed as JSON, when it is JSON. */
  readonly json: { readonly ok: true; readonly value: unknown } | { readonly ok: false };
  /** The body as errors may carry it: parsed and redacted, or truncated redacted text. */
  readonly redactedBody: unknown;
}

/** A client's verdict on an answer: a success with this body text, or a failure. */
export type Verdict = { readonly ok: string } | { readonly failure: Failure };

/** Parses JSON without throwing. */
export function tryParseJson(text: string): Answer['json'] {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Builds the {@link Answer} for a response whose body has been read. */
export function readAnswer(
  endpoint: Endpoint,
  request: RedactedRequest,
  response: Response,
  text: string,
  redactor: Redactor,
  maxBodyChars: number,
): Answer {
  const json = tryParseJson(text);
  const redactedBody = json.ok
    ? redactor.value(json.value)
    : redactor.text(text.slice(0, maxBodyChars));
  return { endpoint, request, response, text, json, redactedBody };
}

/**
 * The kit's reading of an answer when the client's hook has no opinion: 2xx JSON is a success,
 * 2xx non-JSON is malformed, 401/403 refuse the credentials, 429 is "too fast" (with
 * `Retry-After`), 5xx may be retried, any other status may not.
 */
export function defaultVerdict(answer: Answer): Verdict {
  const { response, request, redactedBody: body } = answer;
  const status = response.status;
  if (response.ok) {
    if (answer.json.ok) return { ok: answer.text };
    const message = `${request.endpoint} answered ${status} with a body that is not JSON`;
    return { failure: { kind: 'malformed', request, status, body, message } };
  }
  if (status === 401 || status === 403) return { failure: { kind: 'auth', request, status, body } };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return { failure: { kind: 'rate-limited', request, status, body, retryAfterMs } };
  }
  return { failure: { kind: 'http', request, status, body, retryable: status >= 500 } };
}
