/**
 * Benchmark (`pnpm bench`): full syncs of many shops by 1, 2 and 3 `kaspi-connect worker`
 * processes (2 job handlers each) on one PostgreSQL, against the Al-Style and Kaspi simulators.
 * Shops share supplier tokens (BENCH_SHOPS_PER_TOKEN per token) at a scaled-down interval, so
 * the numbers show both the workers' own cost and the supplier's limit per token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { startPostgres } from '../test/helpers/postgres.js';
import {
  startWorkerProcess,
  startWorld,
  until,
  writeWorldConfig,
} from '../test/shops/worker-world.js';

const SHOPS = Number(process.env.BENCH_SHOPS ?? 6);
const SHOPS_PER_TOKEN = Number(process.env.BENCH_SHOPS_PER_TOKEN ?? 3);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 100);

const cluster = await startPostgres();
const world = await startWorld({
  shops: SHOPS,
  tokens: Math.ceil(SHOPS / SHOPS_PER_TOKEN),
  intervalMs: INTERVAL_MS,
});
const rows: string[] = [];
try {
  for (const count of [1, 2, 3]) {
    console.error(`${count} worker(s)…`);
    const database = await cluster.createDatabase(`bench_${count}`);
    const dir = mkdtempSync(join(tmpdir(), 'kc-bench-workers-'));
    const config = writeWorldConfig(dir, world.shops, INTERVAL_MS);
    const workers = Array.from({ length: count }, () => startWorkerProcess(config, database, 2));
    const pool = new pg.Pool({ connectionString: database, max: 2 });
    const boss = new PgBoss({
      connectionString: database,
      max: 2,
      supervise: false,
      schedule: false,
    });
    try {
      await Promise.all(workers.map((w) => w.feedUrl));
      await boss.start();
      const started = performance.now();
      for (const shop of world.shops)
        await boss.send('kc-full-sync', { shop: shop.id }, { singletonKey: shop.id });
      await until('every feed', 180_000, async () => {
        const result = await pool.query<{ n: string }>('SELECT count(*) AS n FROM kc_shop_feed');
        return Number(result.rows[0]?.n) === SHOPS;
      });
      const seconds = (performance.now() - started) / 1000;
      const perMinute = (SHOPS / seconds) * 60;
      console.error(`${count} worker(s): ${seconds.toFixed(1)} s`);
      rows.push(
        `| ${count} | ${SHOPS} | ${seconds.toFixed(1)} s | ${perMinute.toFixed(0)} | ${(perMinute / count).toFixed(0)} | ${loadavg()[0]?.toFixed(2)} |`,
      );
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exited));
      await boss.stop({ graceful: false, wait: true });
      await pool.end();
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await Promise.all([...world.suppliers, ...world.shops.map((s) => s.kaspi)].map((s) => s.close()));
  await cluster.stop();
}
console.log(
  `Full syncs of ${SHOPS} shops, ${SHOPS_PER_TOKEN} per supplier token, ${INTERVAL_MS} ms supplier interval, 2 handlers per worker:\n`,
);
console.log(
  '| workers | shops | all feeds stored after | shops/min | shops/min per worker | load avg (1 min) |',
);
console.log('|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
