import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import { type KaspiSimulator, startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runService } from '../../src/commands/run.js';
import { openRuntime, type Runtime } from '../../src/commands/runtime.js';
import { parseConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/logger.js';
import { runSync } from '../../src/pipeline/sync.js';
import { launchBrowser, SCREENSHOT_DIR } from '../helpers/browser.js';

const PASSWORD = 'console-test-password-1';
const WAIT = { timeout: 30_000, interval: 100 };

describe('seller console in Chromium, on the simulators', () => {
  let alstyle: AlStyleSimulator;
  let kaspi: KaspiSimulator;
  let runtime: Runtime;
  let browser: BrowserContext;
  let page: Page;
  let base: string;
  let refusedRun: number;
  let droppedSkus: string[];
  let orderCode: string;
  const controller = new AbortController();
  let service: Promise<void>;

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    alstyle = await startAlStyleSimulator({ catalogueSize: 200, seed: 5, rateLimitMs: 5 });
    kaspi = await startKaspiSimulator({ merchantId: '30000001' });
    const parsed = parseConfig(
      {
        shop: { company: 'Console', merchantId: '30000001', stores: [{ id: 'PP1' }] },
        suppliers: { alstyle: { baseUrl: alstyle.url, intervalMs: 5, marginMs: 10 } },
        server: { port: 0 },
        state: { path: 'state.db' },
        feed: { dir: 'feed' },
        schedule: { refreshEveryMinutes: 0 },
        orders: { policy: 'manual', kaspiBaseUrl: kaspi.url },
      },
      { ALSTYLE_TOKEN: alstyle.token, KASPI_TOKEN: kaspi.token, CONSOLE_PASSWORD: PASSWORD },
    );
    runtime = openRuntime(
      { ...parsed, baseDir: await mkdtemp(join(tmpdir(), 'kc-console-')) },
      { withSuppliers: true },
    );
    const deps = {
      config: runtime.resolved.config,
      suppliers: runtime.suppliers,
      store: runtime.store,
      publisher: runtime.publisher,
    };
    expect((await runSync(deps, { mode: 'full' })).status).toBe('published');
    // The supplier suddenly lists half its catalogue: the guards refuse the next full sync.
    const published = new Map(
      runtime.store
        .skuMappings()
        .filter((m) => m.available)
        .map((m) => [m.productKey, m.sku]),
    );
    droppedSkus = alstyle.catalogue.products
      .splice(0, 100)
      .flatMap((product) => published.get(String(product.article)) ?? [])
      .sort();
    expect(droppedSkus.length).toBeGreaterThan(50);
    const refused = await runSync(deps, { mode: 'full' });
    expect(refused.status).toBe('refused');
    refusedRun = refused.runId;

    const lines: { msg: string; url?: string }[] = [];
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().trim().split('\n')) lines.push(JSON.parse(line));
    });
    service = runService(runtime, {
      signal: controller.signal,
      logger: createLogger({ json: true, destination: logs }),
      refreshEveryMs: 3_600_000,
      ordersEveryMs: 300,
    });
    await vi.waitFor(() => expect(lines.some((l) => l.url !== undefined)).toBe(true), WAIT);
    const feedUrl = lines.find((l) => l.url !== undefined)?.url as string;
    base = `${new URL(feedUrl).origin}/console`;
    // Kaspi loads the feed by URL (recorded in the feed log), then a buyer orders one offer.
    kaspi.setPriceListSource({ url: feedUrl });
    expect((await kaspi.loadPriceList()).outcome).toBe('loaded');
    const sku = runtime.store.skuMappings().find((m) => m.available && m.stockCount >= 2)
      ?.sku as string;
    orderCode = kaspi.createOrder({ items: [{ sku, quantity: 1 }] }).code;
    await vi.waitFor(
      () => expect(runtime.store.findOrder(orderCode)?.attention?.reason).toBe('policy-manual'),
      WAIT,
    );
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    controller.abort();
    await service;
    runtime?.close();
    await kaspi?.close();
    await alstyle?.close();
  });

  it('refuses a wrong password, then logs in with an HttpOnly SameSite session', async () => {
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'wrong');
    await page.click('#login');
    await expect
      .poll(() => page.textContent('.notice'))
      .toContain('Неверное имя пользователя или пароль');
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('#login');
    await page.waitForURL(`${base}/`);
    const [cookie] = await browser.cookies();
    expect(cookie).toMatchObject({ name: 'kc_session', httpOnly: true, sameSite: 'Strict' });
    expect(await page.content()).not.toContain(PASSWORD);
  });

  it("shows the live feed's numbers and Kaspi's fetch as the state store has them", async () => {
    const feed = runtime.store.lastPublishedFeed();
    expect(await page.textContent('#feed-offers')).toBe(String(feed?.offers));
    expect(await page.textContent('#feed-available')).toBe(String(feed?.available));
    const [fetch] = runtime.store.activity.recentFeedFetches(1);
    expect(fetch?.userAgent).toBe('kaspi-simulator-pricelist-loader');
    expect(await page.textContent('#kaspi-fetch')).toContain('kaspi-simulator-pricelist-loader');
    expect(await page.textContent('#liveness-run')).toContain('работает');
    expect(await page.textContent('#attention')).toContain(orderCode);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'overview-desktop.png'), fullPage: true });
  });

  it('resolves an order needing a person: the retry reserves at Al-Style and accepts on Kaspi', async () => {
    await page.goto(`${base}/orders`);
    await page.click(`#order-${orderCode} form[data-action=retry] button`);
    await expect
      .poll(() => page.textContent('.notice'))
      .toContain(`Готово: retry для заказа ${orderCode}`);
    // Judged by the simulators' own records: one supplier order, the Kaspi order accepted.
    await vi.waitFor(
      () => expect(kaspi.order(orderCode)?.status).toBe('ACCEPTED_BY_MERCHANT'),
      WAIT,
    );
    expect(alstyle.orders.filter((o) => o.externalId === orderCode)).toHaveLength(1);
    expect(
      runtime.store.activity
        .consoleActions(10)
        .some((a) => a.action === 'order-retry' && a.who === 'admin'),
    ).toBe(true);
  });

  it('publishes past a guard refusal only after confirmation, recorded with who and when', async () => {
    const before = runtime.store.lastPublishedFeed()?.id;
    await page.goto(`${base}/runs/${refusedRun}`);
    expect(await page.textContent('#refusals')).toMatch(/would disappear|shrank/);
    // The per-SKU diff lists exactly the available products the supplier dropped, in Russian.
    const rows = await page.$$eval('#sku-diff tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(rows.map(([sku]) => sku).sort()).toEqual(droppedSkus);
    expect(new Set(rows.map(([, kind]) => kind))).toEqual(new Set(['пропадёт из наличия']));
    expect(await page.textContent('#run-diff')).toContain('Пропадут из наличия');
    await page.click('#publish-anyway button');
    // The confirmation box is required: nothing is queued without it.
    expect(
      runtime.store.activity.consoleActions(10).some((a) => a.action === 'publish-anyway'),
    ).toBe(false);
    await page.check('#publish-anyway input[name=confirm]');
    await page.click('#publish-anyway button');
    await expect
      .poll(() => page.textContent('.notice'))
      .toContain('Публикация поставлена в очередь (admin');
    await vi.waitFor(() => expect(runtime.store.lastPublishedFeed()?.id).not.toBe(before), WAIT);
    expect(runtime.store.lastPublishedFeed()?.offers).toBeLessThan(200);
    const [action] = runtime.store.activity
      .consoleActions(10)
      .filter((a) => a.action === 'publish-anyway');
    expect(action).toMatchObject({ who: 'admin', target: `run ${refusedRun}` });
  });

  it('finds a skipped product and why, switches to English, and fits a 390 px phone', async () => {
    await page.goto(`${base}/products`);
    expect(await page.textContent('#skipped')).toMatch(
      /price-on-request|no-price|placeholder-price|missing-brand/,
    );
    await page.click('#switch-language');
    await expect.poll(() => page.textContent('header')).toContain('Overview');
    expect(await page.textContent('h1')).toBe('Products');
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', '/orders', '/runs', '/products', '/settings']) {
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(overflow, path).toBeLessThanOrEqual(390);
      const name = path === '/' ? 'overview' : path.slice(1);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
    }
    expect(await page.content()).not.toContain(alstyle.token);
  });
});
