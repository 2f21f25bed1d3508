import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import { type KaspiSimulator, startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';

const CLI = join(import.meta.dirname, '../../dist/cli.js');

/** One shop of the multi-process world and its simulators. */
export interface WorldShop {
  readonly id: string;
  readonly merchantId: string;
  readonly password: string;
  readonly kaspi: KaspiSimulator;
  readonly alstyle: AlStyleSimulator;
}

/** A worker process and what it logged. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[];
  /** Its feed server, once it said where. */
  feedUrl: Promise<string>;
  exited: Promise<number | null>;
}

/** Al-Style simulators, each with a token shared by several shops, and a Kaspi one per shop. */
export async function startWorld(options: {
  readonly shops: number;
  readonly tokens: number;
  readonly intervalMs: number;
}): Promise<{ shops: WorldShop[]; suppliers: AlStyleSimulator[] }> {
  const suppliers: AlStyleSimulator[] = [];
  for (let t = 0; t < options.tokens; t++) {
    suppliers.push(
      await startAlStyleSimulator({
        catalogueSize: 30,
        seed: 7 + t,
        quirkShare: 0,
        token: `shared-token-${t}`,
        rateLimitMs: options.intervalMs,
        orderDetailsCarryExternalId: true,
      }),
    );
  }
  const shops: WorldShop[] = [];
  for (let i = 0; i < options.shops; i++) {
    const merchantId = String(40_000_001 + i);
    const kaspi = await startKaspiSimulator({ merchantId, token: `kaspi-token-${i}` });
    const alstyle = suppliers[i % options.tokens] as AlStyleSimulator;
    shops.push({ id: `shop-${i}`, merchantId, password: `feed-secret-${i}`, kaspi, alstyle });
  }
  return { shops, suppliers };
}

/** The deployment's config and environment: shared sections plus one entry per shop. */
export function writeWorldConfig(dir: string, shops: readonly WorldShop[], intervalMs: number) {
  const config = {
    shop: { company: 'World', merchantId: '39999999', stores: [{ id: 'PP1' }] },
    suppliers: { alstyle: { intervalMs, marginMs: 20 } },
    guards: { minOffers: 1 },
    schedule: { fullSync: [], refreshEveryMinutes: 0 },
    orders: { policy: 'auto', pollEveryMinutes: 600, pollStates: ['NEW'], firstPollHours: 2 },
    state: { path: './state/kc.db' },
    worker: {
      jobTimeoutSeconds: { fullSync: 90, refresh: 30, orders: 20 },
      retryDelaySeconds: 1,
      superviseEverySeconds: 2,
      pollEverySeconds: 0.5,
    },
    shops: shops.map((shop) => ({
      id: shop.id,
      shop: { merchantId: shop.merchantId, company: `Company ${shop.id}` },
      suppliers: { alstyle: { baseUrl: shop.alstyle.url } },
      orders: { kaspiBaseUrl: shop.kaspi.url },
      server: { username: 'kaspi' },
    })),
  };
  const file = join(dir, 'kaspi-connect.config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  const env: Record<string, string> = {};
  for (const shop of shops) {
    const suffix = shop.id.toUpperCase().replaceAll('-', '_');
    env[`ALSTYLE_TOKEN_${suffix}`] = shop.alstyle.token;
    env[`KASPI_TOKEN_${suffix}`] = shop.kaspi.token;
    env[`FEED_PASSWORD_${suffix}`] = shop.password;
  }
  return { file, env };
}

/** Starts `kaspi-connect worker` (the built CLI) with JSON logs on stderr. */
export function startWorkerProcess(
  config: { file: string; env: Record<string, string> },
  database: string,
  concurrency: number,
  onLine?: (entry: Record<string, unknown>, worker: WorkerProcess) => void,
): WorkerProcess {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'worker',
      '--config',
      config.file,
      '--database',
      database,
      '--concurrency',
      String(concurrency),
      '--port',
      '0',
      '--json',
    ],
    { env: { ...process.env, ...config.env, CI: '' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const lines: Record<string, unknown>[] = [];
  let tellUrl: (url: string) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const feedUrl = new Promise<string>((resolve, reject) => {
    tellUrl = resolve;
    fail = reject;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      fail(new Error(`worker ${child.pid} exited ${code}: ${JSON.stringify(lines.slice(-3))}`));
      resolve(code);
    }),
  );
  if (child.stderr !== null) {
    createInterface({ input: child.stderr }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (typeof entry.feedServer === 'string') tellUrl(entry.feedServer);
        onLine?.(entry, worker);
      } catch {
        lines.push({ raw: line });
      }
    });
  }
  const worker: WorkerProcess = { child, lines, feedUrl, exited };
  return worker;
}

/** Basic-auth header of a shop's feed. */
export const feedAuth = (shop: WorldShop) =>
  `Basic ${Buffer.from(`kaspi:${shop.password}`).toString('base64')}`;

/** Polls `check` until it returns true, at most `timeoutMs`. */
export async function until(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean> | boolean,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
