import { setTimeout as sleep } from 'node:timers/promises';
import type { Secrets } from '../config/load-config.js';
import type { NotifyConfig } from '../config/schema.js';
import type { OutboxRecord } from '../state/activity-store.js';
import type { StateStore } from '../state/state-store.js';
import { collectNotifications } from './collect.js';
import { NotifyDeliveryError } from './delivery-error.js';
import { sendNotification } from './send-notification.js';

/** Events of the notifier, for logs. */
export type NotifierEvent =
  | {
      readonly type: 'notify.sent';
      readonly channel: string;
      readonly id: number;
      readonly kind: string;
    }
  | {
      readonly type: 'notify.failed';
      readonly channel: string;
      readonly id: number;
      readonly error: string;
      readonly willRetry: boolean;
    }
  | { readonly type: 'notify.uncertain'; readonly count: number }
  | { readonly type: 'notify.error'; readonly error: unknown };

/** Options of `startNotifier`. */
export interface NotifierOptions {
  readonly store: StateStore;
  readonly config: NotifyConfig;
  readonly secrets: Pick<Secrets, 'telegramBotToken' | 'webhookSecret'>;
  /** For the daily summary's local time (`schedule.timezone`). */
  readonly timeZone: string;
  readonly signal: AbortSignal;
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
  readonly onEvent?: ((event: NotifierEvent) => void) | undefined;
  readonly now?: (() => Date) | undefined;
  /** Overrides `notify.checkEverySeconds` (tests). */
  readonly everyMs?: number | undefined;
}

/** A running notifier. */
export interface Notifier {
  /** One pass now: collect, enqueue, deliver what is due. */
  tick(): Promise<void>;
  /** Resolves once the signal aborted and the current pass ended. */
  readonly done: Promise<void>;
}

/** The channels a config names. */
export function configuredChannels(config: NotifyConfig): string[] {
  return [
    ...(config.telegram === undefined ? [] : ['telegram']),
    ...(config.webhook === undefined ? [] : ['webhook']),
  ];
}

const ATTEMPT_TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;
const BATCH = 20;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3_600_000;

/**
 * Delivers notifications from the outbox in the state store. Each pass reads the state for
 * events (never written to by the sync or order paths, so they never wait or fail because of
 * it), enqueues them once per channel, then claims due rows and sends them. A claim is written
 * before the send: if the process dies mid-send the row becomes `uncertain` and is not resent,
 * so nothing is delivered twice after a restart. Definite failures retry with exponential
 * backoff (persisted, so it survives restarts) up to `notify.maxAttempts`.
 */
export function startNotifier(options: NotifierOptions): Notifier | undefined {
  const channels = configuredChannels(options.config);
  if (channels.length === 0) return undefined;
  const now = options.now ?? (() => new Date());
  const activity = options.store.activity;
  let running: Promise<void> = Promise.resolve();

  const pass = async (): Promise<void> => {
    try {
      const expired = activity.expireClaims(now());
      if (expired > 0) options.onEvent?.({ type: 'notify.uncertain', count: expired });
      const found = collectNotifications(options.store, options.config, {
        now: now(),
        timeZone: options.timeZone,
      });
      activity.enqueue(
        found.flatMap((item) =>
          channels.map((channel) => ({
            dedupeKey: item.dedupeKey,
            channel,
            kind: item.kind,
            payload: { text: item.text, data: item.data },
          })),
        ),
        now(),
      );
      // One claim at a time: a process that dies mid-send strands one row, not a batch.
      for (let sent = 0; sent < BATCH && !options.signal.aborted; sent++) {
        const [row] = activity.claimDue(now(), 1, LEASE_MS);
        if (row === undefined) break;
        await deliverOne(row);
      }
    } catch (error) {
      options.onEvent?.({ type: 'notify.error', error });
    }
  };

  const deliverOne = async (row: OutboxRecord): Promise<void> => {
    try {
      await sendNotification(
        row,
        options,
        AbortSignal.any([options.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
        now(),
      );
      activity.markSent(row.id, now());
      options.onEvent?.({ type: 'notify.sent', channel: row.channel, id: row.id, kind: row.kind });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryable =
        !NotifyDeliveryError.isInstance(error) || error.isRetryable || options.signal.aborted;
      const willRetry = retryable && row.attempts < options.config.maxAttempts;
      // Persisted exponential backoff: a retry library would forget its schedule on restart.
      const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (row.attempts - 1));
      const retryAfter = NotifyDeliveryError.isInstance(error) ? (error.retryAfterMs ?? 0) : 0;
      const next = new Date(
        now().getTime() + Math.max(backoff, Math.min(retryAfter, BACKOFF_MAX_MS)),
      );
      activity.markFailed(row.id, message, now(), willRetry ? next : undefined);
      options.onEvent?.({
        type: 'notify.failed',
        channel: row.channel,
        id: row.id,
        error: message,
        willRetry,
      });
    }
  };

  const tick = (): Promise<void> => {
    running = running.then(pass);
    return running;
  };
  const everyMs = options.everyMs ?? options.config.checkEverySeconds * 1000;
  const loop = async () => {
    while (!options.signal.aborted) {
      await tick();
      await sleep(everyMs, undefined, { signal: options.signal }).catch(() => undefined);
    }
    await running;
  };
  return { tick, done: loop() };
}
