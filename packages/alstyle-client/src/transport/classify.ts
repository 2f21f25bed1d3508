import { type Answer, parseRetryAfter, type Verdict } from '@kaspi-connect/http-kit';
import * as v from 'valibot';
import { isPlainTextMiss } from '../element-info-miss.js';

/** `/api/images` answers "too fast" with HTTP 200 and this body. */
const imagesThrottleSchema = v.object({ success: v.literal(false), interval: v.number() });

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
