import { describe, expect, it, vi } from 'vitest';
import { type JobKind, JobQueue } from '../src/schedule/job-queue.js';
import { startScheduler } from '../src/schedule/scheduler.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('JobQueue', () => {
  it('never runs two jobs at once and queues each kind once', async () => {
    const gates: Record<string, ReturnType<typeof deferred>> = {};
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const queue = new JobQueue({
      signal: new AbortController().signal,
      run: async (kind) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        order.push(kind);
        gates[kind] = deferred();
        await gates[kind].promise;
        running--;
      },
    });
    queue.trigger('refresh');
    queue.trigger('orders');
    queue.trigger('orders');
    await vi.waitFor(() => expect(order).toEqual(['refresh']));
    gates.refresh?.resolve();
    await vi.waitFor(() => expect(order).toEqual(['refresh', 'orders']));
    gates.orders?.resolve();
    await queue.idle();
    expect(maxRunning).toBe(1);
  });

  it('drops a queued refresh when a full sync is queued or running', async () => {
    const ran: JobKind[] = [];
    const gate = deferred();
    const events: string[] = [];
    const queue = new JobQueue({
      signal: new AbortController().signal,
      onEvent: (event) => events.push(`${event.type}:${event.kind}`),
      run: async (kind) => {
        ran.push(kind);
        if (ran.length === 1) await gate.promise;
      },
    });
    queue.trigger('orders');
    queue.trigger('refresh');
    queue.trigger('full');
    queue.trigger('refresh');
    gate.resolve();
    await queue.idle();
    expect(ran).toEqual(['orders', 'full']);
    expect(events).toContain('job.skipped:refresh');
  });

  it('keeps going after a failed job', async () => {
    const errors: unknown[] = [];
    const ran: JobKind[] = [];
    const queue = new JobQueue({
      signal: new AbortController().signal,
      onEvent: (event) => {
        if (event.type === 'job.error') errors.push(event.error);
      },
      run: async (kind) => {
        ran.push(kind);
        if (kind === 'full') throw new Error('boom');
      },
    });
    queue.trigger('full');
    queue.trigger('refresh');
    await queue.idle();
    await Promise.resolve();
    queue.trigger('refresh');
    await queue.idle();
    expect(ran).toEqual(['full', 'refresh']);
    expect(errors).toHaveLength(1);
  });
});

describe('scheduler', () => {
  it('schedules full syncs by cron in Almaty time and refreshes on an interval; abort stops it', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-26T03:59:00Z') }); // 08:59 in Almaty (UTC+5)
    try {
      const ran: JobKind[] = [];
      const controller = new AbortController();
      const scheduler = startScheduler({
        timezone: 'Asia/Almaty',
        fullSync: ['0 9 * * *', '0 15 * * *', '45 21 * * *'],
        refreshEveryMs: 30 * 60_000,
        signal: controller.signal,
        run: async (kind) => {
          ran.push(kind);
        },
      });
      expect(scheduler.nextFullSyncs().map((d) => d.toISOString())).toEqual([
        '2026-11-26T04:00:00.000Z',
        '2026-11-26T10:00:00.000Z',
        '2026-11-26T16:45:00.000Z',
      ]);
      await vi.advanceTimersByTimeAsync(61_000);
      expect(ran).toEqual(['full']);
      await vi.advanceTimersByTimeAsync(30 * 60_000);
      expect(ran).toEqual(['full', 'refresh']);
      controller.abort();
      await scheduler.done;
      await vi.advanceTimersByTimeAsync(24 * 3_600_000);
      expect(ran).toEqual(['full', 'refresh']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes the abort signal to the running job and waits for it', async () => {
    const controller = new AbortController();
    let sawAbort = false;
    const scheduler = startScheduler({
      timezone: 'Asia/Almaty',
      fullSync: [],
      refreshEveryMs: 0,
      signal: controller.signal,
      startWith: 'full',
      run: (_kind, signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            sawAbort = true;
            resolve();
          });
        }),
    });
    await vi.waitFor(() => expect(scheduler.queue.current).toBe('full'));
    controller.abort();
    await scheduler.done;
    expect(sawAbort).toBe(true);
  });
});
