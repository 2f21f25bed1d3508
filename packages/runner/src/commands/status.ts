import { STATE_LOST_KEY, StateLostError } from '../orders/fresh-state.js';
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
}

/** What `kaspi-connect status` shows: the live feed, recent runs and anything needing a person. */
export function readStatus(store: StateStore, runs = 10): StatusReport {
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
  for (const orphan of store.supplierOrphans())
    attention.push(
      `supplier order ${orphan.supplierOrderId} (${orphan.supplier}) has no provable Kaspi order: ${orphan.detail}; cancel it with the supplier if no Kaspi order needs it`,
    );
  const lost = store.getMeta(STATE_LOST_KEY);
  if (lost !== undefined)
    attention.push(`the order flow is stopped: ${new StateLostError(lost).message}`);
  const lease = store.currentLease();
  return {
    lastFeed,
    liveSkus: store.skuMappings().length,
    recentRuns,
    attention,
    orders: { counts: store.orderCounts(), needingAttention },
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
