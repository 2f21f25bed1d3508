import { Cron } from 'croner';
import type { NotifyConfig } from '../config/schema.js';
import { type LivenessReport, readLiveness } from '../liveness/status-section.js';
import { STATE_LOST_KEY, StateLostError } from '../orders/fresh-state.js';
import type {
  PriceHoldRecord,
  PublishedFeedRecord,
  RunRecord,
  SkippedProductRecord,
  StateStore,
} from '../state/state-store.js';

/** What `readStatus` returns. */
export interface StatusReport {
  readonly lastFeed: PublishedFeedRecord | undefined;
  readonly liveSkus: number;
  readonly recentRuns: RunRecord[];
  /** The last run refused or failed: the live feed is older than the last attempt. */
  readonly attention: string[];
  /** Orders per state, and the ones waiting for a person (with the reason). */
  readonly orders: {
    readonly counts: Record<string, number>;
    readonly needingAttention: readonly {
      readonly code: string;
      readonly reason: string;
      readonly detail: string;
    }[];
  };
  /** Offers the per-offer price guard holds at their last price. */
  readonly priceHolds?: readonly PriceHoldRecord[] | undefined;
  /** Products the last sync skipped, counted by reason. */
  readonly skippedByReason?: Readonly<Record<string, number>> | undefined;
  /** The next scheduled runs of `kaspi-connect run` (full syncs by cron, refreshes). */
  readonly nextRuns?:
    | readonly { readonly kind: 'full' | 'refresh'; readonly at: Date }[]
    | undefined;
  /** Who writes this state now (the lease), if anyone. */
  readonly lease?:
    | {
        readonly holder: string;
        readonly pid: number;
        readonly host: string;
        readonly heartbeatAt: string;
        readonly expiresAt: string;
      }
    | undefined;
  /** Servers' heartbeats, Kaspi's last fetch of the feed and the notification channels. */
  readonly liveness: LivenessReport;
}

/** Options of `readStatus` beyond the store. */
export interface StatusOptions {
  /** The schedule section, to list the next runs. */
  readonly schedule?:
    | {
        readonly timezone: string;
        readonly fullSync: readonly string[];
        readonly refreshEveryMinutes: number;
      }
    | undefined;
  /** The notify section, to report the notification channels' health. */
  readonly notify?: NotifyConfig | undefined;
  readonly now?: Date | undefined;
}

/** What `kaspi-connect status` shows: the live feed, recent runs and anything needing a person. */
export function readStatus(
  store: StateStore,
  runs = 10,
  options: StatusOptions = {},
): StatusReport {
  const recentRuns = store.recentRuns(runs);
  const attention: string[] = [];
  const last = recentRuns.find((run) => run.status !== 'running' && run.status !== 'dry-run');
  if (last?.status === 'refused') {
    attention.push(
      `run ${last.id} (${last.mode}) was refused by the safety guards: ${last.summary?.refusals.join('; ') ?? ''}`,
    );
  }
  if (last?.status === 'failed') {
    attention.push(
      `run ${last.id} (${last.mode}) failed: ${last.summary?.error ?? 'unknown error'}`,
    );
  }
  const lastFeed = store.lastPublishedFeed();
  if (lastFeed === undefined) attention.push('no feed has been published yet');
  const needingAttention = store.ordersNeedingAttention(50).map((order) => ({
    code: order.kaspiCode,
    reason: order.attention?.reason ?? 'unknown',
    detail: order.attention?.detail ?? '',
  }));
  for (const order of needingAttention)
    attention.push(`order ${order.code} needs a person (${order.reason}): ${order.detail}`);
  const priceHolds = optional(() => store.priceHolds?.()) ?? [];
  if (priceHolds.length > 0) {
    attention.push(
      `${priceHolds.length} offers keep their last price because the new one fell more than guards.maxOfferPriceDropPercent ("sync --force" accepts the new prices)`,
    );
  }
  const skippedByReason: Record<string, number> = {};
  for (const product of optional(() => store.skippedProducts?.()) ?? []) {
    skippedByReason[product.reason] = (skippedByReason[product.reason] ?? 0) + 1;
  }
  const liveness = readLiveness(store, options.notify ?? NO_NOTIFY);
  attention.push(...liveness.problems);
  for (const orphan of optional(() => store.supplierOrphans()) ?? [])
    attention.push(
      `supplier order ${orphan.supplierOrderId} (${orphan.supplier}) has no provable Kaspi order: ${orphan.detail}; cancel it with the supplier if no Kaspi order needs it`,
    );
  const lost = optional(() => store.getMeta(STATE_LOST_KEY));
  if (lost !== undefined)
    attention.push(`the order flow is stopped: ${new StateLostError(lost).message}`);
  const lease = optional(() => store.currentLease());
  return {
    liveness,
    lastFeed,
    liveSkus: store.skuMappings().length,
    recentRuns,
    attention,
    orders: { counts: store.orderCounts(), needingAttention },
    priceHolds,
    skippedByReason,
    nextRuns: nextRuns(options, recentRuns),
    lease:
      lease === undefined
        ? undefined
        : {
            holder: lease.holder,
            pid: lease.pid,
            host: lease.host,
            heartbeatAt: lease.heartbeatAt.toISOString(),
            expiresAt: lease.expiresAt.toISOString(),
          },
  };
}

/** Products the last sync skipped, optionally of one reason (`status --skipped`). */
export function readSkipped(store: StateStore, reason?: string): SkippedProductRecord[] {
  return optional(() => store.skippedProducts?.(reason)) ?? [];
}

/** A database written by an older version may lack the newer tables: report nothing then. */
function optional<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function nextRuns(
  options: StatusOptions,
  recent: readonly RunRecord[],
): { kind: 'full' | 'refresh'; at: Date }[] {
  const schedule = options.schedule;
  if (schedule === undefined) return [];
  const now = options.now ?? new Date();
  const runs: { kind: 'full' | 'refresh'; at: Date }[] = [];
  for (const pattern of schedule.fullSync) {
    const next = new Cron(pattern, { timezone: schedule.timezone, paused: true }).nextRun(now);
    if (next !== null) runs.push({ kind: 'full', at: next });
  }
  if (schedule.refreshEveryMinutes > 0) {
    // Refreshes run every N minutes from the service's start; the last run is the best anchor.
    const last = recent.find((run) => run.status !== 'running')?.startedAt ?? now;
    const step = schedule.refreshEveryMinutes * 60_000;
    let at = last.getTime() + step;
    while (at < now.getTime()) at += step;
    runs.push({ kind: 'refresh', at: new Date(at) });
  }
  return runs.sort((a, b) => a.at.getTime() - b.at.getTime());
}
const NO_NOTIFY: NotifyConfig = {
  language: 'ru',
  orderAttention: false,
  syncProblems: false,
  acceptedOrders: false,
  feedNotFetchedHours: 0,
  kaspiFetcher: {},
  maxAttempts: 1,
  checkEverySeconds: 30,
};
