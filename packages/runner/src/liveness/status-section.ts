import type { NotifyConfig } from '../config/schema.js';
import { configuredChannels } from '../notify/notifier.js';
import type { FeedFetchRecord, OutboxHealth } from '../state/activity-store.js';
import type { StateStore } from '../state/state-store.js';
import { lastKaspiFetch } from './feed-fetch-log.js';
import { type Liveness, livenessOf } from './heartbeat.js';

/** The liveness part of `status`: servers, Kaspi's last fetch, notification channels. */
export interface LivenessReport {
  readonly servers: readonly Liveness[];
  readonly lastKaspiFetch: FeedFetchRecord | undefined;
  readonly notifications: readonly OutboxHealth[];
  /** Lines for `status`'s attention list. */
  readonly problems: readonly string[];
}

/** Reads heartbeats, the feed log and the outbox. */
export function readLiveness(
  store: StateStore,
  notify: NotifyConfig,
  now: Date = new Date(),
): LivenessReport {
  const servers = livenessOf(store.activity.heartbeats(), now);
  const notifications = store.activity.outboxHealth();
  const problems: string[] = [];
  for (const server of servers) {
    if (!server.alive)
      problems.push(
        `"${server.process}" (pid ${server.pid}) has not sent a heartbeat since ${server.lastBeatAt.toISOString()}`,
      );
  }
  const channels = new Set(configuredChannels(notify));
  for (const health of notifications) {
    if (!channels.has(health.channel)) continue;
    const stuck = (health.counts.failed ?? 0) + (health.counts.uncertain ?? 0);
    const retrying = health.lastError !== undefined && (health.counts.pending ?? 0) > 0;
    if (stuck > 0 || retrying)
      problems.push(
        `notifications via ${health.channel} are not delivering (${stuck} given up${retrying ? ', retrying' : ''}): ${health.lastError ?? 'see the console'}`,
      );
  }
  return {
    servers,
    lastKaspiFetch: lastKaspiFetch(store.activity, notify.kaspiFetcher),
    notifications,
    problems,
  };
}

/** The section `status` prints for people. */
export function formatLiveness(report: LivenessReport): string {
  const lines = report.servers.map(
    (s) =>
      `Server ${s.process}: ${s.alive ? 'alive' : 'NOT RESPONDING'} (pid ${s.pid}, last heartbeat ${Math.round(s.ageMs / 1000)} s ago)`,
  );
  const fetch = report.lastKaspiFetch;
  lines.push(
    fetch === undefined
      ? 'Kaspi fetch: never recorded'
      : `Kaspi fetch: ${fetch.at.toISOString()} from ${fetch.ip} (${fetch.userAgent || 'no User-Agent'}) → ${fetch.status}`,
  );
  for (const n of report.notifications) {
    const counts = Object.entries(n.counts)
      .map(([state, count]) => `${state}=${count}`)
      .join(' ');
    lines.push(
      `Notifications ${n.channel}: ${counts}${n.lastError === undefined ? '' : ` (last error: ${n.lastError})`}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
