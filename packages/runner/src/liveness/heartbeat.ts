import type { ActivityStore, HeartbeatRecord } from '../state/activity-store.js';

/** Options of `startHeartbeat`. */
export interface HeartbeatOptions {
  /** Which long-running command beats: `serve` or `run`. */
  readonly process: string;
  readonly everyMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly now?: (() => Date) | undefined;
}

/** A beat older than this many intervals means the process is gone (missed beats allowed). */
const MISSED_BEATS = 3;

/**
 * Writes the process's heartbeat into the state store now and every `everyMs` (default 30 s)
 * until the signal aborts, so `status` and the console can tell a live server from a dead one.
 * A failed write is ignored: liveness must never stop the server.
 */
export function startHeartbeat(store: ActivityStore, options: HeartbeatOptions): () => void {
  const everyMs = options.everyMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const beat = () => {
    try {
      store.beat({ process: options.process, pid: process.pid, startedAt, beatAt: now(), everyMs });
    } catch {
      // A locked or closed database: the next beat tries again.
    }
  };
  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  options.signal?.addEventListener('abort', stop, { once: true });
  return stop;
}

/** One process's liveness, judged from its last heartbeat. */
export interface Liveness {
  readonly process: string;
  readonly pid: number;
  readonly alive: boolean;
  readonly startedAt: Date;
  readonly lastBeatAt: Date;
  readonly ageMs: number;
}

/** Liveness of every process that ever beat. */
export function livenessOf(beats: readonly HeartbeatRecord[], now: Date = new Date()): Liveness[] {
  return beats.map((beat) => {
    const ageMs = Math.max(0, now.getTime() - beat.beatAt.getTime());
    return {
      process: beat.process,
      pid: beat.pid,
      alive: ageMs <= beat.everyMs * MISSED_BEATS,
      startedAt: beat.startedAt,
      lastBeatAt: beat.beatAt,
      ageMs,
    };
  });
}
