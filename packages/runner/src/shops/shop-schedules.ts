import { Cron } from 'croner';
import type { ShopDeployment } from './resolve-shops.js';
import type { ShopJobKind } from './shop-jobs.js';

/** Puts one job in the queue; a job of the same shop and time slot already there wins. */
export type SendJob = (kind: ShopJobKind, shop: string, slotSeconds: number) => Promise<unknown>;

/**
 * Every worker keeps every shop's schedule (full syncs on the shop's cron in its time zone,
 * refreshes and order polls every N minutes) and sends a job when one is due. The queue keeps
 * one job per shop and time slot, so N workers ticking together still make one job.
 */
export function scheduleShops(
  shops: readonly ShopDeployment[],
  send: SendJob,
  onError: (error: unknown) => void,
): () => void {
  const crons: Cron[] = [];
  const timers: NodeJS.Timeout[] = [];
  const fire = (kind: ShopJobKind, shop: string, slotSeconds: number) => {
    send(kind, shop, slotSeconds).catch(onError);
  };
  for (const { id, resolved } of shops) {
    const { schedule, orders } = resolved.config;
    for (const pattern of schedule.fullSync) {
      crons.push(
        new Cron(pattern, { timezone: schedule.timezone, protect: true }, () =>
          fire('full-sync', id, 60),
        ),
      );
    }
    every(schedule.refreshEveryMinutes, (slot) => fire('refresh', id, slot));
    if (orders.policy !== 'off') every(orders.pollEveryMinutes, (slot) => fire('orders', id, slot));
  }
  function every(minutes: number, tick: (slotSeconds: number) => void): void {
    if (minutes <= 0) return;
    const slot = Math.max(1, Math.round(minutes * 60));
    // Ticks more often than the slot: the first worker to tick in a slot sends its job.
    const timer = setInterval(() => tick(slot), Math.min(slot, 15) * 1000);
    timer.unref();
    timers.push(timer);
  }
  return () => {
    for (const cron of crons) cron.stop();
    for (const timer of timers) clearInterval(timer);
  };
}
