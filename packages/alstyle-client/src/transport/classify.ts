import { type Answer, parseRetryAfter, type Verdict } from '@kaspi-connect/http-kit';
import { isPlainTextMiss } from '../element-info-miss.js';

function isImagesThrottle(value: unknown): value is { success: false; interval: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { success?: unknown }).success === false &&
    typeof (value as { interval?: unknown }).interval === 'number'
  );
}

/**
 * Al-Style's own answers: 403 and 429 mean "called too fast" (the API refused before acting),
 * `/api/images` says so in a 200 body, and `/api/element-info` answers a miss in plain text.
 * Everything else is read the kit's way.
 */
export function classifyAlStyle(answer: Answer): Verdict | undefined {
  const { request, response } = answer;
  const status = response.status;
  if (status === 403 || status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return {
      failure: { kind: 'rate-limited', request, status, body: answer.redactedBody, retryAfterMs },
    };
  }
  if (status !== 200) return undefined;
  if (request.endpoint === '/api/images' && answer.json.ok && isImagesThrottle(answer.json.value)) {
    const { interval } = answer.json.value;
    return {
      failure: {
        kind: 'rate-limited',
        request,
        status,
        body: answer.redactedBody,
        retryAfterMs: interval * 1000,
        message: `${request.endpoint} asked to wait ${interval} s`,
      },
    };
  }
  // Handed on as the JSON string the schema already reads as "no match".
  if (request.endpoint === '/api/element-info' && !answer.json.ok && isPlainTextMiss(answer.text)) {
    return { ok: JSON.stringify(answer.text.trim()) };
  }
  return undefined;
}
