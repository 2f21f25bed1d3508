import type { NotifyConfig } from '../config/schema.js';
import { type LivenessReport, readLiveness } from '../liveness/status-section.js';
import type { PublishedFeedRecord, RunRecord, StateStore } from '../state/state-store.js';

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
  /** Servers' heartbeats, Kaspi's last fetch of the feed and the notification channels. */
  readonly liveness: LivenessReport;
}

/** What `kaspi-connect status` shows: the live feed, recent runs and anything needing a person. */
export function readStatus(store: StateStore, runs = 10, notify?: NotifyConfig): StatusReport {
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
  const liveness = readLiveness(store, notify ?? NO_NOTIFY);
  attention.push(...liveness.problems);
  return {
    liveness,
    lastFeed,
    liveSkus: store.skuMappings().length,
    recentRuns,
    attention,
    orders: { counts: store.orderCounts(), needingAttention },
  };
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
