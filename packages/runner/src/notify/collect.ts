import type { NotifyConfig } from '../config/schema.js';
import { type Language, type MessageKey, translate } from '../console/messages.js';
import { lastKaspiFetch } from '../liveness/feed-fetch-log.js';
import type { StateStore } from '../state/state-store.js';

/** One thing worth telling the seller, before it is copied into each channel's outbox. */
export interface Notification {
  /** Stable for the event, so the same event is enqueued once, whoever sees it again. */
  readonly dedupeKey: string;
  readonly kind:
    | 'order-attention'
    | 'order-accepted'
    | 'sync-refused'
    | 'sync-failed'
    | 'feed-not-fetched'
    | 'daily-summary';
  readonly text: string;
  readonly data: Readonly<Record<string, string | number>>;
}

const HOUR_MS = 3_600_000;

/**
 * Reads the state store and lists what should be told now. It only reads, so the sync and
 * order paths never wait for notifications; the outbox's unique key drops repeats.
 */
export function collectNotifications(
  store: StateStore,
  config: NotifyConfig,
  options: { readonly now: Date; readonly timeZone: string },
): Notification[] {
  const language: Language = config.language;
  const t = (key: MessageKey, data: Record<string, string | number>) =>
    translate(language, key, data);
  const out: Notification[] = [];
  if (config.orderAttention) {
    for (const order of store.ordersNeedingAttention(50)) {
      const data = {
        code: order.kaspiCode,
        reason: order.attention?.reason ?? 'unknown',
        detail: order.attention?.detail ?? '',
      };
      out.push({
        dedupeKey: `order-attention:${order.kaspiCode}:${order.updatedAt.getTime()}`,
        kind: 'order-attention',
        text: t('notify.orderAttention', data),
        data,
      });
    }
  }
  if (config.acceptedOrders) {
    const since = new Date(options.now.getTime() - 24 * HOUR_MS);
    for (const order of store.activity.ordersChangedSince(since, 200)) {
      if (order.state !== 'accepted') continue;
      const data = { code: order.kaspiCode };
      out.push({
        dedupeKey: `order-accepted:${order.kaspiCode}`,
        kind: 'order-accepted',
        text: t('notify.orderAccepted', data),
        data,
      });
    }
  }
  if (config.syncProblems) {
    const last = store.lastRun(undefined, ['published', 'unchanged', 'refused', 'failed']);
    if (last?.status === 'refused' || last?.status === 'failed') {
      const refused = last.status === 'refused';
      const data = {
        id: last.id,
        mode: last.mode,
        detail: refused
          ? (last.summary?.refusals.join('; ') ?? '')
          : (last.summary?.error ?? 'unknown error'),
      };
      out.push({
        dedupeKey: `run:${last.id}`,
        kind: refused ? 'sync-refused' : 'sync-failed',
        text: t(refused ? 'notify.syncRefused' : 'notify.syncFailed', data),
        data,
      });
    }
  }
  const stale = feedNotFetched(store, config, options);
  if (stale !== undefined) out.push(stale);
  const daily = dailySummary(store, config, options);
  if (daily !== undefined) out.push(daily);
  return out;
}

function feedNotFetched(
  store: StateStore,
  config: NotifyConfig,
  options: { readonly now: Date; readonly timeZone: string },
): Notification | undefined {
  if (config.feedNotFetchedHours === 0) return undefined;
  const feed = store.lastPublishedFeed();
  if (feed === undefined) return undefined;
  const fetched = lastKaspiFetch(store.activity, config.kaspiFetcher);
  // Counted from the last fetch, or from the first publish when Kaspi never came.
  const since = fetched?.at ?? feed.publishedAt;
  if (options.now.getTime() - since.getTime() < config.feedNotFetchedHours * HOUR_MS)
    return undefined;
  const data = {
    hours: config.feedNotFetchedHours,
    last: fetched === undefined ? '—' : fetched.at.toISOString(),
  };
  return {
    dedupeKey: `feed-not-fetched:${since.getTime()}`,
    kind: 'feed-not-fetched',
    text: translate(config.language, 'notify.feedNotFetched', data),
    data,
  };
}

function dailySummary(
  store: StateStore,
  config: NotifyConfig,
  options: { readonly now: Date; readonly timeZone: string },
): Notification | undefined {
  if (config.dailySummaryAt === undefined) return undefined;
  const local = localParts(options.now, options.timeZone);
  if (local.time < config.dailySummaryAt) return undefined;
  const dayAgo = new Date(options.now.getTime() - 24 * HOUR_MS);
  const runs = store.activity.runDurations(dayAgo);
  const feed = store.lastPublishedFeed();
  const orders = store.activity.ordersChangedSince(dayAgo, 1000);
  const byState = new Map<string, number>();
  for (const order of orders) byState.set(order.state, (byState.get(order.state) ?? 0) + 1);
  const data = {
    date: local.date,
    offers: feed?.offers ?? 0,
    available: feed?.available ?? 0,
    runs: runs.length,
    bad: runs.filter((run) => run.status === 'refused' || run.status === 'failed').length,
    orders: byState.size === 0 ? '0' : [...byState].map(([state, n]) => `${state}=${n}`).join(', '),
  };
  return {
    dedupeKey: `daily:${local.date}`,
    kind: 'daily-summary',
    text: translate(config.language, 'notify.daily', data),
    data,
  };
}

/** `YYYY-MM-DD` and `HH:MM` of an instant in a time zone. */
export function localParts(date: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}
