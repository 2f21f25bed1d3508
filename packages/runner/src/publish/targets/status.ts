import type { StateStore } from '../../state/state-store.js';
import { publicUrlOf } from './create-targets.js';
import type { TargetConfig } from './schema.js';

/** What `status` shows for one publish target. */
export interface TargetStatus {
  readonly name: string;
  readonly kind: TargetConfig['kind'];
  /** The URL Kaspi's automatic loading should fetch. */
  readonly url: string;
  /** When the target last confirmed a feed (uploaded and read back). */
  readonly lastSuccessAt?: Date | undefined;
  readonly deliveredFeedId?: number | undefined;
  /** True when the target holds the live feed. */
  readonly upToDate: boolean;
  readonly failedAttempts: number;
  readonly lastError?: string | undefined;
  /** False when the URL has no unguessable segment (anyone could guess and read it). */
  readonly unguessable: boolean;
}

/** The configured targets with their outbox state (no secrets needed). */
export function readTargetStatus(
  store: StateStore,
  targets: readonly TargetConfig[],
): TargetStatus[] {
  const rows = new Map(store.targetOutbox().map((row) => [row.target, row]));
  const live = store.lastPublishedFeed();
  return targets.map((target) => {
    const row = rows.get(target.name);
    const url = publicUrlOf(target);
    return {
      name: target.name,
      kind: target.kind,
      url,
      lastSuccessAt: row?.deliveredAt,
      deliveredFeedId: row?.deliveredFeedId,
      upToDate: live !== undefined && (row?.deliveredFeedId ?? 0) >= live.id,
      failedAttempts: row?.attempts ?? 0,
      lastError: row?.lastError,
      unguessable: hasUnguessableSegment(url),
    };
  });
}

/** Lines for people: one per target, times in the seller's zone. */
export function formatTargetStatus(targets: readonly TargetStatus[], timeZone: string): string {
  if (targets.length === 0) return '';
  const time = (date: Date) =>
    date.toLocaleString('sv-SE', { timeZone, hour12: false }).replace(' ', ' at ');
  const lines = ['Publish targets (the URL to give Kaspi):'];
  for (const t of targets) {
    const state = t.upToDate
      ? 'up to date'
      : t.lastSuccessAt === undefined
        ? 'never published'
        : 'behind';
    const last =
      t.lastSuccessAt === undefined ? 'no success yet' : `last success ${time(t.lastSuccessAt)}`;
    lines.push(`  ${t.name} (${t.kind}) ${state}, ${last} → ${t.url}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Attention lines: targets behind the live feed, and guessable URLs. */
export function targetAttention(targets: readonly TargetStatus[]): string[] {
  const lines: string[] = [];
  for (const t of targets) {
    if (!t.upToDate && t.failedAttempts > 0) {
      lines.push(
        `target ${t.name} does not hold the live feed (${t.failedAttempts} failed attempts; Kaspi still gets the previous one): ${t.lastError ?? ''}`,
      );
    }
    if (!t.unguessable) {
      lines.push(
        `target ${t.name}: the URL ${t.url} has no unguessable segment; anyone could read your prices (see "No public IP?" in the docs)`,
      );
    }
  }
  return lines;
}

/** A path segment of at least 16 URL-safe characters mixing cases or digits, such as `init` writes. */
export function hasUnguessableSegment(url: string): boolean {
  const segments = new URL(url).pathname.split('/');
  return segments.some((s) => {
    if (!/^[A-Za-z0-9_-]{16,}$/.test(s)) return false;
    return [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(s)).length >= 2;
  });
}
