import type { OutboxRecord } from '../state/activity-store.js';
import { NotifyDeliveryError } from './delivery-error.js';
import type { NotifierOptions } from './notifier.js';
import { sendTelegram } from './telegram.js';
import { sendWebhook } from './webhook.js';

/** Sends one outbox row on its channel; a missing secret is a definite (not retried) failure. */
export async function sendNotification(
  row: OutboxRecord,
  options: Pick<NotifierOptions, 'config' | 'secrets' | 'fetch'>,
  signal: AbortSignal,
  now: Date,
): Promise<void> {
  const text = String(row.payload.text ?? '');
  if (row.channel === 'telegram') {
    const telegram = options.config.telegram;
    const token = options.secrets.telegramBotToken;
    if (telegram === undefined || token === undefined) {
      throw new NotifyDeliveryError('telegram', 'telegram: set TELEGRAM_BOT_TOKEN', {
        isRetryable: false,
      });
    }
    await sendTelegram(
      {
        apiBaseUrl: telegram.apiBaseUrl,
        botToken: token,
        chatId: telegram.chatId,
        fetch: options.fetch,
      },
      text,
      signal,
    );
    return;
  }
  const webhook = options.config.webhook;
  const secret = options.secrets.webhookSecret;
  if (webhook === undefined || secret === undefined) {
    throw new NotifyDeliveryError('webhook', 'webhook: set NOTIFY_WEBHOOK_SECRET', {
      isRetryable: false,
    });
  }
  await sendWebhook(
    { url: webhook.url, secret, fetch: options.fetch },
    {
      deliveryId: `${row.dedupeKey}`,
      kind: row.kind,
      body: {
        id: row.dedupeKey,
        kind: row.kind,
        createdAt: row.createdAt.toISOString(),
        ...row.payload,
      },
    },
    signal,
    now,
  );
}
