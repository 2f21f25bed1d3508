import type { StatusReport } from '../../commands/status.js';
import { formatLocalTime } from '../../logging/local-time.js';
import type { SkippedProductRecord } from '../../state/state-store.js';

/** The live feed file as found on disk, next to what the database says. */
export interface LiveFileInfo {
  readonly path: string;
  readonly bytes?: number | undefined;
  readonly modifiedAt?: Date | undefined;
}

/** `kaspi-connect status` for people: local time (the schedule's zone), one fact per line. */
export function formatStatus(report: StatusReport, timeZone: string, live: LiveFileInfo): string[] {
  const at = (date: Date) => formatLocalTime(date, timeZone);
  const lines: string[] = [];
  const feed = report.lastFeed;
  lines.push(
    feed === undefined
      ? 'Live feed: none published yet'
      : `Live feed: ${feed.offers} offers (${feed.available} available), published ${at(feed.publishedAt)} → ${feed.path}`,
  );
  if (live.bytes === undefined) {
    lines.push(`  The file ${live.path} is missing: the next sync writes it again.`);
  }
  for (const run of report.recentRuns) {
    const why =
      run.status === 'failed'
        ? `  ${run.summary?.error ?? ''}`
        : run.status === 'refused'
          ? `  ${run.summary?.refusals.join('; ') ?? ''}`
          : '';
    lines.push(
      `  #${run.id} ${run.mode.padEnd(7)} ${run.status.padEnd(9)} ${at(run.startedAt)} offers=${run.summary?.offers ?? '-'}${why}`,
    );
  }
  for (const next of report.nextRuns ?? []) lines.push(`Next ${next.kind}: ${at(next.at)}`);
  const skipped = Object.entries(report.skippedByReason ?? {});
  if (skipped.length > 0) {
    lines.push(
      `Skipped by the last sync: ${skipped.map(([reason, n]) => `${reason} ${n}`).join(', ')} ("status --skipped" lists them)`,
    );
  }
  for (const hold of (report.priceHolds ?? []).slice(0, 20)) {
    lines.push(
      `  price held: ${hold.sku} stays at ${hold.publishedPrice} (new price ${hold.wantedPrice}, ${hold.action})${hold.since === undefined ? '' : ` since ${at(hold.since)}`}`,
    );
  }
  const counts = Object.entries(report.orders.counts);
  if (counts.length > 0) {
    lines.push(`Orders: ${counts.map(([state, n]) => `${state}=${n}`).join(' ')}`);
  }
  for (const line of report.attention) lines.push(`ATTENTION: ${line}`);
  return lines;
}

/** `status --skipped`: one product per line, grouped by reason. */
export function formatSkipped(products: readonly SkippedProductRecord[]): string[] {
  if (products.length === 0) return ['No products were skipped by the last sync.'];
  return products.map((p) => `${p.reason.padEnd(18)} ${p.supplier} ${p.key}`);
}
