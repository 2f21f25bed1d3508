import type {
  ConsoleActionRecord,
  OutboxHealth,
  OutboxRecord,
  OutboxState,
} from './activity-store.js';

// The activity tables' rows and their records, shared by the SQLite and PostgreSQL stores so the
// two cannot drift apart.

/** A `notify_outbox` row. */
export interface OutboxRow {
  id: number;
  dedupe_key: string;
  channel: string;
  kind: string;
  payload: string;
  state: OutboxState;
  attempts: number;
  created_at: number;
  next_attempt_at: number;
  sent_at: number | null;
  last_error: string | null;
}

/** A `console_actions` row. */
export interface ConsoleActionRow {
  id: number;
  at: number;
  who: string;
  action: string;
  target: string;
  detail: string | null;
  outcome: string;
}

/** A console action from its row. */
export function toConsoleAction(row: ConsoleActionRow): ConsoleActionRecord {
  return {
    id: row.id,
    at: new Date(row.at),
    who: row.who,
    action: row.action,
    target: row.target,
    detail: row.detail ?? undefined,
    outcome: row.outcome,
  };
}

/** Outbox rows counted per channel and state, with the latest send. */
export interface OutboxCountRow {
  channel: string;
  state: OutboxState;
  n: number;
  sent: number | null;
}

/** Each channel's newest error among rows not sent. */
export interface OutboxErrorRow {
  channel: string;
  last_error: string;
  at: number;
}

/** Folds the per-state counts and last errors into one health entry per channel. */
export function foldOutboxHealth(
  counts: readonly OutboxCountRow[],
  lastErrors: readonly OutboxErrorRow[],
): OutboxHealth[] {
  const byChannel = new Map<
    string,
    { counts: Partial<Record<OutboxState, number>>; sent?: number }
  >();
  for (const row of counts) {
    const entry = byChannel.get(row.channel) ?? { counts: {} };
    entry.counts[row.state] = row.n;
    if (row.sent !== null) entry.sent = Math.max(entry.sent ?? 0, row.sent);
    byChannel.set(row.channel, entry);
  }
  return [...byChannel].map(([channel, entry]) => {
    const error = lastErrors.find((row) => row.channel === channel);
    return {
      channel,
      counts: entry.counts,
      lastSentAt: entry.sent === undefined ? undefined : new Date(entry.sent),
      lastError: error?.last_error,
      lastErrorAt: error === undefined ? undefined : new Date(error.at),
    };
  });
}

/** An outbox record from its row. */
export function toOutbox(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    channel: row.channel,
    kind: row.kind,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    state: row.state,
    attempts: row.attempts,
    createdAt: new Date(row.created_at),
    nextAttemptAt: new Date(row.next_attempt_at),
    sentAt: row.sent_at === null ? undefined : new Date(row.sent_at),
    lastError: row.last_error ?? undefined,
  };
}
