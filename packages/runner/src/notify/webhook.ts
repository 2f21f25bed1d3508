import { createHmac } from 'node:crypto';
import { redactSecrets } from '../logging/redact.js';
import { deliveryFailure } from './delivery-error.js';

/** Where to post, and the secret that signs each body. */
export interface WebhookTarget {
  readonly url: string;
  readonly secret: string;
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/** Headers of every webhook call (documented in docs/notifications.md). */
export const WEBHOOK_HEADERS = {
  signature: 'X-Kaspi-Connect-Signature',
  timestamp: 'X-Kaspi-Connect-Timestamp',
  delivery: 'X-Kaspi-Connect-Delivery',
  event: 'X-Kaspi-Connect-Event',
} as const;

/** `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>`, as the receiver recomputes it. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Posts one JSON event; the delivery id is stable across attempts so receivers can dedupe. */
export async function sendWebhook(
  target: WebhookTarget,
  event: { readonly deliveryId: string; readonly kind: string; readonly body: object },
  signal: AbortSignal,
  now: Date = new Date(),
): Promise<void> {
  const body = JSON.stringify(event.body);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const request = new Request(target.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      [WEBHOOK_HEADERS.signature]: signWebhook(target.secret, timestamp, body),
      [WEBHOOK_HEADERS.timestamp]: timestamp,
      [WEBHOOK_HEADERS.delivery]: event.deliveryId,
      [WEBHOOK_HEADERS.event]: event.kind,
    },
    body,
    signal,
  });
  let response: Response;
  try {
    response = await (target.fetch ?? ((r: Request) => globalThis.fetch(r)))(request);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw deliveryFailure('webhook', undefined, redactSecrets(message, [target.secret]));
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return;
  const retryAfter = Number(response.headers.get('retry-after'));
  throw deliveryFailure(
    'webhook',
    response.status,
    response.statusText || 'not accepted',
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
  );
}
