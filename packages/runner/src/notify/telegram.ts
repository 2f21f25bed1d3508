import * as v from 'valibot';
import { redactSecrets } from '../logging/redact.js';
import { deliveryFailure } from './delivery-error.js';

/** Where and how to send one Telegram message. */
export interface TelegramTarget {
  readonly apiBaseUrl: string;
  readonly botToken: string;
  readonly chatId: string;
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
}

const ResponseSchema = v.object({
  ok: v.boolean(),
  description: v.optional(v.string()),
  parameters: v.optional(v.object({ retry_after: v.optional(v.number()) })),
});

/**
 * `sendMessage` of the Telegram Bot API (`POST /bot<token>/sendMessage`). The token is part of
 * the URL, so every error message is redacted before it leaves this function.
 */
export async function sendTelegram(
  target: TelegramTarget,
  text: string,
  signal: AbortSignal,
): Promise<void> {
  const base = target.apiBaseUrl.replace(/\/+$/, '');
  const request = new Request(`${base}/bot${target.botToken}/sendMessage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ chat_id: target.chatId, text, disable_web_page_preview: true }),
    signal,
  });
  const secrets = [target.botToken];
  let response: Response;
  try {
    response = await (target.fetch ?? ((r: Request) => globalThis.fetch(r)))(request);
  } catch (error) {
    const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
    throw deliveryFailure('telegram', undefined, message);
  }
  const parsed = v.safeParse(ResponseSchema, await response.json().catch(() => undefined));
  if (response.ok && parsed.success && parsed.output.ok) return;
  const description = parsed.success
    ? (parsed.output.description ?? 'not ok')
    : 'unreadable answer';
  const retryAfter = parsed.success ? parsed.output.parameters?.retry_after : undefined;
  throw deliveryFailure(
    'telegram',
    response.status,
    redactSecrets(description, secrets),
    retryAfter === undefined ? undefined : retryAfter * 1000,
  );
}
