// Three worker processes share twenty shops on the simulators; one is killed with SIGKILL while
// it reserves at the supplier. Judged from the simulators' own records: every job completes, no
// Kaspi order gets two supplier orders, no token's requests arrive closer than its limit, and
// every surviving worker serves every shop's feed with that shop's credentials.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlStyleSimulator } from '@kaspi-connect/alstyle-client/testing';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';
import {
  feedAuth,
  startWorkerProcess,
  startWorld,
  until,
  type WorkerProcess,
  type WorldShop,
  writeWorldConfig,
} from './worker-world.js';

const SHOPS = 20;
const TOKENS = 2;
const INTERVAL_MS = 300;
const postgres = usePostgres();
const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => {});
});

async function feedOf(worker: WorkerProcess, shop: WorldShop, auth = feedAuth(shop)) {
  const response = await fetch(`${await worker.feedUrl}/${shop.id}/kaspi.xml`, {
    headers: { authorization: auth },
  });
  return { status: response.status, body: await response.text() };
}

/** Orders placed before the real one and cancelled at once: every shop's order code is its own. */
function placeOrder(shop: WorldShop, index: number): string {
  const offer = shop.kaspi.offers().find((o) => o.availabilities.some((a) => a.available));
  if (offer === undefined) throw new Error(`${shop.id}: Kaspi shows no available offer`);
  for (let i = 0; i < index; i++) {
    shop.kaspi.cancelByKaspi(shop.kaspi.createOrder({ items: [{ sku: offer.sku }] }).code);
  }
  return shop.kaspi.createOrder({ items: [{ sku: offer.sku }] }).code;
}

function tooClose(supplier: AlStyleSimulator): string[] {
  const problems: string[] = [];
  const requests = [...supplier.requests].sort((a, b) => a.receivedAt - b.receivedAt);
  requests.forEach((request, i) => {
    if (request.rateLimited)
      problems.push(`${request.path} at ${request.receivedAt} was refused as too fast`);
    const previous = requests[i - 1];
    if (previous !== undefined && request.receivedAt - previous.receivedAt < INTERVAL_MS) {
      problems.push(
        `${request.path} arrived ${request.receivedAt - previous.receivedAt} ms after the previous one`,
      );
    }
  });
  return problems;
}

describe.skipIf(postgresSkipReason() !== undefined)('many shops on many worker processes', () => {
  it('survives kill -9 of a worker during a reservation', { timeout: 240_000 }, async () => {
    const database = await postgres.database('workers');
    const dir = mkdtempSync(join(tmpdir(), 'kc-workers-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const world = await startWorld({ shops: SHOPS, tokens: TOKENS, intervalMs: INTERVAL_MS });
    cleanup.push(() =>
      Promise.all([...world.suppliers, ...world.shops.map((s) => s.kaspi)].map((s) => s.close())),
    );
    const config = writeWorldConfig(dir, world.shops, INTERVAL_MS);

    let victim: WorkerProcess | undefined;
    const killDuringReservation = (entry: Record<string, unknown>, worker: WorkerProcess) => {
      if (victim === undefined && entry.to === 'reserving') {
        victim = worker;
        worker.child.kill('SIGKILL');
      }
    };
    cleanup.push(() => {
      // On a failure, what the workers said (errors and warnings) explains it.
      for (const [i, w] of workers.entries())
        for (const line of w.lines.filter((l) => Number(l.level) >= 40 || 'raw' in l).slice(0, 8))
          console.log(`worker ${i}: ${JSON.stringify(line).slice(0, 400)}`);
    });
    const workers = [0, 1, 2].map(() =>
      startWorkerProcess(config, database, 2, killDuringReservation),
    );
    cleanup.push(() => {
      for (const w of workers) w.child.kill('SIGKILL');
    });
    await Promise.all(workers.map((w) => w.feedUrl));

    const boss = new PgBoss({
      connectionString: database,
      max: 2,
      supervise: false,
      schedule: false,
    });
    await boss.start();
    cleanup.push(() => boss.stop({ graceful: false, wait: true }));
    const pool = new pg.Pool({ connectionString: database, max: 2 });
    cleanup.push(() => pool.end());
    const send = (queue: string, shop: string) =>
      boss.send(queue, { shop }, { singletonKey: shop });

    for (const shop of world.shops) await send('kc-full-sync', shop.id);
    await until('every shop to have a stored feed', 120_000, async () => {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM kc_shop_feed');
      return Number(rows[0]?.n) === SHOPS;
    });

    // Kaspi loads each shop's feed (from a different worker each), then a buyer orders.
    const codes = new Map<string, string>();
    for (const [index, shop] of world.shops.entries()) {
      const feed = await feedOf(workers[index % 3] as WorkerProcess, shop);
      expect(feed.status).toBe(200);
      const report = shop.kaspi.uploadPriceList(feed.body);
      expect(report.outcome, `${shop.id}: ${report.error ?? ''}`).toBe('loaded');
      codes.set(shop.id, placeOrder(shop, index));
    }
    for (const shop of world.shops) await send('kc-orders', shop.id);

    await until('every order to be accepted on Kaspi', 150_000, () =>
      world.shops.every(
        (shop) => shop.kaspi.order(codes.get(shop.id) ?? '')?.status === 'ACCEPTED_BY_MERCHANT',
      ),
    );
    expect(victim, 'a worker was killed during a reservation').toBeDefined();
    await victim?.exited;
    expect(victim?.child.signalCode).toBe('SIGKILL');

    await until('every job to finish', 60_000, async () => {
      const { rows } = await pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM pgboss.job WHERE name LIKE 'kc-%' AND state IN ('created', 'retry', 'active')",
      );
      return Number(rows[0]?.n) === 0;
    });
    const { rows: jobs } = await pool.query<{ name: string; state: string; retried: number }>(
      "SELECT name, state, retry_count AS retried FROM pgboss.job WHERE name LIKE 'kc-%'",
    );
    expect(jobs.filter((job) => job.state !== 'completed')).toEqual([]);
    expect(jobs.filter((job) => job.name === 'kc-full-sync')).toHaveLength(SHOPS);
    // Ours, and the order polls each worker's schedule sends (one per shop and slot, not per worker).
    expect(jobs.filter((job) => job.name === 'kc-orders').length).toBeGreaterThanOrEqual(SHOPS);
    expect(jobs.filter((job) => job.name === 'kc-orders').length).toBeLessThanOrEqual(2 * SHOPS);
    // The killed worker's order cycle was taken over by another worker.
    expect(jobs.some((job) => job.name === 'kc-orders' && job.retried > 0)).toBe(true);

    // The simulators' records: one supplier order per Kaspi order, no request too early.
    const supplierOrders = world.suppliers.flatMap((s) => s.orders);
    for (const shop of world.shops) {
      const own = supplierOrders.filter((o) => o.externalId === codes.get(shop.id));
      expect(own, `${shop.id}: supplier orders for Kaspi order ${codes.get(shop.id)}`).toHaveLength(
        1,
      );
    }
    expect(supplierOrders).toHaveLength(SHOPS);
    for (const supplier of world.suppliers) expect(tooClose(supplier)).toEqual([]);

    // Any surviving worker serves any shop's feed, with that shop's credentials only.
    const alive = workers.filter((w) => w !== victim);
    for (const worker of alive) {
      for (const shop of world.shops) {
        const feed = await feedOf(worker, shop);
        expect(feed.status).toBe(200);
        expect(feed.body).toContain(`<merchantid>${shop.merchantId}</merchantid>`);
      }
    }
    const [first, second] = world.shops;
    if (first !== undefined && second !== undefined && alive[0] !== undefined) {
      expect((await feedOf(alive[0], first, feedAuth(second))).status).toBe(401);
    }
  });
});
