import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/logger.js';
import { resolveShops } from '../../src/shops/resolve-shops.js';
import { scheduleShops } from '../../src/shops/shop-schedules.js';
import { type RunningWorker, startWorker } from '../../src/shops/worker.js';
import { baseConfigInput } from '../helpers/config.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

const deployment = (fullSync: string[]) => {
  const raw = {
    ...baseConfigInput,
    schedule: { fullSync, refreshEveryMinutes: 0, timezone: 'Asia/Almaty' },
    shops: [
      { id: 'a', shop: { merchantId: '111' } },
      { id: 'b', shop: { merchantId: '222' }, schedule: { fullSync: [] } },
    ],
  };
  return resolveShops({ ...parseConfig(raw, {}), baseDir: '/tmp' }, { ALSTYLE_TOKEN: 't' });
};

describe('shop schedules', () => {
  it("sends a shop's full sync on its own cron, in its time zone, one slot per minute", async () => {
    const sent: string[] = [];
    const stop = scheduleShops(
      deployment(['* * * * * *']),
      async (kind, shop, slot) => {
        sent.push(`${kind}:${shop}:${slot}`);
      },
      (error) => {
        throw error;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    stop();
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent)).toEqual(new Set(['full-sync:a:60']));
  });
});

const postgres = usePostgres();
const workers: RunningWorker[] = [];
afterAll(async () => {
  for (const worker of workers) await worker.stop();
});

describe.skipIf(postgresSkipReason() !== undefined)('scheduled jobs across workers', () => {
  it('makes one job per shop and slot however many workers send it', async () => {
    const database = await postgres.database('slots');
    const shops = deployment([]);
    const settings = {
      ...(shops[0]?.resolved.config.worker ?? ({} as never)),
      pollEverySeconds: 60,
    };
    const logger = createLogger({ json: true, level: 'silent' });
    for (let i = 0; i < 2; i++) {
      workers.push(
        await startWorker({
          databaseUrl: database,
          shops,
          settings,
          concurrency: 1,
          logger,
          schedule: false,
        }),
      );
    }
    const [one, two] = workers;
    if (one === undefined || two === undefined) throw new Error('workers');
    const first = await one.enqueue('full-sync', 'a', 60);
    expect(first).toEqual(expect.any(String));
    expect(await two.enqueue('full-sync', 'a', 60)).toBeNull();
    expect(await one.enqueue('full-sync', 'b', 60)).toEqual(expect.any(String));
    // Without a slot the queue still keeps one waiting job per shop (stately).
    expect(await two.enqueue('full-sync', 'a')).toBeNull();
    expect(await two.enqueue('orders', 'a')).toEqual(expect.any(String));
  });
});
