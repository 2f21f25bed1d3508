import { type Answer, parseRetryAfter, type Verdict } from '@kaspi-connect/http-kit';
import * as v from 'valibot';

/** `/api/images` answers "too fast" with HTTP 200 and this body. */
const imagesThrottleSchema = v.object({ success: v.literal(false), interval: v.number() });

// Longer text is more likely a proxy or error page than Al-Style's short "not found" message.
const MAX_MISS_LENGTH = 500;

/**
 * Whether a 200 body of `/api/element-info` is Al-Style's plain-text "no match" message. Without
 * this the transport would call it a malformed reply and retry it.
 */
function isPlainTextMiss(text: string): boolean {
  const t = text.trim();
  // Empty could be a cut-off reply and markup is an error page: leave both to the transport.
  if (t === '' || t.length > MAX_MISS_LENGTH || t.startsWith('<')) return false;
  try {
    JSON.parse(t);
    return false;
  } catch {
    return true;
  }
}

/**
 * Al-Style's own answers: 403 and 429 mean "called too fast" (the API refused before acting),
 * `/api/images` says so in a 200 body, and `/api/element-info` answers a miss in plain text.
 * Everything else is read the kit's way.
 */
export function classifyAlStyle(answer: Answer): Verdict | undefined {
  const { request, response } = answer;
  const status = response.status;
  const tooFast = (retryAfterMs: number | undefined, message?: string): Verdict => ({
    failure: {
      kind: 'rate-limited',
      request,
      status,
      body: answer.redactedBody,
      retryAfterMs,
      message,
    },
  });
  if (status === 403 || status === 429) {
    return tooFast(parseRetryAfter(response.headers.get('retry-after')));
  }
  if (status !== 200) return undefined;
  const json = answer.json;
  if (request.endpoint === '/api/images' && json.ok && v.is(imagesThrottleSchema, json.value)) {
    const { interval } = json.value;
    return tooFast(interval * 1000, `${request.endpoint} asked to wait ${interval} s`);
  }
  // Handed on as the JSON string the schema already reads as "no match".
  if (request.endpoint === '/api/element-info' && !json.ok && isPlainTextMiss(answer.text)) {
    return { ok: JSON.stringify(answer.text.trim()) };
  }
  return undefined;
}
