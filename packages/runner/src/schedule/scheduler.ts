import { Cron } from 'croner';
import { type JobEvent, type JobKind, JobQueue } from './job-queue.js';

/** Options of `startScheduler`. */
export interface SchedulerOptions {
  /** IANA zone for the cron expressions; default `Asia/Almaty`. */
  readonly timezone: string;
  /** Cron expressions for full syncs. */
  readonly fullSync: readonly string[];
  /** Milliseconds between fast refreshes; 0 turns them off. */
  readonly refreshEveryMs: number;
  readonly run: (kind: JobKind, signal: AbortSignal) => Promise<void>;
  /** Aborting it stops the timers, lets the running job see the abort, then `done` resolves. */
  readonly signal: AbortSignal;
  /** Job to run right away on start, such as a full sync when no feed exists yet. */
  readonly startWith?: JobKind | undefined;
  readonly onEvent?: ((event: JobEvent) => void) | undefined;
}

/** A running scheduler. */
export interface Scheduler {
  readonly queue: JobQueue;
  /** Next full sync time of each cron expression. */
  nextFullSyncs(): Date[];
  /** Resolves after the signal aborted and the running job finished. */
  readonly done: Promise<void>;
}

/** Full syncs on cron (croner, time-zone aware), refreshes on a fixed interval, never overlapping. */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const queue = new JobQueue({
    run: options.run,
    signal: options.signal,
    onEvent: options.onEvent,
  });
  const crons = options.fullSync.map(
    (pattern) =>
      new Cron(pattern, { timezone: options.timezone, name: `full ${pattern}` }, () =>
        queue.trigger('full'),
      ),
  );
  const refreshTimer =
    options.refreshEveryMs > 0
      ? setInterval(() => queue.trigger('refresh'), options.refreshEveryMs)
      : undefined;

  const done = new Promise<void>((resolve) => {
    const stop = () => {
      for (const cron of crons) cron.stop();
      if (refreshTimer !== undefined) clearInterval(refreshTimer);
      queue.idle().then(resolve, resolve);
    };
    if (options.signal.aborted) stop();
    else options.signal.addEventListener('abort', stop, { once: true });
  });

  if (options.startWith !== undefined) queue.trigger(options.startWith);

  return {
    queue,
    nextFullSyncs: () =>
      crons.map((cron) => cron.nextRun()).filter((date): date is Date => date !== null),
    done,
  };
}

/** Throws with the offending expression when croner cannot parse it. */
export function assertCronExpression(pattern: string, timezone: string): void {
  const cron = new Cron(pattern, { timezone, paused: true });
  cron.stop();
}
